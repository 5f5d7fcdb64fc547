import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ApiDeps } from "@ecogov/api-contract";
import { systemClock } from "@ecogov/domain";
import { describe, expect, it } from "vitest";
import { createApp } from "./app";
import { createLogger } from "@ecogov/jobs";

function builtApp(name: string) {
  const dir = mkdtempSync(join(tmpdir(), `ecogov-${name}-`));
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "index.html"), `<!doctype html><title>${name}</title>`);
  writeFileSync(join(dir, "assets", "app-abc123.js"), `console.log("${name}")`);
  return dir;
}

// Static serving needs no database: these deps are never reached by the paths under test.
const app = createApp({
  deps: {} as ApiDeps,
  clock: systemClock,
  logger: createLogger("silent"),
  staticDirs: { admin: builtApp("admin"), portal: builtApp("portal") },
});

describe("production static serving", () => {
  it("serves the admin app under /admin/ with a history fallback", async () => {
    expect((await app.request("/admin")).status).toBe(302);
    expect(await (await app.request("/admin/")).text()).toContain("<title>admin</title>");
    const deep = await app.request("/admin/users/42");
    expect(await deep.text()).toContain("<title>admin</title>");
    expect(deep.headers.get("cache-control")).toBe("no-cache");
  });

  it("serves the portal at / and fingerprinted assets with a long cache", async () => {
    expect(await (await app.request("/")).text()).toContain("<title>portal</title>");
    expect(await (await app.request("/air/today")).text()).toContain("<title>portal</title>");
    const asset = await app.request("/assets/app-abc123.js");
    expect(await asset.text()).toContain('"portal"');
    expect(asset.headers.get("cache-control")).toContain("immutable");
    const adminAsset = await app.request("/admin/assets/app-abc123.js");
    expect(await adminAsset.text()).toContain('"admin"');
  });

  it("keeps unknown API paths as JSON 404s, not the portal page", async () => {
    const r = await app.request("/api/v2/whatever");
    expect(r.status).toBe(404);
    expect(r.headers.get("content-type")).toContain("application/json");
  });
});

describe("compression", () => {
  it("gzips large responses when the client accepts it", async () => {
    const big = createApp({ deps: {} as ApiDeps, clock: systemClock, logger: createLogger("silent"), staticDirs: null });
    const r = await big.request("/api/docs.js", { headers: { "accept-encoding": "gzip" } });
    expect(r.headers.get("content-encoding")).toBe("gzip");
    const plain = await big.request("/api/docs.js");
    expect(plain.headers.get("content-encoding")).toBeNull();
  });
});
