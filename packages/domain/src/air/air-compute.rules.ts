import type { DecimalInput } from "../shared/decimal";
import type { AqiStatus, DailyConcentrations, DailyIndicator, Indicator, Pollutant, RuleSetId } from "./air.schema";
import { INDICATOR_POLLUTANT, POLLUTANTS } from "./air.schema";
import { aqiBandOf, computeDailyAqi, iaqiFromTable } from "./aqi.rules";
import type { O3MaxHourValidity } from "./o3.rules";
import { O3_EIGHT_HOUR_LIMIT, O3_EIGHT_HOUR_MIN_HOURS, O3_HOUR_LIMIT, O3_MAX_HOUR_MIN_HOURS, O3_MDA8_MIN_WINDOWS, O3_MDA8_WINDOW_COUNT } from "./o3.rules";
import { meanOverSites } from "./period.rules";
import { POW10, REPORTING_DIGITS, roundConcentrationExact, roundedMeanOfScaled, scaledAtReportingDigits } from "./rounding.rules";
import type { AirRuleSet } from "./rule-sets";
import { ruleSetFor } from "./rule-sets";
import { computeDailyConcentrations, DAILY_MEAN_MIN_HOURS } from "./validity.rules";

/**
 * Daily figures of a station or district as stored: rounded 24-h means, the O3 daily max 1-h value and MDA8 (null
 * where not valid) and the daily AQI under the rule set of the date. Concentrations in µg/m³, CO in mg/m³.
 */
export interface AirDayFigures {
  date: string;
  so2: number | null;
  no2: number | null;
  pm10: number | null;
  pm25: number | null;
  co: number | null;
  o3Max1h: number | null;
  o3Max8h: number | null;
  aqi: number | null;
  aqiStatus: AqiStatus;
  /** AQI level 1…6 (6 also for "AQI > 500"); null when the AQI is NA. */
  level: number | null;
  primaryPollutants: Pollutant[];
  ruleSet: RuleSetId;
  /** `audited` only when every input hour (every input station-day for a district) is audited. */
  dataStatus: "preliminary" | "audited";
  /** Changes whenever an input value or status changes; recorded so a recomputation is traceable. */
  inputFingerprint: string;
}

/** Valid hourly values per pollutant, rows received and valid O3 8-hour windows of a station-day. */
export type ValidHours = Record<Pollutant | "rows" | "o3Windows", number>;

/** Evaluation stations with a valid value per indicator of a district-day, and how many had a row at all. */
export type StationCounts = Record<"so2" | "no2" | "pm10" | "pm25" | "co" | "o3Max1h" | "o3Max8h" | "stations", number>;

/** One station-day's hourly values as stored: per pollutant 24 slots (index i = hour ending (i+1):00), decimal text. */
export interface StationDayHours {
  stationId: string;
  date: string;
  hours: Record<Pollutant, readonly (string | null)[]>;
  /** Hours received (rows), whatever their values. */
  rows: number;
  /** Every received hour is audited (审核); otherwise some are preliminary (实况). */
  audited: boolean;
}

export interface StationDayFigures extends AirDayFigures {
  stationId: string;
  validHours: ValidHours;
}

export interface DistrictDayFigures extends AirDayFigures {
  districtId: string;
  stationCounts: StationCounts;
}

export interface DailyFiguresOptions {
  /** Reading of the O3 daily max 1-h validity (reference §5.3); default "min20HoursOrAboveLimit" as in `dailyMaxHourO3`. */
  o3MaxHourValidity?: O3MaxHourValidity;
}

// ---------------------------------------------------------------------------------------------------------------
// Exact integer fast path. A year of 100 stations is 36,500 station-days; the reference rules work on BigInt
// fractions and take ~130 µs per day, too slow for the 5 s recomputation target. Stored values are plain decimals
// with a few places, so scaled to a common power of ten they are safe integers, and sums, means and half-even
// rounding are exact in doubles. Anything else (exponents, signs, more than 6 places, huge values) falls back to
// `computeDailyConcentrations` itself; a test compares the two on random days.

/** Largest scaled value the fast path accepts: 24 of them times 10 (CO digits) times 2 stay far below 2^53. */
const MAX_SCALED = 1e12;

/** One pollutant-day as scaled integers (NaN = missing) at a common scale, the most decimal places among the values. */
interface ScaledDay {
  ints: Float64Array;
  scale: number;
  count: number;
}

// Reused buffers: the fast path is synchronous, and a year of stations would otherwise allocate ~10⁶ small arrays.
const SCALED: readonly ScaledDay[] = POLLUTANTS.map(() => ({ ints: new Float64Array(24), scale: 0, count: 0 }));
const PLACES = new Int8Array(24);

/**
 * Fills `out` with a day's values for one pollutant and feeds them to the fingerprint; false when the fast path does
 * not apply. Parsed by hand: a regex per value costs more than the whole rest.
 */
function scaleDay(values: readonly (string | null)[], hash: HashState, out: ScaledDay): boolean {
  if (values.length !== 24) return false;
  const ints = out.ints;
  let scale = 0;
  let count = 0;
  let { h1, h2 } = hash;
  for (let k = 0; k < 24; k++) {
    const v = values[k];
    if (v === null || v === undefined) {
      ints[k] = NaN;
      // The text "\u0000" and the separator, as `stationDayFingerprint` feeds a null.
      h1 = Math.imul(h1 ^ 0, 2654435761);
      h2 = Math.imul(h2 ^ 0, 1597334677);
      h1 = Math.imul(h1 ^ 0x1f, 2654435761);
      h2 = Math.imul(h2 ^ 0x1f, 1597334677);
      continue;
    }
    let m = 0;
    let digits = 0;
    let decimals = -1;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
      if (c >= 48 && c <= 57) {
        m = m * 10 + (c - 48);
        digits++;
        if (decimals >= 0) decimals++;
      } else if (c === 46 && decimals < 0) decimals = 0;
      else return false;
    }
    h1 = Math.imul(h1 ^ 0x1f, 2654435761);
    h2 = Math.imul(h2 ^ 0x1f, 1597334677);
    if (digits === 0 || digits > 15 || decimals === 0 || decimals > 6) return false;
    const d = decimals < 0 ? 0 : decimals;
    if (d > scale) scale = d;
    ints[k] = m;
    PLACES[k] = d;
    count++;
  }
  for (let k = 0; k < 24; k++) {
    const m = ints[k]!;
    if (Number.isNaN(m)) continue;
    const v = m * POW10[scale - PLACES[k]!]!;
    if (v > MAX_SCALED) return false;
    ints[k] = v;
  }
  hash.h1 = h1;
  hash.h2 = h2;
  out.scale = scale;
  out.count = count;
  return true;
}

interface FastDay {
  concentrations: Required<DailyConcentrations>;
  valid: Record<Pollutant, number>;
  o3Windows: number;
}

function fastDailyConcentrations(hours: StationDayHours["hours"], options: DailyFiguresOptions, hash: HashState = newHash()): FastDay | null {
  for (let i = 0; i < POLLUTANTS.length; i++) if (!scaleDay(hours[POLLUTANTS[i]!], hash, SCALED[i]!)) return null;
  const [so2, no2, co, o3, pm10, pm25] = SCALED as [ScaledDay, ScaledDay, ScaledDay, ScaledDay, ScaledDay, ScaledDay];
  const mean = (day: ScaledDay, pollutant: Pollutant): number | null => {
    if (day.count < DAILY_MEAN_MIN_HOURS) return null;
    let sum = 0;
    for (let k = 0; k < 24; k++) {
      const v = day.ints[k]!;
      if (!Number.isNaN(v)) sum += v;
    }
    return roundedMeanOfScaled(sum, day.count, day.scale, REPORTING_DIGITS[pollutant]);
  };

  // O3 MDA8 as `dailyMaxEightHourO3`: the 17 within-day windows, each a rounded mean of ≥ 6 valid hours.
  let validWindows = 0;
  let maxWindow: number | null = null;
  for (let j = 0; j < O3_MDA8_WINDOW_COUNT; j++) {
    let sum = 0;
    let n = 0;
    for (let k = j; k < j + 8; k++) {
      const v = o3.ints[k]!;
      if (!Number.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    if (n < O3_EIGHT_HOUR_MIN_HOURS) continue;
    const w = roundedMeanOfScaled(sum, n, o3.scale, 0);
    validWindows++;
    if (maxWindow === null || w > maxWindow) maxWindow = w;
  }
  const mda8Valid = validWindows >= O3_MDA8_MIN_WINDOWS || (maxWindow !== null && maxWindow > O3_EIGHT_HOUR_LIMIT);

  // O3 daily max 1-h as `dailyMaxHourO3`.
  let highest: number | null = null;
  for (let k = 0; k < 24; k++) {
    const v = o3.ints[k]!;
    if (!Number.isNaN(v) && (highest === null || v > highest)) highest = v;
  }
  const rounded = highest === null ? null : roundedMeanOfScaled(highest, 1, o3.scale, 0);
  const validity = options.o3MaxHourValidity ?? "min20HoursOrAboveLimit";
  const maxHourValid =
    rounded !== null && (o3.count >= O3_MAX_HOUR_MIN_HOURS || (validity === "min20HoursOrAboveLimit" && rounded > O3_HOUR_LIMIT));

  return {
    concentrations: {
      so2_24h: mean(so2, "so2"),
      no2_24h: mean(no2, "no2"),
      co_24h: mean(co, "co"),
      pm10_24h: mean(pm10, "pm10"),
      pm25_24h: mean(pm25, "pm25"),
      o3_8h: mda8Valid ? maxWindow : null,
      o3_1h: maxHourValid ? rounded : null,
    },
    valid: { so2: so2.count, no2: no2.count, co: co.count, o3: o3.count, pm10: pm10.count, pm25: pm25.count },
    o3Windows: validWindows,
  };
}

function slowDailyConcentrations(hours: StationDayHours["hours"], options: DailyFiguresOptions): FastDay {
  const result = computeDailyConcentrations(hours as Record<Pollutant, readonly (DecimalInput | null)[]>, { o3MaxHourValidity: options.o3MaxHourValidity });
  const valid = Object.fromEntries(POLLUTANTS.map((p) => [p, hours[p].filter((v) => v !== null).length])) as Record<Pollutant, number>;
  const concentrations = Object.fromEntries(
    Object.entries(result.concentrations).map(([k, v]) => [k, v === null || v === undefined ? null : Number(v)]),
  ) as Required<DailyConcentrations>;
  return { concentrations, valid, o3Windows: result.o3Mda8.validWindows };
}

/**
 * A day's concentrations from its 24 hourly values per pollutant, identical to `computeDailyConcentrations`
 * (GB 3095 Table 4 validity, HJ 663 §6.1.2 MDA8, GB/T 8170 rounding) but fast on plain decimals.
 */
export function dailyConcentrationsOf(hours: StationDayHours["hours"], options: DailyFiguresOptions = {}): FastDay {
  return fastDailyConcentrations(hours, options) ?? slowDailyConcentrations(hours, options);
}

// ---------------------------------------------------------------------------------------------------------------

// cyrb53, a 53-bit string hash, fed text by text with a separator after each: a fingerprint, not a security measure.
interface HashState {
  h1: number;
  h2: number;
}

const newHash = (): HashState => ({ h1: 0xdeadbeef, h2: 0x41c6ce57 });

function hashText(hash: HashState, text: string): void {
  let { h1, h2 } = hash;
  for (let i = 0; i <= text.length; i++) {
    // The separator (i === length) keeps ["ab", "c"] and ["a", "bc"] apart.
    const ch = i < text.length ? text.charCodeAt(i) : 0x1f;
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  hash.h1 = h1;
  hash.h2 = h2;
}

function hashDigest({ h1, h2 }: HashState): string {
  const a = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  const b = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  return (4294967296 * (2097151 & b) + (a >>> 0)).toString(16).padStart(14, "0");
}

/** A 14-hex-digit fingerprint of a list of values (null, "" and "null" differ). */
export function fingerprintOf(parts: readonly (string | number | boolean | null)[]): string {
  const hash = newHash();
  for (const part of parts) hashText(hash, part === null ? "\u0000" : String(part));
  return hashDigest(hash);
}

/** `fingerprintOf([date, audited, ...so2 hours, ...no2 hours, …])` in POLLUTANTS order, without building the list. */
export function stationDayFingerprint(day: Pick<StationDayHours, "date" | "audited" | "hours">): string {
  const hash = dayHash(day);
  for (const p of POLLUTANTS) for (const v of day.hours[p]) hashText(hash, v === null ? "\u0000" : v);
  return hashDigest(hash);
}

function dayHash(day: Pick<StationDayHours, "date" | "audited">): HashState {
  const hash = newHash();
  hashText(hash, day.date);
  hashText(hash, String(day.audited));
  return hash;
}

// IAQI per (rule set, indicator, rounded concentration): a few thousand distinct keys serve a whole year.
const iaqiCache = new Map<string, number | null>();

function cachedIaqi(ruleSet: AirRuleSet, indicator: Indicator, value: number): number | null {
  const key = `${ruleSet.id}|${indicator}|${value}`;
  let iaqi = iaqiCache.get(key);
  if (iaqi === undefined) {
    const result = iaqiFromTable(indicator, roundConcentrationExact(INDICATOR_POLLUTANT[indicator], value), ruleSet);
    iaqi = result.kind === "value" ? result.iaqi : null;
    if (iaqiCache.size > 100_000) iaqiCache.clear();
    iaqiCache.set(key, iaqi);
  }
  return iaqi;
}

/**
 * `computeDailyAqi` for the common case — every daily indicator present, O3 8-h ≤ 800, none beyond the last
 * breakpoint — with cached IAQIs; anything else goes to `computeDailyAqi` itself. A test compares the two.
 */
export function dailyAqiOf(date: string, c: DailyConcentrations): Pick<AirDayFigures, "aqi" | "aqiStatus" | "level" | "primaryPollutants" | "ruleSet"> {
  const ruleSet = ruleSetFor(date);
  const iaqis: number[] = [];
  let simple = true;
  for (const indicator of ruleSet.dailyIndicators) {
    const v = c[indicator as DailyIndicator];
    if (v === null || v === undefined || (indicator === "o3_8h" && Number(v) > 800)) {
      simple = false;
      break;
    }
    const iaqi = cachedIaqi(ruleSet, indicator, Number(v));
    if (iaqi === null) {
      simple = false;
      break;
    }
    iaqis.push(iaqi);
  }
  if (!simple) return aqiFigures(date, c);
  const aqi = Math.max(...iaqis);
  const primary: Pollutant[] = [];
  if (aqi > 50) {
    ruleSet.dailyIndicators.forEach((indicator, i) => {
      const pollutant = INDICATOR_POLLUTANT[indicator];
      if (iaqis[i] === aqi && !primary.includes(pollutant)) primary.push(pollutant);
    });
  }
  return { aqi, aqiStatus: "complete", level: aqiBandOf(aqi).level, primaryPollutants: primary, ruleSet: ruleSet.id };
}

function aqiFigures(date: string, concentrations: DailyConcentrations) {
  const result = computeDailyAqi({ date, concentrations });
  return {
    aqi: result.aqi,
    aqiStatus: result.aqiStatus,
    level: result.band?.level ?? null,
    primaryPollutants: result.primaryPollutants,
    ruleSet: result.ruleSetId,
  };
}

/**
 * A station-day's stored figures: daily concentrations (GB 3095 Table 4, HJ 663) and the daily AQI under the rule
 * set of the date (HJ 633-2012 before 2026-03-01, HJ 633-2026 from then on).
 */
export function computeStationDay(day: StationDayHours, options: DailyFiguresOptions = {}): StationDayFigures {
  // The fast path hashes the values as it parses them; the fallback hashes them separately, to the same result.
  const hash = dayHash(day);
  const fast = fastDailyConcentrations(day.hours, options, hash);
  const { concentrations: c, valid, o3Windows } = fast ?? slowDailyConcentrations(day.hours, options);
  return {
    stationId: day.stationId,
    date: day.date,
    so2: c.so2_24h as number | null,
    no2: c.no2_24h as number | null,
    pm10: c.pm10_24h as number | null,
    pm25: c.pm25_24h as number | null,
    co: c.co_24h as number | null,
    o3Max1h: c.o3_1h as number | null,
    o3Max8h: c.o3_8h as number | null,
    ...dailyAqiOf(day.date, c),
    dataStatus: day.audited ? "audited" : "preliminary",
    inputFingerprint: fast ? hashDigest(hash) : stationDayFingerprint(day),
    validHours: { ...valid, rows: day.rows, o3Windows },
  };
}

type FigureKey = "so2" | "no2" | "pm10" | "pm25" | "co" | "o3Max1h" | "o3Max8h";
const FIGURE_POLLUTANT: Readonly<Record<FigureKey, Pollutant>> = {
  so2: "so2",
  no2: "no2",
  pm10: "pm10",
  pm25: "pm25",
  co: "co",
  o3Max1h: "o3",
  o3Max8h: "o3",
};
const FIGURE_KEYS = Object.keys(FIGURE_POLLUTANT) as FigureKey[];

/** `meanOverSites` on values already at reporting precision, exact in integers; falls back to it otherwise. */
function meanOfStationValues(values: readonly (number | null)[], pollutant: Pollutant): number | null {
  const present = values.filter((v) => v !== null);
  const scaled = scaledAtReportingDigits(present, pollutant);
  if (!scaled) return meanOverSites(values, pollutant);
  if (scaled.length === 0) return null;
  const digits = REPORTING_DIGITS[pollutant];
  return roundedMeanOfScaled(scaled.reduce((a, b) => a + b, 0), scaled.length, digits, digits);
}

/**
 * A district-day from its evaluation stations' station-days: each indicator is the mean of the stations' valid daily
 * values, rounded, and the AQI is computed from those means — never the worst station (HJ 663; reference §5.3).
 */
export function computeDistrictDay(input: { districtId: string; date: string; stationDays: readonly StationDayFigures[] }): DistrictDayFigures | null {
  const days = [...input.stationDays].sort((a, b) => (a.stationId < b.stationId ? -1 : a.stationId > b.stationId ? 1 : 0));
  if (days.length === 0) return null;
  const means = {} as Record<FigureKey, number | null>;
  const counts = { stations: days.length } as StationCounts;
  for (const key of FIGURE_KEYS) {
    const values = days.map((d) => d[key]);
    means[key] = meanOfStationValues(values, FIGURE_POLLUTANT[key]);
    counts[key] = values.filter((v) => v !== null).length;
  }
  const concentrations: DailyConcentrations = {
    so2_24h: means.so2,
    no2_24h: means.no2,
    co_24h: means.co,
    pm10_24h: means.pm10,
    pm25_24h: means.pm25,
    o3_8h: means.o3Max8h,
    o3_1h: means.o3Max1h,
  };
  return {
    districtId: input.districtId,
    date: input.date,
    ...means,
    ...dailyAqiOf(input.date, concentrations),
    dataStatus: days.every((d) => d.dataStatus === "audited") ? "audited" : "preliminary",
    inputFingerprint: fingerprintOf(days.flatMap((d) => [d.stationId, d.inputFingerprint])),
    stationCounts: counts,
  };
}
