import type { Rational } from "../shared/decimal";
import { compare, div, fromInt, mul, parseDecimal, roundHalfEven, sub, toNumber } from "../shared/decimal";
import type { QualityStatus, TargetClass, WaterClass } from "./water.schema";
import { classOrdinal } from "./water.schema";

/** A section meets its target when its class is the target class or better (GB 3838-2002 functional classes). */
export function sectionMeetsTarget(waterClass: WaterClass, target: TargetClass): boolean {
  return classOrdinal(waterClass) <= classOrdinal(target);
}

export interface RankOptions {
  /** "asc": smaller is better (CWQI, ΔCWQI); "desc": larger is better (shares). Default "asc". */
  order?: "asc" | "desc";
  /**
   * Compare values after half-even rounding to this many decimals. Default: full precision, because the
   * digits used for ties in 环办监测〔2017〕51号 are unconfirmed (reference §4.2); publications show 2–4.
   */
  tieDecimals?: number;
}

export interface Ranked<T> {
  item: T;
  rank: number;
}

/**
 * Standard competition ranking ("1224"): equal values share the best rank and the next rank skips.
 * The reference prescribes no other tie convention for 环办监测〔2017〕51号 rankings.
 * Ties keep input order, so the result is deterministic.
 */
export function competitionRank<T>(items: readonly T[], value: (item: T) => number, options: RankOptions = {}): Ranked<T>[] {
  const order = options.order ?? "asc";
  const keyed = items.map((item, i) => {
    const v = parseDecimal(value(item));
    return { item, i, key: options.tieDecimals === undefined ? v : roundHalfEven(v, options.tieDecimals) };
  });
  keyed.sort((a, b) => (order === "asc" ? compare(a.key, b.key) : compare(b.key, a.key)) || a.i - b.i);
  const out: Ranked<T>[] = [];
  keyed.forEach((k, pos) => {
    const prev = keyed[pos - 1];
    const prevRanked = out[pos - 1];
    const tied = prev !== undefined && prevRanked !== undefined && compare(prev.key, k.key) === 0;
    out.push({ item: k.item, rank: tied ? prevRanked.rank : pos + 1 });
  });
  return out;
}

/** Status ranking of districts/cities by CWQI, ascending: smaller is better (环办监测〔2017〕51号). */
export function rankByCwqi<T extends { cwqi: number }>(items: readonly T[], options: Omit<RankOptions, "order"> = {}): Ranked<T>[] {
  return competitionRank(items, (t) => t.cwqi, { ...options, order: "asc" });
}

/**
 * ΔCWQI = (CWQI_current − CWQI_base) / CWQI_base × 100 %, negative = improved (环办监测〔2017〕51号, reference §4.2).
 * Computed exactly on the decimal values given.
 */
export function cwqiChangePercent(current: number, base: number): number {
  const b = parseDecimal(base);
  return toNumber(mul(div(sub(parseDecimal(current), b), b), fromInt(100)));
}

/**
 * Cities whose sections are all Class II or better in both the base and the current period and meet
 * their targets do not take part in the change ranking (环办监测〔2017〕51号; Ningxia uses III for drainage
 * ditches, hence `threshold`). A city with no classified section is not excluded.
 */
export function isExcludedFromChangeRanking(
  sections: readonly { baseClass: WaterClass; currentClass: WaterClass; target: TargetClass | null }[],
  threshold: TargetClass = "II",
): boolean {
  if (sections.length === 0) return false;
  return sections.every(
    (s) =>
      sectionMeetsTarget(s.baseClass, threshold) &&
      sectionMeetsTarget(s.currentClass, threshold) &&
      (s.target === null || (sectionMeetsTarget(s.baseClass, s.target) && sectionMeetsTarget(s.currentClass, s.target))),
  );
}

/** Change ranking by ΔCWQI, ascending (more negative = more improved), excluded cities left out (环办监测〔2017〕51号). */
export function rankByCwqiChange<T extends { cwqiChangePercent: number; excluded?: boolean }>(
  items: readonly T[],
  options: Omit<RankOptions, "order"> = {},
): Ranked<T>[] {
  return competitionRank(
    items.filter((t) => !t.excluded),
    (t) => t.cwqiChangePercent,
    { ...options, order: "asc" },
  );
}

export interface Share {
  count: number;
  /** Sections with a class; unclassified ones (null) are left out of the denominator. */
  total: number;
  /** Percentage 0–100 (exact, as the nearest double); null when total is 0. */
  percent: number | null;
}

function shareExact(classes: readonly (WaterClass | null)[], pred: (c: WaterClass) => boolean): { share: Share; exact: Rational | null } {
  const known = classes.filter((c): c is WaterClass => c !== null);
  const count = known.filter(pred).length;
  const e = known.length === 0 ? null : div(fromInt(count * 100), fromInt(known.length));
  return { share: { count, total: known.length, percent: e === null ? null : toNumber(e) }, exact: e };
}

function sharePercentExact(classes: readonly (WaterClass | null)[], pred: (c: WaterClass) => boolean): Rational | null {
  return shareExact(classes, pred).exact;
}

const isGood = (c: WaterClass) => classOrdinal(c) <= classOrdinal("III");
const isWorstClass = (c: WaterClass) => c === "worse_than_V";

/** Share of sections in Classes I–III ("优良水体比例"), the headline indicator of 环办〔2011〕22号 reporting. */
export function goodWaterShare(classes: readonly (WaterClass | null)[]): Share {
  return shareExact(classes, isGood).share;
}

/** Share of 劣Ⅴ sections (环办〔2011〕22号 reporting). */
export function worseThanVShare(classes: readonly (WaterClass | null)[]): Share {
  return shareExact(classes, isWorstClass).share;
}

export interface ShareChange {
  current: Share;
  base: Share;
  /** current − base in percentage points, exact; null when either side has no classified section. */
  changePp: number | null;
}

/**
 * Year-on-year change of the I–III share in percentage points (current % − base %), computed on exact
 * fractions so that e.g. 2/3 vs 7/10 gives −3.333… pp, not a float artefact (环办〔2011〕22号 reporting).
 */
export function goodWaterShareChange(current: readonly (WaterClass | null)[], base: readonly (WaterClass | null)[]): ShareChange {
  const c = shareExact(current, isGood);
  const b = shareExact(base, isGood);
  return {
    current: c.share,
    base: b.share,
    changePp: c.exact === null || b.exact === null ? null : toNumber(sub(c.exact, b.exact)),
  };
}

/**
 * River/basin status from section shares (≥ 5 sections), 环办〔2011〕22号 as restated by the Shenzhen bureau
 * (reference §3.3): I–III ≥ 90 % 优; 75–90 % 良好; below 75 % by 劣Ⅴ share: < 20 % 轻度, 20–40 % 中度, ≥ 40 % 重度.
 */
export function statusFromShares(classes: readonly (WaterClass | null)[]): QualityStatus | null {
  const good = sharePercentExact(classes, isGood);
  const worst = sharePercentExact(classes, isWorstClass);
  if (good === null || worst === null) return null;
  if (compare(good, fromInt(90)) >= 0) return "excellent";
  if (compare(good, fromInt(75)) >= 0) return "good";
  if (compare(worst, fromInt(20)) < 0) return "light";
  if (compare(worst, fromInt(40)) < 0) return "moderate";
  return "heavy";
}
