import type { DecimalInput, Rational } from "../shared/decimal";
import { parseDecimal, roundHalfEven, toNumber } from "../shared/decimal";
import type { Pollutant } from "./air.schema";

/** Reporting precision: integer µg/m³, CO to 0.1 mg/m³ (HJ 633-2026 §4.2.2; HJ 663 practice for 2012-era data). */
export const REPORTING_DIGITS: Readonly<Record<Pollutant, number>> = {
  so2: 0,
  no2: 0,
  co: 1,
  o3: 0,
  pm10: 0,
  pm25: 0,
};

/** Rounds a concentration to its reporting precision half-to-even on the decimal value (GB/T 8170, HJ 633-2026 §4.2.2). */
export function roundConcentrationExact(pollutant: Pollutant, value: DecimalInput | Rational): Rational {
  return roundHalfEven(parseDecimal(value), REPORTING_DIGITS[pollutant]);
}

/** Same as `roundConcentrationExact`, returned as a JS number (exact: it has at most one decimal). */
export function roundConcentration(pollutant: Pollutant, value: DecimalInput | Rational): number {
  return toNumber(roundConcentrationExact(pollutant, value));
}

/** Powers of ten that are exact doubles, by exponent. */
export const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000] as const;

/** Half-even rounding (GB/T 8170) of sum / (count · 10^scale) to `digits` places, exact on safe integers; the result as a number. */
export function roundedMeanOfScaled(sum: number, count: number, scale: number, digits: number): number {
  const num = sum * POW10[digits]!;
  const den = count * POW10[scale]!;
  let q = Math.floor(num / den);
  let r = num - q * den;
  // The float quotient may be off by one near an integer; the integer remainder settles it.
  if (r < 0) {
    q -= 1;
    r += den;
  } else if (r >= den) {
    q += 1;
    r -= den;
  }
  const twice = 2 * r;
  if (twice > den || (twice === den && q % 2 === 1)) q += 1;
  return digits === 0 ? q : q / POW10[digits]!;
}

/** Largest value, in units of the last reported digit, `scaledAtReportingDigits` takes: sums of many stay exact. */
const MAX_REPORTED_SCALED = 1e9;

/**
 * Values already at reporting precision (what stored daily figures hold) as integers in units of the last reported
 * digit, so means and percentiles of them are exact in doubles; null when any is not a number at that precision
 * (more places, negative, text, or too large), which sends the caller to the exact decimal rules. Rounding such a
 * value to reporting precision gives the value itself, so the integer path and the decimal one agree.
 */
export function scaledAtReportingDigits(values: readonly unknown[], pollutant: Pollutant): number[] | null {
  const unit = POW10[REPORTING_DIGITS[pollutant]]!;
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number") return null;
    const scaled = Math.round(v * unit);
    if (Math.abs(scaled - v * unit) > 1e-6 || scaled < 0 || scaled > MAX_REPORTED_SCALED) return null;
    out[i] = scaled;
  }
  return out;
}
