import { z } from "zod";
import type { Actor, Role } from "../auth/auth.schema";
import { parseOrThrow, refineMessage } from "../shared/domain-error";
import type { Clock, UnitOfWork } from "../shared/ports";
import type { AirCompositeIndexSettingsEntry, AirComputeRepos, AirDustDay, AirHourReading, AirPublishedRank, AirTarget } from "./air-compute.ports";
import { airComputeErrors } from "./air-compute.errors";
import type { AqiStatus, CompositeIndexSettings, Pollutant, RuleSetId } from "./air.schema";
import { CompositeIndexSettingsSchema, POLLUTANTS } from "./air.schema";
import { computeHourlyAqi } from "./aqi.rules";
import { COMPOSITE_INDEX_PRESETS, isSameCompositeIndexSettings } from "./composite-index.rules";
import { airDateParam, airPeriodSchema } from "./air-query.schema";
import { o3EightHourMean } from "./o3.rules";

interface Deps {
  uow: UnitOfWork<AirComputeRepos>;
  read: Pick<AirComputeRepos, "airResults">;
  clock: Clock;
}

const HOUR_MS = 3_600_000;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/** The local end-of-hour stamp of the last hour that has ended at `instant` (Asia/Shanghai, fixed UTC+8). */
export function lastHourStampAt(instant: Date): string {
  const local = Math.floor((instant.getTime() + SHANGHAI_OFFSET_MS) / HOUR_MS) * HOUR_MS;
  return new Date(local).toISOString().slice(0, 13) + ":00";
}

/** Hours since 1970-01-01T00:00Z of the instant a local end-of-hour stamp names. */
export function epochHourOfStamp(stamp: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):00$/.exec(stamp);
  if (!m) throw new RangeError(`Not an hour stamp: ${stamp}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4])) / HOUR_MS - 8;
}

function stampOfEpochHour(hour: number): string {
  return new Date((hour + 8) * HOUR_MS).toISOString().slice(0, 13) + ":00";
}

// ---------------------------------------------------------------------------------------------------------------
// Data health and the latest hour

/**
 * Plausible hourly ranges used by the data-health check (not a validity rule of the standard): wider than any
 * breakpoint table so that only instrument faults and unit mix-ups are flagged. µg/m³, CO mg/m³.
 */
export const AIR_PLAUSIBLE_RANGES: Readonly<Record<Pollutant, { min: number; max: number }>> = {
  so2: { min: 0, max: 2_000 },
  no2: { min: 0, max: 1_000 },
  co: { min: 0, max: 50 },
  o3: { min: 0, max: 1_000 },
  pm10: { min: 0, max: 3_000 },
  pm25: { min: 0, max: 1_500 },
};

export const AirHealthInputSchema = z.object({
  /** Hours looked back for gaps, ranges and stuck values (default 24). */
  windowHours: z.number().int().min(1).max(24 * 31).optional(),
  /** A station with no reading for this many hours is flagged silent (default 3). */
  silentHours: z.number().int().min(1).max(24 * 31).optional(),
  /** The same value this many hours in a row is flagged as stuck (default 6). */
  stuckHours: z.number().int().min(2).max(24 * 7).optional(),
});
export type AirHealthInput = z.input<typeof AirHealthInputSchema>;

export const AIR_HEALTH_DEFAULTS = { windowHours: 24, silentHours: 3, stuckHours: 6 } as const;

export type AirHealthIssue = "silent" | "gaps" | "out_of_range" | "stuck" | "pm25_above_pm10";

export interface StationHealth {
  stationId: string;
  code: string;
  name: string;
  districtCode: string;
  isEvaluation: boolean;
  active: boolean;
  /** Last hour received, whatever its age ('YYYY-MM-DDTHH:00', local end of hour); null = never. */
  lastTime: string | null;
  hoursSinceLast: number | null;
  silent: boolean;
  /** Hours of the window with at least one value, and without any. */
  window: { hours: number; received: number; missing: number };
  missingValues: Record<Pollutant, number>;
  outOfRange: Record<Pollutant, number>;
  pm25AbovePm10: number;
  /** Runs of one value repeated at least `stuckHours` consecutive hours, longest per pollutant. */
  stuck: { pollutant: Pollutant; value: string; hours: number; from: string; to: string }[];
  preliminaryHours: number;
  auditedHours: number;
  issues: AirHealthIssue[];
}

export interface AirHealthReport {
  /** The last hour that has ended ('YYYY-MM-DDTHH:00'). */
  asOf: string;
  settings: { windowHours: number; silentHours: number; stuckHours: number };
  stations: StationHealth[];
}

const zeroes = () => Object.fromEntries(POLLUTANTS.map((p) => [p, 0])) as Record<Pollutant, number>;

function stationHealth(readings: readonly AirHourReading[], settings: AirHealthReport["settings"], windowStart: number, asOfHour: number) {
  const inWindow = readings.filter((r) => epochHourOfStamp(r.time) > windowStart);
  const withValue = inWindow.filter((r) => POLLUTANTS.some((p) => r.values[p] !== null));
  const missingValues = zeroes();
  const outOfRange = zeroes();
  const present = new Map(inWindow.map((r) => [epochHourOfStamp(r.time), r]));
  for (let h = windowStart + 1; h <= asOfHour; h++) {
    const r = present.get(h);
    for (const p of POLLUTANTS) if (!r || r.values[p] === null) missingValues[p]++;
  }
  let pm25AbovePm10 = 0;
  for (const r of inWindow) {
    for (const p of POLLUTANTS) {
      const v = r.values[p];
      if (v === null) continue;
      const n = Number(v);
      if (n < AIR_PLAUSIBLE_RANGES[p].min || n > AIR_PLAUSIBLE_RANGES[p].max) outOfRange[p]++;
    }
    if (r.values.pm25 !== null && r.values.pm10 !== null && Number(r.values.pm25) > Number(r.values.pm10)) pm25AbovePm10++;
  }
  const stuck: StationHealth["stuck"] = [];
  for (const p of POLLUTANTS) {
    let best: StationHealth["stuck"][number] | null = null;
    let run: { value: string; from: number; to: number } | null = null;
    for (const r of inWindow) {
      const v = r.values[p];
      const h = epochHourOfStamp(r.time);
      if (v !== null && run && Number(v) === Number(run.value) && h === run.to + 1) run.to = h;
      else run = v === null ? null : { value: v, from: h, to: h };
      if (run && run.to - run.from + 1 >= settings.stuckHours && (!best || run.to - run.from + 1 > best.hours)) {
        best = { pollutant: p, value: run.value, hours: run.to - run.from + 1, from: stampOfEpochHour(run.from), to: stampOfEpochHour(run.to) };
      }
    }
    if (best) stuck.push(best);
  }
  return {
    window: { hours: settings.windowHours, received: withValue.length, missing: settings.windowHours - withValue.length },
    missingValues,
    outOfRange,
    pm25AbovePm10,
    stuck,
    preliminaryHours: inWindow.filter((r) => r.status === "preliminary").length,
    auditedHours: inWindow.filter((r) => r.status === "audited").length,
  };
}

/**
 * Data health of every station: last value received, hours missing in the window, values outside plausible ranges,
 * PM2.5 above PM10, stuck values (one value N hours in a row), and silent stations (no reading for N hours).
 */
export async function airDataHealth(deps: Pick<Deps, "read" | "clock">, raw: AirHealthInput = {}): Promise<AirHealthReport> {
  const input = parseOrThrow(AirHealthInputSchema, raw);
  const settings = { ...AIR_HEALTH_DEFAULTS, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
  const now = deps.clock.now();
  const asOf = lastHourStampAt(now);
  const asOfHour = epochHourOfStamp(asOf);
  const windowStart = asOfHour - settings.windowHours;
  const repo = deps.read.airResults;
  const [stations, last, readings] = await Promise.all([repo.listStations(), repo.lastReadingTimes(), repo.listReadingsSince(new Date(windowStart * HOUR_MS))]);
  const lastById = new Map(last.map((l) => [l.stationId, l.time]));
  const byStation = new Map<string, AirHourReading[]>();
  for (const r of readings) (byStation.get(r.stationId) ?? byStation.set(r.stationId, []).get(r.stationId)!).push(r);
  return {
    asOf,
    settings,
    stations: stations.map((s) => {
      const lastTime = lastById.get(s.id) ?? null;
      const hoursSinceLast = lastTime === null ? null : Math.max(0, Math.floor((now.getTime() - epochHourOfStamp(lastTime) * HOUR_MS) / HOUR_MS));
      const silent = s.active && (hoursSinceLast === null || hoursSinceLast >= settings.silentHours);
      const h = stationHealth(byStation.get(s.id) ?? [], settings, windowStart, asOfHour);
      const issues: AirHealthIssue[] = [];
      if (silent) issues.push("silent");
      if (h.window.missing > 0) issues.push("gaps");
      if (POLLUTANTS.some((p) => h.outOfRange[p] > 0)) issues.push("out_of_range");
      if (h.stuck.length) issues.push("stuck");
      if (h.pm25AbovePm10 > 0) issues.push("pm25_above_pm10");
      return { stationId: s.id, code: s.code, name: s.name, districtCode: s.districtCode, isEvaluation: s.isEvaluation, active: s.active, lastTime, hoursSinceLast, silent, ...h, issues };
    }),
  };
}

/** A station's latest hour with its real-time AQI (HJ 633), for the public map. */
export interface StationNow {
  stationId: string;
  code: string;
  name: string;
  districtCode: string;
  lat: number | null;
  lon: number | null;
  time: string | null;
  aqi: number | null;
  aqiStatus: AqiStatus | null;
  level: number | null;
  category: { zh: string; en: string } | null;
  colour: string | null;
  primaryPollutants: Pollutant[];
  ruleSet: RuleSetId | null;
  /** 实况 (preliminary) or 审核 (audited), as the hour was received. */
  dataStatus: "preliminary" | "audited" | null;
  silent: boolean;
}

/** Hours looked back for a station's latest hour; older data is not "now". */
export const AIR_NOW_LOOKBACK_HOURS = 24;

/**
 * Every active station's latest hour of the last 24 with its real-time AQI under the rule set of the hour's day
 * (hourly PM on the daily breakpoints; the O3 8-hour running mean from the 8 hours ending then, ≥ 6 valid).
 */
export async function airStationsNow(deps: Pick<Deps, "read" | "clock">, opts: { silentHours?: number } = {}): Promise<StationNow[]> {
  const now = deps.clock.now();
  const asOfHour = epochHourOfStamp(lastHourStampAt(now));
  const repo = deps.read.airResults;
  const [stations, readings] = await Promise.all([repo.listStations(), repo.listReadingsSince(new Date((asOfHour - AIR_NOW_LOOKBACK_HOURS - 8) * HOUR_MS))]);
  const byStation = new Map<string, AirHourReading[]>();
  for (const r of readings) (byStation.get(r.stationId) ?? byStation.set(r.stationId, []).get(r.stationId)!).push(r);
  const silentHours = opts.silentHours ?? AIR_HEALTH_DEFAULTS.silentHours;
  return stations
    .filter((s) => s.active)
    .map((s): StationNow => {
      const list = (byStation.get(s.id) ?? []).filter((r) => POLLUTANTS.some((p) => r.values[p] !== null));
      const latest = list.at(-1);
      const base = { stationId: s.id, code: s.code, name: s.name, districtCode: s.districtCode, lat: s.lat, lon: s.lon };
      if (!latest || epochHourOfStamp(latest.time) <= asOfHour - AIR_NOW_LOOKBACK_HOURS) {
        return { ...base, time: null, aqi: null, aqiStatus: null, level: null, category: null, colour: null, primaryPollutants: [], ruleSet: null, dataStatus: null, silent: true };
      }
      const lastHour = epochHourOfStamp(latest.time);
      const o3Window = Array.from({ length: 8 }, (_, i) => list.find((r) => epochHourOfStamp(r.time) === lastHour - 7 + i)?.values.o3 ?? null);
      const v = latest.values;
      const result = computeHourlyAqi({
        time: latest.time,
        concentrations: { so2_1h: v.so2, no2_1h: v.no2, co_1h: v.co, o3_1h: v.o3, pm10_1h: v.pm10, pm25_1h: v.pm25, o3_8h: o3EightHourMean(o3Window) },
      });
      return {
        ...base,
        time: latest.time,
        aqi: result.aqi,
        aqiStatus: result.aqiStatus,
        level: result.band?.level ?? null,
        category: result.band?.category ?? null,
        colour: result.band?.colour.hex ?? null,
        primaryPollutants: result.primaryPollutants,
        ruleSet: result.ruleSetId,
        dataStatus: latest.status,
        silent: asOfHour - lastHour >= silentHours,
      };
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Entries by the monitoring section: dust days, published ranks, targets, composite-index settings (each audited)

/** Dust days, published ranks, targets and composite-index settings are entered by the monitoring section (监测股) and administrators. */
export function canEnterAirData(role: Role): boolean {
  return role === "admin" || role === "monitoring";
}

const actorName = (a: Actor | null) => (a ? `${a.displayName} (${a.username})` : "command line");

function requireAirEntry(actor: Actor | null, action: { zh: string; en: string }) {
  if (actor && !canEnterAirData(actor.role)) throw airComputeErrors.forbidden(action);
}

async function requireDistrict(deps: Pick<Deps, "read">, districtId: string) {
  const districts = await deps.read.airResults.listDistricts();
  if (!districts.some((d) => d.id === districtId)) throw airComputeErrors.districtNotFound(districtId);
}

const text = (max: number) => z.string().trim().min(1).max(max);

export const AirDustDayInputSchema = z.object({ districtId: z.uuid(), date: airDateParam("date"), reason: text(500) });
export const AirDustDayKeySchema = z.object({ districtId: z.uuid(), date: airDateParam("date") });
export const AirDustDayQuerySchema = airPeriodSchema({});

export function listAirDustDays(deps: Pick<Deps, "read">, raw: unknown): Promise<AirDustDay[]> {
  const q = parseOrThrow(AirDustDayQuerySchema, raw);
  return deps.read.airResults.listDustDays(q);
}

/** Flags (or re-words) a dust-affected day of a district; the 扣沙 figures leave it out. Audited. */
export async function setAirDustDay(deps: Deps, actor: Actor | null, raw: unknown, requestId: string | null = null): Promise<AirDustDay> {
  requireAirEntry(actor, { zh: "标记沙尘天", en: "flag dust days" });
  const input = parseOrThrow(AirDustDayInputSchema, raw);
  await requireDistrict(deps, input.districtId);
  return deps.uow.run(async (r) => {
    const before = await r.airResults.findDustDay(input.districtId, input.date);
    const after = await r.airResults.upsertDustDay({ ...input, enteredById: actor?.userId ?? null, enteredBy: actorName(actor), enteredAt: deps.clock.now() });
    await r.audit.record({ actorId: actor?.userId ?? null, actorName: actorName(actor), action: "air.dust_day.set", entityType: "air_dust_day", entityId: `${input.districtId}:${input.date}`, before, after, requestId });
    return after;
  });
}

/** Removes a dust-day flag. Audited. */
export async function removeAirDustDay(deps: Deps, actor: Actor | null, raw: unknown, requestId: string | null = null): Promise<void> {
  requireAirEntry(actor, { zh: "取消沙尘天标记", en: "remove dust days" });
  const input = parseOrThrow(AirDustDayKeySchema, raw);
  await deps.uow.run(async (r) => {
    const before = await r.airResults.findDustDay(input.districtId, input.date);
    if (!before) throw airComputeErrors.entryNotFound({ zh: "沙尘天标记", en: "dust day" }, `${input.districtId}:${input.date}`);
    await r.airResults.deleteDustDay(input.districtId, input.date);
    await r.audit.record({ actorId: actor?.userId ?? null, actorName: actorName(actor), action: "air.dust_day.remove", entityType: "air_dust_day", entityId: `${input.districtId}:${input.date}`, before, requestId });
  });
}

export const AirPublishedRankInputSchema = z
  .object({
    periodFrom: airDateParam("periodFrom"),
    periodTo: airDateParam("periodTo"),
    districtId: z.uuid(),
    rank: z.number().int().min(1).max(1000),
    compositeIndex: z.number().nonnegative().max(100).nullable().default(null),
    source: text(300),
  })
  .refine((r) => r.periodFrom <= r.periodTo, { ...refineMessage("period_order", "开始日期不能晚于结束日期", "periodFrom must not be after periodTo"), path: ["periodTo"] });

export function listAirPublishedRanks(deps: Pick<Deps, "read">, raw: { from?: string; to?: string } = {}): Promise<AirPublishedRank[]> {
  const q = parseOrThrow(z.object({ from: airDateParam("from").optional(), to: airDateParam("to").optional() }), raw);
  return deps.read.airResults.listPublishedRanks(q);
}

/** Enters an officially published rank with its source (e.g. the city bulletin); replaces the same period's entry. Audited. */
export async function enterAirPublishedRank(deps: Deps, actor: Actor | null, raw: unknown, requestId: string | null = null): Promise<AirPublishedRank> {
  requireAirEntry(actor, { zh: "录入官方排名", en: "enter published ranks" });
  const input = parseOrThrow(AirPublishedRankInputSchema, raw);
  await requireDistrict(deps, input.districtId);
  return deps.uow.run(async (r) => {
    const before = await r.airResults.findPublishedRank(input);
    const after = await r.airResults.upsertPublishedRank({ ...input, enteredById: actor?.userId ?? null, enteredBy: actorName(actor), enteredAt: deps.clock.now() });
    await r.audit.record({ actorId: actor?.userId ?? null, actorName: actorName(actor), action: "air.published_rank.enter", entityType: "air_published_rank", entityId: after.id, before, after, requestId });
    return after;
  });
}

/** Deletes a published-rank entry. Audited. */
export async function removeAirPublishedRank(deps: Deps, actor: Actor | null, raw: unknown, requestId: string | null = null): Promise<void> {
  requireAirEntry(actor, { zh: "删除官方排名", en: "remove published ranks" });
  const { id } = parseOrThrow(z.object({ id: z.uuid() }), raw);
  await deps.uow.run(async (r) => {
    const before = await r.airResults.deletePublishedRank(id);
    if (!before) throw airComputeErrors.entryNotFound({ zh: "官方排名", en: "published rank" }, id);
    await r.audit.record({ actorId: actor?.userId ?? null, actorName: actorName(actor), action: "air.published_rank.remove", entityType: "air_published_rank", entityId: id, before, requestId });
  });
}

const optionalFigure = (max: number) => z.number().nonnegative().max(max).nullable().default(null);

export const AirTargetInputSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  districtId: z.uuid(),
  goodDaysRatioTarget: optionalFigure(100),
  pm25Target: optionalFigure(1000),
  pm10Target: optionalFigure(1000),
  o3Target: optionalFigure(1000),
  compositeIndexTarget: optionalFigure(100),
  heavyPollutionDaysMax: z.number().int().min(0).max(366).nullable().default(null),
  note: z.string().trim().max(500).nullable().default(null),
});

export function listAirTargets(deps: Pick<Deps, "read">, raw: unknown): Promise<AirTarget[]> {
  const { year } = parseOrThrow(z.object({ year: z.number().int().min(2000).max(2100) }), raw);
  return deps.read.airResults.listTargets(year);
}

/** Sets a district's air targets for a year (the dashboard shows the figures against them). Audited. */
export async function setAirTarget(deps: Deps, actor: Actor | null, raw: unknown, requestId: string | null = null): Promise<AirTarget> {
  requireAirEntry(actor, { zh: "设定年度目标", en: "set targets" });
  const input = parseOrThrow(AirTargetInputSchema, raw);
  await requireDistrict(deps, input.districtId);
  return deps.uow.run(async (r) => {
    const before = (await r.airResults.listTargets(input.year)).find((t) => t.districtId === input.districtId) ?? null;
    const after = await r.airResults.upsertTarget({ ...input, enteredById: actor?.userId ?? null, enteredBy: actorName(actor), enteredAt: deps.clock.now() });
    await r.audit.record({ actorId: actor?.userId ?? null, actorName: actorName(actor), action: "air.target.set", entityType: "air_target", entityId: `${input.year}:${input.districtId}`, before, after, requestId });
    return after;
  });
}

/** A preset's id names its values: settings that reuse it with other S_i, weights or digits would mislabel every figure. */
function keepsPresetValues(settings: CompositeIndexSettings): boolean {
  const preset = COMPOSITE_INDEX_PRESETS.find((p) => p.id === settings.id);
  return !preset || isSameCompositeIndexSettings(preset, settings);
}

export const AirCompositeIndexSettingsInputSchema = z.object({
  effectiveFrom: airDateParam("effectiveFrom"),
  settings: CompositeIndexSettingsSchema.refine(keepsPresetValues, {
    ...refineMessage("preset_values", "预设名称只能用于该预设的限值、权重和小数位；自定义设置请另起名称", "A preset's id may only carry that preset's limits, weights and digits; name custom settings differently"),
    path: ["id"],
  }),
  note: z.string().trim().max(500).nullable().default(null),
});
export type AirCompositeIndexSettingsInput = z.input<typeof AirCompositeIndexSettingsInputSchema>;
export const AirCompositeIndexSettingsKeySchema = z.object({ effectiveFrom: airDateParam("effectiveFrom") });

/** Every stored composite-index setting, oldest first; a period uses the one in force on its first day. */
export function listAirCompositeIndexSettings(deps: Pick<Deps, "read">): Promise<AirCompositeIndexSettingsEntry[]> {
  return deps.read.airResults.listCompositeIndexSettings();
}

/**
 * Stores the composite-index settings (S_i, weights, digits) in force from a date, replacing an entry of the same
 * date; period figures, the dashboard, the CLI and open data use them from then on. Audited.
 */
export async function setAirCompositeIndexSettings(deps: Deps, actor: Actor | null, raw: unknown, requestId: string | null = null): Promise<AirCompositeIndexSettingsEntry> {
  requireAirEntry(actor, { zh: "设定综合指数计算参数", en: "set composite index settings" });
  const input = parseOrThrow(AirCompositeIndexSettingsInputSchema, raw);
  return deps.uow.run(async (r) => {
    const before = (await r.airResults.listCompositeIndexSettings()).find((e) => e.effectiveFrom === input.effectiveFrom) ?? null;
    const after = await r.airResults.upsertCompositeIndexSettings({ ...input, enteredById: actor?.userId ?? null, enteredBy: actorName(actor), enteredAt: deps.clock.now() });
    await r.audit.record({ actorId: actor?.userId ?? null, actorName: actorName(actor), action: "air.composite_index_settings.set", entityType: "air_composite_index_settings", entityId: input.effectiveFrom, before, after, requestId });
    return after;
  });
}

/** Removes the settings entry of a date (periods then use the previous entry, or the default). Audited. */
export async function removeAirCompositeIndexSettings(deps: Deps, actor: Actor | null, raw: unknown, requestId: string | null = null): Promise<void> {
  requireAirEntry(actor, { zh: "删除综合指数计算参数", en: "remove composite index settings" });
  const { effectiveFrom } = parseOrThrow(AirCompositeIndexSettingsKeySchema, raw);
  await deps.uow.run(async (r) => {
    const before = await r.airResults.deleteCompositeIndexSettings(effectiveFrom);
    if (!before) throw airComputeErrors.entryNotFound({ zh: "综合指数设置", en: "composite index settings from" }, effectiveFrom);
    await r.audit.record({ actorId: actor?.userId ?? null, actorName: actorName(actor), action: "air.composite_index_settings.remove", entityType: "air_composite_index_settings", entityId: effectiveFrom, before, requestId });
  });
}
