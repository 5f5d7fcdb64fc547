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
