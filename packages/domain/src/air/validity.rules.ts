import type { DecimalInput } from "../shared/decimal";
import { mean, parseDecimal, toNumber } from "../shared/decimal";
import type { DailyConcentrations, HourlyReading, Pollutant } from "./air.schema";
import { POLLUTANTS } from "./air.schema";
import { daysInMonth, formatCivilDate, hourSlotOf, parseCivilDate } from "./civil-date";
import type { DailyMaxHourResult, DayHourValues, Mda8Result, O3MaxHourValidity } from "./o3.rules";
import { dailyMaxEightHourO3, dailyMaxHourO3, requireDayHours } from "./o3.rules";
import { roundConcentrationExact } from "./rounding.rules";

/** A 24-h mean needs at least 20 valid hourly values in the day (GB 3095-2012/2026 Table 4). */
export const DAILY_MEAN_MIN_HOURS = 20;
/** An annual mean needs ≥ 324 daily values in the year (GB 3095 Table 4). */
export const ANNUAL_MIN_DAYS = 324;
/** … and ≥ 27 daily values in each month, February ≥ 25 (GB 3095 Table 4; also the monthly-mean rule). */
export const MONTHLY_MIN_DAYS = 27;
export const FEBRUARY_MIN_DAYS = 25;

export interface DailyMeanResult {
  /** Rounded to reporting precision (integer µg/m³, CO 0.1 mg/m³); null when invalid. */
  value: number | null;
  valid: boolean;
  validHours: number;
}

function meanOfValid(values: readonly (DecimalInput | null)[], pollutant: Pollutant, minValid: number): DailyMeanResult {
  const valid = values.filter((v): v is DecimalInput => v !== null).map((v) => parseDecimal(v));
  if (valid.length < minValid) return { value: null, valid: false, validHours: valid.length };
  // Round once, at the statistic: hourly values are averaged as received (reference §5.3).
  return { value: toNumber(roundConcentrationExact(pollutant, mean(valid))), valid: true, validHours: valid.length };
}

/**
 * 24-hour mean of one day's hourly values (index 0 = hour ending 01:00, 23 = ending 24:00): valid with ≥ 20 valid
 * hours (GB 3095 Table 4), rounded per GB/T 8170 — so 19 valid hours give no daily mean.
 */
export function dailyMean(hours: DayHourValues, pollutant: Pollutant): DailyMeanResult {
  requireDayHours(hours, `${pollutant} daily mean`);
  return meanOfValid(hours, pollutant, DAILY_MEAN_MIN_HOURS);
}

/**
 * 24-hour running mean for the real-time report (HJ 633-2012 §5.1), from the last 24 hourly values; the daily
 * completeness rule (≥ 20 valid, GB 3095 Table 4) is applied by analogy, as no separate rule was found.
 */
export function runningMean24h(last24: DayHourValues, pollutant: Pollutant): number | null {
  requireDayHours(last24, `${pollutant} 24-hour running mean`);
  return meanOfValid(last24, pollutant, DAILY_MEAN_MIN_HOURS).value;
}

/** One day's hourly values per pollutant, each an array of 24 (index i = hour ending (i+1):00); absent = all missing. */
export type DayHours = Partial<Record<Pollutant, DayHourValues>>;

/**
 * Gathers one station's readings into the 24 slots of `date`, using the end-of-hour stamp (D 01:00 … D+1 00:00,
 * GB 3095-2026 §3.7/§3.11); missing hours stay null. Throws on two readings for the same hour.
 */
export function dayHoursFromReadings(readings: readonly HourlyReading[], date: string): Record<Pollutant, (DecimalInput | null)[]> {
  const hours = Object.fromEntries(POLLUTANTS.map((p) => [p, Array<DecimalInput | null>(24).fill(null)])) as Record<
    Pollutant,
    (DecimalInput | null)[]
  >;
  const seen = new Set<number>();
  for (const reading of readings) {
    const slot = hourSlotOf(reading.time);
    if (slot.date !== date) continue;
    if (seen.has(slot.index)) throw new RangeError(`Two readings for ${reading.time} (station ${reading.stationId})`);
    seen.add(slot.index);
    for (const p of POLLUTANTS) hours[p][slot.index] = reading[p];
  }
  return hours;
}

export interface DailyConcentrationsOptions {
  o3MaxHourValidity?: O3MaxHourValidity;
  /** Limit for the MDA8 exception; default Grade II 160 µg/m³. */
  o3EightHourLimit?: DecimalInput;
  /** Limit for the O3 max 1-h exception; default Grade II 200 µg/m³. */
  o3HourLimit?: DecimalInput;
}

export interface DailyConcentrationsResult {
  /** Ready for `computeDailyAqi`: valid daily values at reporting precision, null where invalid. */
  concentrations: Required<DailyConcentrations>;
  means: Record<Exclude<Pollutant, "o3">, DailyMeanResult>;
  o3Mda8: Mda8Result;
  o3MaxHour: DailyMaxHourResult;
}

/** A day's statistics from its hourly values, each with its validity rule (GB 3095 Table 4; HJ 663 §6.1.2). */
export function computeDailyConcentrations(hours: DayHours, options: DailyConcentrationsOptions = {}): DailyConcentrationsResult {
  const series = (p: Pollutant): DayHourValues => hours[p] ?? Array<null>(24).fill(null);
  const means = {
    so2: dailyMean(series("so2"), "so2"),
    no2: dailyMean(series("no2"), "no2"),
    co: dailyMean(series("co"), "co"),
    pm10: dailyMean(series("pm10"), "pm10"),
    pm25: dailyMean(series("pm25"), "pm25"),
  };
  const o3Mda8 = dailyMaxEightHourO3(series("o3"), { limit: options.o3EightHourLimit });
  const o3MaxHour = dailyMaxHourO3(series("o3"), { validity: options.o3MaxHourValidity, limit: options.o3HourLimit });
  return {
    concentrations: {
      so2_24h: means.so2.value,
      no2_24h: means.no2.value,
      co_24h: means.co.value,
      pm10_24h: means.pm10.value,
      pm25_24h: means.pm25.value,
      o3_8h: o3Mda8.value,
      o3_1h: o3MaxHour.value,
    },
    means,
    o3Mda8,
    o3MaxHour,
  };
}

export interface CompletenessCheck {
  scope: "month" | "year";
  /** 'YYYY-MM' or 'YYYY'. */
  period: string;
  validDays: number;
  required: number;
  met: boolean;
}

export interface Completeness {
  valid: boolean;
  checks: CompletenessCheck[];
}

/**
 * Whether a period has enough valid days (GB 3095 Table 4): every calendar month wholly inside the period needs
 * ≥ 27 valid days (February ≥ 25) and every calendar year wholly inside it ≥ 324. Months cut by the period's
 * ends are not checked, because Table 4 states no rule for part-months.
 */
export function periodCompleteness(input: { start: string; end: string; validDates: readonly string[] }): Completeness {
  const start = parseCivilDate(input.start);
  const end = parseCivilDate(input.end);
  if (!start || !end) throw new RangeError(`Bad period ${input.start}…${input.end}`);
  // Valid days per 'YYYY-MM', counted in one pass (a year's figures check every month of ~100 areas × 6 pollutants).
  const byMonth = new Map<string, number>();
  for (const d of input.validDates) {
    if (d < input.start || d > input.end) continue;
    const month = d.slice(0, 7);
    byMonth.set(month, (byMonth.get(month) ?? 0) + 1);
  }
  const count = (prefix: string) => {
    let n = 0;
    for (const [month, days] of byMonth) if (month.startsWith(prefix)) n += days;
    return n;
  };
  const checks: CompletenessCheck[] = [];
  for (let year = start.year; year <= end.year; year++) {
    const yearInside = formatCivilDate({ year, month: 1, day: 1 }) >= input.start && formatCivilDate({ year, month: 12, day: 31 }) <= input.end;
    for (let month = 1; month <= 12; month++) {
      const first = formatCivilDate({ year, month, day: 1 });
      const last = formatCivilDate({ year, month, day: daysInMonth(year, month) });
      if (first < input.start || last > input.end) continue;
      const prefix = first.slice(0, 7);
      const required = month === 2 ? FEBRUARY_MIN_DAYS : MONTHLY_MIN_DAYS;
      const validDays = count(prefix);
      checks.push({ scope: "month", period: prefix, validDays, required, met: validDays >= required });
    }
    if (yearInside) {
      const validDays = count(`${String(year).padStart(4, "0")}-`);
      checks.push({ scope: "year", period: String(year), validDays, required: ANNUAL_MIN_DAYS, met: validDays >= ANNUAL_MIN_DAYS });
    }
  }
  return { valid: checks.every((c) => c.met), checks };
}
