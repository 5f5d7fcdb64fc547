import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import pg from "pg";
import { chromium, type Browser } from "playwright-core";

/**
 * Starts the real platform for a browser test: the API process (as the README's start command runs
 * it, serving the built admin app and portal) on a free port with demo data, on a throwaway
 * PGlite data folder, or on a throwaway PostgreSQL database when TEST_DATABASE_URL is set. Journeys that need
 * no monitoring data pass `{ indicators: false }` and start in seconds.
 */
export async function startPlatform(opts: { indicators?: boolean } = {}): Promise<{ baseUrl: string; stop(): Promise<void>; output(): string }> {
  const port = await freePort();
  const apiDir = dirname(dirname(createRequire(import.meta.url).resolve("@ecogov/api/app")));
  const dataDir = mkdtempSync(join(tmpdir(), "ecogov-e2e-"));
  const serverUrl = process.env.TEST_DATABASE_URL;
  let dbName: string | null = null;
  const env: Record<string, string> = { ...(process.env as Record<string, string>), PORT: String(port), HOST: "127.0.0.1", SEED_DEMO: "true", SEED_DEMO_INDICATORS: String(opts.indicators ?? true), LOG_LEVEL: "warn", ECOGOV_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  if (serverUrl) {
    dbName = `ecogov_e2e_${Date.now()}_${randomBytes(3).toString("hex")}`;
    await adminQuery(serverUrl, `create database ${dbName}`);
    const u = new URL(serverUrl);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
  }
  let out = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: apiDir, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  // The first start loads the demo monitoring data through the real import (20–50 s on PGlite, more under load).
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited early (${child.exitCode}):\n${out}`);
    try {
      const r = await fetch(`${baseUrl}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`API did not become healthy:\n${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    output: () => out,
    async stop() {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
      if (serverUrl && dbName) await adminQuery(serverUrl, `drop database if exists ${dbName} with (force)`);
    },
  };
}

/** Debian's chromium, driven by playwright-core (never `playwright install`: no network here). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
}

async function adminQuery(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      s.close(() => resolve(typeof addr === "object" && addr ? addr.port : 0));
    });
  });
}
