import type { BilingualText } from "../shared/domain-error";
import type { DecimalInput } from "../shared/decimal";
import { ceil, compare, div, fromInt, mul, parseDecimal, roundToNumber, sub, toDecimalString, ZERO } from "../shared/decimal";
import type { Role } from "../auth/auth.schema";
import { SECTIONS } from "../auth/auth.schema";
import type { Kpi, KpiDirection } from "./kpi.schema";

/** Section staff keep the registry (the issue: "entered by section staff"); administrators may correct it. */
export function canEditKpis(role: Role): boolean {
  return role === "admin" || (SECTIONS as readonly string[]).includes(role);
}

export type KpiStatus = "met" | "not_met" | "no_value" | "no_target";

export interface KpiProgress {
  status: KpiStatus;
  /** How far the value is from the target, in the KPI's unit, never negative; "0" when met; null without both figures. */
  gap: string | null;
  /** value / target × 100 for higher-is-better KPIs with a positive target, to 2 decimals; null otherwise. */
  percentOfTarget: number | null;
}

/**
 * A KPI against its target: met when the value reaches it (higher is better) or stays at or below it (lower is
 * better), with the gap still to close, computed on exact decimals so "85.0 vs 85" is met.
 */
export function kpiProgress(k: { direction: KpiDirection; target: DecimalInput | null; value: DecimalInput | null }): KpiProgress {
  if (k.target === null) return { status: "no_target", gap: null, percentOfTarget: null };
  if (k.value === null) return { status: "no_value", gap: null, percentOfTarget: null };
  const target = parseDecimal(k.target);
  const value = parseDecimal(k.value);
  const shortfall = k.direction === "higher_better" ? sub(target, value) : sub(value, target);
  const met = compare(shortfall, ZERO) <= 0;
  const percentOfTarget = k.direction === "higher_better" && compare(target, ZERO) > 0 ? roundToNumber(mul(div(value, target), fromInt(100)), 2) : null;
  return { status: met ? "met" : "not_met", gap: met ? "0" : toDecimalString(shortfall), percentOfTarget };
}

export type KpiWithProgress = Kpi & { progress: KpiProgress };

export function withProgress(k: Kpi): KpiWithProgress {
  return { ...k, progress: kpiProgress(k) };
}

export interface GoodDaysNeededInput {
  /** Good (优良) days so far in the assessment period. */
  goodDays: number;
  /** Valid days so far (the ratio's denominator). */
  validDays: number;
  /** Days left in the period, each assumed to become a valid day. */
  remainingDays: number;
  /** Target share of good days as a fraction, e.g. 0.85 or "0.852". */
  targetRatio: DecimalInput;
}

export interface GoodDaysNeeded {
  /** More good days needed among the remaining ones; 0 when the target is already secured. */
  needed: number;
  remainingDays: number;
  /** Whether the target can still be reached (needed ≤ remainingDays). */
  attainable: boolean;
  /** Good-day share so far, percent to 1 decimal; null before the first valid day. */
  currentPercent: number | null;
  /** The share if every remaining day is good, percent to 1 decimal. */
  bestPercent: number | null;
  message: BilingualText;
}

/**
 * Gap to an annual good-days target (优良天数比例 = good days / valid days, HJ 633 reporting): the fewest further
 * good days g with (goodDays + g) / (validDays + remainingDays) ≥ target, i.e. "N more good days needed in the
 * remaining M days". Exact arithmetic, so a target of 85 % over 365 days needs ⌈310.25⌉ = 311 good days.
 */
export function goodDaysNeeded(input: GoodDaysNeededInput): GoodDaysNeeded {
  const { goodDays, validDays, remainingDays } = input;
  for (const [name, v] of Object.entries({ goodDays, validDays, remainingDays }))
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${name} must be a non-negative integer: ${v}`);
  if (goodDays > validDays) throw new RangeError(`goodDays (${goodDays}) cannot exceed validDays (${validDays})`);
  const ratio = parseDecimal(input.targetRatio);
  if (compare(ratio, ZERO) < 0 || compare(ratio, fromInt(1)) > 0) throw new RangeError(`targetRatio must be a fraction between 0 and 1: ${String(input.targetRatio)}`);

  const total = validDays + remainingDays;
  const required = ceil(mul(ratio, fromInt(total)));
  const needed = Math.max(0, Number(required) - goodDays);
  const attainable = needed <= remainingDays;
  const pct = (good: number, days: number) => (days === 0 ? null : roundToNumber(div(fromInt(good * 100), fromInt(days)), 1));
  const message: BilingualText =
    needed === 0
      ? { zh: "已确保完成优良天数目标", en: "The good-days target is already secured" }
      : attainable
        ? { zh: `剩余 ${remainingDays} 天中还需 ${needed} 个优良天`, en: `${needed} more good days needed in the remaining ${remainingDays} days` }
        : {
            zh: `即使剩余 ${remainingDays} 天全部优良，仍差 ${needed - remainingDays} 个优良天，无法完成目标`,
            en: `Even if all ${remainingDays} remaining days are good, the target is missed by ${needed - remainingDays} days`,
          };
  return { needed, remainingDays, attainable, currentPercent: pct(goodDays, validDays), bestPercent: pct(goodDays + remainingDays, total), message };
}
