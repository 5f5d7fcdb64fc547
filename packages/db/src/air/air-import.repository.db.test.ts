import { fixedClock } from "@ecogov/domain";
import { importAirReadings, importAirStations, type AirImportSummary, type RawImportRow, type RejectedRow } from "@ecogov/domain/air";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { createAirReadingsStaging } from "./air-readings-staging";
import { createRepositories, createUnitOfWork } from "../repositories";
import { seedDemo } from "../seed";
import { scryptHasher } from "../security";
import { createTestDb } from "../testing";

let h: DbHandle;
const clock = fixedClock("2026-04-01T08:00:00Z");
const deps = () => ({ uow: createUnitOfWork(h.db), clock, staging: createAirReadingsStaging(h) });

beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db, { passwords: scryptHasher });
});
afterAll(async () => {
  await h?.close();
});

/** Rows as a CSV reader yields them: header on line 1, data from line 2. */
function csvRows(text: string): RawImportRow[] {
  const [head, ...lines] = text.trim().split("\n");
  const names = head!.split(",");
  return lines.map((l, i) => ({ line: i + 2, values: Object.fromEntries(names.map((n, j) => [n, l.split(",")[j] ?? ""])) }));
}

async function readings(text: string, opts: { name?: string; batchSize?: number; onRejected?: (r: RejectedRow) => void } = {}): Promise<AirImportSummary> {
  return importAirReadings(deps(), { rows: csvRows(text), file: { name: opts.name ?? "readings.csv", sha256: "x" }, actor: null, batchSize: opts.batchSize ?? 3, ...(opts.onRejected ? { onRejected: opts.onRejected } : {}) });
}

const STATIONS = `station_code,name,district_code,district_name,lat,lon
QY0101,城关,QY01,青山区,29.10,119.60
QY0201,东湖,QY02,,29.20,119.70
QY9901,新区一号,QY99,新区,,
QY9902,新区二号,QY99,新区,29.3,119.8
BAD 1,坏站,QY01,,,
QY0102,无名区站,QY98,,,
QY0201,东湖（更正）,QY02,,29.21,119.70`;

const H = "station_code,time,so2,no2,pm10,pm2_5,co,o3";

describe("importAirStations", () => {
  it("creates missing districts, inserts stations and reports bad and duplicate rows", async () => {
    const s = await importAirStations(deps(), { rows: csvRows(STATIONS), file: { name: "stations.csv", sha256: "s" }, actor: null });
    expect(s).toMatchObject({ kind: "air.stations", total: 7, inserted: 4, updated: 0, unchanged: 0, rejected: 3, duplicates: 1 });
    expect(s.createdDistricts).toEqual([{ code: "QY99", name: "新区" }]);
    expect(s.rejectedRows.map((r) => [r.line, r.field])).toEqual([
      [3, "station_code"],
      [6, "station_code"],
      [7, "district_name"],
    ]);
    const d = await h.db.selectFrom("districts").select(["name", "nameEn"]).where("code", "=", "QY99").executeTakeFirstOrThrow();
    expect(d).toEqual({ name: "新区", nameEn: "新区" });
    const east = await h.db.selectFrom("airStations").select(["name", "lat"]).where("code", "=", "QY0201").executeTakeFirstOrThrow();
    expect(east).toEqual({ name: "东湖（更正）", lat: 29.21 });
  });

  it("is idempotent and counts a corrected station as an update", async () => {
    const again = await importAirStations(deps(), { rows: csvRows(STATIONS), file: { name: "stations.csv", sha256: "s" }, actor: null });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 4, createdDistricts: [] });
    const fixed = await importAirStations(deps(), { rows: csvRows(STATIONS.replace("城关,QY01", "城关站,QY01")), file: { name: "stations.csv", sha256: "t" }, actor: null });
    expect(fixed).toMatchObject({ inserted: 0, updated: 1, unchanged: 3 });
  });
});

describe("importAirReadings", () => {
  // A day with 19 hours (QY0101 misses 5), a gap, a duplicate, bad rows of every kind, and the 00:00 value of the next day.
  const hours = Array.from({ length: 19 }, (_, i) => `QY0101,2026-03-01T${String(i + 1).padStart(2, "0")}:00+08:00,8,35,60,41.5,0.8,52`);
  const FILE = [
    H,
    ...hours,
    "QY0101,2026-03-02T00:00+08:00,9,36,61,42,0.9,40",
    "QY0201,2026-03-01T01:00+08:00,5,20,,30,0.5,",
    "QY0201,2026-03-01T01:00+08:00,6,21,50,31,0.6,60",
    "QY0201,2026-03-01T02:30+08:00,5,20,40,30,0.5,60",
    "QY0201,2026-03-01T03:00+08:00,-5,20,40,30,0.5,60",
    "QY0201,2026-03-01T04:00+08:00,5,n/a,40,30,0.5,60",
    "QY7777,2026-03-01T01:00+08:00,5,20,40,30,0.5,60",
    "QY0201,2026-03-01T05:00+08:00,,,,,,",
    "QY0201,2026-02-28T17:00Z,7,22,45,33,0.7,61",
  ].join("\n");

  let first: AirImportSummary;
  it("imports good rows and reports every bad one with its line and a reason in both languages", async () => {
    const streamed: RejectedRow[] = [];
    first = await readings(FILE, { onRejected: (r) => streamed.push(r) });
    expect(first).toMatchObject({ total: 28, inserted: 21, updated: 0, unchanged: 0, rejected: 7, duplicates: 2 });
    expect(first.rejectedRows.map((r) => [r.line, r.field])).toEqual([
      [22, null],
      [23, null],
      [24, "time"],
      [25, "so2"],
      [26, "no2"],
      [27, "station_code"],
      [28, null],
    ]);
    expect(streamed).toHaveLength(7);
    // Lines 22, 23 and 29 are the same hour (29 written in UTC); the last one wins over both.
    const [dup, dup2] = first.rejectedRows;
    expect(dup!.reason).toEqual({ zh: "同一站点同一小时的数据重复，以后面的第 29 行为准", en: "Duplicate station and hour; line 29 further down replaces it" });
    expect(dup!.raw).toBe("QY0201,2026-03-01T01:00+08:00,5,20,,30,0.5,,preliminary");
    expect(dup2!.reason.en).toContain("line 29");
    expect(dup2!.raw).toBe("QY0201,2026-03-01T01:00+08:00,6,21,50,31,0.6,60,preliminary");
    expect(first.rejectedRows[3]!.reason.zh).toContain("负值");
    expect(first.affected.from).toBe("2026-03-01");
    expect(first.affected.to).toBe("2026-03-01");
    expect(first.affected.stationIds).toHaveLength(2);
    const stored = await sql<{ pm25: string; so2: string }>`
      select r.pm25, r.so2 from air_readings r join air_stations s on s.id = r.station_id
      where s.code = 'QY0201' and r.time = '2026-03-01T01:00+08:00'`.execute(h.db);
    expect(stored.rows).toEqual([{ pm25: "33", so2: "7" }]);
    const part = await sql<{ part: string; n: number }>`select tableoid::regclass::text as part, count(*)::int as n from air_readings group by 1`.execute(h.db);
    expect(part.rows).toEqual([{ part: "air_readings_202603", n: 21 }]);
  });

  it("records the batch and one audit event, and drops its staging table", async () => {
    const b = await h.db.selectFrom("importBatches").selectAll().where("id", "=", first.batchId).executeTakeFirstOrThrow();
    expect(b).toMatchObject({ status: "succeeded", kind: "air.readings", totalRows: 28, inserted: 21, rejected: 7 });
    expect(b.rejectedRows).toHaveLength(7);
    const audit = await createRepositories(h.db).audit.query({ entityId: first.batchId, limit: 10, offset: 0 });
    expect(audit.items.map((a) => a.action)).toEqual(["air.readings.import"]);
    const left = await sql`select relname from pg_class where relname like 'air_import_staging_%'`.execute(h.db);
    expect(left.rows).toEqual([]);
  });

  it("marks an import that died hours ago as failed and drops its staging on the next import", async () => {
    const dead = await h.db
      .insertInto("importBatches")
      .values({ kind: "air.readings", fileName: "dead.csv", fileSha256: "x", actorName: "t", startedAt: new Date(Date.now() - 7 * 3_600_000), status: "running" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const staging = `air_import_staging_${dead.id.replace(/-/g, "")}_202603`;
    await sql`create unlogged table ${sql.table(staging)} (x text)`.execute(h.db);
    await readings(`${H}\nQY0101,2026-03-05T01:00+08:00,1,1,1,1,0.1,1`, { name: "next.csv" });
    const b = await h.db.selectFrom("importBatches").select(["status", "error"]).where("id", "=", dead.id).executeTakeFirstOrThrow();
    expect(b).toMatchObject({ status: "failed", error: expect.stringContaining("interrupted") });
    expect((await sql`select to_regclass(${staging})::text as t`.execute(h.db)).rows[0]).toEqual({ t: null });
  });

  it("changes nothing when the same file is imported again", async () => {
    const again = await readings(FILE);
    expect(again).toMatchObject({ total: 28, inserted: 0, updated: 0, unchanged: 21, rejected: 7, affected: { stationIds: [], from: null, to: null } });
  });

  it("counts a corrected value as an update and names the affected day", async () => {
    const fixed = await readings([H, "QY0101,2026-03-02T00:00+08:00,9,36,61,42.0,0.9,41"].join("\n"));
    expect(fixed).toMatchObject({ inserted: 0, updated: 1, unchanged: 0, affected: { from: "2026-03-01", to: "2026-03-01" } });
    // 42.0 equals 42: only o3 changed, numeric comparison, no float.
    const same = await readings([H, "QY0101,2026-03-02T00:00+08:00,9,36,61,42.00,0.90,41"].join("\n"));
    expect(same).toMatchObject({ updated: 0, unchanged: 1 });
  });

  it("lets audited data replace preliminary data, never the other way round", async () => {
    const audited = await readings([`${H},status`, "QY0101,2026-03-01T01:00+08:00,8,35,60,41.5,0.8,52,audited", "QY0101,2026-03-01T02:00+08:00,10,35,60,41.5,0.8,52,audited"].join("\n"));
    expect(audited).toMatchObject({ inserted: 0, updated: 2 });
    const prelim = await readings([`${H},status`, "QY0101,2026-03-01T01:00+08:00,8,35,60,41.5,0.8,52,", "QY0101,2026-03-01T02:00+08:00,99,35,60,41.5,0.8,52,preliminary"].join("\n"));
    expect(prelim).toMatchObject({ inserted: 0, updated: 0, unchanged: 1, rejected: 1, keptAudited: 1 });
    expect(prelim.rejectedRows[0]).toMatchObject({ line: 3, field: "status" });
    expect(prelim.rejectedRows[0]!.reason.zh).toContain("审核");
    const row = await sql<{ so2: string; status: string }>`
      select r.so2, r.status from air_readings r join air_stations s on s.id = r.station_id where s.code = 'QY0101' and r.time = '2026-03-01T02:00+08:00'`.execute(h.db);
    expect(row.rows).toEqual([{ so2: "10", status: "audited" }]);
  });

  it("writes nothing and records the batch as failed when reading the file fails midway", async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from air_readings`.execute(h.db);
    async function* broken(): AsyncGenerator<RawImportRow> {
      yield* csvRows([H, "QY0101,2026-03-05T01:00+08:00,1,1,1,1,1,1", "QY0101,2026-03-05T02:00+08:00,1,1,1,1,1,1", "QY0101,2026-03-05T03:00+08:00,1,1,1,1,1,1", "QY0101,2026-03-05T04:00+08:00,1,1,1,1,1,1"].join("\n"));
      throw Object.assign(new Error("unclosed quote"), { text: { zh: "无法读取", en: "Cannot read" } });
    }
    await expect(importAirReadings(deps(), { rows: broken(), file: { name: "broken.csv", sha256: "b" }, actor: null, batchSize: 2 })).rejects.toThrow("unclosed quote");
    const after = await sql<{ n: number }>`select count(*)::int as n from air_readings`.execute(h.db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    const b = await h.db.selectFrom("importBatches").select(["status", "error"]).where("fileName", "=", "broken.csv").executeTakeFirstOrThrow();
    expect(b).toEqual({ status: "failed", error: "无法读取 / Cannot read" });
    const left = await sql`select relname from pg_class where relname like 'air_import_staging_%'`.execute(h.db);
    expect(left.rows).toEqual([]);
  });

  it("puts rows spanning months into their month partitions", async () => {
    const s = await readings([H, "QY9901,2026-04-01T00:00+08:00,1,2,3,4,0.1,5", "QY9901,2026-04-01T01:00+08:00,1,2,3,4,0.1,5"].join("\n"));
    expect(s).toMatchObject({ inserted: 2, affected: { from: "2026-03-31", to: "2026-04-01" } });
    const parts = await sql<{ part: string }>`
      select r.tableoid::regclass::text as part from air_readings r join air_stations s on s.id = r.station_id where s.code = 'QY9901' order by time`.execute(h.db);
    expect(parts.rows.map((p) => p.part)).toEqual(["air_readings_202603", "air_readings_202604"]);
  });

  describe("a month's first load becomes its partition", () => {
    const june = (values: string, hours = 3) =>
      [H, ...Array.from({ length: hours }, (_, i) => `QY0101,2026-06-0${i + 2}T01:00+08:00,${values}`)].join("\n");
    const catalog = async (part: string) =>
      (
        await sql<{ persistence: string; attached: boolean; keys: string[]; columns: string[]; analyzed: string[]; defaults: string[] }>`
          select c.relpersistence as persistence,
            array(select a.attname::text from pg_attrdef d join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
                  where d.adrelid = c.oid order by a.attname) as defaults,
            array(select attname::text from pg_stats where schemaname = current_schema() and tablename = c.relname order by attname) as analyzed,
            exists (select 1 from pg_inherits i where i.inhrelid = c.oid and i.inhparent = 'air_readings'::regclass) as attached,
            array(select contype::text || ':' || conname from pg_constraint where conrelid = c.oid and contype in ('p', 'f') order by contype) as keys,
            array(select attname::text from pg_attribute where attrelid = c.oid and attnum > 0 and not attisdropped order by attname) as columns
          from pg_class c where c.relname = ${part}`.execute(h.db)
      ).rows[0];

    it("is attached with the readings' key and foreign key, logged, with statistics of its key, without the staging line column", async () => {
      const s = await readings(june("1,2,3,4,0.1,5"));
      expect(s).toMatchObject({ total: 3, inserted: 3, updated: 0, unchanged: 0, affected: { from: "2026-06-02", to: "2026-06-04" } });
      const c = await catalog("air_readings_202606");
      expect(c).toMatchObject({ persistence: "p", attached: true });
      expect(c!.keys).toEqual(expect.arrayContaining([expect.stringMatching(/^f:/), "p:air_readings_202606_pkey"]));
      expect(c!.columns).toEqual(["co", "import_id", "no2", "o3", "pm10", "pm25", "so2", "station_id", "status", "time", "updated_at"]);
      // A fresh partition has no statistics (and PGlite no autovacuum): the recomputation's month read was planned as
      // a few hundred rows and sorted on disk.
      expect(c!.analyzed).toEqual(["station_id", "time"]);
      // The staging's default import_id (its batch, so COPY need not send it) does not outlive the import.
      expect(c!.defaults).toEqual(["status", "updated_at"]);
      const batch = await h.db.selectFrom("importBatches").select("id").orderBy("startedAt", "desc").orderBy("id").where("fileName", "=", "readings.csv").execute();
      const importIds = await sql<{ importId: string }>`select distinct import_id from air_readings_202606`.execute(h.db);
      expect(batch.map((b) => b.id)).toContain(importIds.rows[0]!.importId);
      const station = await h.db.selectFrom("airStations").select("id").where("code", "=", "QY0101").executeTakeFirstOrThrow();
      await expect(h.db.insertInto("airReadings").values({ stationId: station.id, time: new Date("2026-06-02T01:00:00+08:00"), pm25: "9" }).execute()).rejects.toThrow();
    });

    it("takes later loads of the month through the upsert", async () => {
      expect(await readings(june("1,2,3,4,0.1,5"))).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
      expect(await readings(june("1,2,3,4,0.1,5", 4))).toMatchObject({ inserted: 1, updated: 0, unchanged: 3 });
      expect(await readings(june("1,2,3,9,0.1,5", 1))).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    });

    it("removes repeats before the key is built and reports them", async () => {
      const s = await readings([H, "QY0101,2026-07-02T01:00+08:00,1,2,3,4,0.1,5", "QY0101,2026-07-02T02:00+08:00,1,2,3,4,0.1,5", "QY0101,2026-07-02T01:00+08:00,1,2,3,7,0.1,5"].join("\n"), { batchSize: 1 });
      expect(s).toMatchObject({ total: 3, inserted: 2, rejected: 1, duplicates: 1 });
      expect(s.rejectedRows[0]).toMatchObject({ line: 2, raw: "QY0101,2026-07-02T01:00+08:00,1,2,3,4,0.1,5,preliminary" });
      const pm25 = await sql<{ pm25: string }>`select pm25 from air_readings_202607 order by time`.execute(h.db);
      expect(pm25.rows.map((r) => r.pm25)).toEqual(["7", "4"]);
    });

    it("attaches months of a file out of order, staged in batches, with a repeat across batches", async () => {
      // Batches of one row: January, February, February, January again (line 5 repeats line 2), January.
      const s = await readings(
        [
          H,
          "QY0101,2027-01-02T01:00+08:00,1,2,3,4,0.1,5",
          "QY0101,2027-02-02T01:00+08:00,1,2,3,5,0.1,5",
          "QY0101,2027-02-02T02:00+08:00,1,2,3,6,0.1,5",
          "QY0101,2027-01-02T01:00+08:00,1,2,3,7,0.1,5",
          "QY0201,2027-01-02T01:00+08:00,1,2,3,8,0.1,5",
        ].join("\n"),
        { batchSize: 1 },
      );
      expect(s).toMatchObject({ total: 5, inserted: 4, rejected: 1, duplicates: 1, affected: { from: "2027-01-02", to: "2027-02-02" } });
      expect(s.affected.stationIds).toHaveLength(2);
      expect(s.rejectedRows[0]).toMatchObject({ line: 2 });
      expect(s.rejectedRows[0]!.reason.en).toContain("line 5");
      const stored = await sql<{ part: string; pm25: string }>`
        select tableoid::regclass::text as part, pm25 from air_readings where time >= '2027-01-01' and time < '2027-03-01' order by time, pm25`.execute(h.db);
      expect(stored.rows).toEqual([
        { part: "air_readings_202701", pm25: "7" },
        { part: "air_readings_202701", pm25: "8" },
        { part: "air_readings_202702", pm25: "5" },
        { part: "air_readings_202702", pm25: "6" },
      ]);
      for (const part of ["air_readings_202701", "air_readings_202702"]) {
        const c = await catalog(part);
        expect(c).toMatchObject({ persistence: "p", attached: true });
        expect(c!.keys).toEqual([expect.stringMatching(/^f:/), `p:${part}_pkey`]);
      }
      const left = await sql`select 1 from pg_class where relname like 'air_import_staging_%'`.execute(h.db);
      expect(left.rows).toHaveLength(0);
    });

    it("goes through the upsert when the default partition already holds rows of the month", async () => {
      const station = await h.db.selectFrom("airStations").select("id").where("code", "=", "QY0101").executeTakeFirstOrThrow();
      await h.db.insertInto("airReadings").values({ stationId: station.id, time: new Date("2026-08-02T01:00:00+08:00"), pm25: "8" }).execute();
      const s = await readings([H, "QY0101,2026-08-02T01:00+08:00,1,2,3,4,0.1,5", "QY0101,2026-08-02T02:00+08:00,1,2,3,4,0.1,5"].join("\n"));
      expect(s).toMatchObject({ inserted: 1, updated: 1 });
      const rows = await sql<{ part: string; pm25: string }>`select tableoid::regclass::text as part, pm25 from air_readings where time > '2026-08-01' and time <= '2026-09-01' order by time`.execute(h.db);
      expect(rows.rows).toEqual([{ part: "air_readings_202608", pm25: "4" }, { part: "air_readings_202608", pm25: "4" }]);
    });

    it("replaces a month's empty partition (a truncate, a failed load) rather than upserting into it", async () => {
      await sql`select ensure_air_readings_partition('2026-10-01'::date)`.execute(h.db);
      const oid = async () => (await sql<{ oid: number }>`select 'air_readings_202610'::regclass::oid::int as oid`.execute(h.db)).rows[0]!.oid;
      const before = await oid();
      const s = await readings([H, "QY0101,2026-10-02T01:00+08:00,1,2,3,4,0.1,5"].join("\n"));
      expect(s).toMatchObject({ inserted: 1 });
      expect(await oid()).not.toBe(before);
      const c = await catalog("air_readings_202610");
      expect(c).toMatchObject({ persistence: "p", attached: true });
      expect(c!.keys).toContain("p:air_readings_202610_pkey");
      expect(c!.columns).not.toContain("line");
    });

    it("lets two imports of the same new month run at once: one attaches, the other merges", async () => {
      const file = [H, "QY0101,2026-09-02T01:00+08:00,1,2,3,4,0.1,5", "QY0101,2026-09-02T02:00+08:00,1,2,3,4,0.1,5"].join("\n");
      const both = await Promise.all([readings(file, { name: "a.csv" }), readings(file, { name: "b.csv" })]);
      expect(both.map((b) => b.inserted).sort()).toEqual([0, 2]);
      expect(both.map((b) => b.unchanged).sort()).toEqual([0, 2]);
      const n = await sql<{ n: number }>`select count(*)::int as n from air_readings_202609`.execute(h.db);
      expect(n.rows[0]!.n).toBe(2);
    });
  });
});
