import type { Rational } from "../shared/decimal";
import { compare, div, parseDecimal, sub, toDecimalString, toNumber } from "../shared/decimal";
import { classLimit, PH_RANGE, TABLE1_LIMITS } from "./limits";
import type { PeriodMeanOptions } from "./period.rules";
import { periodMeans } from "./period.rules";
import type { Share } from "./ranking.rules";
import { goodWaterShare, sectionMeetsTarget, statusFromShares, worseThanVShare } from "./ranking.rules";
import type {
  ItemSetId,
  Measurement,
  ParameterId,
  QualityStatus,
  SectionValues,
  TargetClass,
  WaterClass,
  Waterbody,
} from "./water.schema";
import { classOrdinal, ITEM_SETS, parseMeasurement, TARGET_CLASSES, WATER_PARAMETERS } from "./water.schema";

export interface ClassifyOptions {
  /**
   * Evaluate TN at river sections against the lake/reservoir TN limits ("参照评价", a local practice).
   * Default false: GB 3838-2002 gives TN limits for lakes and reservoirs only (reference §2).
   */
  riverTnByReference?: boolean;
}

/**
 * Why an item was not evaluated: absent from the data; not applicable (TN at a river); a non-detect whose
 * detection limit is above the Class V limit (the value could be anything up to it); a non-detect on pH
 * or DO, which is a data error.
 */
export type SkipReason = "missing" | "not_applicable" | "non_detect_inconclusive" | "invalid_non_detect";

export interface ParameterClass {
  parameter: ParameterId;
  /** The value (for a non-detect: its detection limit) as canonical decimal text. */
  value: string;
  nonDetect: boolean;
  waterClass: WaterClass;
}

export type ParameterOutcome = ({ evaluated: true } & ParameterClass) | { evaluated: false; parameter: ParameterId; reason: SkipReason };

const BEST_FIRST: readonly TargetClass[] = TARGET_CLASSES;

/**
 * Class of one item under GB 3838-2002 Table 1: the best class whose limit the value meets (a value equal
 * to the limit meets it; DO must reach the limit; pH within 6–9 is Class I, outside is 劣Ⅴ). A non-detect
 * meets every limit not below its detection limit (reference §3.4), so it takes the best such class.
 */
export function classifyParameter(
  parameter: ParameterId,
  measurement: Measurement,
  waterbody: Waterbody,
  options: ClassifyOptions = {},
): ParameterOutcome {
  const spec = TABLE1_LIMITS[parameter];
  if (waterbody === "river" && !spec.appliesToRiver && !options.riverTnByReference)
    return { evaluated: false, parameter, reason: "not_applicable" };
  const { value, nonDetect } = parseMeasurement(measurement);
  const x = parseDecimal(value);
  const done = (waterClass: WaterClass): ParameterOutcome => ({
    evaluated: true,
    parameter,
    value: toDecimalString(x),
    nonDetect,
    waterClass,
  });

  if (spec.direction !== "max" && nonDetect) return { evaluated: false, parameter, reason: "invalid_non_detect" };
  if (spec.direction === "range") {
    const inRange = compare(x, parseDecimal(PH_RANGE.low)) >= 0 && compare(x, parseDecimal(PH_RANGE.high)) <= 0;
    return done(inRange ? "I" : "worse_than_V");
  }
  // TN at a river "by reference" reads the lake column, the only one Table 1 has.
  const column: Waterbody = parameter === "tn" ? "lake" : waterbody;
  for (const c of BEST_FIRST) {
    const limit = parseDecimal(classLimit(parameter, c, column));
    const meets = spec.direction === "min" ? compare(x, limit) >= 0 : compare(x, limit) <= 0;
    if (meets) return done(c);
  }
  if (nonDetect) return { evaluated: false, parameter, reason: "non_detect_inconclusive" };
  return done("worse_than_V");
}

/** Qualitative description of a section class: I–II 优, III 良好, IV 轻度污染, V 中度污染, 劣Ⅴ 重度污染 (reference §3.3). */
export function sectionStatus(waterClass: WaterClass): QualityStatus {
  switch (waterClass) {
    case "I":
    case "II":
      return "excellent";
    case "III":
      return "good";
    case "IV":
      return "light";
    case "V":
      return "moderate";
    case "worse_than_V":
      return "heavy";
  }
}

export interface Exceedance extends ParameterClass {
  /** The target-class limit the value fails (pH: "6–9"). */
  targetLimit: string;
  /**
   * (C − Cs) / Cs against the target-class limit, exact then as the nearest double (0.21 vs 0.2 → 0.05).
   * Null for pH and DO (not computed, 环办〔2011〕22号) and for non-detects (no concentration is known).
   */
  multiple: number | null;
}

/**
 * Exceedance multiple (C − Cs) / Cs of a value against a class limit (GB 3838-2002 §5.1; not for pH/DO,
 * 环办〔2011〕22号). Returns null for pH and DO, and 0 or less when the value meets the limit.
 */
export function exceedanceMultiple(parameter: ParameterId, value: string | number, limitClass: TargetClass, waterbody: Waterbody): number | null {
  if (parameter === "ph" || parameter === "do") return null;
  const column: Waterbody = parameter === "tn" ? "lake" : waterbody;
  const cs: Rational = parseDecimal(classLimit(parameter, limitClass, column));
  return toNumber(div(sub(parseDecimal(value), cs), cs));
}

export interface ClassifySectionInput {
  waterbody: Waterbody;
  values: SectionValues;
  itemSet: ItemSetId;
  target?: TargetClass | null;
  options?: ClassifyOptions;
}

export interface SectionClassResult {
  itemSetId: ItemSetId;
  waterbody: Waterbody;
  /** Null when no item of the set could be evaluated. */
  waterClass: WaterClass | null;
  status: QualityStatus | null;
  /** Every evaluated item whose class equals the section class (several when they tie). */
  decidingParameters: ParameterId[];
  /** Evaluated items of the set, in the set's order. */
  parameters: ParameterClass[];
  /** Items of the set that were not evaluated, with the reason. */
  skipped: { parameter: ParameterId; reason: SkipReason }[];
  target: TargetClass | null;
  meetsTarget: boolean | null;
  /** Items worse than the target class, with their exceedance multiples against the target limit. */
  exceedances: Exceedance[];
  /**
   * Items measured but outside the set, classed for information only and never deciding the class:
   * e.g. TN at lakes and fecal coliform under `manual_21`, which 环办〔2011〕22号 assesses separately.
   */
  separatelyAssessed: ParameterClass[];
}

/**
 * Single-factor evaluation (单因子评价, GB 3838-2002 §5 and 环办〔2011〕22号): the section class is the worst
 * class among the items of the chosen item set; failing Class V on any item gives 劣Ⅴ.
 * Values are compared as given: pass evaluation values (e.g. from `periodMeans`, rounded per §3.5), or
 * unrounded hourly values for automatic stations, which keep more digits.
 */
export function classifySection(input: ClassifySectionInput): SectionClassResult {
  const { waterbody, values, itemSet } = input;
  const options = input.options ?? {};
  const target = input.target ?? null;
  const items: readonly ParameterId[] = ITEM_SETS[itemSet].items;

  const parameters: ParameterClass[] = [];
  const skipped: { parameter: ParameterId; reason: SkipReason }[] = [];
  for (const p of items) {
    const m = values[p];
    if (m === undefined || m === null) {
      // An item that does not apply is "not applicable" even when absent, so missing lists stay meaningful.
      const applies = waterbody === "lake" || TABLE1_LIMITS[p].appliesToRiver || options.riverTnByReference;
      skipped.push({ parameter: p, reason: applies ? "missing" : "not_applicable" });
      continue;
    }
    const o = classifyParameter(p, m, waterbody, options);
    if (o.evaluated) parameters.push(stripOutcome(o));
    else skipped.push({ parameter: p, reason: o.reason });
  }

  const separatelyAssessed: ParameterClass[] = [];
  for (const p of WATER_PARAMETERS) {
    const m = values[p];
    if (items.includes(p) || m === undefined || m === null) continue;
    const o = classifyParameter(p, m, waterbody, options);
    if (o.evaluated) separatelyAssessed.push(stripOutcome(o));
  }

  const worst = parameters.reduce<WaterClass | null>(
    (w, p) => (w === null || classOrdinal(p.waterClass) > classOrdinal(w) ? p.waterClass : w),
    null,
  );
  const exceedances: Exceedance[] =
    target === null
      ? []
      : parameters
          .filter((p) => !sectionMeetsTarget(p.waterClass, target))
          .map((p) => ({
            ...p,
            targetLimit: p.parameter === "ph" ? `${PH_RANGE.low}–${PH_RANGE.high}` : classLimit(p.parameter, target, p.parameter === "tn" ? "lake" : waterbody),
            multiple: p.nonDetect ? null : exceedanceMultiple(p.parameter, p.value, target, waterbody),
          }));

  return {
    itemSetId: itemSet,
    waterbody,
    waterClass: worst,
    status: worst === null ? null : sectionStatus(worst),
    decidingParameters: worst === null ? [] : parameters.filter((p) => p.waterClass === worst).map((p) => p.parameter),
    parameters,
    skipped,
    target,
    meetsTarget: worst === null || target === null ? null : sectionMeetsTarget(worst, target),
    exceedances,
    separatelyAssessed,
  };
}

function stripOutcome(o: { evaluated: true } & ParameterClass): ParameterClass {
  return { parameter: o.parameter, value: o.value, nonDetect: o.nonDetect, waterClass: o.waterClass };
}

export interface RiverSectionInput {
  waterbody: Waterbody;
  values: SectionValues;
  target?: TargetClass | null;
}

export interface RiverAssessment {
  /** "section_shares" with ≥ 5 sections, "mean_values" below that (reference §3.3). */
  method: "section_shares" | "mean_values";
  sectionCount: number;
  status: QualityStatus | null;
  /** Each section's own classification. */
  sections: SectionClassResult[];
  goodShare: Share;
  worseThanVShare: Share;
  /** With fewer than 5 sections: the item-by-item mean values and their classification. */
  meanValues?: SectionValues;
  meanResult?: SectionClassResult;
}

export interface AssessRiverOptions extends ClassifyOptions, PeriodMeanOptions {
  /** Minimum number of sections for the share method; 5 per 环办〔2011〕22号. */
  minSectionsForShares?: number;
}

/**
 * Status of a river or basin per 环办〔2011〕22号 (restated by the Shenzhen bureau, reference §3.3): with ≥ 5
 * sections from the shares of I–III and 劣Ⅴ sections; with fewer, by the single-factor class of the
 * item-by-item mean over all sections (which must then share one water-body type, as TP limits differ).
 */
export function assessRiver(sections: readonly RiverSectionInput[], itemSet: ItemSetId, options: AssessRiverOptions = {}): RiverAssessment {
  const results = sections.map((s) => classifySection({ waterbody: s.waterbody, values: s.values, itemSet, target: s.target ?? null, options }));
  const classes = results.map((r) => r.waterClass);
  const base = { sectionCount: sections.length, sections: results, goodShare: goodWaterShare(classes), worseThanVShare: worseThanVShare(classes) };
  if (sections.length >= (options.minSectionsForShares ?? 5)) return { method: "section_shares", status: statusFromShares(classes), ...base };

  const first = sections[0];
  if (first === undefined) return { method: "mean_values", status: null, ...base };
  if (sections.some((s) => s.waterbody !== first.waterbody))
    throw new RangeError("averaging sections of rivers and lakes together is undefined (different TP limits)");
  const meanValues = periodMeans(
    sections.map((s) => s.values),
    options,
  );
  const meanResult = classifySection({ waterbody: first.waterbody, values: meanValues, itemSet, options });
  return { method: "mean_values", status: meanResult.status, ...base, meanValues, meanResult };
}
