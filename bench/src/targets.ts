import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, migrateToLatest, seedDemo, scryptHasher, type DbHandle } from "@ecogov/db";
import pg from "pg";

/** Where a benchmark database lives: a throwaway PostgreSQL database, or a PGlite data folder in a temp dir. */
export interface TargetSpec {
  kind: "postgres" | "pglite";
  /** PostgreSQL: the throwaway database's URL. */
  url?: string;
  /** PGlite: the data folder. */
  dataDir?: string;
}

export function openTarget(spec: TargetSpec): Promise<DbHandle> {
  return spec.kind === "postgres" ? createDb({ url: spec.url! }) : createDb({ dataDir: spec.dataDir! });
}

/** Creates an empty, migrated database with the demo city's districts (stations are imported by the benchmark). */
export async function createTarget(kind: TargetSpec["kind"], opts: { serverUrl: string; label: string }): Promise<TargetSpec & { drop(): Promise<void> }> {
  let spec: TargetSpec;
  let drop: () => Promise<void>;
  if (kind === "postgres") {
    const name = `ecogov_bench_${opts.label}_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: opts.serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(opts.serverUrl);
    url.pathname = `/${name}`;
    spec = { kind, url: url.toString() };
    drop = async () => {
      const c = new pg.Client({ connectionString: opts.serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), `ecogov-bench-${opts.label}-`));
    spec = { kind, dataDir };
    drop = async () => rmSync(dataDir, { recursive: true, force: true });
  }
  const h = await openTarget(spec);
  try {
    await migrateToLatest(h);
    await seedDemo(h.db, { passwords: scryptHasher });
  } finally {
    await h.close();
  }
  return { ...spec, drop };
}
