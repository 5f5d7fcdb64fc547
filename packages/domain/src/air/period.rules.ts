import type { DecimalInput, Rational } from "../shared/decimal";
import { add, compare, div, floor, fromInt, mean, mul, parseDecimal, roundToNumber, sub, toNumber } from "../shared/decimal";
import type { AqiStatus, DailyIndicator, DailyRecord, DailyResult, Pollutant, RuleSetId } from "./air.schema";
import { POLLUTANTS } from "./air.schema";
import type { AqiOptions } from "./aqi.rules";
import { aqiBandOf, computeDailyAqi } from "./aqi.rules";
import { isCivilDate } from "./civil-date";
import { REPORTING_DIGITS, roundConcentrationExact, roundedMeanOfScaled, scaledAtReportingDigits } from "./rounding.rules";
import { ruleSetFor } from "./rule-sets";
import type { Completeness } from "./validity.rules";
import { periodCompleteness } from "./validity.rules";

/**
 * p-th percentile by HJ 663 Appendix A: sort ascending, k = 1 + (n − 1)·p/100, s = ⌊k⌋,
 * m = X(s) + (X(s+1) − X(s))·(k − s), and X(n) when k = n. Exact; null for no values.
 */
export function hj663Percentile(values: readonly (DecimalInput | Rational)[], p: DecimalInput): Rational | null {
  const pct = parseDecimal(p);
  if (compare(pct, fromInt(0)) < 0 || compare(pct, fromInt(100)) > 0) throw new RangeError(`Percentile out of range: ${p}`);
  const sorted = values.map((v) => parseDecimal(v)).sort(compare);
  const n = sorted.length;
  if (n === 0) return null;
  const k = add(fromInt(1), div(mul(fromInt(n - 1), pct), fromInt(100)));
  const s = Number(floor(k));
  const low = sorted[s - 1];
  const high = sorted[s];
  if (low === undefined) throw new Error("Percentile position out of range");
  if (high === undefined) return low;
  return add(low, mul(sub(high, low), sub(k, fromInt(s))));
}

/**
 * District (or city) concentration = arithmetic mean of its evaluation sites' valid values, rounded to reporting
 * precision; the AQI is then computed from it, not from the worst site (HJ 663 practice; reference §5.3).
 */
export function meanOverSites(values: readonly (DecimalInput | null)[], pollutant: Pollutant): number | null {
  const valid = values.filter((v): v is DecimalInput => v !== null).map((v) => parseDecimal(v));
  return valid.length === 0 ? null : toNumber(roundConcentrationExact(pollutant, mean(valid)));
}

/**
 * "reported": daily values are first rounded to their reporting precision (the published values) — the reading
 * two implementations follow; "asGiven": use the daily values exactly as passed (e.g. unrounded). Reference §5.3
 * marks this unconfirmed, so the choice is recorded with each result.
 */
export type DailyPrecision = "reported" | "asGiven";

export interface PeriodOptions {
  dailyPrecision?: DailyPrecision;
  /**
   * 扣沙 variant: drop the values of `dustPollutants` on days flagged `dustAffected`. The procedure of the 2016 MEE
   * supplementary rule is unconfirmed; default pollutants PM10 and PM2.5 (the ones sand and dust raise).
   */
  dustDeducted?: boolean;
  dustPollutants?: readonly Pollutant[];
}

export type PeriodStatisticKind = "mean" | "p95" | "p90";

export interface PeriodStatistic {
  pollutant: Pollutant;
  statistic: PeriodStatisticKind;
  basis: DailyIndicator;
  /** µg/m³ integer (CO: mg/m³, 1 decimal), rounded half-even; null with no data. */
  value: number | null;
  validDays: number;
  /** GB 3095 Table 4 counts, applied to percentile statistics too (their own minimum was not found). */
  completeness: Completeness;
  valid: boolean;
}

export interface PeriodStatistics {
  start: string;
  end: string;
  dailyPrecision: DailyPrecision;
  dustDeducted: boolean;
  /** Days whose PM values were dropped by the dust deduction. */
  dustDaysExcluded: number;
  ruleSetIds: RuleSetId[];
  statistics: Record<Pollutant, PeriodStatistic>;
}

/** The statistic behind each pollutant's period value and composite index (HJ 663 §6; reference §6.1). */
export const PERIOD_STATISTIC: Readonly<Record<Pollutant, { statistic: PeriodStatisticKind; basis: DailyIndicator }>> = {
  so2: { statistic: "mean", basis: "so2_24h" },
  no2: { statistic: "mean", basis: "no2_24h" },
  pm10: { statistic: "mean", basis: "pm10_24h" },
  pm25: { statistic: "mean", basis: "pm25_24h" },
  co: { statistic: "p95", basis: "co_24h" },
  o3: { statistic: "p90", basis: "o3_8h" },
};

function checkDays(input: { start: string; end: string; days: readonly { date: string }[] }): void {
  if (!isCivilDate(input.start) || !isCivilDate(input.end) || input.end < input.start) {
    throw new RangeError(`Bad period ${input.start}…${input.end}`);
  }
  const seen = new Set<string>();
  for (const { date } of input.days) {
    if (!isCivilDate(date) || date < input.start || date > input.end) throw new RangeError(`Day ${date} is outside ${input.start}…${input.end}`);
    if (seen.has(date)) throw new RangeError(`Day ${date} given twice`);
    seen.add(date);
  }
}

function ruleSetIdsOf(dates: readonly string[]): RuleSetId[] {
  return [...new Set([...dates].sort().map((d) => ruleSetFor(d).id))];
}

/**
 * `computePeriodStatistics`' mean or HJ 663 percentile of daily values given as integers in units of the last reported
 * digit (the array is sorted in place), rounded half-even to reporting precision: the same figure as the decimal
 * rules, exact in doubles (a test compares the two). The percentile's position 1 + (n − 1)·p/100 has a fraction in
 * hundredths, so the interpolated value is an integer over 100.
 */
function scaledStatistic(scaled: number[], kind: "mean" | "p95" | "p90", digits: number): number | null {
  const n = scaled.length;
  if (n === 0) return null;
  if (kind === "mean") {
    let sum = 0;
    for (const v of scaled) sum += v;
    return roundedMeanOfScaled(sum, n, digits, digits);
  }
  const sorted = scaled.sort((a, b) => a - b);
  const position = (n - 1) * (kind === "p95" ? 95 : 90);
  const s = Math.floor(position / 100);
  const low = sorted[s]!;
  const high = sorted[s + 1] ?? low;
  return roundedMeanOfScaled(100 * low + (high - low) * (position - 100 * s), 100, digits, digits);
}

/**
 * Period statistics from daily values (HJ 663 §6, Appendix A): means for SO2, NO2, PM10, PM2.5; the 95th
 * percentile of daily CO; the 90th percentile of O3 MDA8; rounded half-even to reporting precision (§6.3), with
 * the GB 3095 Table 4 completeness of each. A period spanning 2026-03-01 needs no switch here: these rules are the
 * same in both versions; `ruleSetIds` records which versions the days fall under.
 */
export function computePeriodStatistics(
  input: { start: string; end: string; days: readonly DailyRecord[] },
  options: PeriodOptions = {},
): PeriodStatistics {
  checkDays(input);
  const dailyPrecision = options.dailyPrecision ?? "reported";
  const dustDeducted = options.dustDeducted ?? false;
  const dustPollutants = options.dustPollutants ?? ["pm10", "pm25"];
  const dustDays = dustDeducted ? input.days.filter((d) => d.dustAffected === true) : [];

  const statistic = (pollutant: Pollutant): PeriodStatistic => {
    const { statistic: kind, basis } = PERIOD_STATISTIC[pollutant];
    const withValue = input.days.filter((d) => d[basis] !== null && d[basis] !== undefined);
    const dropDust = dustDeducted && dustPollutants.includes(pollutant);
    const used = withValue.filter((d) => !(dropDust && d.dustAffected === true));
    // Stored daily figures are numbers at reporting precision: their statistic is computed exactly in integers.
    const scaled = dailyPrecision === "reported" ? scaledAtReportingDigits(used.map((d) => d[basis]), pollutant) : null;
    let value: number | null;
    if (scaled) value = scaledStatistic(scaled, kind, REPORTING_DIGITS[pollutant]);
    else {
      const values = used.map((d) => {
        const raw = parseDecimal(d[basis] ?? 0);
        return dailyPrecision === "reported" ? roundConcentrationExact(pollutant, raw) : raw;
      });
      const exact = values.length === 0 ? null : kind === "mean" ? mean(values) : hj663Percentile(values, kind === "p95" ? 95 : 90);
      value = exact === null ? null : toNumber(roundConcentrationExact(pollutant, exact));
    }
    // Completeness counts days with valid data; deducted dust days had valid data and are excluded by rule, not missing.
    const completeness = periodCompleteness({ start: input.start, end: input.end, validDates: withValue.map((d) => d.date) });
    return {
      pollutant,
      statistic: kind,
      basis,
      value,
      validDays: used.length,
      completeness,
      valid: value !== null && completeness.valid,
    };
  };

  return {
    start: input.start,
    end: input.end,
    dailyPrecision,
    dustDeducted,
    dustDaysExcluded: dustDays.length,
    ruleSetIds: ruleSetIdsOf(input.days.map((d) => d.date)),
    statistics: Object.fromEntries(POLLUTANTS.map((p) => [p, statistic(p)])) as Record<Pollutant, PeriodStatistic>,
  };
}

export interface ComplianceDayInput {
  date: string;
  aqi: number | null;
  aqiStatus: AqiStatus;
  dustAffected?: boolean;
}

export interface ComplianceDays {
  /** Days with a determinable daily AQI (有效监测天数), including "AQI > 500" days. */
  validDays: number;
  /** Days with AQI ≤ 100 (优良天数, levels 一级 and 二级). */
  goodDays: number;
  /** goodDays / validDays × 100, rounded half-even to 1 decimal; null with no valid day. */
  ratioPercent: number | null;
  /** Days with AQI > 200 (重污染天数). */
  heavyPollutionDays: number;
  /** Valid days per AQI level 1…6 (index 0 = 一级). */
  daysByLevel: [number, number, number, number, number, number];
  invalidDays: number;
  dustDeducted: boolean;
  dustDaysExcluded: number;
}

/** Digits of the good-days ratio in percent, as published in MEE bulletins (reference §7.4). */
export const COMPLIANCE_RATIO_DIGITS = 1;

/**
 * Compliance-days ratio (优良天数比例): days with AQI ≤ 100 over valid days, keeping both counts (reference §7.4,
 * HJ 633 levels). A valid day is one with a determinable AQI under its rule set (an HJ 633-2026 §5.3.1 partial
 * AQI > 100 counts; "NA" days do not). With `dustDeducted`, days flagged dust-affected leave both counts.
 */
export function computeComplianceDays(days: readonly ComplianceDayInput[], options: { dustDeducted?: boolean } = {}): ComplianceDays {
  const dustDeducted = options.dustDeducted ?? false;
  const counted = dustDeducted ? days.filter((d) => d.dustAffected !== true) : days;
  const valid = counted.filter((d) => d.aqiStatus !== "na");
  const levelOf = (d: ComplianceDayInput) => (d.aqiStatus === "aboveRange" || d.aqi === null ? 6 : aqiBandOf(d.aqi).level);
  const countLevel = (level: number) => valid.filter((d) => levelOf(d) === level).length;
  const daysByLevel: ComplianceDays["daysByLevel"] = [countLevel(1), countLevel(2), countLevel(3), countLevel(4), countLevel(5), countLevel(6)];
  const goodDays = daysByLevel[0] + daysByLevel[1];
  const heavyPollutionDays = daysByLevel[4] + daysByLevel[5];
  return {
    validDays: valid.length,
    goodDays,
    ratioPercent: valid.length === 0 ? null : roundToNumber(div(fromInt(goodDays * 100), fromInt(valid.length)), COMPLIANCE_RATIO_DIGITS),
    heavyPollutionDays,
    daysByLevel,
    invalidDays: counted.length - valid.length,
    dustDeducted,
    dustDaysExcluded: days.length - counted.length,
  };
}

export interface PeriodEvaluation {
  start: string;
  end: string;
  ruleSetIds: RuleSetId[];
  /** Each day's AQI under the rule set of its own date. */
  daily: DailyResult[];
  statistics: PeriodStatistics;
  compliance: ComplianceDays;
  /** The 扣沙 variant, present when any day is flagged dust-affected; both variants are kept (reference §5.3). */
  dustDeductedVariant: { statistics: PeriodStatistics; compliance: ComplianceDays } | null;
}

/**
 * Evaluates a period from daily records: each day's AQI by its own date's rule set (so a period spanning
 * 2026-03-01 mixes HJ 633-2012 and HJ 633-2026 days), period statistics (HJ 663) and the good-days ratio, raw and
 * dust-deducted.
 */
export function evaluatePeriod(
  input: { start: string; end: string; days: readonly DailyRecord[] },
  options: Omit<PeriodOptions, "dustDeducted"> & Omit<AqiOptions, "ruleSet"> = {},
): PeriodEvaluation {
  checkDays(input);
  const days = [...input.days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const aqiOptions: AqiOptions = { partialPolicy: options.partialPolicy, notMonitored: options.notMonitored };
  const daily = days.map((d) => computeDailyAqi({ date: d.date, concentrations: d }, aqiOptions));
  const complianceInput = daily.map((r, i) => ({ ...r, dustAffected: days[i]?.dustAffected === true }));
  const periodInput = { start: input.start, end: input.end, days };
  const hasDust = days.some((d) => d.dustAffected === true);
  return {
    start: input.start,
    end: input.end,
    ruleSetIds: ruleSetIdsOf(days.map((d) => d.date)),
    daily,
    statistics: computePeriodStatistics(periodInput, { ...options, dustDeducted: false }),
    compliance: computeComplianceDays(complianceInput),
    dustDeductedVariant: hasDust
      ? {
          statistics: computePeriodStatistics(periodInput, { ...options, dustDeducted: true }),
          compliance: computeComplianceDays(complianceInput, { dustDeducted: true }),
        }
      : null,
  };
}
