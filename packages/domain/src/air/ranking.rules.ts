import type { DecimalInput, Rational } from "../shared/decimal";
import { compare, div, fromInt, mul, parseDecimal, roundHalfEven, roundToNumber, sub, toNumber } from "../shared/decimal";

export type RankOrder = "ascending" | "descending";

export interface RankInput {
  id: string;
  value: DecimalInput | null;
}

export interface RankedItem {
  id: string;
  /** The value compared (after rounding when `digits` is given); null = not ranked. */
  value: number | null;
  rank: number | null;
  tied: boolean;
}

export interface RankOptions {
  /** "ascending" for the composite index and PM2.5 (smaller = better); "descending" for the good-days ratio. */
  order?: RankOrder;
  /**
   * Round half-even to this many decimals before comparing, so equal displayed values tie (reference §6.3: rank on
   * the published 2-decimal index when "same displayed index = tie"). Null compares the values as given.
   */
  digits?: number | null;
}

/**
 * Ranks with ties shared (以并列计, 环办监测〔2018〕19号 and provincial practice) using standard competition ranking
 * 1, 2, 2, 4 — the continuation after a tie is unconfirmed, competition ranking is the reference's recommendation.
 * Items without a value are listed last with rank null; the output is in rank order, ties in input order.
 */
export function rankWithTies(items: readonly RankInput[], options: RankOptions = {}): RankedItem[] {
  const order = options.order ?? "ascending";
  const digits = options.digits ?? null;
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) throw new RangeError(`Ranking item ${item.id} given twice`);
    seen.add(item.id);
  }
  const keyed = items.map((item, position) => {
    const exact = item.value === null ? null : parseDecimal(item.value);
    return { item, position, key: exact === null || digits === null ? exact : roundHalfEven(exact, digits) };
  });
  const ranked = keyed.filter((k): k is typeof k & { key: Rational } => k.key !== null);
  ranked.sort((a, b) => (order === "ascending" ? compare(a.key, b.key) : compare(b.key, a.key)) || a.position - b.position);
  const out: RankedItem[] = [];
  ranked.forEach((entry, i) => {
    const previous = ranked[i - 1];
    const next = ranked[i + 1];
    const sameAsPrevious = previous !== undefined && compare(previous.key, entry.key) === 0;
    const rank = sameAsPrevious ? (out[i - 1]?.rank ?? i + 1) : i + 1;
    const tied = sameAsPrevious || (next !== undefined && compare(next.key, entry.key) === 0);
    out.push({ id: entry.item.id, value: toNumber(entry.key), rank, tied });
  });
  for (const k of keyed) if (k.key === null) out.push({ id: k.item.id, value: null, rank: null, tied: false });
  return out;
}

export interface RankChange {
  /** previous rank − current rank: positive = moved up (improved), negative = moved down. */
  places: number | null;
  direction: "up" | "down" | "unchanged" | null;
  text: { zh: string; en: string } | null;
}

/**
 * Year-on-year (or period-on-period) rank change in places, "上升N位" when the rank number fell (improvement)
 * (reference §7.3; the wording is a design choice, unconfirmed).
 */
export function rankChange(previousRank: number | null, currentRank: number | null): RankChange {
  if (previousRank === null || currentRank === null) return { places: null, direction: null, text: null };
  const places = previousRank - currentRank;
  const n = Math.abs(places);
  if (places > 0) return { places, direction: "up", text: { zh: `上升${n}位`, en: `up ${n} place${n === 1 ? "" : "s"}` } };
  if (places < 0) return { places, direction: "down", text: { zh: `下降${n}位`, en: `down ${n} place${n === 1 ? "" : "s"}` } };
  return { places: 0, direction: "unchanged", text: { zh: "持平", en: "unchanged" } };
}

/** Digits of published relative changes (e.g. "down 8.3 %") and percentage-point changes (reference §7.3). */
export const CHANGE_DIGITS = 1;

/**
 * Relative change in % = (current − previous) / previous × 100, for concentrations and the composite index
 * (reference §7.3; ΔI of 环办监测函〔2017〕197号); half-even to `digits`; null when previous is 0 or missing.
 */
export function percentChange(current: DecimalInput | null, previous: DecimalInput | null, digits: number = CHANGE_DIGITS): number | null {
  const exact = percentChangeExact(current, previous);
  return exact === null ? null : roundToNumber(exact, digits);
}

function percentChangeExact(current: DecimalInput | null, previous: DecimalInput | null): Rational | null {
  if (current === null || previous === null) return null;
  const last = parseDecimal(previous);
  if (compare(last, fromInt(0)) === 0) return null;
  return mul(div(sub(parseDecimal(current), last), last), fromInt(100));
}

/**
 * Change of a ratio in percentage points (百分点) = current % − previous %, e.g. 80.6 − 78.2 = +2.4 (reference §7.3,
 * example G1), computed exactly on the decimal values; null when either is missing.
 */
export function percentagePointChange(currentPercent: DecimalInput | null, previousPercent: DecimalInput | null, digits: number = CHANGE_DIGITS): number | null {
  if (currentPercent === null || previousPercent === null) return null;
  return roundToNumber(sub(parseDecimal(currentPercent), parseDecimal(previousPercent)), digits);
}

export interface ChangeRankingInput {
  id: string;
  current: DecimalInput | null;
  previous: DecimalInput | null;
  /** Every pollutant already meets Grade II in the period: excluded from the deterioration ranking. */
  meetsGradeII?: boolean;
}

export interface ChangeRanking {
  /** Change rates ΔI in %, ranked ascending (most improved first). */
  improvement: RankedItem[];
  /** Change rates ranked descending (most deteriorated first), without areas that meet Grade II. */
  deterioration: RankedItem[];
}

/**
 * Change-degree ranking (变化程度排名, 环办监测函〔2017〕197号): rank ΔI = (I_this − I_last)/I_last × 100 % —
 * more negative = more improved, equal rates tie; areas meeting Grade II for every pollutant are left out of the
 * deterioration ranking. Rates are compared at `digits` decimals (default 1, as published).
 */
export function rankIndexChange(items: readonly ChangeRankingInput[], options: { digits?: number } = {}): ChangeRanking {
  const digits = options.digits ?? CHANGE_DIGITS;
  const rates = items.map((item) => {
    const exact = percentChangeExact(item.current, item.previous);
    return { id: item.id, value: exact === null ? null : toNumber(roundHalfEven(exact, digits)), meetsGradeII: item.meetsGradeII === true };
  });
  return {
    improvement: rankWithTies(rates, { order: "ascending", digits }),
    deterioration: rankWithTies(
      rates.filter((r) => !r.meetsGradeII),
      { order: "descending", digits },
    ),
  };
}
