import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { migrations } from "../migrations/index";
import { createDb, migrateToLatest, type DbHandle } from "./client";

/**
 * A fresh, fully migrated database for one test file: PostgreSQL when TEST_DATABASE_URL is set (a
 * throwaway database, dropped on close), else an in-memory PGlite started from a migrated snapshot
 * cached in the temp folder (initdb + migrations take seconds; loading the snapshot ~0.4 s).
 */
export async function createTestDb(): Promise<DbHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) return createServerTestDb(serverUrl);

  // Keyed by each migration's name and code, so an edited migration never reuses a stale snapshot.
  const source = Object.entries(migrations).map(([name, m]) => `${name}:${m.up.toString()}:${m.down?.toString()}`);
  const key = createHash("sha256").update(source.join("\n")).digest("hex").slice(0, 12);
  const snapshot = join(tmpdir(), `ecogov-pglite-${key}.tar.gz`);
  if (existsSync(snapshot)) {
    const blob = new Blob([readFileSync(snapshot)]);
    return createDb({ loadDataDir: blob });
  }
  const handle = await createDb();
  await migrateToLatest(handle);
  const dump = await dumpPglite(handle);
  if (dump) {
    const tmp = `${snapshot}.${randomBytes(4).toString("hex")}`;
    writeFileSync(tmp, dump);
    renameSync(tmp, snapshot);
  }
  return handle;
}

async function dumpPglite(handle: DbHandle): Promise<Buffer | null> {
  if (!handle.dump) return null;
  return Buffer.from(await (await handle.dump()).arrayBuffer());
}

async function createServerTestDb(serverUrl: string): Promise<DbHandle> {
  const name = `ecogov_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await createDb({ url: url.toString() });
  await migrateToLatest(handle);
  const close = handle.close;
  return {
    ...handle,
    close: async () => {
      await close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
