import { fixedClock } from "@ecogov/domain";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { createRepositories } from "../repositories";
import { seedDemo } from "../seed";
import { scryptHasher } from "../security";
import { createTestDb } from "../testing";
import { createAirReadingsStaging } from "../air/air-readings-staging";
import { feedDemoAirReadings } from "./demo-air-feed";
import { DEMO_SILENT_STATION, seedDemoIndicators, type SeedIndicatorsReport } from "./demo-indicators";
import { DEMO_AIR_STATIONS } from "./demo-network";

// A short demo span keeps the test quick: 2025-01-01 … 2025-02-09 (40 days, two monthly deliveries).
const TODAY = "2025-02-10";
const clock = fixedClock("2025-02-10T02:00:00Z");

let h: DbHandle;
let first: SeedIndicatorsReport;
beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db, { passwords: scryptHasher, password: "test-pass-2026" });
  first = await seedDemoIndicators(h, { today: TODAY, clock });
});
afterAll(async () => {
  await h?.close();
});

const count = async (table: string) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(h.db)).rows[0]!.n);

describe("seedDemoIndicators", () => {
  it("loads the demo stations, readings, water and KPIs up to yesterday", async () => {
    expect(first).toMatchObject({ skipped: false, from: "2025-01-01", to: "2025-02-09", airStations: DEMO_AIR_STATIONS.length, airMonths: 2, waterSections: 8, kpis: 12, airTargets: 12 });
    const full = DEMO_AIR_STATIONS.length * 40 * 24;
    expect(first.airReadings).toBeGreaterThan(full * 0.98);
    expect(first.airReadings).toBeLessThan(full);
    expect(await count("air_readings")).toBe(first.airReadings);
    // January's samples, and February's when taken by the 9th.
    expect(first.waterSamples).toBeGreaterThanOrEqual(8);
    expect(await count("water_samples")).toBe(first.waterSamples);
    const last = await h.db.selectFrom("airReadings").select((eb) => eb.fn.max("time").as("t")).executeTakeFirstOrThrow();
    expect(new Date(last.t).toISOString()).toBe("2025-02-09T16:00:00.000Z"); // 2025-02-10T00:00+08:00 closes 9 February
  });

  it("recomputes the daily results of every station and district, each under its day's rule set", async () => {
    // A station-day exists when the day has any reading.
    expect(first.stationDays).toBeGreaterThan(DEMO_AIR_STATIONS.length * 40 * 0.99);
    expect(await count("air_station_days")).toBe(first.stationDays);
    expect(await count("air_district_days")).toBe(6 * 40);
    const days = await h.db.selectFrom("airStationDays").select(["aqi", "ruleSet"]).where("date", "=", "2025-01-15").execute();
    expect(days.every((d) => d.ruleSet === "HJ633-2012")).toBe(true);
    expect(days.filter((d) => d.aqi !== null).length).toBeGreaterThan(20);
  });

  it("goes through the real imports: one batch a month, older months audited, the recent ones preliminary", async () => {
    const batches = await h.db.selectFrom("importBatches").select(["kind", "fileName", "status", "inserted", "rejected", "rejectedRows"]).orderBy("fileName").execute();
    expect(batches.map((b) => b.fileName)).toEqual([
      "demo-air-readings-2025-01.csv",
      "demo-air-readings-2025-02.csv",
      "demo-air-stations.csv",
      "demo-water-samples.csv",
      "demo-water-sections.csv",
    ]);
    expect(batches.every((b) => b.status === "succeeded")).toBe(true);
    // Offline hours that some stations export as empty rows are reported, as in a real delivery.
    const rejected = batches.flatMap((b) => b.rejectedRows ?? []);
    expect(rejected.length).toBeGreaterThan(0);
    for (const r of rejected) expect(r.raw).toMatch(/^QY0\d-A0\d,[^,]+,,,,,,,preliminary$/);
    const statuses = await sql<{ month: string; status: string }>`
      select distinct to_char(time at time zone 'Asia/Shanghai' - interval '1 hour', 'YYYY-MM') as month, status from air_readings order by 1`.execute(h.db);
    expect(statuses.rows).toEqual([
      { month: "2025-01", status: "preliminary" },
      { month: "2025-02", status: "preliminary" },
    ]);
  });

  it("does nothing on a later start and keeps what users changed", async () => {
    const repos = createRepositories(h.db);
    const kpi = (await repos.kpis.list({ code: "NH3N-REDUCTION", year: 2025 }))[0]!;
    await repos.kpis.update(kpi.id, { ...kpi, value: "99", enteredBy: "someone" }, new Date());
    const readings = await count("air_readings");

    const again = await seedDemoIndicators(h, { today: "2025-03-20", clock });
    expect(again.skipped).toBe(true);
    expect(await count("air_readings")).toBe(readings);
    expect((await repos.kpis.findById(kpi.id))?.value).toBe("99");
    expect(await count("import_batches")).toBe(5);
  });

  it("resumes an interrupted load with the months it had not imported", async () => {
    // As if the process had stopped after January: February's delivery and the completion mark are missing.
    await sql`delete from audit_events where action = 'demo.indicators.seed'`.execute(h.db);
    const feb = await h.db.selectFrom("importBatches").select("id").where("fileName", "=", "demo-air-readings-2025-02.csv").executeTakeFirstOrThrow();
    await sql`delete from air_readings where import_id = ${feb.id}`.execute(h.db);
    await sql`delete from import_batches where id = ${feb.id}`.execute(h.db);
    const before = await count("air_readings");

    const resumed = await seedDemoIndicators(h, { today: TODAY, clock });
    expect(resumed).toMatchObject({ skipped: false, airMonths: 1, airStations: 0, waterSections: 0, kpis: 0, airTargets: 0 });
    expect(await count("air_readings")).toBe(before + resumed.airReadings);
    expect(await count("air_readings")).toBe(first.airReadings);
  });
});

describe("seedDemoIndicators on a deployment with its own data", () => {
  it("never mixes the demo into readings it did not load", async () => {
    const own = await createTestDb();
    try {
      await seedDemo(own.db, { passwords: scryptHasher, password: "test-pass-2026" });
      const district = await own.db.selectFrom("districts").select("id").where("code", "=", "QY02").executeTakeFirstOrThrow();
      const station = await own.db.insertInto("airStations").values({ code: "REAL-1", name: "真实站点", districtId: district.id }).returning("id").executeTakeFirstOrThrow();
      await own.db.insertInto("airReadings").values({ stationId: station.id, time: new Date("2025-01-01T01:00:00+08:00"), pm25: "30" }).execute();
      const r = await seedDemoIndicators(own, { today: TODAY, clock });
      expect(r.skipped).toBe(true);
      expect(Number((await sql<{ n: number }>`select count(*)::int as n from air_stations`.execute(own.db)).rows[0]!.n)).toBe(1);
    } finally {
      await own.close();
    }
  });
});

describe("feedDemoAirReadings", () => {
  const feed = (at: string) => feedDemoAirReadings({ db: h.db, staging: createAirReadingsStaging(h), clock: fixedClock(at) });
  const lastOf = async (code: string) =>
    (await sql<{ last: Date }>`select max(r.time) as last from air_readings r join air_stations s on s.id = r.station_id where s.code = ${code}`.execute(h.db)).rows[0]!.last;

  it("adds the hours since the last reading up to the last full hour, recomputes today, and leaves the silent station silent", async () => {
    const silentBefore = await lastOf(DEMO_SILENT_STATION.stationCode);
    // 2025-02-10 13:30 Beijing: the seed stopped at 2025-02-10 00:00 (the value that closes 9 February).
    const r = await feed("2025-02-10T05:30:00Z");
    expect(r).toMatchObject({ skipped: false, from: "2025-02-09T17:00:00.000Z", to: "2025-02-10T05:00:00.000Z" });
    const fed = DEMO_AIR_STATIONS.length - 1;
    // 13 hours for every fed station (a few values may be generated missing, never whole rows).
    expect(r.inserted).toBe(fed * 13);
    expect(new Date(await lastOf("QY01-A01")).toISOString()).toBe("2025-02-10T05:00:00.000Z");
    expect(new Date(await lastOf(DEMO_SILENT_STATION.stationCode)).toISOString()).toBe(new Date(silentBefore).toISOString());
    const today = await sql<{ n: number }>`select count(*)::int as n from air_station_days where date = '2025-02-10'`.execute(h.db);
    expect(today.rows[0]!.n).toBe(fed);
  });

  it("does nothing within the same hour, and catches up later hours only", async () => {
    expect(await feed("2025-02-10T05:59:00Z")).toMatchObject({ skipped: false, inserted: 0 });
    expect(await feed("2025-02-10T07:10:00Z")).toMatchObject({ from: "2025-02-10T06:00:00.000Z", to: "2025-02-10T07:00:00.000Z", inserted: (DEMO_AIR_STATIONS.length - 1) * 2 });
  });
});
