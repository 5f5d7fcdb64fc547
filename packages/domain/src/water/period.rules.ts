import type { Rational } from "../shared/decimal";
import { compare, mean, mul, parseDecimal, roundHalfEven, roundSignificant, toDecimalString, toFixedString, toNumber, ZERO } from "../shared/decimal";
import { EVALUATION_DECIMALS } from "./limits";
import type { Measurement, NonDetect, ParameterId, SectionValues } from "./water.schema";
import { parseMeasurement, WATER_PARAMETERS } from "./water.schema";

/** How pH values are averaged: via hydrogen-ion concentration (default) or plain arithmetic mean. */
export type PhAveraging = "hydrogen_ion" | "arithmetic";

export interface AveragingOptions {
  /**
   * Factor applied to the detection limit of a non-detect when it enters a mean. Default 0.5 ("half the
   * detection limit"): the usual convention, unconfirmed in the reference (§3.4; check 环办监测函〔2020〕82号).
   */
  nonDetectFactor?: string | number;
  /** Default "hydrogen_ion" (环办监测函〔2020〕82号 as cited by the SurfaceWater library, reference §3.4). */
  phAveraging?: PhAveraging;
}

export interface PeriodMeanOptions extends AveragingOptions {
  /** Round the mean to the evaluation digits of §3.5 (default true). */
  round?: boolean;
  /** Overrides of EVALUATION_DECIMALS, e.g. once the 2020 documents have been checked. */
  decimals?: Partial<Record<ParameterId, number>>;
}

/**
 * Rounds an evaluation value half-to-even to the digits of 环办监测函〔2020〕82号 / 总站水字〔2020〕90号, keeping one
 * significant figure when the rounded result would be 0 (总站水字〔2018〕87号; reference §3.5).
 * Returned as fixed-digit text ("0.210"): trailing zeros state the precision, as in published tables.
 */
export function roundEvaluationValue(
  parameter: ParameterId,
  value: string | number,
  decimals: Partial<Record<ParameterId, number>> = {},
): string {
  return roundEvaluationText(parameter, parseDecimal(value), decimals);
}

function roundEvaluationText(parameter: ParameterId, x: Rational, decimals: Partial<Record<ParameterId, number>>): string {
  const dp = decimals[parameter] ?? EVALUATION_DECIMALS[parameter];
  const r = roundHalfEven(x, dp);
  // A non-zero concentration must not be published as 0: keep one significant figure instead.
  return r.num === 0n && x.num !== 0n ? toDecimalString(roundSignificant(x, 1)) : toFixedString(r, dp);
}

/** The value of a measurement as it enters a mean or an index: non-detects count as factor × detection limit. */
export function substitutedValue(m: Measurement, nonDetectFactor: string | number = "0.5"): Rational {
  const { value, nonDetect } = parseMeasurement(m);
  const x = parseDecimal(value);
  return nonDetect ? mul(x, parseDecimal(nonDetectFactor)) : x;
}

/**
 * Mean pH through hydrogen-ion concentration: mean of 10^−pH, then −log10 (环办监测函〔2020〕82号 as cited
 * by the SurfaceWater library). Logarithms are irrational, so this is the one place where floats are used;
 * the result is cut to 10 decimals so that float noise (7.4999999999999) cannot flip a later rounding.
 */
export function meanPh(values: readonly (string | number)[], averaging: PhAveraging = "hydrogen_ion"): string {
  return toDecimalString(meanPhExact(values.map((v) => parseDecimal(v)), averaging));
}

/** @internal exact form of `meanPh` (an arithmetic mean of three values does not terminate in base 10). */
export function meanPhExact(values: readonly Rational[], averaging: PhAveraging = "hydrogen_ion"): Rational {
  const first = values[0];
  if (first === undefined) throw new RangeError("mean of no values");
  if (averaging === "arithmetic") return mean(values);
  // Identical values average to themselves exactly; the float path could land at x.4999999999.
  if (values.every((x) => compare(x, first) === 0)) return first;
  const h = values.reduce((s, x) => s + 10 ** -toNumber(x), 0) / values.length;
  return roundHalfEven(parseDecimal(-Math.log10(h)), 10);
}

/**
 * Period (or spatial) mean of one item. Absent values are ignored; if every value is a non-detect the
 * mean is a non-detect at the largest detection limit (no invented number is published), otherwise
 * non-detects enter as factor × detection limit. Returns null when there is no value at all.
 */
export function periodMean(
  parameter: ParameterId,
  samples: readonly (Measurement | null | undefined)[],
  options: PeriodMeanOptions = {},
): string | NonDetect | null {
  const present = samples.filter((s): s is Measurement => s !== null && s !== undefined);
  if (present.length === 0) return null;
  const parsed = present.map((m) => parseMeasurement(m));
  // pH and DO have no meaningful detection limit here: an "L" on them is a data error, not a value to average.
  if ((parameter === "ph" || parameter === "do") && parsed.some((p) => p.nonDetect))
    throw new RangeError(`${parameter} cannot be a non-detect`);
  if (parsed.every((p) => p.nonDetect)) {
    const maxDl = parsed.map((p) => parseDecimal(p.value)).reduce((a, b) => (compare(a, b) >= 0 ? a : b), ZERO);
    return { nd: true, detectionLimit: toDecimalString(maxDl) };
  }
  let m: Rational;
  if (parameter === "ph") {
    m = meanPhExact(parsed.map((p) => parseDecimal(p.value)), options.phAveraging);
  } else {
    const factor = options.nonDetectFactor ?? "0.5";
    m = mean(present.map((s) => substitutedValue(s, factor)));
  }
  return options.round === false ? toDecimalString(m) : roundEvaluationText(parameter, m, options.decimals ?? {});
}

/** Item-by-item period means of a section's samples (see `periodMean`); items never measured are absent. */
export function periodMeans(samples: readonly SectionValues[], options: PeriodMeanOptions = {}): SectionValues {
  const out: SectionValues = {};
  for (const p of WATER_PARAMETERS) {
    const m = periodMean(
      p,
      samples.map((s) => s[p]),
      options,
    );
    if (m !== null) out[p] = m;
  }
  return out;
}
