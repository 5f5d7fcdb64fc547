import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, readFileSync } from "node:fs";
import { once } from "node:events";
import { createInterface } from "node:readline";
import pg from "pg";
import { BENCH_FROM, BENCH_TO } from "./data";
import { openRawPGlite } from "./pglite-raw";
import type { TargetSpec } from "./targets";

/** The same columns as the file, no key, no index, no partitions: the ceiling any import can approach. */
const BARE_TABLE = `create table bench_bare_readings (
  station_code text, time timestamptz, so2 numeric, no2 numeric, pm10 numeric, pm2_5 numeric, co numeric, o3 numeric)`;
const STAGE_TABLE = `create temp table bench_stage (
  station_code text, time timestamptz, so2 numeric, no2 numeric, pm10 numeric, pm2_5 numeric, co numeric, o3 numeric) on commit drop`;
// Months of the benchmark year in Asia/Shanghai, plus the month after (its first 00:00 value closes the last day).
const MONTHS = `select ensure_air_readings_partition(m::date)
  from generate_series(date '${BENCH_FROM}', date '${BENCH_TO}' + 1, interval '1 month') m`;
/** The fastest correct load into the real table: bulk COPY into staging, then one set-based upsert. */
const UPSERT = `insert into air_readings (station_id, time, so2, no2, pm10, pm25, co, o3, status)
  select s.id, t.time, t.so2, t.no2, t.pm10, t.pm2_5, t.co, t.o3, 'preliminary'
  from bench_stage t join air_stations s on s.code = t.station_code
  on conflict (station_id, time) do update set so2 = excluded.so2, no2 = excluded.no2, pm10 = excluded.pm10,
    pm25 = excluded.pm25, co = excluded.co, o3 = excluded.o3
  where (air_readings.so2, air_readings.no2, air_readings.pm10, air_readings.pm25, air_readings.co, air_readings.o3)
    is distinct from (excluded.so2, excluded.no2, excluded.pm10, excluded.pm25, excluded.co, excluded.o3)`;

function psql(url: string, commands: string[], singleTransaction = false): number {
  const args = [url, "-X", "-q", "-v", "ON_ERROR_STOP=1", ...(singleTransaction ? ["-1"] : []), ...commands.flatMap((c) => ["-c", c])];
  const started = performance.now();
  const r = spawnSync("psql", args, { encoding: "utf8" });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr || r.error?.message}`);
  return ms;
}

const quoteFile = (file: string) => `'${file.replace(/'/g, "''")}'`;

export interface CopyBaseline {
  /** COPY of the CSV into a bare table. */
  bareMs: number;
  /** COPY into a temp table, then one INSERT … SELECT … ON CONFLICT into air_readings (the table is emptied after). */
  upsertMs: number;
  /** COPY straight into air_readings, station codes already resolved to ids: the real table's own cost. */
  directMs: number;
  /** The same without air_readings' foreign keys (dropped for the measurement, then restored); null if it has none. */
  directNoFkMs: number | null;
  /**
   * The database's share of the import's first-load path, without any JS: binary COPY (ids resolved, as the import
   * sends it) into a table with the readings' columns and no key, then build its primary key in one sort. What the
   * import cannot go below.
   */
  keyedLoad: { copyMs: number; keyMs: number };
}

const KEYED_TABLE = "create table bench_keyed (like air_readings including defaults including constraints)";
const KEYED_COPY_COLUMNS = "bench_keyed (station_id, time, so2, no2, pm10, pm25, co, o3)";
const KEYED_KEY = "alter table bench_keyed add primary key (station_id, time)";
const KEYED_SELECT = "select station_id, time, so2, no2, pm10, pm25, co, o3 from bench_keyed";

/** The readings file with station ids in place of codes and no header, for COPY into air_readings itself. */
async function writeIdsFile(file: string, ids: Map<string, string>): Promise<string> {
  const out = `${file}.ids.csv`;
  const w = createWriteStream(out);
  let first = true;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (first) {
      first = false;
      continue;
    }
    const comma = line.indexOf(",");
    if (!w.write(`${ids.get(line.slice(0, comma))}${line.slice(comma)}\n`)) await once(w, "drain");
  }
  w.end();
  await once(w, "finish");
  return out;
}

const DIRECT_COLUMNS = "air_readings (station_id, time, so2, no2, pm10, pm25, co, o3)";
const FOREIGN_KEYS = `select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
  where conrelid = 'air_readings'::regclass and contype = 'f'`;

/**
 * PostgreSQL: `\copy` through psql is the server's COPY FROM STDIN fed by the client (pg has no COPY stream of its
 * own without pg-copy-streams), so the figure includes psql's ~20 ms start.
 */
async function postgresBaseline(url: string, file: string): Promise<CopyBaseline> {
  const bareMs = await bareCopyMs({ kind: "postgres", url }, file);
  const upsertMs = psql(url, [STAGE_TABLE, `\\copy bench_stage from ${quoteFile(file)} with (format csv, header)`, MONTHS, UPSERT], true);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query("truncate air_readings");
    const ids = new Map((await c.query<{ id: string; code: string }>("select id, code from air_stations")).rows.map((r) => [r.code, r.id]));
    const idsFile = await writeIdsFile(file, ids);
    const copy = `\\copy ${DIRECT_COLUMNS} from ${quoteFile(idsFile)} with (format csv)`;
    const directMs = psql(url, [copy]);
    await c.query("truncate air_readings");
    const fks = (await c.query<{ name: string; def: string }>(FOREIGN_KEYS)).rows;
    let directNoFkMs: number | null = null;
    if (fks.length) {
      for (const fk of fks) await c.query(`alter table air_readings drop constraint ${fk.name}`);
      directNoFkMs = psql(url, [copy]);
      await c.query("truncate air_readings");
      for (const fk of fks) await c.query(`alter table air_readings add constraint ${fk.name} ${fk.def}`);
    }
    // The import sends binary COPY: the same rows are written out in that format (untimed), then loaded and keyed.
    psql(url, [KEYED_TABLE, `\\copy ${KEYED_COPY_COLUMNS} from ${quoteFile(idsFile)} with (format csv)`]);
    const binFile = `${idsFile}.bin`;
    psql(url, [`\\copy (${KEYED_SELECT}) to ${quoteFile(binFile)} with (format binary)`, "drop table bench_keyed", KEYED_TABLE]);
    const keyedCopyMs = psql(url, [`\\copy ${KEYED_COPY_COLUMNS} from ${quoteFile(binFile)} with (format binary)`]);
    const keyMs = psql(url, ["set maintenance_work_mem = '256MB'", KEYED_KEY]);
    psql(url, ["drop table bench_keyed"]);
    return { bareMs, upsertMs, directMs, directNoFkMs, keyedLoad: { copyMs: keyedCopyMs, keyMs } };
  } finally {
    await c.end();
  }
}

/** PGlite: `COPY … FROM '/dev/blob'` with the file handed over as a Blob (read beforehand, not timed). */
async function pgliteBaseline(dataDir: string, file: string): Promise<CopyBaseline> {
  const bareMs = await bareCopyMs({ kind: "pglite", dataDir }, file);
  const blob = new Blob([readFileSync(file)]);
  const db = await openRawPGlite(dataDir);
  try {
    let started = performance.now();
    await db.exec("begin");
    await db.exec(STAGE_TABLE);
    await db.query("copy bench_stage from '/dev/blob' with (format csv, header)", [], { blob });
    await db.exec(MONTHS);
    await db.exec(UPSERT);
    await db.exec("commit");
    const upsertMs = performance.now() - started;
    await db.exec("truncate air_readings");
    const stations = (await db.query("select id, code from air_stations")).rows as { id: string; code: string }[];
    const idsBlob = new Blob([readFileSync(await writeIdsFile(file, new Map(stations.map((r) => [r.code, r.id]))))]);
    const copy = `copy ${DIRECT_COLUMNS} from '/dev/blob' with (format csv)`;
    started = performance.now();
    await db.query(copy, [], { blob: idsBlob });
    const directMs = performance.now() - started;
    await db.exec("truncate air_readings");
    const fks = (await db.query(FOREIGN_KEYS)).rows as { name: string; def: string }[];
    let directNoFkMs: number | null = null;
    if (fks.length) {
      for (const fk of fks) await db.exec(`alter table air_readings drop constraint ${fk.name}`);
      started = performance.now();
      await db.query(copy, [], { blob: idsBlob });
      directNoFkMs = performance.now() - started;
      await db.exec("truncate air_readings");
      for (const fk of fks) await db.exec(`alter table air_readings add constraint ${fk.name} ${fk.def}`);
    }
    await db.exec(KEYED_TABLE);
    await db.query(`copy ${KEYED_COPY_COLUMNS} from '/dev/blob' with (format csv)`, [], { blob: idsBlob });
    const binary = (await db.query(`copy (${KEYED_SELECT}) to '/dev/blob' with (format binary)`)).blob;
    if (!binary) throw new Error("PGlite returned no blob for COPY TO '/dev/blob'");
    await db.exec("drop table bench_keyed");
    await db.exec(KEYED_TABLE);
    started = performance.now();
    await db.query(`copy ${KEYED_COPY_COLUMNS} from '/dev/blob' with (format binary)`, [], { blob: binary });
    const keyedCopyMs = performance.now() - started;
    await db.exec("set maintenance_work_mem = '256MB'");
    started = performance.now();
    await db.exec(KEYED_KEY);
    const keyMs = performance.now() - started;
    await db.exec("drop table bench_keyed");
    return { bareMs, upsertMs, directMs, directNoFkMs, keyedLoad: { copyMs: keyedCopyMs, keyMs } };
  } finally {
    await db.close();
  }
}

/**
 * The bare COPY alone: the CSV into `BARE_TABLE`, created before and dropped after (not timed). PostgreSQL through
 * psql's `\copy`; PGlite from a Blob read beforehand.
 */
export async function bareCopyMs(target: TargetSpec, file: string): Promise<number> {
  if (target.kind === "postgres") {
    psql(target.url!, [BARE_TABLE]);
    const ms = psql(target.url!, [`\\copy bench_bare_readings from ${quoteFile(file)} with (format csv, header)`]);
    psql(target.url!, ["drop table bench_bare_readings"]);
    return ms;
  }
  const blob = new Blob([readFileSync(file)]);
  const db = await openRawPGlite(target.dataDir!);
  try {
    await db.exec(BARE_TABLE);
    const started = performance.now();
    await db.query("copy bench_bare_readings from '/dev/blob' with (format csv, header)", [], { blob });
    const ms = performance.now() - started;
    await db.exec("drop table bench_bare_readings");
    return ms;
  } finally {
    await db.close();
  }
}

export function copyBaseline(target: TargetSpec, file: string): Promise<CopyBaseline> {
  return target.kind === "postgres" ? postgresBaseline(target.url!, file) : pgliteBaseline(target.dataDir!, file);
}
