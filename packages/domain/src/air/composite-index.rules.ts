import type { DecimalInput, Rational } from "../shared/decimal";
import { add, compare, div, mul, ONE, parseDecimal, roundToNumber, toNumber, ZERO } from "../shared/decimal";
import type { CompositeIndexSettings, Pollutant } from "./air.schema";
import { POLLUTANTS } from "./air.schema";

/**
 * The confirmed rule (城市环境空气质量排名技术规定, 环办监测〔2018〕19号): unweighted sum of C_i/S_i with the
 * GB 3095-2012 Grade II limits — annual for SO2/NO2/PM10/PM2.5, 24-h for CO, 8-h for O3 — shown to 2 decimals.
 */
export const COMPOSITE_INDEX_2018: CompositeIndexSettings = {
  id: "huanban-jiance-2018-19",
  limits: { so2: 60, no2: 40, pm10: 70, pm25: 35, co: 4, o3: 160 },
  weights: { so2: 1, no2: 1, pm10: 1, pm25: 1, co: 1, o3: 1 },
  digits: 2,
};

/**
 * UNCONFIRMED candidate for 2026 data (one code base labelled "HJ 663-2026"; no primary source, reference §7.1):
 * weights PM2.5 ×3, NO2 ×2, O3 ×2 and GB 3095-2026 transition limits PM10 60, PM2.5 30. Opt-in only.
 */
export const COMPOSITE_INDEX_2026_CANDIDATE: CompositeIndexSettings = {
  id: "hj663-2026-candidate-unconfirmed",
  limits: { so2: 60, no2: 40, pm10: 60, pm25: 30, co: 4, o3: 160 },
  weights: { so2: 1, no2: 2, pm10: 1, pm25: 3, co: 1, o3: 2 },
  digits: 2,
};

/**
 * Default for every period, including those after 2026-03-01: only the 2018 rule is confirmed, and keeping it makes
 * year-on-year changes like-for-like. Store other settings from a date (`compositeIndexSettingsFor`) when a new rule is confirmed.
 */
export const DEFAULT_COMPOSITE_INDEX_SETTINGS = COMPOSITE_INDEX_2018;

/** The named settings a bureau picks from (a custom entry carries its own id). */
export const COMPOSITE_INDEX_PRESETS: readonly CompositeIndexSettings[] = [COMPOSITE_INDEX_2018, COMPOSITE_INDEX_2026_CANDIDATE];

/** Whether two settings compute the same index: equal digits, S_i and weights (a decimal string equals its number). */
export function isSameCompositeIndexSettings(a: CompositeIndexSettings, b: CompositeIndexSettings): boolean {
  const same = (x: DecimalInput, y: DecimalInput) => compare(parseDecimal(x), parseDecimal(y)) === 0;
  return a.digits === b.digits && POLLUTANTS.every((p) => same(a.limits[p], b.limits[p]) && same(a.weights[p], b.weights[p]));
}

/** Settings stored as in force from a date until the next entry's date. */
export interface CompositeIndexSettingsInForce {
  effectiveFrom: string;
  settings: CompositeIndexSettings;
}

/**
 * The composite-index settings of a period (reference §7.1: S_i and weights per period): those in force on the period's
 * first day, i.e. the entry with the latest `effectiveFrom` ≤ `periodFrom`, else DEFAULT_COMPOSITE_INDEX_SETTINGS. A
 * period is evaluated under one setting even when a later entry takes effect inside it.
 */
export function compositeIndexSettingsFor(periodFrom: string, entries: readonly CompositeIndexSettingsInForce[]): CompositeIndexSettings {
  let inForce: CompositeIndexSettingsInForce | null = null;
  for (const e of entries) if (e.effectiveFrom <= periodFrom && (!inForce || e.effectiveFrom > inForce.effectiveFrom)) inForce = e;
  return inForce?.settings ?? DEFAULT_COMPOSITE_INDEX_SETTINGS;
}

/** Period statistics C_i: means for SO2/NO2/PM10/PM2.5 (µg/m³), CO P95 (mg/m³), O3 MDA8 P90 (µg/m³). */
export type CompositeIndexInput = Readonly<Record<Pollutant, DecimalInput>>;

export interface SingleIndex {
  concentration: number;
  limit: number;
  weight: number;
  /** I_i = C_i / S_i, rounded half-even to the settings' digits. */
  index: number;
  /** I_i as a (deterministic) double, for sorting without display rounding. */
  indexExact: number;
}

export interface CompositeIndexResult {
  settingsId: string;
  digits: number;
  /** Σ w_i·I_i rounded half-even to `digits` (GB/T 8170). */
  index: number;
  indexExact: number;
  single: Record<Pollutant, SingleIndex>;
  /** Pollutant(s) with the largest single index (period main pollutant; ties listed). */
  maxPollutants: Pollutant[];
  /** Pollutants with I_i > 1, i.e. above their limit. */
  exceedingPollutants: Pollutant[];
}

/**
 * Composite index (环境空气质量综合指数) I_sum = Σ w_i·C_i/S_i over the six pollutants (环办监测〔2018〕19号;
 * weights and S_i are settings), with each single index; larger = worse.
 */
export function compositeIndex(stats: CompositeIndexInput, settings: CompositeIndexSettings): CompositeIndexResult {
  const exactSingles = new Map<Pollutant, Rational>();
  let total = ZERO;
  const single = {} as Record<Pollutant, SingleIndex>;
  for (const p of POLLUTANTS) {
    const c = parseDecimal(stats[p]);
    const s = parseDecimal(settings.limits[p]);
    const w = parseDecimal(settings.weights[p]);
    const i = div(c, s);
    exactSingles.set(p, i);
    total = add(total, mul(w, i));
    single[p] = {
      concentration: toNumber(c),
      limit: toNumber(s),
      weight: toNumber(w),
      index: roundToNumber(i, settings.digits),
      indexExact: toNumber(i),
    };
  }
  const entries = [...exactSingles.entries()];
  const largest = entries.reduce<Rational | null>((m, [, v]) => (m === null || compare(v, m) > 0 ? v : m), null);
  return {
    settingsId: settings.id,
    digits: settings.digits,
    index: roundToNumber(total, settings.digits),
    indexExact: toNumber(total),
    single,
    maxPollutants: entries.filter(([, v]) => largest !== null && compare(v, largest) === 0).map(([p]) => p),
    exceedingPollutants: entries.filter(([, v]) => compare(v, ONE) > 0).map(([p]) => p),
  };
}
