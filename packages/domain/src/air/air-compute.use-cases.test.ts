import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/auth.schema";
import { fixedClock } from "../shared/ports";
import type { AirDistrictRef, AirHourReading, AirStationRef } from "./air-compute.ports";
import { createMemoryAirResults } from "./air-compute.testing";
import {
  airCalendar,
  airDailyCsvLine,
  airDashboard,
  airPeriodFigures,
  listAirDaily,
  publishAirPeriodFigures,
  recomputeAirDays,
  sameDateYearEarlier,
  type AirComputeDeps,
} from "./air-compute.use-cases";
import {
  airDataHealth,
  airStationsNow,
  enterAirPublishedRank,
  listAirCompositeIndexSettings,
  removeAirCompositeIndexSettings,
  removeAirDustDay,
  setAirCompositeIndexSettings,
  setAirDustDay,
  setAirTarget,
} from "./air-data.use-cases";
import type { Pollutant } from "./air.schema";
import { addDays, datesBetween } from "./civil-date";
import { COMPOSITE_INDEX_2018, COMPOSITE_INDEX_2026_CANDIDATE } from "./composite-index.rules";

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const DISTRICTS: AirDistrictRef[] = [1, 2, 3, 4, 5, 6].map((i) => ({ id: uuid(i), code: `QY0${i}`, name: `区${i}`, nameEn: `D${i}`, isHome: i === 1 }));
const station = (n: number, district: number, isEvaluation = true): AirStationRef => ({
  id: uuid(100 + n),
  code: `S${n}`,
  name: `站${n}`,
  districtId: uuid(district),
  districtCode: `QY0${district}`,
  isEvaluation,
  active: true,
  lat: null,
  lon: null,
});
// Two evaluation stations per district, plus a non-evaluation one in QY01.
const STATIONS = [...[1, 2, 3, 4, 5, 6].flatMap((d) => [station(d * 10 + 1, d), station(d * 10 + 2, d)]), station(19, 1, false)];
const S = (n: number) => uuid(100 + n);

type Values = Partial<Record<Pollutant, string | null>>;
const CLEAN: Record<Pollutant, string> = { so2: "10", no2: "30", co: "0.6", pm10: "60", pm25: "30", o3: "100" };

/** The 24 readings of day D (stamped D 01:00 … D+1 00:00) with the same values every hour; `hours` limits how many. */
function day(stationId: string, date: string, values: Values = {}, opts: { status?: "preliminary" | "audited"; hours?: number } = {}): AirHourReading[] {
  const v = { ...CLEAN, ...values };
  return Array.from({ length: opts.hours ?? 24 }, (_, i) => ({
    stationId,
    time: i === 23 ? `${addDays(date, 1)}T00:00` : `${date}T${String(i + 1).padStart(2, "0")}:00`,
    values: v,
    status: opts.status ?? "preliminary",
  }));
}

function setup(now = "2025-07-01T10:30:00+08:00") {
  const mem = createMemoryAirResults({ districts: DISTRICTS, stations: STATIONS });
  const deps: AirComputeDeps = { uow: mem.uow, read: mem.repos, clock: fixedClock(now) };
  return { mem, deps };
}

const actor = (role: Actor["role"]): Actor => ({ userId: uuid(900), username: role, displayName: role, role, townId: null, unitId: null });

describe("recomputeAirDays", () => {
  it("reads whole days of one month at a time for all the stations, and stores every day of a range across months", async () => {
    const { mem, deps } = setup();
    const dates = datesBetween("2025-06-29", "2025-07-02");
    mem.putReadings(dates.flatMap((d) => [...day(S(11), d), ...day(S(12), d)]));
    const reads: string[] = [];
    const load = deps.read.airResults.loadStationDayHours;
    deps.read.airResults.loadStationDayHours = (q) => {
      reads.push(`${q.from}..${q.to} ×${q.stationIds.length}`);
      return load(q);
    };
    const r = await recomputeAirDays(deps, { from: dates[0]!, to: dates.at(-1)! });
    expect(reads).toEqual(["2025-06-29..2025-06-30 ×13", "2025-07-01..2025-07-02 ×13"]);
    expect(r.stationDays.written).toBe(8);
    expect(dates.map((d) => mem.districtDays.get(`${uuid(1)}|${d}`)?.pm25)).toEqual([30, 30, 30, 30]);
  });

  it("stores station-days and district-days, leaving a 19-hour mean empty, and changes nothing when rerun", async () => {
    const { mem, deps } = setup();
    mem.putReadings([...day(S(11), "2025-06-01", {}, { hours: 19 }), ...day(S(12), "2025-06-01")]);
    const first = await recomputeAirDays(deps, { from: "2025-06-01", to: "2025-06-01" });
    expect(first).toMatchObject({ stations: 13, districts: 6, stationDays: { written: 2, unchanged: 0, deleted: 0 }, districtDays: { written: 1 }, ruleSets: ["HJ633-2012"] });
    const s11 = mem.stationDays.get(`${S(11)}|2025-06-01`)!;
    expect(s11).toMatchObject({ pm25: null, so2: null, validHours: { pm25: 19, rows: 19 }, aqiStatus: "na", aqi: null });
    // The district mean uses the stations that have a valid value.
    expect(mem.districtDays.get(`${uuid(1)}|2025-06-01`)).toMatchObject({ pm25: 30, stationCounts: { stations: 2, pm25: 1 } });
    const again = await recomputeAirDays(deps, { from: "2025-06-01", to: "2025-06-01" });
    expect(again.stationDays).toEqual({ written: 0, unchanged: 2, deleted: 0 });
    expect(again.districtDays).toEqual({ written: 0, unchanged: 1, deleted: 0 });
  });

  it("records an MDA8 only with 14 valid 8-hour windows, or one already above 160", async () => {
    const { mem, deps } = setup();
    const o3Hours = (value: string) =>
      day(S(11), "2025-06-02", { o3: value }).map((r, i) => ({ ...r, values: { ...r.values, o3: i < 13 ? value : null } }));
    mem.putReadings(o3Hours("150"));
    await recomputeAirDays(deps, { from: "2025-06-02", to: "2025-06-02", stationIds: [S(11)] });
    expect(mem.stationDays.get(`${S(11)}|2025-06-02`)).toMatchObject({ o3Max8h: null, validHours: { o3: 13, o3Windows: 8 } });
    mem.putReadings(o3Hours("180"));
    await recomputeAirDays(deps, { from: "2025-06-02", to: "2025-06-02", stationIds: [S(11)] });
    expect(mem.stationDays.get(`${S(11)}|2025-06-02`)).toMatchObject({ o3Max8h: 180 });
  });

  it("computes each day of a period spanning 2026-03-01 under its own rule set", async () => {
    const { mem, deps } = setup("2026-03-05T12:00:00+08:00");
    for (const date of datesBetween("2026-02-27", "2026-03-02")) mem.putReadings(day(S(11), date, { pm25: "70", pm10: "130" }));
    const result = await recomputeAirDays(deps, { from: "2026-02-27", to: "2026-03-02", stationIds: [S(11)] });
    expect(result.ruleSets).toEqual(["HJ633-2012", "HJ633-2026"]);
    const rows = await listAirDaily(deps, { from: "2026-02-27", to: "2026-03-02", area: "S11" });
    expect(rows.map((r) => [r.date, r.ruleSet, r.aqi, r.o3Max1h])).toEqual([
      ["2026-02-27", "HJ633-2012", 94, 100],
      ["2026-02-28", "HJ633-2012", 94, 100],
      ["2026-03-01", "HJ633-2026", 110, 100],
      ["2026-03-02", "HJ633-2026", 110, 100],
    ]);
    const period = await airPeriodFigures(deps, { from: "2026-02-27", to: "2026-03-02" });
    expect(period.ruleSetIds).toEqual(["HJ633-2012", "HJ633-2026"]);
    expect(period.stations.find((s) => s.code === "S11")).toMatchObject({ ruleSetIds: ["HJ633-2012", "HJ633-2026"], compliance: { validDays: 4, goodDays: 2 } });
  });

  it("takes the district value from the mean of its evaluation stations, not the worst one nor a non-evaluation one", async () => {
    const { mem, deps } = setup();
    mem.putReadings([...day(S(11), "2025-06-03", { pm25: "40" }), ...day(S(12), "2025-06-03", { pm25: "81" }), ...day(S(19), "2025-06-03", { pm25: "300" })]);
    await recomputeAirDays(deps, { from: "2025-06-03", to: "2025-06-03" });
    expect(mem.stationDays.get(`${S(12)}|2025-06-03`)?.aqi).toBe(108);
    expect(mem.districtDays.get(`${uuid(1)}|2025-06-03`)).toMatchObject({ pm25: 60, aqi: 82, primaryPollutants: ["pm25"], stationCounts: { stations: 2 } });
  });

  it("follows an audited load that replaces preliminary values, for the station and its district", async () => {
    const { mem, deps } = setup();
    mem.putReadings([...day(S(11), "2025-06-04", { pm25: "90" }), ...day(S(12), "2025-06-04", { pm25: "30" }, { status: "audited" })]);
    await recomputeAirDays(deps, { from: "2025-06-04", to: "2025-06-04" });
    const before = mem.stationDays.get(`${S(11)}|2025-06-04`)!;
    expect(before).toMatchObject({ pm25: 90, dataStatus: "preliminary" });
    expect(mem.districtDays.get(`${uuid(1)}|2025-06-04`)).toMatchObject({ pm25: 60, dataStatus: "preliminary" });

    mem.putReadings(day(S(11), "2025-06-04", { pm25: "50" }, { status: "audited" }));
    const result = await recomputeAirDays(deps, { from: "2025-06-04", to: "2025-06-04", stationIds: [S(11)] });
    expect(result.stationDays.written).toBe(1);
    const after = mem.stationDays.get(`${S(11)}|2025-06-04`)!;
    expect(after).toMatchObject({ pm25: 50, dataStatus: "audited" });
    expect(after.inputFingerprint).not.toBe(before.inputFingerprint);
    expect(mem.districtDays.get(`${uuid(1)}|2025-06-04`)).toMatchObject({ pm25: 40, dataStatus: "audited" });
  });

  it("rejects unknown stations and bad periods with bilingual field errors", async () => {
    const { deps } = setup();
    await expect(recomputeAirDays(deps, { from: "2025-06-01", to: "2025-06-01", stationIds: ["nope"] })).rejects.toMatchObject({ code: "AIR_STATION_NOT_FOUND" });
    await expect(recomputeAirDays(deps, { from: "2025-06-31", to: "2025-06-01" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { fieldErrors: [expect.objectContaining({ path: "from", rule: "date_format", message: expect.objectContaining({ en: expect.stringContaining('"from"') }) })] },
    });
    await expect(recomputeAirDays(deps, { from: "2025-06-02", to: "2025-06-01" })).rejects.toMatchObject({ details: { fieldErrors: [expect.objectContaining({ path: "to", rule: "period_order" })] } });
  });
});

/** Three days of every district at fixed PM2.5 levels (other pollutants clean), recomputed. */
async function cityPeriod(deps: AirComputeDeps, mem: ReturnType<typeof setup>["mem"], from: string, pm25ByDistrict: number[]) {
  const to = addDays(from, 2);
  for (const date of datesBetween(from, to)) {
    for (const [i, pm25] of pm25ByDistrict.entries()) {
      mem.putReadings([...day(S((i + 1) * 10 + 1), date, { pm25: String(pm25) }, { status: "audited" }), ...day(S((i + 1) * 10 + 2), date, { pm25: String(pm25) }, { status: "audited" })]);
    }
  }
  await recomputeAirDays(deps, { from, to });
  return { from, to };
}

describe("airPeriodFigures", () => {
  it("ranks the six districts by composite index with ties, labelled computed, beside a published rank", async () => {
    const { mem, deps } = setup();
    const period = await cityPeriod(deps, mem, "2025-06-01", [30, 40, 40, 50, 60, 70]);
    await enterAirPublishedRank(deps, actor("monitoring"), { periodFrom: period.from, periodTo: period.to, districtId: uuid(2), rank: 2, compositeIndex: 2.95, source: "清源市生态环境局 2025年6月通报" });
    const f = await airPeriodFigures(deps, { ...period, stations: false });
    expect(f.districts.map((d) => [d.code, d.rank.rank, d.rank.tied])).toEqual([
      ["QY01", 1, false],
      ["QY02", 2, true],
      ["QY03", 2, true],
      ["QY04", 4, false],
      ["QY05", 5, false],
      ["QY06", 6, false],
    ]);
    const qy01 = f.districts[0]!;
    // SO2 10/60 + NO2 30/40 + PM10 60/70 + PM2.5 30/35 + CO 0.6/4 + O3 100/160 = 3.406 → 3.41
    expect(qy01.compositeIndex?.value).toBe(3.41);
    expect(qy01.rank).toEqual({ rank: 1, tied: false, of: 6, source: "computed" });
    expect(qy01.ratio).toEqual({ numerator: 3, denominator: 3, percent: 100 });
    expect(qy01.statistics.co).toMatchObject({ statistic: "p95", value: 0.6 });
    expect(f.districts[1]!.publishedRank).toMatchObject({ rank: 2, compositeIndex: 2.95, source: "清源市生态环境局 2025年6月通报" });
    expect(f.stations).toEqual([]);
  });

  it("reports year-on-year changes: index in %, rank in places, ratio in percentage points", async () => {
    const { mem, deps } = setup();
    await cityPeriod(deps, mem, "2024-06-01", [80, 40, 40, 50, 60, 70]);
    const period = await cityPeriod(deps, mem, "2025-06-01", [30, 40, 40, 50, 60, 70]);
    const f = await airPeriodFigures(deps, { ...period, stations: false });
    expect(f.previousPeriod).toEqual({ from: "2024-06-01", to: "2024-06-03" });
    const yoy = f.districts[0]!.yearOnYear!;
    // 2024: PM2.5 80 → IAQI 107, no good day, index 4.835 → 4.83, rank 6.
    expect(yoy.previous).toMatchObject({ compositeIndex: 4.83, rank: 6, ratioPercent: 0 });
    expect(yoy.compositeIndexPercent).toBe(-29.4);
    expect(yoy.rank).toMatchObject({ places: 5, direction: "up" });
    expect(yoy.ratioPoints).toBe(100);
    expect(yoy.pm25Percent).toBe(-62.5);
    expect(sameDateYearEarlier("2024-02-29")).toBe("2023-02-28");
  });

  it("gives raw and dust-deducted (扣沙) figures", async () => {
    const { mem, deps } = setup();
    const period = await cityPeriod(deps, mem, "2025-04-01", [30, 30, 30, 30, 30, 30]);
    mem.putReadings([...day(S(11), "2025-04-02", { pm10: "400" }, { status: "audited" }), ...day(S(12), "2025-04-02", { pm10: "400" }, { status: "audited" })]);
    await recomputeAirDays(deps, period);
    await setAirDustDay(deps, actor("monitoring"), { districtId: uuid(1), date: "2025-04-02", reason: "沙尘天气过程（市气象台）" });
    const raw = (await airPeriodFigures(deps, { ...period, stations: false })).districts[0]!;
    const deducted = (await airPeriodFigures(deps, { ...period, stations: false, dustDeducted: true })).districts[0]!;
    expect(raw.compliance).toMatchObject({ validDays: 3, goodDays: 2, dustDaysExcluded: 0 });
    expect(raw.statistics.pm10.value).toBe(173);
    expect(deducted.compliance).toMatchObject({ validDays: 2, goodDays: 2, dustDaysExcluded: 1, ratioPercent: 100 });
    expect(deducted.statistics.pm10.value).toBe(60);
    expect(deducted.compositeIndex!.value).toBeLessThan(raw.compositeIndex!.value);
  });

  it("shows when a recomputation changes a published figure", async () => {
    const { mem, deps } = setup();
    const period = await cityPeriod(deps, mem, "2025-05-01", [30, 40, 40, 50, 60, 70]);
    await publishAirPeriodFigures(deps, actor("monitoring"), period);
    expect((await airPeriodFigures(deps, { ...period, stations: false })).published).toMatchObject({ matches: true, differences: [] });
    mem.putReadings([...day(S(11), "2025-05-02", { pm25: "90" }, { status: "audited" }), ...day(S(12), "2025-05-02", { pm25: "90" }, { status: "audited" })]);
    await recomputeAirDays(deps, { from: "2025-05-02", to: "2025-05-02", stationIds: [S(11), S(12)] });
    const now = (await airPeriodFigures(deps, { ...period, stations: false })).published!;
    expect(now.matches).toBe(false);
    expect(now.differences).toEqual(expect.arrayContaining([expect.objectContaining({ code: "QY01", field: "pm25", published: 30, current: 50 })]));
    expect(mem.audit.map((a) => a.action)).toContain("air.figures.publish");
  });
});

describe("composite-index settings per period", () => {
  it("are stored from a date, audited, and used by the periods starting on or after it, year-on-year included", async () => {
    const { mem, deps } = setup();
    await cityPeriod(deps, mem, "2024-06-01", [80, 40, 40, 50, 60, 70]);
    const period = await cityPeriod(deps, mem, "2025-06-01", [30, 40, 40, 50, 60, 70]);
    await setAirCompositeIndexSettings(deps, actor("monitoring"), { effectiveFrom: "2025-01-01", settings: COMPOSITE_INDEX_2026_CANDIDATE, note: "市局通知" });
    expect(await listAirCompositeIndexSettings(deps)).toMatchObject([{ effectiveFrom: "2025-01-01", settings: COMPOSITE_INDEX_2026_CANDIDATE, note: "市局通知", enteredBy: "monitoring (monitoring)" }]);

    const f = await airPeriodFigures(deps, { ...period, stations: false });
    expect(f.compositeIndexSettings).toEqual(COMPOSITE_INDEX_2026_CANDIDATE);
    // 10/60 + 2·30/40 + 60/60 + 3·30/30 + 0.6/4 + 2·100/160 = 7.0667; a year earlier (PM2.5 80) under the same settings 12.0667.
    expect(f.districts[0]!.compositeIndex).toMatchObject({ value: 7.07, settingsId: COMPOSITE_INDEX_2026_CANDIDATE.id });
    expect(f.districts[0]!.yearOnYear?.previous.compositeIndex).toBe(12.07);
    expect((await airPeriodFigures(deps, { from: "2024-06-01", to: "2024-06-03", stations: false })).districts[0]!.compositeIndex?.value).toBe(4.83);
    expect((await airPeriodFigures(deps, { ...period, stations: false, compositeIndexSettings: COMPOSITE_INDEX_2018 })).districts[0]!.compositeIndex?.value).toBe(3.41);
    expect(mem.audit.map((a) => [a.action, a.entityId])).toEqual([["air.composite_index_settings.set", "2025-01-01"]]);
  });

  it("refuse other sections, name the invalid field in both languages, and can be removed", async () => {
    const { mem, deps } = setup();
    const entry = { effectiveFrom: "2026-03-01", settings: COMPOSITE_INDEX_2026_CANDIDATE };
    await expect(setAirCompositeIndexSettings(deps, actor("petitions"), entry)).rejects.toMatchObject({ code: "AIR_FORBIDDEN", kind: "forbidden" });
    const zero = { ...entry, settings: { ...COMPOSITE_INDEX_2018, id: "custom", limits: { ...COMPOSITE_INDEX_2018.limits, pm25: "0" } } };
    await expect(setAirCompositeIndexSettings(deps, actor("monitoring"), zero)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { fieldErrors: [{ path: "settings.limits.pm25", rule: "positive_decimal", message: { zh: '字段 "settings.limits.pm25" 须为正数', en: 'Field "settings.limits.pm25" must be a positive number' } }] },
    });
    const relabelled = { ...entry, settings: { ...COMPOSITE_INDEX_2018, weights: COMPOSITE_INDEX_2026_CANDIDATE.weights } };
    await expect(setAirCompositeIndexSettings(deps, actor("monitoring"), relabelled)).rejects.toMatchObject({ details: { fieldErrors: [{ path: "settings.id", rule: "preset_values" }] } });
    await expect(setAirCompositeIndexSettings(deps, actor("monitoring"), { ...entry, effectiveFrom: "2026-02-30" })).rejects.toMatchObject({ details: { fieldErrors: [{ path: "effectiveFrom", rule: "date_format" }] } });

    await setAirCompositeIndexSettings(deps, actor("admin"), entry);
    await removeAirCompositeIndexSettings(deps, actor("monitoring"), { effectiveFrom: "2026-03-01" });
    expect(await listAirCompositeIndexSettings(deps)).toEqual([]);
    await expect(removeAirCompositeIndexSettings(deps, actor("monitoring"), { effectiveFrom: "2026-03-01" })).rejects.toMatchObject({ code: "AIR_ENTRY_NOT_FOUND" });
    expect(mem.audit.map((a) => a.action)).toEqual(["air.composite_index_settings.set", "air.composite_index_settings.remove"]);
  });
});

describe("entries", () => {
  it("audits dust days and refuses other sections", async () => {
    const { mem, deps } = setup();
    await setAirDustDay(deps, actor("monitoring"), { districtId: uuid(1), date: "2025-04-02", reason: "沙尘" });
    await expect(setAirDustDay(deps, actor("petitions"), { districtId: uuid(1), date: "2025-04-03", reason: "x" })).rejects.toMatchObject({ code: "AIR_FORBIDDEN", kind: "forbidden" });
    await expect(setAirDustDay(deps, actor("monitoring"), { districtId: uuid(77), date: "2025-04-03", reason: "x" })).rejects.toMatchObject({ code: "AIR_DISTRICT_NOT_FOUND" });
    await removeAirDustDay(deps, actor("admin"), { districtId: uuid(1), date: "2025-04-02" });
    await expect(removeAirDustDay(deps, actor("admin"), { districtId: uuid(1), date: "2025-04-02" })).rejects.toMatchObject({ code: "AIR_ENTRY_NOT_FOUND" });
    expect(mem.audit.map((a) => a.action)).toEqual(["air.dust_day.set", "air.dust_day.remove"]);
  });
});

describe("airDashboard", () => {
  it("shows the year's figures against targets with the good days still needed", async () => {
    const { mem, deps } = setup("2025-06-04T09:00:00+08:00");
    await cityPeriod(deps, mem, "2025-06-01", [30, 40, 40, 50, 60, 70]);
    await setAirTarget(deps, actor("monitoring"), { year: 2025, districtId: uuid(1), goodDaysRatioTarget: 85, pm25Target: 32 });
    const d = await airDashboard(deps, { year: 2025 });
    expect(d).toMatchObject({ from: "2025-01-01", to: "2025-06-03", district: { code: "QY01" }, target: { goodDaysRatioTarget: 85 } });
    expect(d.figures?.rank.rank).toBe(1);
    // 3 valid days so far, 211 left: ceil(0.85 × 214) = 182 good days needed in all, 3 already.
    expect(d.goodDaysGap).toMatchObject({ needed: 179, remainingDays: 211, reachable: true });
    expect(d.goodDaysGap?.text.en).toBe("179 more good days needed in the remaining 211 days");
    expect(d.pollutants.find((p) => p.pollutant === "pm25")).toMatchObject({ value: 30, limit: 35, averaging: "annual", exceeds: false, target: 32, ratio: 0.86 });
    expect(d.pollutants.find((p) => p.pollutant === "o3")).toMatchObject({ statistic: "p90", limit: 160 });
    const calendar = await airCalendar(deps, { year: 2025 });
    expect(calendar).toMatchObject({ code: "QY01", kind: "district" });
    expect(calendar.days.map((x) => x.date)).toEqual(["2025-06-01", "2025-06-02", "2025-06-03"]);
  });
});

describe("listAirDaily and its CSV", () => {
  it("lists districts and stations per day and formats the issue's CSV columns", async () => {
    const { mem, deps } = setup();
    mem.putReadings([...day(S(11), "2025-06-05", { co: "1.25", pm25: "80" }), ...day(S(12), "2025-06-05", { pm10: null })]);
    await recomputeAirDays(deps, { from: "2025-06-05", to: "2025-06-05" });
    const rows = await listAirDaily(deps, { from: "2025-06-05", to: "2025-06-05", area: "QY01" });
    expect(rows.map((r) => `${r.kind}:${r.code}`)).toEqual(["district:QY01", "station:S11", "station:S12"]);
    expect(rows.map(airDailyCsvLine)).toEqual([
      "QY01,2025-06-05,10,30,60,55,0.9,100,100,75,2,pm2_5,HJ633-2012",
      "S11,2025-06-05,10,30,60,80,1.2,100,100,107,3,pm2_5,HJ633-2012",
      "S12,2025-06-05,10,30,,30,0.6,100,100,,,,HJ633-2012",
    ]);
    await expect(listAirDaily(deps, { from: "2025-06-05", to: "2025-06-05", area: "XX" })).rejects.toMatchObject({ code: "AIR_AREA_NOT_FOUND" });
  });
});

describe("data health and stations now", () => {
  it("flags silent stations, gaps, stuck and implausible values, and gives the latest hour's AQI", async () => {
    const { mem, deps } = setup("2025-07-01T10:30:00+08:00");
    // S11: every hour up to 10:00 with PM2.5 stuck at 42; S12: last hour 05:00 with an implausible SO2.
    const hoursOf = (stationId: string, last: number, values: Values) =>
      Array.from({ length: last }, (_, i) => ({ stationId, time: `2025-07-01T${String(i + 1).padStart(2, "0")}:00`, values: { ...CLEAN, ...values }, status: "preliminary" as const }));
    mem.putReadings([...hoursOf(S(11), 10, { pm25: "42" }), ...hoursOf(S(12), 5, { so2: "5000" })]);
    const health = await airDataHealth(deps, { windowHours: 12, silentHours: 3, stuckHours: 6 });
    expect(health.asOf).toBe("2025-07-01T10:00");
    const s11 = health.stations.find((s) => s.code === "S11")!;
    const s12 = health.stations.find((s) => s.code === "S12")!;
    expect(s11).toMatchObject({ lastTime: "2025-07-01T10:00", hoursSinceLast: 0, silent: false, window: { hours: 12, received: 10, missing: 2 } });
    expect(s11.stuck.map((x) => [x.pollutant, x.hours])).toEqual(expect.arrayContaining([["pm25", 10]]));
    expect(s12).toMatchObject({ silent: true, hoursSinceLast: 5, outOfRange: { so2: 5 } });
    expect(s12.issues).toEqual(expect.arrayContaining(["silent", "gaps", "out_of_range"]));
    expect(health.stations.find((s) => s.code === "S21")).toMatchObject({ lastTime: null, silent: true });

    const now = await airStationsNow(deps);
    expect(now.find((s) => s.code === "S11")).toMatchObject({ time: "2025-07-01T10:00", aqi: 59, level: 2, colour: "#FFFF00", dataStatus: "preliminary", silent: false, ruleSet: "HJ633-2012" });
    expect(now.find((s) => s.code === "S21")).toMatchObject({ time: null, aqi: null, silent: true });
  });
});
