import type { DecimalInput, Rational } from "../shared/decimal";
import { compare, max, mean, parseDecimal, toNumber } from "../shared/decimal";
import { roundConcentrationExact } from "./rounding.rules";

/**
 * Hourly input convention for every day-level function here: an array of exactly 24 valid 1-h means or null,
 * index i = the hour ending at (i+1):00 — i.e. stamped D 01:00 … D+1 00:00 (see `hourSlotOf`). µg/m³.
 */
export type DayHourValues = readonly (DecimalInput | null)[];

/** An 8-hour mean needs at least 6 valid hourly values (GB 3095-2012/2026 Table 4). */
export const O3_EIGHT_HOUR_MIN_HOURS = 6;
/** A day's MDA8 needs at least 14 valid 8-hour means among those ending 08:00…24:00 (HJ 663-2013/2026 §6.1.2). */
export const O3_MDA8_MIN_WINDOWS = 14;
/** The 17 running 8-hour windows lying wholly inside one day, ending 08:00 … 24:00. */
export const O3_MDA8_WINDOW_COUNT = 17;
/** Grade II limits used by the "already above the limit" exceptions (GB 3095 Table 1; same in 2012 and 2026). */
export const O3_EIGHT_HOUR_LIMIT = 160;
export const O3_HOUR_LIMIT = 200;
/** Daily completeness rule borrowed for the O3 daily max 1-h value (GB 3095 Table 4, 24-h mean). */
export const O3_MAX_HOUR_MIN_HOURS = 20;

export function requireDayHours(hours: DayHourValues, what: string): void {
  if (hours.length !== 24) throw new RangeError(`${what}: expected 24 hourly values, got ${hours.length}`);
}

function validValues(values: readonly (DecimalInput | null)[]): Rational[] {
  return values.filter((v): v is DecimalInput => v !== null).map((v) => parseDecimal(v));
}

/** Exact 8-hour mean of one window of 8 hourly values, or null with fewer than 6 valid (GB 3095 Table 4). */
export function eightHourMeanExact(window: readonly (DecimalInput | null)[]): Rational | null {
  if (window.length !== 8) throw new RangeError(`An 8-hour window has 8 values, got ${window.length}`);
  const valid = validValues(window);
  return valid.length >= O3_EIGHT_HOUR_MIN_HOURS ? mean(valid) : null;
}

/**
 * O3 8-hour running mean for the hour ending at the last of the 8 given values, rounded to an integer µg/m³
 * (GB 3095-2026 §3.8; Table 4 ≥ 6 valid hours; GB/T 8170 rounding). May span midnight: pass the previous day's hours.
 */
export function o3EightHourMean(last8: readonly (DecimalInput | null)[]): number | null {
  const exact = eightHourMeanExact(last8);
  return exact === null ? null : toNumber(roundConcentrationExact("o3", exact));
}

/** The 17 within-day 8-hour means of a day (window j covers hours ending (j+1):00 … (j+8):00), rounded; null if < 6 valid. */
export function o3EightHourMeansOfDay(hours: DayHourValues): (number | null)[] {
  requireDayHours(hours, "O3 8-hour means");
  return Array.from({ length: O3_MDA8_WINDOW_COUNT }, (_, j) => o3EightHourMean(hours.slice(j, j + 8)));
}

export interface Mda8Result {
  /** The MDA8 in µg/m³ (integer), or null when the day has no valid MDA8. */
  value: number | null;
  valid: boolean;
  validWindows: number;
  /** Max of the valid windows even when the day is invalid, for diagnostics. */
  maxOfValidWindows: number | null;
  /** Valid only through the exception: < 14 windows but already above the limit. */
  byException: boolean;
  windows: (number | null)[];
}

/**
 * Daily maximum 8-hour O3 (MDA8): max of the 17 within-day running means; valid with ≥ 14 valid windows, or with
 * fewer when the max already exceeds the 8-h limit (HJ 663-2013/2026 §6.1.2). The limit test uses the rounded max
 * (reference §5.3); `limit` defaults to the Grade II 160 µg/m³ and may be set to the Grade I 100 for class-1 zones.
 */
export function dailyMaxEightHourO3(hours: DayHourValues, options: { limit?: DecimalInput } = {}): Mda8Result {
  const windows = o3EightHourMeansOfDay(hours);
  const valid = windows.filter((w): w is number => w !== null);
  const maxOfValidWindows = valid.length === 0 ? null : Math.max(...valid);
  const enough = valid.length >= O3_MDA8_MIN_WINDOWS;
  const limit = parseDecimal(options.limit ?? O3_EIGHT_HOUR_LIMIT);
  const byException = !enough && maxOfValidWindows !== null && compare(parseDecimal(maxOfValidWindows), limit) > 0;
  const isValid = enough || byException;
  return { value: isValid ? maxOfValidWindows : null, valid: isValid, validWindows: valid.length, maxOfValidWindows, byException, windows };
}

/**
 * Validity reading for the O3 daily max 1-h value, for which no HJ 663 rule was found (reference §5.3):
 * "min20Hours" = the 24-h completeness rule; "min20HoursOrAboveLimit" also accepts a day whose max already
 * exceeds the 1-h limit, by analogy with the MDA8 exception.
 */
export type O3MaxHourValidity = "min20Hours" | "min20HoursOrAboveLimit";

export interface DailyMaxHourResult {
  value: number | null;
  valid: boolean;
  validHours: number;
  byException: boolean;
  validity: O3MaxHourValidity;
}

/**
 * O3 daily maximum 1-hour value (HJ 633-2012 §5.1 daily indicator), rounded to an integer µg/m³; validity per the
 * chosen reading, default "min20HoursOrAboveLimit" (a max can only rise with more hours) with the 200 µg/m³ limit.
 */
export function dailyMaxHourO3(
  hours: DayHourValues,
  options: { validity?: O3MaxHourValidity; limit?: DecimalInput } = {},
): DailyMaxHourResult {
  requireDayHours(hours, "O3 daily max 1-hour");
  const validity = options.validity ?? "min20HoursOrAboveLimit";
  const valid = validValues(hours);
  const highest = max(valid);
  const rounded = highest === null ? null : roundConcentrationExact("o3", highest);
  const enough = valid.length >= O3_MAX_HOUR_MIN_HOURS;
  const byException =
    !enough &&
    validity === "min20HoursOrAboveLimit" &&
    rounded !== null &&
    compare(rounded, parseDecimal(options.limit ?? O3_HOUR_LIMIT)) > 0;
  const isValid = rounded !== null && (enough || byException);
  return { value: isValid && rounded !== null ? toNumber(rounded) : null, valid: isValid, validHours: valid.length, byException, validity };
}
