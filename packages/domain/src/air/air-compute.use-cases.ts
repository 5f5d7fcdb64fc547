import { z } from "zod";
import type { Actor } from "../auth/auth.schema";
import { toShanghaiDate } from "../shared/calendar/calendar";
import { ceil, div, fromInt, mul, parseDecimal, roundToNumber } from "../shared/decimal";
import { parseOrThrow } from "../shared/domain-error";
import type { Clock, UnitOfWork } from "../shared/ports";
import type { AirComputeRepos, AirStationRef, ReplaceCounts, StoredDistrictDay, StoredStationDay } from "./air-compute.ports";
import type { AirDayFigures, DailyFiguresOptions, DistrictDayFigures, StationDayFigures } from "./air-compute.rules";
import { computeDistrictDay, computeStationDay, fingerprintOf } from "./air-compute.rules";
import { airComputeErrors } from "./air-compute.errors";
import type { CompositeIndexSettings, DailyRecord, Pollutant, RuleSetId } from "./air.schema";
import { CompositeIndexSettingsSchema, POLLUTANTS } from "./air.schema";
import { addDays, datesBetween, daysInMonth, formatCivilDate, parseCivilDate } from "./civil-date";
import { airDateParam, airPeriodSchema } from "./air-query.schema";
import { compositeIndex, compositeIndexSettingsFor } from "./composite-index.rules";
import type { ComplianceDays, PeriodStatistic } from "./period.rules";
import { computeComplianceDays, computePeriodStatistics } from "./period.rules";
import type { RankChange } from "./ranking.rules";
import { percentagePointChange, percentChange, rankChange, rankWithTies } from "./ranking.rules";
import { REPORTING_DIGITS } from "./rounding.rules";
import type { Averaging } from "./rule-sets";
import { concentrationLimit, ruleSetFor } from "./rule-sets";
import { canEnterAirData } from "./air-data.use-cases";
import type { AirPublishedFigures as StoredPublishedFigures, AirTarget } from "./air-compute.ports";

export type * from "./air-compute.ports";
export type * from "./air-compute.rules";
export { computeDistrictDay, computeStationDay, dailyConcentrationsOf } from "./air-compute.rules";
export { airComputeErrors } from "./air-compute.errors";
export * from "./air-data.use-cases";
export * from "./air-query.schema";

/** Ports of the air compute use cases: reads go outside transactions (PGlite has one session), writes through `uow`. */
export interface AirComputeDeps {
  uow: UnitOfWork<AirComputeRepos>;
  read: Pick<AirComputeRepos, "airResults">;
  clock: Clock;
}

export const RecomputeAirDaysInputSchema = airPeriodSchema({
  stationIds: z.array(z.string().min(1)).nullish(),
  o3MaxHourValidity: z.enum(["min20Hours", "min20HoursOrAboveLimit"]).optional(),
});
export type RecomputeAirDaysInput = z.input<typeof RecomputeAirDaysInputSchema>;

export interface RecomputeAirDaysResult {
  from: string;
  to: string;
  stations: number;
  districts: number;
  stationDays: ReplaceCounts;
  districtDays: ReplaceCounts;
  ruleSets: RuleSetId[];
}

/** Station-days read per round trip (a month of 100 stations), so memory stays flat however large the range. */
const STATION_DAYS_PER_CHUNK = 4_000;

/** Chunks being read at once, ahead of the one being computed. */
const READS_AHEAD = 2;
/** Chunks being written at once, behind the one being computed. */
const WRITES_IN_FLIGHT = 2;

interface Chunk {
  stations: readonly AirStationRef[];
  from: string;
  to: string;
}

/**
 * The recomputation's round trips: runs of days within one calendar month, for as many stations as fit in
 * `STATION_DAYS_PER_CHUNK` station-days (all of them for a district's network). Days first, not stations: readings are
 * stored by month and, within a month, in the order they arrived (hour by hour, every station), so a chunk of a few
 * stations over a long range reads every page of every month it spans — measured on a year of 100 stations: chunks of
 * ten stations read the whole year ten times; chunks of a month read each month once.
 */
function planChunks(stations: readonly AirStationRef[], dates: readonly string[]): Chunk[] {
  if (stations.length === 0) return [];
  const groupSize = Math.min(stations.length, STATION_DAYS_PER_CHUNK);
  const daysPerChunk = Math.max(1, Math.floor(STATION_DAYS_PER_CHUNK / groupSize));
  const runs: { from: string; to: string; days: number }[] = [];
  for (const date of dates) {
    const run = runs.at(-1);
    if (run && run.from.slice(0, 7) === date.slice(0, 7) && run.days < daysPerChunk) {
      run.to = date;
      run.days++;
    } else runs.push({ from: date, to: date, days: 1 });
  }
  const chunks: Chunk[] = [];
  for (const { from, to } of runs) for (let i = 0; i < stations.length; i += groupSize) chunks.push({ stations: stations.slice(i, i + groupSize), from, to });
  return chunks;
}

const ruleSetsOf = (from: string, to: string): RuleSetId[] => [...new Set([ruleSetFor(from).id, ruleSetFor(to).id])];

/**
 * Recomputes the daily figures of stations (all, or `stationIds`) between two dates from their hourly readings, each
 * day under the rule set of its own date, then the district-days of their districts (mean of the evaluation
 * stations). Only the given range is touched; rerunning with unchanged readings changes nothing. Called after an
 * import (CLI, upload) and by the `air.recompute` job.
 */
export async function recomputeAirDays(deps: AirComputeDeps, raw: RecomputeAirDaysInput): Promise<RecomputeAirDaysResult> {
  const input = parseOrThrow(RecomputeAirDaysInputSchema, raw);
  const repo = deps.read.airResults;
  const stations = await repo.listStations();
  const byId = new Map(stations.map((s) => [s.id, s]));
  let targets = stations;
  if (input.stationIds) {
    const ids = [...new Set(input.stationIds)];
    const unknown = ids.filter((id) => !byId.has(id));
    if (unknown.length) throw airComputeErrors.stationsNotFound(unknown);
    targets = ids.map((id) => byId.get(id)!);
  }
  const dates = datesBetween(input.from, input.to);
  const scope = { from: input.from, to: input.to };
  const at = deps.clock.now();
  const options: DailyFiguresOptions = { o3MaxHourValidity: input.o3MaxHourValidity };
  const chunks = planChunks(targets, dates);
  const stationDays: ReplaceCounts = { written: 0, unchanged: 0, deleted: 0 };
  // Evaluation station-days by district and date, for the district means.
  const evaluation = new Map<string, StationDayFigures[]>();
  const keep = (d: StationDayFigures, districtId: string) => {
    const key = `${districtId}|${d.date}`;
    const list = evaluation.get(key);
    if (list) list.push(d);
    else evaluation.set(key, [d]);
  };

  const scopeOf = (chunk: Chunk) => ({ stationIds: chunk.stations.map((s) => s.id), from: chunk.from, to: chunk.to });
  const load = (chunk: Chunk) => {
    const p = repo.loadStationDayHours(scopeOf(chunk));
    p.catch(() => undefined); // awaited below; this only keeps an early failure from being reported as unhandled
    return p;
  };
  // The next chunks are read while this one is computed (on PostgreSQL two reads run at once, which keeps both of
  // the server's cores busy while the importer computes; queued on PGlite).
  const reads = chunks.slice(0, READS_AHEAD).map(load);
  const writes: Promise<void>[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i]!;
    const hours = await reads.shift()!;
    if (i + READS_AHEAD < chunks.length) reads.push(load(chunks[i + READS_AHEAD]!));
    const figures: StationDayFigures[] = [];
    for (const h of hours) figures.push(computeStationDay(h, options));
    // Chunks are written while the next are computed, two at a time (their days differ, so they lock different rows;
    // PostgreSQL writes, reads and computes at once; PGlite queues).
    if (writes.length >= WRITES_IN_FLIGHT) await writes.shift();
    const writing = deps.uow.run((r) => r.airResults.replaceStationDays(figures, scopeOf(chunk), at)).then((counts) => {
      stationDays.written += counts.written;
      stationDays.unchanged += counts.unchanged;
      stationDays.deleted += counts.deleted;
    });
    writing.catch(() => undefined); // awaited below; this only keeps an early failure from being reported as unhandled
    writes.push(writing);
    for (const f of figures) {
      const s = byId.get(f.stationId);
      if (s?.isEvaluation) keep(f, s.districtId);
    }
  }

  await Promise.all(writes);

  const districtIds = [...new Set(targets.map((s) => s.districtId))];
  const recomputed = new Set(targets.map((s) => s.id));
  const others = stations.filter((s) => s.isEvaluation && !recomputed.has(s.id) && districtIds.includes(s.districtId));
  if (others.length) {
    for (const d of await repo.listStationDays({ ...scope, stationIds: others.map((s) => s.id) })) keep(d, byId.get(d.stationId)!.districtId);
  }
  const districtFigures: DistrictDayFigures[] = [];
  for (const districtId of districtIds) {
    for (const date of dates) {
      const figures = computeDistrictDay({ districtId, date, stationDays: evaluation.get(`${districtId}|${date}`) ?? [] });
      if (figures) districtFigures.push(figures);
    }
  }
  const districtDays = await deps.uow.run((r) => r.airResults.replaceDistrictDays(districtFigures, { districtIds, ...scope }, at));
  return { ...scope, stations: targets.length, districts: districtIds.length, stationDays, districtDays, ruleSets: ruleSetsOf(input.from, input.to) };
}

// ---------------------------------------------------------------------------------------------------------------
// Daily listing (CLI `air daily`, open data /air/daily)

export const AirDailyQuerySchema = airPeriodSchema({ area: z.string().trim().min(1).max(40).optional() });
export type AirDailyQuery = z.input<typeof AirDailyQuerySchema>;

/** One row of the daily listing: a station or a district on one day. */
export interface AirDailyRow extends Omit<AirDayFigures, "inputFingerprint"> {
  kind: "station" | "district";
  code: string;
  name: string;
  districtCode: string;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** By date, then district (the district's own row before its stations), then code. */
function sortRows(rows: AirDailyRow[]): AirDailyRow[] {
  return rows.sort((a, b) => cmp(a.date, b.date) || cmp(a.districtCode, b.districtCode) || cmp(a.kind, b.kind) || cmp(a.code, b.code));
}

function dayRow(d: AirDayFigures & { computedAt?: Date }, meta: Pick<AirDailyRow, "kind" | "code" | "name" | "districtCode">): AirDailyRow {
  return {
    ...meta,
    date: d.date,
    so2: d.so2,
    no2: d.no2,
    pm10: d.pm10,
    pm25: d.pm25,
    co: d.co,
    o3Max1h: d.o3Max1h,
    o3Max8h: d.o3Max8h,
    aqi: d.aqi,
    aqiStatus: d.aqiStatus,
    level: d.level,
    primaryPollutants: d.primaryPollutants,
    ruleSet: d.ruleSet,
    dataStatus: d.dataStatus,
  };
}

/**
 * The stored daily figures of every station and district (or of one district and its stations, or one station, when
 * `area` is a code) between two dates, ordered by date, district (its own row first) and code.
 */
export async function listAirDaily(deps: Pick<AirComputeDeps, "read">, raw: AirDailyQuery): Promise<AirDailyRow[]> {
  const q = parseOrThrow(AirDailyQuerySchema, raw);
  const repo = deps.read.airResults;
  const [stations, districts] = await Promise.all([repo.listStations(), repo.listDistricts()]);
  let districtIds: string[] | undefined;
  let stationIds: string[] | undefined;
  if (q.area) {
    const district = districts.find((d) => d.code === q.area);
    const station = stations.find((s) => s.code === q.area);
    if (district) {
      districtIds = [district.id];
      stationIds = stations.filter((s) => s.districtId === district.id).map((s) => s.id);
    } else if (station) {
      districtIds = [];
      stationIds = [station.id];
    } else throw airComputeErrors.areaNotFound(q.area);
  }
  const [sd, dd] = await Promise.all([
    stationIds && stationIds.length === 0 ? [] : repo.listStationDays({ from: q.from, to: q.to, stationIds }),
    districtIds && districtIds.length === 0 ? [] : repo.listDistrictDays({ from: q.from, to: q.to, districtIds }),
  ]);
  const stationById = new Map(stations.map((s) => [s.id, s]));
  const districtById = new Map(districts.map((d) => [d.id, d]));
  const rows: AirDailyRow[] = [];
  for (const d of dd) {
    const district = districtById.get(d.districtId);
    if (district) rows.push(dayRow(d, { kind: "district", code: district.code, name: district.name, districtCode: district.code }));
  }
  for (const d of sd) {
    const s = stationById.get(d.stationId);
    if (s) rows.push(dayRow(d, { kind: "station", code: s.code, name: s.name, districtCode: s.districtCode }));
  }
  return sortRows(rows);
}

/** Header of the daily CSV (issue 3): `pm2_5` is PM2.5, `o3_1h_max` the O3 daily max 1-h value, `o3_8h` the MDA8. */
export const AIR_DAILY_CSV_HEADER = "code,date,so2,no2,pm10,pm2_5,co,o3_1h_max,o3_8h,aqi,level,primary,rules";

/** Pollutant codes as the CSV files name them. */
export const AIR_CSV_POLLUTANT: Readonly<Record<Pollutant, string>> = { so2: "so2", no2: "no2", pm10: "pm10", pm25: "pm2_5", co: "co", o3: "o3" };

const fixed = (value: number | null, pollutant: Pollutant) => (value === null ? "" : value.toFixed(REPORTING_DIGITS[pollutant]));

/**
 * One CSV line of the daily listing: concentrations at reporting precision, empty where not valid; `aqi` empty when
 * NA and ">500" beyond the last breakpoint (HJ 633); `level` 1…6; primary pollutants joined by ';'; the rule set.
 */
export function airDailyCsvLine(r: AirDailyRow): string {
  const aqi = r.aqi !== null ? String(r.aqi) : r.aqiStatus === "aboveRange" ? ">500" : "";
  return [
    r.code,
    r.date,
    fixed(r.so2, "so2"),
    fixed(r.no2, "no2"),
    fixed(r.pm10, "pm10"),
    fixed(r.pm25, "pm25"),
    fixed(r.co, "co"),
    fixed(r.o3Max1h, "o3"),
    fixed(r.o3Max8h, "o3"),
    aqi,
    r.level === null ? "" : String(r.level),
    r.primaryPollutants.map((p) => AIR_CSV_POLLUTANT[p]).join(";"),
    r.ruleSet,
  ]
    .map(csvCell)
    .join(",");
}

/** Quotes a CSV cell when it holds a comma, quote or line break (RFC 4180). */
export function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// ---------------------------------------------------------------------------------------------------------------
// Period figures

export const AirPeriodFiguresInputSchema = airPeriodSchema({
  dustDeducted: z.boolean().optional(),
  /** Station figures too (default true); the dashboard only needs districts. */
  stations: z.boolean().optional(),
  yearOnYear: z.boolean().optional(),
  /** Overrides the settings stored as in force on the period's first day. */
  compositeIndexSettings: CompositeIndexSettingsSchema.optional(),
});
export type AirPeriodFiguresInput = z.input<typeof AirPeriodFiguresInputSchema>;

export type AreaStatistic = Pick<PeriodStatistic, "pollutant" | "statistic" | "basis" | "value" | "validDays" | "valid">;

export interface AreaYearOnYear {
  previous: { compositeIndex: number | null; rank: number | null; ratioPercent: number | null; pm25: number | null; validDays: number };
  /** Relative change of the composite index in % (reference §7.3). */
  compositeIndexPercent: number | null;
  rank: RankChange;
  /** Change of the good-days ratio in percentage points. */
  ratioPoints: number | null;
  pm25Percent: number | null;
}

/** Period figures of one station or district. */
export interface AreaPeriodFigures {
  kind: "station" | "district";
  id: string;
  code: string;
  name: string;
  districtId: string;
  districtCode: string;
  /** Days with stored figures in the period. */
  days: number;
  compliance: ComplianceDays;
  /** Good-days ratio with its numerator and denominator (reference §7.4). */
  ratio: { numerator: number; denominator: number; percent: number | null };
  statistics: Record<Pollutant, AreaStatistic>;
  /** Every statistic meets GB 3095 Table 4 completeness. */
  statisticsValid: boolean;
  compositeIndex: { value: number; settingsId: string; single: Record<Pollutant, number>; maxPollutants: Pollutant[] } | null;
  /** Rank by composite index among the city's districts (stations: among the stations), ties shared; computed here. */
  rank: { rank: number | null; tied: boolean; of: number; source: "computed" };
  publishedRank: { rank: number; compositeIndex: number | null; source: string; enteredBy: string; enteredAt: Date } | null;
  yearOnYear: AreaYearOnYear | null;
  ruleSetIds: RuleSetId[];
  dataStatus: { audited: number; preliminary: number };
}

export interface PublishedComparison {
  publishedAt: Date;
  publishedBy: string;
  /** True when the current figures equal the published ones. */
  matches: boolean;
  differences: { code: string; field: string; published: unknown; current: unknown }[];
}

export interface AirPeriodFigures {
  from: string;
  to: string;
  dustDeducted: boolean;
  previousPeriod: { from: string; to: string } | null;
  compositeIndexSettings: CompositeIndexSettings;
  ruleSetIds: RuleSetId[];
  districts: AreaPeriodFigures[];
  stations: AreaPeriodFigures[];
  published: PublishedComparison | null;
  /** Fingerprint of every input day, stored with a published snapshot. */
  inputFingerprint: string;
}

/** The same dates one year earlier; 29 February becomes 28 February. */
export function sameDateYearEarlier(date: string): string {
  const d = parseCivilDate(date);
  if (!d) throw new RangeError(`Not a calendar date: ${date}`);
  return formatCivilDate({ year: d.year - 1, month: d.month, day: Math.min(d.day, daysInMonth(d.year - 1, d.month)) });
}

type Period = { from: string; to: string };
type Entity = Pick<AreaPeriodFigures, "kind" | "id" | "code" | "name" | "districtId" | "districtCode">;

interface Computed {
  entity: Entity;
  days: AirDayFigures[];
  compliance: ComplianceDays;
  statistics: Record<Pollutant, AreaStatistic>;
  statisticsValid: boolean;
  compositeIndex: AreaPeriodFigures["compositeIndex"];
}

function evaluateArea(entity: Entity, days: AirDayFigures[], period: Period, dust: ReadonlySet<string>, dustDeducted: boolean, settings: CompositeIndexSettings): Computed {
  const dustKey = (date: string) => `${entity.districtId}|${date}`;
  const records: DailyRecord[] = days.map((d) => ({
    date: d.date,
    so2_24h: d.so2,
    no2_24h: d.no2,
    co_24h: d.co,
    pm10_24h: d.pm10,
    pm25_24h: d.pm25,
    o3_8h: d.o3Max8h,
    o3_1h: d.o3Max1h,
    dustAffected: dust.has(dustKey(d.date)),
  }));
  const stats = computePeriodStatistics({ start: period.from, end: period.to, days: records }, { dustDeducted });
  const compliance = computeComplianceDays(
    days.map((d) => ({ date: d.date, aqi: d.aqi, aqiStatus: d.aqiStatus, dustAffected: dust.has(dustKey(d.date)) })),
    { dustDeducted },
  );
  const statistics = Object.fromEntries(
    POLLUTANTS.map((p) => {
      const { pollutant, statistic, basis, value, validDays, valid } = stats.statistics[p];
      return [p, { pollutant, statistic, basis, value, validDays, valid }];
    }),
  ) as Record<Pollutant, AreaStatistic>;
  const values = POLLUTANTS.map((p) => statistics[p].value);
  let ci: AreaPeriodFigures["compositeIndex"] = null;
  if (values.every((v) => v !== null)) {
    const result = compositeIndex(Object.fromEntries(POLLUTANTS.map((p) => [p, statistics[p].value!])) as Record<Pollutant, number>, settings);
    ci = {
      value: result.index,
      settingsId: result.settingsId,
      single: Object.fromEntries(POLLUTANTS.map((p) => [p, result.single[p].index])) as Record<Pollutant, number>,
      maxPollutants: result.maxPollutants,
    };
  }
  return { entity, days, compliance, statistics, statisticsValid: POLLUTANTS.every((p) => statistics[p].valid), compositeIndex: ci };
}

function rankAreas(items: readonly Computed[], digits: number) {
  const ranked = rankWithTies(
    items.map((c) => ({ id: c.entity.id, value: c.compositeIndex?.value ?? null })),
    { order: "ascending", digits },
  );
  return new Map(ranked.map((r) => [r.id, r]));
}

interface PeriodData {
  districts: StoredDistrictDay[];
  stations: StoredStationDay[];
  dust: Set<string>;
}

async function loadPeriod(deps: Pick<AirComputeDeps, "read">, period: Period, withStations: boolean): Promise<PeriodData> {
  const repo = deps.read.airResults;
  const [districts, stations, dust] = await Promise.all([
    repo.listDistrictDays(period),
    withStations ? repo.listStationDays(period) : Promise.resolve([]),
    repo.listDustDays(period),
  ]);
  return { districts, stations, dust: new Set(dust.map((d) => `${d.districtId}|${d.date}`)) };
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function evaluateAll(
  entities: { districts: Entity[]; stations: Entity[] },
  data: PeriodData,
  period: Period,
  dustDeducted: boolean,
  settings: CompositeIndexSettings,
) {
  const byDistrict = groupBy(data.districts, (d) => d.districtId);
  const byStation = groupBy(data.stations, (d) => d.stationId);
  const districts = entities.districts.map((e) => evaluateArea(e, byDistrict.get(e.id) ?? [], period, data.dust, dustDeducted, settings));
  const stations = entities.stations.map((e) => evaluateArea(e, byStation.get(e.id) ?? [], period, data.dust, dustDeducted, settings));
  return { districts, stations, districtRanks: rankAreas(districts, settings.digits), stationRanks: rankAreas(stations, settings.digits) };
}

const ratioOf = (c: ComplianceDays) => ({ numerator: c.goodDays, denominator: c.validDays, percent: c.ratioPercent });

/**
 * Period figures per district and station: valid and good days with the ratio, the six HJ 663 statistics, the
 * composite index, the computed rank among the city's districts with ties, the published rank when entered,
 * year-on-year changes against the same dates a year earlier, and the rule sets of the days used. Raw, or
 * dust-deducted (扣沙) with `dustDeducted`. The composite index uses the settings in force on the period's first day
 * (`compositeIndexSettingsFor`; default 环办监测〔2018〕19号) unless `compositeIndexSettings` is given, and the
 * year-earlier period is evaluated with the same settings so the change is like-for-like.
 */
export async function airPeriodFigures(deps: Pick<AirComputeDeps, "read">, raw: AirPeriodFiguresInput): Promise<AirPeriodFigures> {
  const input = parseOrThrow(AirPeriodFiguresInputSchema, raw);
  const period = { from: input.from, to: input.to };
  const dustDeducted = input.dustDeducted ?? false;
  const withStations = input.stations ?? true;
  const repo = deps.read.airResults;
  const previousPeriod = input.yearOnYear === false ? null : { from: sameDateYearEarlier(period.from), to: sameDateYearEarlier(period.to) };

  const [stationRefs, districtRefs, current, previous, ranks, snapshot, stored] = await Promise.all([
    withStations ? repo.listStations() : Promise.resolve([] as AirStationRef[]),
    repo.listDistricts(),
    loadPeriod(deps, period, withStations),
    previousPeriod ? loadPeriod(deps, previousPeriod, withStations) : Promise.resolve(null),
    repo.listPublishedRanks(period),
    repo.findPublishedFigures({ periodFrom: period.from, periodTo: period.to, dustDeducted }),
    input.compositeIndexSettings ? Promise.resolve([]) : repo.listCompositeIndexSettings(),
  ]);
  const settings = input.compositeIndexSettings ?? compositeIndexSettingsFor(period.from, stored);
  const entities = {
    districts: districtRefs.map((d): Entity => ({ kind: "district", id: d.id, code: d.code, name: d.name, districtId: d.id, districtCode: d.code })),
    stations: stationRefs.map((s): Entity => ({ kind: "station", id: s.id, code: s.code, name: s.name, districtId: s.districtId, districtCode: s.districtCode })),
  };
  const now = evaluateAll(entities, current, period, dustDeducted, settings);
  const before = previous && previousPeriod ? evaluateAll(entities, previous, previousPeriod, dustDeducted, settings) : null;
  const published = new Map(ranks.filter((r) => r.periodFrom === period.from && r.periodTo === period.to).map((r) => [r.districtId, r]));

  const assemble = (c: Computed, ranksNow: Map<string, { rank: number | null; tied: boolean }>, prev: { list: Computed[]; ranks: Map<string, { rank: number | null }> } | null, of: number): AreaPeriodFigures => {
    const rank = ranksNow.get(c.entity.id) ?? { rank: null, tied: false };
    const p = prev?.list.find((x) => x.entity.id === c.entity.id) ?? null;
    const prevRank = p ? (prev!.ranks.get(p.entity.id)?.rank ?? null) : null;
    const pub = c.entity.kind === "district" ? published.get(c.entity.id) : undefined;
    return {
      ...c.entity,
      days: c.days.length,
      compliance: c.compliance,
      ratio: ratioOf(c.compliance),
      statistics: c.statistics,
      statisticsValid: c.statisticsValid,
      compositeIndex: c.compositeIndex,
      rank: { rank: rank.rank, tied: rank.tied, of, source: "computed" },
      publishedRank: pub ? { rank: pub.rank, compositeIndex: pub.compositeIndex, source: pub.source, enteredBy: pub.enteredBy, enteredAt: pub.enteredAt } : null,
      yearOnYear: p
        ? {
            previous: {
              compositeIndex: p.compositeIndex?.value ?? null,
              rank: prevRank,
              ratioPercent: p.compliance.ratioPercent,
              pm25: p.statistics.pm25.value,
              validDays: p.compliance.validDays,
            },
            compositeIndexPercent: percentChange(c.compositeIndex?.value ?? null, p.compositeIndex?.value ?? null),
            rank: rankChange(prevRank, rank.rank),
            ratioPoints: percentagePointChange(c.compliance.ratioPercent, p.compliance.ratioPercent),
            pm25Percent: percentChange(c.statistics.pm25.value, p.statistics.pm25.value),
          }
        : null,
      ruleSetIds: [...new Set(c.days.map((d) => d.ruleSet))].sort(),
      dataStatus: { audited: c.days.filter((d) => d.dataStatus === "audited").length, preliminary: c.days.filter((d) => d.dataStatus !== "audited").length },
    };
  };
  const rankedDistricts = now.districts.filter((c) => c.compositeIndex !== null).length;
  const rankedStations = now.stations.filter((c) => c.compositeIndex !== null).length;
  const districts = now.districts.map((c) => assemble(c, now.districtRanks, before && { list: before.districts, ranks: before.districtRanks }, rankedDistricts));
  const stations = now.stations.map((c) => assemble(c, now.stationRanks, before && { list: before.stations, ranks: before.stationRanks }, rankedStations));
  const inputFingerprint = fingerprintOf([
    dustDeducted,
    settings.id,
    settings.digits,
    ...POLLUTANTS.flatMap((p) => [String(settings.limits[p]), String(settings.weights[p])]),
    ...current.districts.flatMap((d) => [d.districtId, d.date, d.inputFingerprint, d.ruleSet]),
    ...[...current.dust].sort(),
  ]);
  return {
    ...period,
    dustDeducted,
    previousPeriod,
    compositeIndexSettings: settings,
    ruleSetIds: [...new Set([...current.districts, ...current.stations].map((d) => d.ruleSet))].sort(),
    districts,
    stations,
    published: snapshot ? comparePublished(snapshot, districts) : null,
    inputFingerprint,
  };
}

/** The district figures a published snapshot keeps and compares. */
export function publishableFigures(districts: readonly AreaPeriodFigures[]) {
  return districts.map((d) => ({
    code: d.code,
    validDays: d.compliance.validDays,
    goodDays: d.compliance.goodDays,
    ratioPercent: d.compliance.ratioPercent,
    compositeIndex: d.compositeIndex?.value ?? null,
    rank: d.rank.rank,
    ruleSetIds: d.ruleSetIds,
    ...Object.fromEntries(POLLUTANTS.map((p) => [p, d.statistics[p].value])),
  }));
}

function comparePublished(snapshot: { figures: unknown; publishedAt: Date; publishedBy: string }, districts: readonly AreaPeriodFigures[]): PublishedComparison {
  const stored = Array.isArray(snapshot.figures) ? (snapshot.figures as Record<string, unknown>[]) : [];
  const current = new Map(publishableFigures(districts).map((f) => [f.code, f as Record<string, unknown>]));
  const differences: PublishedComparison["differences"] = [];
  for (const old of stored) {
    const code = String(old.code);
    const now = current.get(code) ?? {};
    for (const [field, value] of Object.entries(old)) {
      if (field === "code") continue;
      if (JSON.stringify(value) !== JSON.stringify(now[field] ?? null)) differences.push({ code, field, published: value, current: now[field] ?? null });
    }
  }
  return { publishedAt: snapshot.publishedAt, publishedBy: snapshot.publishedBy, matches: differences.length === 0, differences };
}

// ---------------------------------------------------------------------------------------------------------------
// Published snapshots

export const PublishAirFiguresInputSchema = airPeriodSchema({ dustDeducted: z.boolean().optional() });

/**
 * Stores the district figures of a period as published (e.g. with the monthly bulletin), with the input fingerprint;
 * later period queries compare against it, so a recomputation (audited data, a rule change) never changes a
 * published figure silently. Replaces an earlier snapshot of the same period. Audited.
 */
export async function publishAirPeriodFigures(deps: AirComputeDeps, actor: Actor | null, raw: unknown, requestId: string | null = null): Promise<StoredPublishedFigures> {
  if (actor && !canEnterAirData(actor.role)) throw airComputeErrors.forbidden({ zh: "发布期间数据", en: "publish period figures" });
  const input = parseOrThrow(PublishAirFiguresInputSchema, raw);
  const dustDeducted = input.dustDeducted ?? false;
  const figures = await airPeriodFigures(deps, { from: input.from, to: input.to, dustDeducted, stations: false, yearOnYear: false });
  const name = actor ? `${actor.displayName} (${actor.username})` : "command line";
  return deps.uow.run(async (r) => {
    const before = await r.airResults.findPublishedFigures({ periodFrom: input.from, periodTo: input.to, dustDeducted });
    const after = await r.airResults.upsertPublishedFigures({
      periodFrom: input.from,
      periodTo: input.to,
      dustDeducted,
      figures: publishableFigures(figures.districts),
      inputFingerprint: figures.inputFingerprint,
      publishedById: actor?.userId ?? null,
      publishedBy: name,
      publishedAt: deps.clock.now(),
    });
    await r.audit.record({ actorId: actor?.userId ?? null, actorName: name, action: "air.figures.publish", entityType: "air_published_figures", entityId: after.id, before, after, requestId });
    return after;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Dashboard and calendar

export const AirDashboardInputSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  /** Default: the home district. */
  districtId: z.uuid().optional(),
  /** Last day counted; default yesterday (Asia/Shanghai), never past the year's end. */
  asOf: airDateParam("asOf").optional(),
  dustDeducted: z.boolean().optional(),
});
export type AirDashboardInput = z.input<typeof AirDashboardInputSchema>;

/** The averaging period each pollutant's period statistic is compared with (reference §6.1). */
export const PERIOD_LIMIT_AVERAGING: Readonly<Record<Pollutant, Averaging>> = { so2: "annual", no2: "annual", pm10: "annual", pm25: "annual", co: "24h", o3: "8h" };

export interface PollutantAgainstLimit {
  pollutant: Pollutant;
  statistic: AreaStatistic["statistic"];
  value: number | null;
  /** GB 3095 Grade II limit in force on the period's last day. */
  limit: number | null;
  averaging: Averaging;
  /** value / limit, half-even to 2 decimals (with the limit shown, which may differ from the composite index's S_i). */
  ratio: number | null;
  exceeds: boolean | null;
  target: number | null;
}

export interface AirDashboard {
  year: number;
  from: string;
  to: string | null;
  district: { id: string; code: string; name: string } | null;
  figures: AreaPeriodFigures | null;
  /** Every district, for the ranking table. */
  districts: AreaPeriodFigures[];
  target: AirTarget | null;
  /** "N more good days needed in the remaining M days", assuming every remaining day is valid. */
  goodDaysGap: { targetPercent: number; needed: number; remainingDays: number; reachable: boolean; text: { zh: string; en: string } } | null;
  pollutants: PollutantAgainstLimit[];
  ruleSetIds: RuleSetId[];
  published: PublishedComparison | null;
}

function goodDaysGap(targetPercent: number, compliance: ComplianceDays, remainingDays: number): AirDashboard["goodDaysGap"] {
  const total = compliance.validDays + remainingDays;
  const required = Number(ceil(div(mul(parseDecimal(targetPercent), fromInt(total)), fromInt(100))));
  const needed = Math.max(0, required - compliance.goodDays);
  const reachable = needed <= remainingDays;
  const text = needed === 0
    ? { zh: "已达到优良天数比例目标", en: "The good-days target is met" }
    : reachable
      ? { zh: `剩余 ${remainingDays} 天中还需 ${needed} 个优良天`, en: `${needed} more good days needed in the remaining ${remainingDays} days` }
      : { zh: `剩余 ${remainingDays} 天已不足以达到目标（还需 ${needed} 个优良天）`, en: `The target can no longer be met (${needed} good days needed, ${remainingDays} days left)` };
  return { targetPercent, needed, remainingDays, reachable, text };
}

/**
 * The monitoring dashboard of a district for a year to date: period figures against the year's targets, rank among
 * the city's districts with its year-on-year change, the good-days ratio and the gap to its target, and each
 * pollutant's period statistic against its GB 3095 limit.
 */
export async function airDashboard(deps: AirComputeDeps, raw: AirDashboardInput): Promise<AirDashboard> {
  const input = parseOrThrow(AirDashboardInputSchema, raw);
  const from = `${input.year}-01-01`;
  const yearEnd = `${input.year}-12-31`;
  const yesterday = addDays(toShanghaiDate(deps.clock.now()), -1);
  const last = [input.asOf ?? yesterday, yearEnd].sort()[0]!;
  const to = last >= from ? last : null;
  const [districts, targets] = await Promise.all([deps.read.airResults.listDistricts(), deps.read.airResults.listTargets(input.year)]);
  const district = (input.districtId ? districts.find((d) => d.id === input.districtId) : districts.find((d) => d.isHome)) ?? null;
  if (input.districtId && !district) throw airComputeErrors.districtNotFound(input.districtId);
  const target = targets.find((t) => t.districtId === district?.id) ?? null;
  const empty: AirDashboard = { year: input.year, from, to, district, figures: null, districts: [], target, goodDaysGap: null, pollutants: [], ruleSetIds: [], published: null };
  if (!to || !district) return empty;
  const period = await airPeriodFigures(deps, { from, to, dustDeducted: input.dustDeducted, stations: false });
  const figures = period.districts.find((d) => d.id === district.id) ?? null;
  const remainingDays = datesBetween(to, yearEnd).length - 1;
  const targetOf: Partial<Record<Pollutant, number | null>> = { pm25: target?.pm25Target ?? null, pm10: target?.pm10Target ?? null, o3: target?.o3Target ?? null };
  const pollutants = POLLUTANTS.map((p): PollutantAgainstLimit => {
    const stat = figures?.statistics[p];
    const value = stat?.value ?? null;
    const limit = concentrationLimit({ pollutant: p, averaging: PERIOD_LIMIT_AVERAGING[p], grade: 2, date: to });
    return {
      pollutant: p,
      statistic: stat?.statistic ?? "mean",
      value,
      limit,
      averaging: PERIOD_LIMIT_AVERAGING[p],
      ratio: value === null || limit === null ? null : roundToNumber(div(parseDecimal(value), parseDecimal(limit)), 2),
      exceeds: value === null || limit === null ? null : value > limit,
      target: targetOf[p] ?? null,
    };
  });
  return {
    ...empty,
    figures,
    districts: period.districts,
    goodDaysGap: figures && target?.goodDaysRatioTarget != null ? goodDaysGap(target.goodDaysRatioTarget, figures.compliance, remainingDays) : null,
    pollutants,
    ruleSetIds: period.ruleSetIds,
    published: period.published,
  };
}

export const AirCalendarInputSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  /** A district or station code; default the home district. */
  code: z.string().trim().min(1).max(40).optional(),
});

export interface AirCalendarDay {
  date: string;
  aqi: number | null;
  aqiStatus: AirDayFigures["aqiStatus"];
  level: number | null;
  primaryPollutants: Pollutant[];
  ruleSet: RuleSetId;
  dataStatus: AirDayFigures["dataStatus"];
  dust: boolean;
}

/** A year of daily AQI for the calendar heat map of a district (default the home district) or a station. */
export async function airCalendar(deps: Pick<AirComputeDeps, "read">, raw: z.input<typeof AirCalendarInputSchema>): Promise<{ code: string; name: string; kind: "district" | "station"; days: AirCalendarDay[] }> {
  const input = parseOrThrow(AirCalendarInputSchema, raw);
  const repo = deps.read.airResults;
  const period = { from: `${input.year}-01-01`, to: `${input.year}-12-31` };
  const [districts, stations, dust] = await Promise.all([repo.listDistricts(), input.code ? repo.listStations() : Promise.resolve([]), repo.listDustDays(period)]);
  const district = input.code ? districts.find((d) => d.code === input.code) : districts.find((d) => d.isHome);
  const station = !district && input.code ? stations.find((s) => s.code === input.code) : undefined;
  if (!district && !station) throw airComputeErrors.areaNotFound(input.code ?? "(home)");
  const districtId = district?.id ?? station!.districtId;
  const dusty = new Set(dust.filter((d) => d.districtId === districtId).map((d) => d.date));
  const days: AirDayFigures[] = district
    ? await repo.listDistrictDays({ ...period, districtIds: [district.id] })
    : await repo.listStationDays({ ...period, stationIds: [station!.id] });
  return {
    code: district?.code ?? station!.code,
    name: district?.name ?? station!.name,
    kind: district ? "district" : "station",
    days: days.map((d) => ({ date: d.date, aqi: d.aqi, aqiStatus: d.aqiStatus, level: d.level, primaryPollutants: d.primaryPollutants, ruleSet: d.ruleSet, dataStatus: d.dataStatus, dust: dusty.has(d.date) })),
  };
}
