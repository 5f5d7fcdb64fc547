import type { AirImportRepository, ReadingsMergeResult, SupersededRow } from "@ecogov/domain/air";
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "../schema";

/**
 * Air imports: stations, districts, import batches and the fast path for hourly readings.
 *
 * Why staging + one merge transaction (not one transaction per file): PGlite is ONE session shared with the API's
 * requests, and an open transaction holds it; on PostgreSQL a file-long transaction would hold locks while the file is
 * read. So valid rows are appended by `createAirReadingsStaging` (a bulk COPY per batch, outside any transaction) to
 * per-import tables, one per month, and reach `air_readings` in the one transaction that also records the import
 * batch and its audit event: a failed import leaves no readings behind (only staging, dropped at the end or by the next
 * import).
 *
 * Two ways into `air_readings`, chosen per month in the merge:
 * - A month with no partition yet, or an empty one (a first load: a new deployment's history, the next month's first
 *   file, a reload after a truncate): its staging table was created logged, with the readings' own columns and a CHECK
 *   of the partition's bounds, so it BECOMES the partition — its primary key is built in one sort, its foreign key to
 *   `air_stations` checked in one join, and it is attached (the bounds CHECK spares the attach a scan; the attach
 *   adopts the foreign key). No row is written twice and no key is maintained row by row (measured on PostgreSQL 15
 *   for a year of 100 stations: an INSERT … SELECT into the keyed, foreign-keyed table took 7 s; this path's merge
 *   transaction takes under 0.1 s).
 * - Any other month is upserted into its partition. RETURNING cannot read `xmax` through the partitioned parent, so
 *   each month goes straight into its partition; `xmax = 0` marks inserted rows (a fresh tuple has no locker), and only
 *   rows whose values or status differ are updated (`where … is distinct from …`), so unchanged rows are neither
 *   rewritten nor returned: unchanged = staged − inserted − updated − kept audited.
 *
 * Before the merge, `prepareStaged` readies each month outside the transaction (on its own connection, while the
 * importer stages later months): in-file repeats of a station and hour are rare, and only in months the caller saw one
 * are they looked for (a hash aggregate) and removed, returned as superseded by the highest line; a month that may
 * become a partition gets the keys above, so the merge transaction — which holds locks readers may wait on — only
 * renames and attaches (what it reports per station of such a month, the importer counted as it staged the rows). The
 * `line` column stays until the attach (the upsert's report needs it).
 */
const STALE_IMPORT_HOURS = 6;

export function createAirImportRepository(db: Kysely<Database>): AirImportRepository {
  return {
    listStations: () => db.selectFrom("airStations").select(["id", "code"]).orderBy("code").execute(),
    listDistricts: () => db.selectFrom("districts").select(["id", "code", "name"]).orderBy("code").execute(),

    async startBatch(b) {
      const row = await db
        .insertInto("importBatches")
        .values({ kind: b.kind, fileName: b.fileName, fileSha256: b.fileSha256, actorId: b.actorId, actorName: b.actorName, startedAt: b.startedAt, status: "running" })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async finishBatch(id, r) {
      await db
        .updateTable("importBatches")
        .set({
          status: "succeeded",
          finishedAt: r.finishedAt,
          totalRows: r.total,
          inserted: r.inserted,
          updated: r.updated,
          unchanged: r.unchanged,
          rejected: r.rejected,
          rejectedRows: JSON.stringify(r.rejectedRows),
          summary: JSON.stringify(r.summary),
        })
        .where("id", "=", id)
        .execute();
    },

    async failBatch(id, error, at) {
      await db.updateTable("importBatches").set({ status: "failed", finishedAt: at, error }).where("id", "=", id).execute();
    },

    async createStaging(batchId) {
      // An import still "running" after STALE_IMPORT_HOURS died with its process (a year of readings merges in
      // minutes); it is marked failed so its staging, like any other left behind, is dropped here.
      await db
        .updateTable("importBatches")
        .set({ status: "failed", finishedAt: sql<Date>`now()`, error: "interrupted: the importing process ended before finishing" })
        .where("status", "=", "running")
        .where("startedAt", "<", sql<Date>`now() - make_interval(hours => ${STALE_IMPORT_HOURS})`)
        .execute();
      const leftovers = await sql<{ name: string }>`
        select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind = 'r' and c.relname like 'air_import_staging_%'`.execute(db);
      const running = (await db.selectFrom("importBatches").select("id").where("status", "=", "running").execute()).map((b) => stagingPrefix(b.id));
      for (const { name } of leftovers.rows) if (!running.some((p) => name.startsWith(p))) await sql`drop table if exists ${sql.table(name)}`.execute(db);
    },

    async prepareStaged(batchId, month, { checkDuplicates }) {
      const name = stagingName(batchId, month);
      const persistence = (await sql<{ p: string }>`select relpersistence as p from pg_class where oid = to_regclass(${name})`.execute(db)).rows[0]?.p;
      if (!persistence) return { superseded: [], attachable: false };
      const stg = sql.table(name);
      // Staging need not be durable on its own: the merge commits synchronously and so flushes this work too.
      await sql`set local synchronous_commit = off`.execute(db);
      const superseded = checkDuplicates ? await removeRepeats(db, stg) : [];
      if (persistence !== "p") return { superseded, attachable: false };
      // What an attach needs, done here (while other months are read) rather than in the merge transaction: a key built
      // in one sort, in memory (a month of 100 stations is ~73k rows), named after the staging table (unique to this
      // import) and renamed when it becomes the partition; the foreign key to the stations, checked in one join (the
      // attach then adopts it as the partition's own).
      await sql`set local maintenance_work_mem = '256MB'`.execute(db);
      await sql`alter table ${stg} add constraint ${sql.id(`${name}_pkey`)} primary key (station_id, time)`.execute(db);
      for (const c of await foreignKeys(db)) await sql`alter table ${stg} add constraint ${sql.id(c.name)} ${sql.raw(c.def)}`.execute(db);
      // Statistics of the key columns, which the partition keeps: without them the planner takes a month's range read
      // for a few hundred rows and sorts its ~73k rows on disk to group them by station (the recomputation's read).
      // A sample of 3,000 rows (target 10, not the default 100's 30,000) finds the ~100 stations of a month as surely
      // and costs a fifth (4 vs 20 ms a month on PostgreSQL 15), on the connection the import's COPY competes with.
      await sql`set local default_statistics_target = 10`.execute(db);
      await sql`analyze ${stg} (station_id, time)`.execute(db);
      return { superseded, attachable: true };
    },

    async reopenStaged(batchId, month) {
      const name = stagingName(batchId, month);
      if (!(await sql<{ t: string | null }>`select to_regclass(${name})::text as t`.execute(db)).rows[0]?.t) return;
      const stg = sql.table(name);
      for (const c of await foreignKeys(db)) await sql`alter table ${stg} drop constraint if exists ${sql.id(c.name)}`.execute(db);
      await sql`alter table ${stg} drop constraint if exists ${sql.id(`${name}_pkey`)}`.execute(db);
    },

    async mergeStaged(batchId, { at, months, prepared }): Promise<ReadingsMergeResult> {
      const keptAudited: ReadingsMergeResult["keptAudited"] = [];
      const changed: ChangedRange[] = [];
      let staged = 0;
      let inserted = 0;
      let updated = 0;
      // Sorting a month's rows in key order makes index inserts sequential (about 30% faster on PostgreSQL 15).
      await sql`set local work_mem = '64MB'`.execute(db);
      // Serialises partition creation with other imports and `ensure_air_readings_partition` (readers are not blocked).
      await sql`lock table air_readings in share update exclusive mode`.execute(db);
      for (const month of months) {
        const name = stagingName(batchId, month);
        const persistence = (await sql<{ p: string }>`select relpersistence as p from pg_class where oid = to_regclass(${name})`.execute(db)).rows[0]?.p;
        if (!persistence) continue;
        const stg = sql.table(name);
        const bounds = await monthBounds(db, month);
        const counted = prepared.get(month)?.stations;
        if (counted && persistence === "p" && (await canAttach(db, month, bounds))) {
          const part = partitionName(month);
          // `line` was for this import's report; the default import_id (this batch, so COPY need not send it) would
          // stamp a later direct insert into the partition with this import.
          await sql`alter table ${stg} drop column line, alter column import_id drop default`.execute(db);
          await sql`alter table ${stg} rename constraint ${sql.id(`${name}_pkey`)} to ${sql.id(`${part}_pkey`)}`.execute(db);
          await sql`alter table ${stg} rename to ${sql.id(part)}`.execute(db);
          // Its bounds constraint (see the staging) spares the attach a scan of the month; the partition's own
          // constraint says the same, so it goes.
          await sql`alter table air_readings attach partition ${sql.table(part)} for values from (${sql.lit(bounds.from)}) to (${sql.lit(bounds.to)})`.execute(db);
          await sql`alter table ${sql.table(part)} drop constraint if exists ${sql.id(boundsConstraint(name))}`.execute(db);
          for (const c of counted) {
            staged += c.rows;
            inserted += c.rows;
            changed.push({ stationId: c.stationId, first: new Date(c.first), last: new Date(c.last) });
          }
          continue;
        }
        await sql`select ensure_air_readings_partition(${month}::date)`.execute(db);
        const part = sql.table(partitionName(month));
        staged += Number((await sql<{ n: number }>`select count(*) as n from ${stg}`.execute(db)).rows[0]?.n ?? 0);
        // Preliminary rows over differing audited ones are reported, and looked for only when audited rows exist.
        if ((await sql`select 1 from ${part} where status = 'audited' limit 1`.execute(db)).rows.length) {
          const kept = await sql<{ line: number; stationId: string; time: Date; values: string }>`
            select s.line, s.station_id, s.time, ${valuesText("s")} as values
            from ${stg} s join ${part} r on r.station_id = s.station_id and r.time = s.time
            where s.status = 'preliminary' and r.status = 'audited' and ${differs("r", "s")}`.execute(db);
          for (const k of kept.rows) keptAudited.push({ line: k.line, stationId: k.stationId, timeUtc: new Date(k.time).toISOString(), valuesText: k.values });
        }
        const res = await sql<ChangedRange & { inserted: number; updated: number }>`
          with up as (
            insert into ${part} as r (station_id, time, so2, no2, pm10, pm25, co, o3, status, import_id, updated_at)
            select station_id, time, so2, no2, pm10, pm25, co, o3, status, ${batchId}::uuid, ${at}::timestamptz
            from ${stg}
            order by station_id, time
            on conflict (station_id, time) do update set
              so2 = excluded.so2, no2 = excluded.no2, pm10 = excluded.pm10, pm25 = excluded.pm25, co = excluded.co, o3 = excluded.o3,
              status = excluded.status, import_id = excluded.import_id, updated_at = excluded.updated_at
            where (${differs("r", "excluded")} or r.status is distinct from excluded.status)
              and not (r.status = 'audited' and excluded.status = 'preliminary')
            returning r.station_id, r.time, (r.xmax = 0) as inserted
          )
          select station_id, count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated,
            min(time) as first, max(time) as last
          from up group by station_id`.execute(db);
        for (const r of res.rows) {
          inserted += Number(r.inserted);
          updated += Number(r.updated);
          changed.push(r);
        }
      }
      const byStation = new Map<string, { first: Date; last: Date }>();
      for (const c of changed) {
        const seen = byStation.get(c.stationId);
        const first = new Date(c.first);
        const last = new Date(c.last);
        byStation.set(c.stationId, seen ? { first: first < seen.first ? first : seen.first, last: last > seen.last ? last : seen.last } : { first, last });
      }
      return {
        inserted,
        updated,
        unchanged: staged - inserted - updated - keptAudited.length,
        keptAudited: keptAudited.sort((a, b) => a.line - b.line),
        changed: [...byStation].sort(([a], [b]) => (a < b ? -1 : 1)).map(([stationId, c]) => ({ stationId, first: c.first.toISOString(), last: c.last.toISOString() })),
      };
    },

    async dropStaging(batchId) {
      const tables = await sql<{ name: string }>`
        select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind = 'r' and c.relname like ${stagingPrefix(batchId) + "%"}`.execute(db);
      for (const { name } of tables.rows) await sql`drop table if exists ${sql.table(name)}`.execute(db);
    },

    async createDistricts(districts) {
      if (!districts.length) return [];
      return db
        .insertInto("districts")
        .values(districts.map((d) => ({ code: d.code, name: d.name, nameEn: d.nameEn })))
        .returning(["id", "code"])
        .execute();
    },

    async upsertStations(stations) {
      if (!stations.length) return { inserted: [], updated: [], unchanged: 0 };
      const rows = await db
        .insertInto("airStations")
        .values(stations.map((s) => ({ code: s.code, name: s.name, districtId: s.districtId, lat: s.lat, lon: s.lon })))
        .onConflict((oc) =>
          oc
            .column("code")
            .doUpdateSet((eb) => ({
              name: eb.ref("excluded.name"),
              districtId: eb.ref("excluded.districtId"),
              lat: eb.ref("excluded.lat"),
              lon: eb.ref("excluded.lon"),
              updatedAt: sql`now()`,
            }))
            .where(sql<boolean>`(air_stations.name, air_stations.district_id, air_stations.lat, air_stations.lon) is distinct from (excluded.name, excluded.district_id, excluded.lat, excluded.lon)`),
        )
        .returning(["id", sql<boolean>`(xmax = 0)`.as("isNew")])
        .execute();
      const inserted = rows.filter((r) => r.isNew).map((r) => r.id);
      const updated = rows.filter((r) => !r.isNew).map((r) => r.id);
      return { inserted, updated, unchanged: stations.length - rows.length };
    },
  };
}

interface ChangedRange {
  stationId: string;
  first: Date;
  last: Date;
}

const differs = (a: string, b: string) =>
  sql.raw(`(${a}.so2, ${a}.no2, ${a}.pm10, ${a}.pm25, ${a}.co, ${a}.o3) is distinct from (${b}.so2, ${b}.no2, ${b}.pm10, ${b}.pm25, ${b}.co, ${b}.o3)`);
/** A staged row's values as `so2,no2,pm10,pm2_5,co,o3,status` text (for the rejected-rows report). */
const valuesText = (a: string) => sql.raw(`array_to_string(array[${a}.so2, ${a}.no2, ${a}.pm10, ${a}.pm25, ${a}.co, ${a}.o3], ',', '') || ',' || ${a}.status`);

/** `air_readings`' foreign keys (a partition has the same, under the same names). */
async function foreignKeys(db: Kysely<Database>): Promise<{ name: string; def: string }[]> {
  const r = await sql<{ name: string; def: string }>`
    select conname as name, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'air_readings'::regclass and contype = 'f'`.execute(db);
  return r.rows;
}

/** Removes all but the highest line of each repeated (station, hour) from a staging table and returns the removed. */
async function removeRepeats(db: Kysely<Database>, stg: RawBuilder<unknown>): Promise<SupersededRow[]> {
  const dups = await sql<{ line: number; winner: number; stationId: string; time: Date; values: string }>`
    with keys as (select station_id, time from ${stg} group by station_id, time having count(*) > 1),
    ranked as (
      select s.ctid as id, s.line, s.station_id, s.time, ${valuesText("s")} as values,
        max(s.line) over (partition by s.station_id, s.time) as winner
      from ${stg} s join keys k on k.station_id = s.station_id and k.time = s.time
    )
    delete from ${stg} t using ranked r where t.ctid = r.id and r.line <> r.winner
    returning r.line, r.winner, r.station_id, r.time, r.values`.execute(db);
  return dups.rows.map((d) => ({ line: d.line, supersededBy: d.winner, stationId: d.stationId, timeUtc: new Date(d.time).toISOString(), valuesText: d.values }));
}

/** The CHECK constraint a staging table that may become its month's partition carries: the partition's bounds. */
export const boundsConstraint = (stagingTable: string) => `${stagingTable}_bounds`;

/** A month's partition bounds as `ensure_air_readings_partition` sets them: (month start, next month start] + 1 µs. */
export async function monthBounds(db: Kysely<Database>, month: string): Promise<{ from: string; to: string }> {
  const r = await sql<{ from: string; to: string }>`
    select ((${month}::date)::timestamp at time zone 'Asia/Shanghai' + interval '1 microsecond')::text as from,
      (((${month}::date + interval '1 month')::timestamp at time zone 'Asia/Shanghai') + interval '1 microsecond')::text as to`.execute(db);
  return r.rows[0]!;
}

/**
 * Whether a month's staging may become its partition: there is no partition yet, or only an empty one (left by a
 * truncate, or created for a load that failed), and the default partition holds none of the month's rows. An empty
 * partition is dropped here, under an ACCESS EXCLUSIVE lock on `air_readings` taken before the partition's own, so
 * readers wait for the merge's commit (well under a second for a year) instead of deadlocking with it.
 */
async function canAttach(db: Kysely<Database>, month: string, bounds: { from: string; to: string }): Promise<boolean> {
  const part = partitionName(month);
  const state = async () =>
    (
      await sql<{ part: string | null; stray: boolean }>`
        select to_regclass(${part})::text as part,
          exists (select 1 from air_readings_default where time >= ${bounds.from}::timestamptz and time < ${bounds.to}::timestamptz) as stray`.execute(db)
    ).rows[0]!;
  const s = await state();
  if (s.stray) return false;
  if (!s.part) return true;
  if (!(await isEmpty(db, part))) return false;
  await sql`lock table air_readings in access exclusive mode`.execute(db);
  if (!(await isEmpty(db, part))) return false;
  await sql`drop table ${sql.table(part)}`.execute(db);
  return true;
}

export async function isEmpty(db: Kysely<Database>, table: string): Promise<boolean> {
  return (await sql`select 1 from ${sql.table(table)} limit 1`.execute(db)).rows.length === 0;
}

/** Staging tables of one import start with this prefix, one per month: `air_import_staging_<batch hex>_<yyyymm>`. */
function stagingPrefix(batchId: string): string {
  const hex = batchId.replace(/-/g, "").toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`Not an import batch id: ${batchId}`);
  return `air_import_staging_${hex}_`;
}

export function stagingName(batchId: string, month: string): string {
  return stagingPrefix(batchId) + partitionName(month).slice("air_readings_".length);
}

/** The partition `ensure_air_readings_partition` creates for a month ('YYYY-MM-01'). */
export function partitionName(month: string): string {
  const m = /^(\d{4})-(\d{2})-01$/.exec(month);
  if (!m) throw new Error(`Not a month start: ${month}`);
  return `air_readings_${m[1]}${m[2]}`;
}

