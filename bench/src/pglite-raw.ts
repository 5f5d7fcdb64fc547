import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

/** The subset of PGlite the COPY baseline needs. */
export interface RawPGlite {
  /** `blob` in the result: what `COPY … TO '/dev/blob'` wrote. */
  query(sql: string, params?: unknown[], options?: { blob?: Blob }): Promise<{ rows: unknown[]; affectedRows?: number; blob?: Blob }>;
  exec(sql: string): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Opens a data folder with PGlite itself, bypassing our Kysely layer, for `COPY … FROM '/dev/blob'`. PGlite is a
 * dependency of @ecogov/db, not of the benchmark, so it is loaded from there: the very same build the app runs.
 */
export async function openRawPGlite(dataDir: string): Promise<RawPGlite> {
  const fromDb = createRequire(import.meta.resolve("@ecogov/db"));
  const cjs = fromDb.resolve("@electric-sql/pglite");
  const esm = cjs.replace(/index\.cjs$/, "index.js");
  const mod = (await import(pathToFileURL(esm).href)) as { PGlite: { create(opts: { dataDir: string }): Promise<RawPGlite> } };
  return mod.PGlite.create({ dataDir });
}

/** The version of the PGlite package @ecogov/db runs. */
export function pgliteVersion(): string {
  const fromDb = createRequire(import.meta.resolve("@ecogov/db"));
  const entry = fromDb.resolve("@electric-sql/pglite");
  const pkg = fromDb(entry.replace(/dist\/index\.cjs$/, "package.json")) as { version: string };
  return pkg.version;
}
