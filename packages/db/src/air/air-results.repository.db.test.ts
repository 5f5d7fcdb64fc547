import { fixedClock } from "@ecogov/domain";
import type { Actor } from "@ecogov/domain/auth";
import {
  airDataHealth,
  airPeriodFigures,
  computeDailyConcentrations,
  enterAirPublishedRank,
  listAirDaily,
  publishAirPeriodFigures,
  recomputeAirDays,
  removeAirCompositeIndexSettings,
  setAirCompositeIndexSettings,
  setAirDustDay,
  setAirTarget,
  type AirComputeDeps,
  addDays,
  COMPOSITE_INDEX_2018,
  COMPOSITE_INDEX_2026_CANDIDATE,
  datesBetween,
  type Pollutant,
} from "@ecogov/domain/air";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { createRepositories, createUnitOfWork } from "../repositories";
import { createTestDb } from "../testing";

let h: DbHandle;
let deps: AirComputeDeps;
const clock = fixedClock("2026-03-05T10:30:00+08:00");
const district: Record<string, string> = {};
const station: Record<string, string> = {};
const monitoring: Actor = { userId: "00000000-0000-4000-8000-000000000001", username: "monitoring", displayName: "李监测", role: "monitoring", townId: null, unitId: null };

beforeAll(async () => {
  h = await createTestDb();
  deps = { uow: createUnitOfWork(h.db), read: createRepositories(h.db), clock };
  for (let i = 1; i <= 6; i++) {
    const d = await h.db.insertInto("districts").values({ code: `AR0${i}`, name: `区${i}`, nameEn: `D${i}` }).returning("id").executeTakeFirstOrThrow();
    district[`AR0${i}`] = d.id;
    for (const n of [1, 2]) {
      const code = `AR0${i}S${n}`;
      station[code] = (await h.db.insertInto("airStations").values({ code, name: code, districtId: d.id }).returning("id").executeTakeFirstOrThrow()).id;
    }
  }
  station.AR01X = (await h.db.insertInto("airStations").values({ code: "AR01X", name: "非评价点", districtId: district.AR01!, isEvaluation: false }).returning("id").executeTakeFirstOrThrow()).id;
  for (const month of ["2024-06-01", "2025-02-01", "2025-03-01", "2025-06-01", "2026-02-01", "2026-03-01"]) await sql`select ensure_air_readings_partition(${month}::date)`.execute(h.db);
});
afterAll(async () => {
  await h?.close();
});

type Values = Partial<Record<Pollutant, string | null>>;
const CLEAN: Record<Pollutant, string> = { so2: "10", no2: "30", co: "0.6", pm10: "60", pm25: "30", o3: "100" };

/** Writes the hours of day D (stamped D 01:00 … D+1 00:00, +08:00), replacing what is there. */
async function putDay(code: string, date: string, values: Values | ((hour: number) => Values) = {}, opts: { status?: "preliminary" | "audited"; hours?: number } = {}) {
  const rows = Array.from({ length: opts.hours ?? 24 }, (_, i) => {
    const v = { ...CLEAN, ...(typeof values === "function" ? values(i) : values) };
    return { stationId: station[code]!, time: new Date(Date.parse(`${date}T00:00:00+08:00`) + (i + 1) * 3_600_000), ...v, status: opts.status ?? "preliminary" };
  });
  await h.db.deleteFrom("airReadings").where("stationId", "=", station[code]!).where("time", ">", new Date(`${date}T00:00:00+08:00`)).where("time", "<=", new Date(`${addDays(date, 1)}T00:00:00+08:00`)).execute();
  await h.db.insertInto("airReadings").values(rows).execute();
}

const stationDay = (code: string, date: string) => h.db.selectFrom("airStationDays").selectAll().where("stationId", "=", station[code]!).where("date", "=", date).executeTakeFirst();
const districtDay = (code: string, date: string) => h.db.selectFrom("airDistrictDays").selectAll().where("districtId", "=", district[code]!).where("date", "=", date).executeTakeFirst();

describe("air results repository with recomputeAirDays", () => {
  it("reads each day's 24 end-of-hour slots, across a month partition, exactly as the rules expect", async () => {
    const values = (i: number): Values => ({ so2: String(i), pm25: i % 5 === 0 ? null : `${i}.5`, o3: i === 23 ? "999.125" : String(100 + i) });
    await putDay("AR01S1", "2026-02-28", values);
    const [loaded] = await createRepositories(h.db).airResults.loadStationDayHours({ stationIds: [station.AR01S1!], from: "2026-02-28", to: "2026-02-28" });
    expect(loaded).toMatchObject({ date: "2026-02-28", rows: 24, audited: false });
    // 2026-03-01T00:00+08:00 (in the February partition) is slot 23 of 28 February.
    expect(loaded!.hours.o3[23]).toBe("999.125");
    expect(loaded!.hours.so2[0]).toBe("0");
    expect(loaded!.hours.pm25[5]).toBeNull();
    await recomputeAirDays(deps, { from: "2026-02-28", to: "2026-02-28", stationIds: [station.AR01S1!] });
    const stored = (await createRepositories(h.db).airResults.listStationDays({ from: "2026-02-28", to: "2026-02-28", stationIds: [station.AR01S1!] }))[0]!;
    const reference = computeDailyConcentrations(loaded!.hours);
    expect([stored.so2, stored.pm25, stored.o3Max8h, stored.o3Max1h]).toEqual([
      reference.concentrations.so2_24h,
      reference.concentrations.pm25_24h,
      reference.concentrations.o3_8h,
      reference.concentrations.o3_1h,
    ]);
  });

  it("lists stored station- and district-days with every column as stored, by date then id", async () => {
    for (const date of ["2025-05-01", "2025-05-02"]) for (const code of ["AR02S1", "AR02S2"]) await putDay(code, date, (i) => ({ pm25: `${i}.25`, o3: String(90 + i) }));
    await recomputeAirDays(deps, { from: "2025-05-01", to: "2025-05-02", stationIds: [station.AR02S1!, station.AR02S2!] });
    const repo = createRepositories(h.db).airResults;
    const range = { from: "2025-05-01", to: "2025-05-02" };
    const n = (v: string | null) => (v === null ? null : Number(v));
    const figures = (r: Omit<NonNullable<Awaited<ReturnType<typeof stationDay>>>, "stationId" | "validHours">) => ({
      date: r.date,
      so2: n(r.so2),
      no2: n(r.no2),
      pm10: n(r.pm10),
      pm25: n(r.pm25),
      co: n(r.co),
      o3Max1h: n(r.o3Max1h),
      o3Max8h: n(r.o3Max8h),
      aqi: r.aqi,
      aqiStatus: r.aqiStatus,
      level: r.level,
      primaryPollutants: r.primaryPollutants,
      ruleSet: r.ruleSet,
      dataStatus: r.dataStatus,
      inputFingerprint: r.inputFingerprint,
      computedAt: r.computedAt,
    });
    const stations = await h.db.selectFrom("airStationDays").selectAll().where("date", ">=", range.from).where("date", "<=", range.to).orderBy("date").orderBy("stationId").execute();
    expect(stations).toHaveLength(4);
    expect(await repo.listStationDays(range)).toEqual(stations.map((r) => ({ stationId: r.stationId, ...figures(r), validHours: r.validHours })));
    expect(await repo.listStationDays({ ...range, stationIds: [station.AR02S2!] })).toEqual(
      stations.filter((r) => r.stationId === station.AR02S2).map((r) => ({ stationId: r.stationId, ...figures(r), validHours: r.validHours })),
    );
    const districts = await h.db.selectFrom("airDistrictDays").selectAll().where("date", ">=", range.from).where("date", "<=", range.to).orderBy("date").orderBy("districtId").execute();
    expect(districts.length).toBeGreaterThan(0);
    expect(await repo.listDistrictDays(range)).toEqual(districts.map((r) => ({ districtId: r.districtId, ...figures(r), stationCounts: r.stationCounts })));
  });

  it("leaves a 19-hour mean and a short O3 day empty, and the district follows its evaluation stations", async () => {
    await putDay("AR02S1", "2025-06-01", (i) => ({ pm25: i < 19 ? "40" : null, o3: i < 12 ? "150" : null }));
    await putDay("AR02S2", "2025-06-01", { pm25: "81" });
    const r = await recomputeAirDays(deps, { from: "2025-06-01", to: "2025-06-01", stationIds: [station.AR02S1!, station.AR02S2!] });
    expect(r).toMatchObject({ stations: 2, districts: 1, stationDays: { written: 2, unchanged: 0, deleted: 0 }, districtDays: { written: 1 } });
    expect(await stationDay("AR02S1", "2025-06-01")).toMatchObject({ pm25: null, o3Max8h: null, validHours: { pm25: 19, o3: 12, o3Windows: 7, rows: 24 } });
    expect(await stationDay("AR02S2", "2025-06-01")).toMatchObject({ pm25: "81", aqi: 108, level: 3, primaryPollutants: ["pm25"], ruleSet: "HJ633-2012", dataStatus: "preliminary" });
    // PM2.5: only AR02S2 valid → 81; O3 MDA8: only AR02S2 → 100. SO2 (10, 10) → 10.
    expect(await districtDay("AR02", "2025-06-01")).toMatchObject({ pm25: "81", o3Max8h: "100", stationCounts: { stations: 2, pm25: 1, o3Max8h: 1 } });
  });

  it("averages stations for the district instead of taking the worst, and ignores non-evaluation stations", async () => {
    await putDay("AR01S1", "2025-06-02", { pm25: "40" });
    await putDay("AR01S2", "2025-06-02", { pm25: "81" });
    await putDay("AR01X", "2025-06-02", { pm25: "400" });
    await recomputeAirDays(deps, { from: "2025-06-02", to: "2025-06-02", stationIds: [station.AR01S1!, station.AR01S2!, station.AR01X!] });
    expect(await districtDay("AR01", "2025-06-02")).toMatchObject({ pm25: "60", aqi: 82, stationCounts: { stations: 2 } });
  });

  it("is idempotent: a rerun rewrites nothing and keeps computed_at", async () => {
    const before = await stationDay("AR01S1", "2025-06-02");
    const again = await recomputeAirDays(deps, { from: "2025-06-02", to: "2025-06-02" });
    expect(again.stationDays).toEqual({ written: 0, unchanged: 3, deleted: 0 });
    expect(again.districtDays).toEqual({ written: 0, unchanged: 1, deleted: 0 });
    expect((await stationDay("AR01S1", "2025-06-02"))?.computedAt).toEqual(before?.computedAt);
  });

  it("replaces preliminary figures when audited values arrive, and deletes days whose readings are gone", async () => {
    const before = await stationDay("AR01S2", "2025-06-02");
    await putDay("AR01S2", "2025-06-02", { pm25: "60" }, { status: "audited" });
    await putDay("AR01S1", "2025-06-02", { pm25: "40" }, { status: "audited" });
    const r = await recomputeAirDays(deps, { from: "2025-06-02", to: "2025-06-02", stationIds: [station.AR01S1!, station.AR01S2!] });
    expect(r.stationDays).toEqual({ written: 2, unchanged: 0, deleted: 0 });
    const after = await stationDay("AR01S2", "2025-06-02");
    expect(after).toMatchObject({ pm25: "60", dataStatus: "audited" });
    expect(after?.inputFingerprint).not.toBe(before?.inputFingerprint);
    expect(await districtDay("AR01", "2025-06-02")).toMatchObject({ pm25: "50", dataStatus: "audited" });

    await h.db.deleteFrom("airReadings").where("stationId", "=", station.AR01X!).execute();
    const gone = await recomputeAirDays(deps, { from: "2025-06-02", to: "2025-06-02", stationIds: [station.AR01X!] });
    expect(gone.stationDays).toEqual({ written: 0, unchanged: 0, deleted: 1 });
    expect(await stationDay("AR01X", "2025-06-02")).toBeUndefined();
  });

  it("computes a period spanning 2026-03-01 per day and lists it like the CLI", async () => {
    for (const date of datesBetween("2026-02-27", "2026-03-02")) await putDay("AR03S1", date, { pm25: "70", pm10: "130" });
    const r = await recomputeAirDays(deps, { from: "2026-02-27", to: "2026-03-02", stationIds: [station.AR03S1!] });
    expect(r.ruleSets).toEqual(["HJ633-2012", "HJ633-2026"]);
    const rows = await listAirDaily(deps, { from: "2026-02-27", to: "2026-03-02", area: "AR03" });
    expect(rows.filter((x) => x.kind === "district").map((x) => [x.date, x.ruleSet, x.aqi, x.level])).toEqual([
      ["2026-02-27", "HJ633-2012", 94, 2],
      ["2026-02-28", "HJ633-2012", 94, 2],
      ["2026-03-01", "HJ633-2026", 110, 3],
      ["2026-03-02", "HJ633-2026", 110, 3],
    ]);
  });
});

async function cityDays(from: string, pm25: number[]) {
  const to = addDays(from, 2);
  for (const date of datesBetween(from, to)) {
    for (const [i, v] of pm25.entries()) for (const n of [1, 2]) await putDay(`AR0${i + 1}S${n}`, date, { pm25: String(v) }, { status: "audited" });
  }
  await recomputeAirDays(deps, { from, to });
  return { from, to };
}

describe("period figures on stored days", () => {
  it("ranks six districts with ties, reports year-on-year changes and the published rank", async () => {
    await cityDays("2024-06-10", [80, 40, 40, 50, 60, 70]);
    const period = await cityDays("2025-06-10", [30, 40, 40, 50, 60, 70]);
    await enterAirPublishedRank(deps, monitoring, { periodFrom: period.from, periodTo: period.to, districtId: district.AR02!, rank: 2, compositeIndex: 3.7, source: "市通报" });
    const f = await airPeriodFigures(deps, period);
    const ours = f.districts.filter((d) => d.code.startsWith("AR0"));
    expect(ours.map((d) => [d.code, d.rank.rank, d.rank.tied])).toEqual([
      ["AR01", 1, false],
      ["AR02", 2, true],
      ["AR03", 2, true],
      ["AR04", 4, false],
      ["AR05", 5, false],
      ["AR06", 6, false],
    ]);
    expect(ours[0]).toMatchObject({ compositeIndex: { value: 3.41 }, ratio: { numerator: 3, denominator: 3, percent: 100 }, rank: { source: "computed" } });
    expect(ours[0]!.yearOnYear).toMatchObject({ previous: { compositeIndex: 4.83, rank: 6 }, compositeIndexPercent: -29.4, rank: { places: 5 }, ratioPoints: 100 });
    expect(ours[1]!.publishedRank).toMatchObject({ rank: 2, compositeIndex: 3.7, source: "市通报", enteredBy: "李监测 (monitoring)" });
    expect(f.stations.find((s) => s.code === "AR01S1")).toMatchObject({ days: 3, ruleSetIds: ["HJ633-2012"], dataStatus: { audited: 3, preliminary: 0 } });
  });

  it("deducts dust days (扣沙) on request, and flags a published figure that a recomputation changed", async () => {
    const period = { from: "2025-03-10", to: "2025-03-12" };
    await cityDays(period.from, [30, 30, 30, 30, 30, 30]);
    for (const n of [1, 2]) await putDay(`AR01S${n}`, "2025-03-11", { pm10: "400" }, { status: "audited" });
    await recomputeAirDays(deps, { from: "2025-03-11", to: "2025-03-11", stationIds: [station.AR01S1!, station.AR01S2!] });
    await setAirDustDay(deps, monitoring, { districtId: district.AR01!, date: "2025-03-11", reason: "沙尘天气" });
    const raw = (await airPeriodFigures(deps, { ...period, stations: false })).districts.find((d) => d.code === "AR01")!;
    const deducted = (await airPeriodFigures(deps, { ...period, stations: false, dustDeducted: true })).districts.find((d) => d.code === "AR01")!;
    expect([raw.compliance.validDays, raw.compliance.goodDays, raw.statistics.pm10.value]).toEqual([3, 2, 173]);
    expect([deducted.compliance.validDays, deducted.compliance.goodDays, deducted.statistics.pm10.value]).toEqual([2, 2, 60]);

    await publishAirPeriodFigures(deps, monitoring, period);
    expect((await airPeriodFigures(deps, { ...period, stations: false })).published?.matches).toBe(true);
    await putDay("AR01S1", "2025-03-12", { pm25: "90" }, { status: "audited" });
    await recomputeAirDays(deps, { from: "2025-03-12", to: "2025-03-12", stationIds: [station.AR01S1!] });
    const published = (await airPeriodFigures(deps, { ...period, stations: false })).published!;
    expect(published.matches).toBe(false);
    expect(published.differences).toEqual(expect.arrayContaining([expect.objectContaining({ code: "AR01", field: "pm25", published: 30, current: 40 })]));
    const audit = await createRepositories(h.db).audit.query({ entityType: "air_published_figures", limit: 5, offset: 0 });
    expect(audit.total).toBe(1);
  });

  it("stores targets and reads data health", async () => {
    const t = await setAirTarget(deps, monitoring, { year: 2026, districtId: district.AR01!, goodDaysRatioTarget: 85.5, pm25Target: 32 });
    expect(t).toMatchObject({ goodDaysRatioTarget: 85.5, pm25Target: 32, pm10Target: null });
    await putDay("AR04S1", "2026-03-04", { pm25: "42" });
    const health = await airDataHealth(deps, { windowHours: 24, silentHours: 3 });
    expect(health.asOf).toBe("2026-03-05T10:00");
    const s = health.stations.find((x) => x.code === "AR04S1")!;
    expect(s).toMatchObject({ lastTime: "2026-03-05T00:00", hoursSinceLast: 10, silent: true });
    expect(s.stuck.find((x) => x.pollutant === "pm25")).toMatchObject({ value: "42", hours: 14, to: "2026-03-05T00:00" });
    expect(s.window).toEqual({ hours: 24, received: 14, missing: 10 });
  });

  it("stores composite-index settings from a date as entered, and period figures use the ones in force", async () => {
    const period = { from: "2025-06-10", to: "2025-06-12", stations: false };
    const custom = { id: "custom-2025", limits: { ...COMPOSITE_INDEX_2018.limits, pm25: "30.5" }, weights: { ...COMPOSITE_INDEX_2018.weights, pm25: "1.5" }, digits: 3 };
    await setAirCompositeIndexSettings(deps, monitoring, { effectiveFrom: "2025-06-01", settings: COMPOSITE_INDEX_2026_CANDIDATE });
    await setAirCompositeIndexSettings(deps, monitoring, { effectiveFrom: "2025-06-01", settings: custom, note: "试行" });
    await setAirCompositeIndexSettings(deps, monitoring, { effectiveFrom: "2025-06-11", settings: COMPOSITE_INDEX_2026_CANDIDATE });
    const repo = createRepositories(h.db).airResults;
    expect(await repo.listCompositeIndexSettings()).toEqual([
      { effectiveFrom: "2025-06-01", settings: custom, note: "试行", enteredById: monitoring.userId, enteredBy: "李监测 (monitoring)", enteredAt: clock.now() },
      expect.objectContaining({ effectiveFrom: "2025-06-11", settings: COMPOSITE_INDEX_2026_CANDIDATE, note: null }),
    ]);
    // AR01: 10/60 + 30/40 + 60/70 + 1.5·30/30.5 + 0.6/4 + 100/160 = 4.02422 → 4.024 (3 digits).
    const f = await airPeriodFigures(deps, period);
    expect(f.compositeIndexSettings).toEqual(custom);
    expect(f.districts.find((d) => d.code === "AR01")?.compositeIndex).toMatchObject({ value: 4.024, settingsId: "custom-2025" });

    await removeAirCompositeIndexSettings(deps, monitoring, { effectiveFrom: "2025-06-01" });
    await removeAirCompositeIndexSettings(deps, monitoring, { effectiveFrom: "2025-06-11" });
    expect(await repo.listCompositeIndexSettings()).toEqual([]);
    expect((await airPeriodFigures(deps, period)).districts.find((d) => d.code === "AR01")?.compositeIndex).toMatchObject({ value: 3.41, settingsId: COMPOSITE_INDEX_2018.id });
    const audit = await createRepositories(h.db).audit.query({ entityType: "air_composite_index_settings", limit: 10, offset: 0 });
    expect(audit.items.map((a) => a.action).sort()).toEqual(["air.composite_index_settings.remove", "air.composite_index_settings.remove", "air.composite_index_settings.set", "air.composite_index_settings.set", "air.composite_index_settings.set"]);
    expect(audit.items.find((a) => a.action === "air.composite_index_settings.set" && a.entityId === "2025-06-01" && a.before !== null)?.before).toMatchObject({ settings: { id: COMPOSITE_INDEX_2026_CANDIDATE.id } });
  });
});
