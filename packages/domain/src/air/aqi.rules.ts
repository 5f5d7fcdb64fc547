import type { DecimalInput, Rational } from "../shared/decimal";
import { add, ceil, compare, div, fromInt, mul, sub, toNumber } from "../shared/decimal";
import type {
  AqiBand,
  AqiStatus,
  DailyConcentrations,
  DailyResult,
  HourlyConcentrations,
  HourlyResult,
  IaqiEntry,
  Indicator,
  PmBasis,
  Pollutant,
} from "./air.schema";
import { INDICATOR_POLLUTANT } from "./air.schema";
import { hourSlotOf } from "./civil-date";
import type { AirRuleSet } from "./rule-sets";
import { IAQI_STEPS, ruleSetFor } from "./rule-sets";
import { roundConcentrationExact } from "./rounding.rules";

/** AQI levels, categories and colours (HJ 633-2012 Table 2 and Appendix A; unchanged in HJ 633-2026). */
export const AQI_BANDS: readonly AqiBand[] = [
  {
    level: 1,
    levelName: { zh: "一级", en: "Level I" },
    category: { zh: "优", en: "Excellent" },
    colour: { name: { zh: "绿色", en: "green" }, hex: "#00E400", rgb: [0, 228, 0], cmyk: [40, 0, 100, 0] },
  },
  {
    level: 2,
    levelName: { zh: "二级", en: "Level II" },
    category: { zh: "良", en: "Good" },
    colour: { name: { zh: "黄色", en: "yellow" }, hex: "#FFFF00", rgb: [255, 255, 0], cmyk: [0, 0, 100, 0] },
  },
  {
    level: 3,
    levelName: { zh: "三级", en: "Level III" },
    category: { zh: "轻度污染", en: "Lightly polluted" },
    colour: { name: { zh: "橙色", en: "orange" }, hex: "#FF7E00", rgb: [255, 126, 0], cmyk: [0, 52, 100, 0] },
  },
  {
    level: 4,
    levelName: { zh: "四级", en: "Level IV" },
    category: { zh: "中度污染", en: "Moderately polluted" },
    colour: { name: { zh: "红色", en: "red" }, hex: "#FF0000", rgb: [255, 0, 0], cmyk: [0, 100, 100, 0] },
  },
  {
    level: 5,
    levelName: { zh: "五级", en: "Level V" },
    category: { zh: "重度污染", en: "Heavily polluted" },
    colour: { name: { zh: "紫色", en: "purple" }, hex: "#99004C", rgb: [153, 0, 76], cmyk: [10, 100, 40, 30] },
  },
  {
    level: 6,
    levelName: { zh: "六级", en: "Level VI" },
    category: { zh: "严重污染", en: "Severely polluted" },
    colour: { name: { zh: "褐红色", en: "maroon" }, hex: "#7E0023", rgb: [126, 0, 35], cmyk: [30, 100, 100, 30] },
  },
];

const BAND_UPPER_AQI = [50, 100, 150, 200, 300] as const;

function band(level: number): AqiBand {
  const found = AQI_BANDS[level - 1];
  if (!found) throw new RangeError(`No AQI level ${level}`);
  return found;
}

/**
 * The level, category and colour of an AQI (HJ 633-2012 Table 2 / HJ 633-2026 Table 1): ≤50 一级 … >300 六级.
 * AQI 0 (every concentration 0) is put in 一级 although HJ 633-2026 §4.1.1 states the range as 1–500.
 */
export function aqiBandOf(aqi: number): AqiBand {
  if (!Number.isInteger(aqi) || aqi < 0) throw new RangeError(`AQI must be a non-negative integer: ${aqi}`);
  const index = BAND_UPPER_AQI.findIndex((upper) => aqi <= upper);
  return band(index === -1 ? 6 : index + 1);
}

export type IaqiValue = { kind: "value"; iaqi: number } | { kind: "aboveRange" };

/**
 * IAQI of a concentration already rounded to reporting precision: linear interpolation in the indicator's
 * breakpoint column, rounded up to an integer (HJ 633-2012 §6.2; HJ 633-2026 §4.2.6).
 * Values past the last breakpoint are undefined by the standard and come back as `aboveRange`.
 */
export function iaqiFromTable(indicator: Indicator, concentration: Rational, ruleSet: AirRuleSet): IaqiValue {
  if (compare(concentration, fromInt(0)) < 0) throw new RangeError(`Negative concentration for ${indicator}`);
  const column = ruleSet.breakpoints[indicator];
  for (let i = 0; i + 1 < column.length; i++) {
    const bpLo = fromInt(column[i] ?? 0);
    const bpHi = fromInt(column[i + 1] ?? 0);
    if (compare(concentration, bpHi) > 0) continue;
    const iaqiLo = fromInt(IAQI_STEPS[i] ?? 0);
    const iaqiHi = fromInt(IAQI_STEPS[i + 1] ?? 0);
    const raw = add(mul(div(sub(iaqiHi, iaqiLo), sub(bpHi, bpLo)), sub(concentration, bpLo)), iaqiLo);
    return { kind: "value", iaqi: Number(ceil(raw)) };
  }
  return { kind: "aboveRange" };
}

/** How to treat days/hours with a missing indicator. */
export type PartialPolicy = "publishIfAbove100" | "requireAll";

export interface AqiOptions {
  /** Override the rule set chosen by the data's date, e.g. to re-rate history on request (reference A1′). */
  ruleSet?: AirRuleSet;
  /**
   * HJ 633-2026 §5.3.1: with an indicator missing, publish the AQI of the rest only when it is > 100, else NA.
   * Applied to 2012-era data too by default (HJ 633-2012 is silent; the rest's AQI is a lower bound, so only a
   * value > 100 is safe to claim). "requireAll" makes any missing indicator NA.
   */
  partialPolicy?: PartialPolicy;
  /** Pollutants outside the monitoring plan ("/"), excluded under HJ 633-2026 §5.3.2; the caller asserts the conditions. */
  notMonitored?: readonly Pollutant[];
}

export interface HourlyAqiOptions extends AqiOptions {
  /** Real-time PM basis for 2012-era data (HJ 633-2012 is silent; default "1h", as HJ 633-2026 later fixed it). */
  pmBasis?: PmBasis;
}

type Values = Partial<Record<Indicator, DecimalInput | null | undefined>>;

const REPLACEMENT: Partial<Record<Indicator, Indicator>> = { so2_1h: "so2_24h", o3_8h: "o3_1h" };
const EIGHT_HUNDRED = fromInt(800);

function entry(indicator: Indicator, concentration: Rational | null, iaqi: number | null, status: IaqiEntry["status"], replacedBy: Indicator | null = null): IaqiEntry {
  return {
    indicator,
    pollutant: INDICATOR_POLLUTANT[indicator],
    concentration: concentration === null ? null : toNumber(concentration),
    iaqi,
    status,
    replacedBy,
  };
}

function tableEntry(indicator: Indicator, raw: DecimalInput | null | undefined, ruleSet: AirRuleSet, status: "computed" | "substitute"): IaqiEntry {
  if (raw === null || raw === undefined) return entry(indicator, null, null, "missing");
  const c = roundConcentrationExact(INDICATOR_POLLUTANT[indicator], raw);
  const value = iaqiFromTable(indicator, c, ruleSet);
  return value.kind === "value" ? entry(indicator, c, value.iaqi, status) : entry(indicator, c, null, "aboveRange");
}

// HJ 633-2012 Table 1 notes 2/3 and HJ 633-2026 Table 3 notes b/c: the two "> 800" cases. The test uses the
// rounded concentration, consistent with the rest of the chain (reference §5.3).
function indicatorEntries(indicators: readonly Indicator[], values: Values, ruleSet: AirRuleSet): IaqiEntry[] {
  const entries: IaqiEntry[] = [];
  for (const indicator of indicators) {
    const raw = values[indicator];
    const special = indicator === "so2_1h" || indicator === "o3_8h";
    if (!special || raw === null || raw === undefined) {
      entries.push(tableEntry(indicator, raw, ruleSet, "computed"));
      continue;
    }
    const c = roundConcentrationExact(INDICATOR_POLLUTANT[indicator], raw);
    if (compare(c, EIGHT_HUNDRED) <= 0) {
      entries.push(tableEntry(indicator, raw, ruleSet, "computed"));
      continue;
    }
    const fixedIaqi =
      indicator === "so2_1h"
        ? ruleSet.so2HourAbove800 === "iaqi200" ? 200 : null
        : ruleSet.o3EightHourAbove800 === "iaqi300" ? 300 : null;
    if (fixedIaqi !== null) {
      entries.push(entry(indicator, c, fixedIaqi, "fixed"));
      continue;
    }
    const replacement = REPLACEMENT[indicator];
    if (!replacement) throw new Error(`No replacement for ${indicator}`);
    entries.push(entry(indicator, c, null, "replaced", replacement));
    if (!indicators.includes(replacement)) entries.push(tableEntry(replacement, values[replacement], ruleSet, "substitute"));
  }
  return entries;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

type AqiCore = Omit<DailyResult, "report" | "date">;

function assess(indicators: readonly Indicator[], values: Values, ruleSet: AirRuleSet, options: AqiOptions): AqiCore {
  const excluded = options.notMonitored ?? [];
  const used = indicators.filter((i) => !excluded.includes(INDICATOR_POLLUTANT[i]));
  const entries = indicatorEntries(used, values, ruleSet);

  const missing = entries.filter((e) => e.status === "missing");
  const aboveRange = entries.filter((e) => e.status === "aboveRange");
  const scored = entries.filter((e): e is IaqiEntry & { iaqi: number } => e.iaqi !== null);
  const partialAqi = scored.length === 0 ? null : Math.max(...scored.map((e) => e.iaqi));

  const partialPolicy = options.partialPolicy ?? "publishIfAbove100";
  const publishable = partialAqi !== null && (missing.length === 0 || (partialPolicy === "publishIfAbove100" && partialAqi > 100));
  let aqi: number | null = null;
  let aqiStatus: AqiStatus;
  let primary: IaqiEntry[] = [];
  if (aboveRange.length > 0) {
    aqiStatus = "aboveRange";
    primary = aboveRange;
  } else if (publishable) {
    aqi = partialAqi;
    aqiStatus = missing.length === 0 ? "complete" : "partial";
    // HJ 633 definition of 首要污染物: only when AQI > 50, the indicator(s) whose IAQI is the AQI; ties are all primary.
    primary = aqi > 50 ? scored.filter((e) => e.iaqi === aqi) : [];
  } else {
    aqiStatus = "na";
  }

  // HJ 633-2012 超标污染物 = IAQI > 100 (beyond-range values included); HJ 633-2026 deleted the definition.
  const exceeding = entries.filter((e) => e.status === "aboveRange" || (e.iaqi !== null && e.iaqi > 100));
  const exceedance = !ruleSet.definesExceedancePollutants ? null : aqiStatus === "na" ? [] : exceeding;
  return {
    ruleSetId: ruleSet.id,
    aqi,
    aqiStatus,
    band: aqiStatus === "aboveRange" ? band(6) : aqi === null ? null : aqiBandOf(aqi),
    partialAqi,
    primaryPollutants: unique(primary.map((e) => e.pollutant)),
    primaryIndicators: primary.map((e) => e.indicator),
    exceedancePollutants: exceedance && unique(exceedance.map((e) => e.pollutant)),
    exceedanceIndicators: exceedance && exceedance.map((e) => e.indicator),
    missingIndicators: missing.map((e) => e.indicator),
    indicators: entries,
  };
}

/**
 * Daily AQI (日报) from 24-h means, the O3 MDA8 and (2012 only) the O3 daily max 1-h value, under the rule set of
 * the data's date (HJ 633-2012 §5–6 with Table 1; HJ 633-2026 §4 with Table 3).
 */
export function computeDailyAqi(input: { date: string; concentrations: DailyConcentrations }, options: AqiOptions = {}): DailyResult {
  const ruleSet = options.ruleSet ?? ruleSetFor(input.date);
  return { report: "daily", date: input.date, ...assess(ruleSet.dailyIndicators, input.concentrations, ruleSet, options) };
}

/**
 * Real-time AQI (实时报) for the hour ending at `time`; the rule set follows the day the hour belongs to, so
 * 'D+1T00:00' uses day D's rules (HJ 633-2012 §5.1; HJ 633-2026 §4.2).
 */
export function computeHourlyAqi(input: { time: string; concentrations: HourlyConcentrations }, options: HourlyAqiOptions = {}): HourlyResult {
  const { date } = hourSlotOf(input.time);
  const ruleSet = options.ruleSet ?? ruleSetFor(date);
  const pmBasis = ruleSet.fixedPmBasis ?? options.pmBasis ?? "1h";
  return {
    report: "hourly",
    time: input.time,
    date,
    pmBasis,
    ...assess(ruleSet.hourlyIndicators[pmBasis], input.concentrations, ruleSet, options),
  };
}
