import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { CamelCasePlugin, Kysely, Migrator, PostgresDialect, type MigrationResultSet } from "kysely";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { migrations } from "../migrations/index";
import { lockDataDir } from "./data-dir";
import { PGliteDialect, PGliteSession } from "./pglite-dialect";
import type { Database } from "./schema";

export type DbKind = "pglite" | "postgres";

/**
 * Raw SQL access for libraries that bring their own schema (pg-boss): `text` may hold several
 * statements when `values` is absent.
 */
export interface RawSql {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

export interface DbHandle {
  kind: DbKind;
  db: Kysely<Database>;
  /** Plain client without CamelCasePlugin, for migrations (which stay snake_case). */
  plain: Kysely<any>;
  raw: RawSql;
  /**
   * Bulk load outside any transaction: `COPY table (columns) FROM STDIN` with `data` as the data, in text format
   * (tab-separated, `\N` = NULL) unless `format` is "binary". It runs on its own connection (PostgreSQL) or queued on
   * the session (PGlite), so it must not be called from inside a unit of work. The caller quotes nothing: `table` and
   * `columns` are trusted names. For staging data: PostgreSQL commits it without waiting for the WAL flush
   * (`synchronous_commit = off`), as the unit of work that later uses it commits synchronously and flushes it too.
   */
  copyIn(table: string, columns: readonly string[], data: string | Uint8Array, format?: CopyFormat): Promise<void>;
  /** Set only for PostgreSQL: the connection string (a second pool, e.g. pg-boss's own, may use it). */
  url: string | null;
  /** PGlite only: a snapshot of the data folder (tests start from it instead of running initdb). */
  dump?: () => Promise<Blob>;
  close(): Promise<void>;
}

export interface DbOptions {
  /** postgres://… switches to a PostgreSQL server; otherwise PGlite is used. */
  url?: string | null;
  /** PGlite data folder; omitted = in memory (tests). */
  dataDir?: string | null;
  /** Snapshot (from `dumpDataDir`) to start an in-memory PGlite from, skipping initdb (tests). */
  loadDataDir?: Blob | File | null;
  /** PostgreSQL only: told when an idle pooled connection fails (it is replaced automatically). */
  onIdleError?: (err: Error) => void;
}

// int8 as number (counts), date as its 'YYYY-MM-DD' text (no time-zone shift), numeric stays string.
const INT8 = 20;
const DATE = 1082;
const pgTypes = {
  getTypeParser(oid: number, format?: any) {
    if (oid === INT8) return (v: string) => Number(v);
    if (oid === DATE) return (v: string) => v;
    return pg.types.getTypeParser(oid, format);
  },
};

/** COPY's data format: PostgreSQL's text format, or its binary one (see `air/copy-binary.ts`). */
export type CopyFormat = "text" | "binary";
const copyStatement = (table: string, columns: readonly string[], source: string, format: CopyFormat = "text") =>
  `copy ${quoteIdent(table)} (${columns.map(quoteIdent).join(", ")}) from ${source}${format === "binary" ? " with (format binary)" : ""}`;
const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Opens the database: PGlite in a data folder (or memory) by default, PostgreSQL when a URL is given. */
export async function createDb(opts: DbOptions = {}): Promise<DbHandle> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: 10, types: pgTypes });
    // An idle client whose server connection dies (restart, failover, a dropped test database) emits
    // 'error' on the pool; without a listener Node would exit. The pool discards that client itself.
    pool.on("error", (err) => opts.onIdleError?.(err));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
    const plain = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
    return {
      kind: "postgres",
      db,
      plain,
      url: opts.url,
      raw: { executeSql: async (text, values) => pool.query(text, values as any[]) },
      copyIn: async (table, columns, data, format) => {
        const client = await pool.connect();
        try {
          await client.query("begin; set local synchronous_commit = off");
          await pipeline(Readable.from([data]), client.query(copyFrom(copyStatement(table, columns, "stdin", format))));
          await client.query("commit");
        } catch (e) {
          await client.query("rollback").catch(() => undefined);
          throw e;
        } finally {
          client.release();
        }
      },
      close: async () => {
        await pool.end();
      },
    };
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const unlock = opts.dataDir ? lockDataDir(opts.dataDir) : () => {};
  const pglite = await PGlite.create({
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    parsers: { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v },
  });
  const session = new PGliteSession(pglite);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(session), plugins: [new CamelCasePlugin()] });
  const plain = new Kysely<any>({ dialect: new PGliteDialect(session) });
  return {
    kind: "pglite",
    db,
    plain,
    url: null,
    // PGlite reads COPY data from a Blob handed over as the virtual file /dev/blob.
    copyIn: (table, columns, data, format) =>
      session.exclusive(async () => {
        await pglite.query(copyStatement(table, columns, "'/dev/blob'", format), [], { blob: new Blob([data]) });
      }),
    dump: () => session.exclusive(async () => (await pglite.dumpDataDir("none")) as Blob),
    raw: {
      executeSql: (text, values) =>
        session.exclusive(async () => {
          if (values && values.length) return pglite.query(text, values as any[]);
          const results = await pglite.exec(text);
          return results.at(-1) ?? { rows: [] };
        }),
    },
    close: async () => {
      await pglite.close();
      unlock();
    },
  };
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(handle: DbHandle): Promise<MigrationResultSet> {
  // Modules are built in parallel, so a migration can be merged with an earlier timestamp than one a
  // developer's database already has; applying it late is safe because each migration has one concern.
  const migrator = new Migrator({ db: handle.plain, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error");
    throw new Error(`Migration ${failed?.migrationName ?? "?"} failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}
