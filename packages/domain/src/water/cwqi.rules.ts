import type { Rational } from "../shared/decimal";
import { add, compare, div, fromInt, mean, mul, parseDecimal, sub, sum, toNumber, ZERO } from "../shared/decimal";
import { classLimit } from "./limits";
import type { AveragingOptions } from "./period.rules";
import { meanPhExact, substitutedValue } from "./period.rules";
import type { Measurement, SectionValues, Waterbody } from "./water.schema";
import { ITEMS_21, parseMeasurement } from "./water.schema";

/** The 21 items summed into a section CWQI (环办监测〔2017〕51号; the same 21 as 环办〔2011〕22号). */
export const CWQI_ITEMS = ITEMS_21;
export type CwqiItem = (typeof CWQI_ITEMS)[number];

export interface CwqiOptions {
  /** Factor on the detection limit of non-detects entering an index or a mean; default 0.5 (unconfirmed, reference §3.4). */
  nonDetectFactor?: string | number;
}

const SEVEN = fromInt(7);

function indexExact(parameter: CwqiItem, c: Rational, waterbody: Waterbody): Rational {
  if (parameter === "ph") {
    // Two-sided: distance from neutral 7 scaled by the distance to the Class III bound on that side.
    return compare(c, SEVEN) <= 0 ? div(sub(SEVEN, c), sub(SEVEN, fromInt(6))) : div(sub(c, SEVEN), sub(fromInt(9), SEVEN));
  }
  const cs = parseDecimal(classLimit(parameter, "III", waterbody));
  if (parameter === "do") {
    // Higher DO is better, so the index is inverted; a zero mean is a data error, not an infinite index.
    if (c.num <= 0n) throw new RangeError("CWQI(DO) needs a positive DO mean");
    return div(cs, c);
  }
  return div(c, cs);
}

/**
 * Parameter index CWQI(i) of 环办监测〔2017〕51号 (reference §4.2): C / C_s(Class III) for general items (TP by
 * water-body type), 5 / DO for DO, and (7 − pH)/(7 − 6) or (pH − 7)/(9 − 7) for pH.
 */
export function parameterIndex(parameter: CwqiItem, value: Measurement, waterbody: Waterbody, options: CwqiOptions = {}): number {
  return toNumber(indexExact(parameter, concentration(parameter, value, options), waterbody));
}

export interface SectionCwqi {
  /** Σ CWQI(i) over the items present, as the nearest double of the exact sum. */
  cwqi: number;
  /** Per-item indices, in CWQI_ITEMS order, for the items present. */
  indices: { parameter: CwqiItem; index: number }[];
  /** CWQI items absent from the data: the sum is then not comparable with complete sections. */
  missing: CwqiItem[];
  complete: boolean;
}

function indicesExact(waterbody: Waterbody, concentrations: Partial<Record<CwqiItem, Rational>>): { total: Rational; result: SectionCwqi } {
  const indices: { parameter: CwqiItem; index: Rational }[] = [];
  const missing: CwqiItem[] = [];
  for (const p of CWQI_ITEMS) {
    const c = concentrations[p];
    if (c === undefined) missing.push(p);
    else indices.push({ parameter: p, index: indexExact(p, c, waterbody) });
  }
  const total = sum(indices.map((i) => i.index));
  return {
    total,
    result: {
      cwqi: toNumber(total),
      indices: indices.map((i) => ({ parameter: i.parameter, index: toNumber(i.index) })),
      missing,
      complete: missing.length === 0,
    },
  };
}

/** Concentration entering an index; pH and DO cannot be non-detects (a data error, not a value to index). */
function concentration(p: CwqiItem, m: Measurement, options: CwqiOptions): Rational {
  if ((p === "ph" || p === "do") && typeof m !== "number" && parseMeasurement(m).nonDetect)
    throw new RangeError(`${p} cannot be a non-detect`);
  return substitutedValue(m, options.nonDetectFactor);
}

function presentValues(values: readonly SectionValues[], p: CwqiItem): Measurement[] {
  return values.map((v) => v[p]).filter((m): m is Measurement => m !== undefined && m !== null);
}

function sectionExact(waterbody: Waterbody, values: SectionValues, options: CwqiOptions): { total: Rational; result: SectionCwqi } {
  const concentrations: Partial<Record<CwqiItem, Rational>> = {};
  for (const p of CWQI_ITEMS) {
    const m = values[p];
    if (m !== undefined && m !== null) concentrations[p] = concentration(p, m, options);
  }
  return indicesExact(waterbody, concentrations);
}

/**
 * Section CWQI = Σ of the 21 parameter indices of the period-mean concentrations (环办监测〔2017〕51号,
 * reference §4.2). Pass period means (see `periodMeans`); missing items are skipped and listed.
 */
export function sectionCwqi(waterbody: Waterbody, values: SectionValues, options: CwqiOptions = {}): SectionCwqi {
  return sectionExact(waterbody, values, options).result;
}

/**
 * How sections combine into a district/city CWQI. "concentration_mean" (default): average each item over
 * the river sections (and separately the lake points), index the means, then weight rivers and lakes by
 * their counts — the wording of Anhui's official releases. "index_mean": mean of section CWQIs, which is
 * the formula recalled in the reference (unconfirmed weighting). They differ through DO and pH (W3: 6.3306
 * vs 6.3389 with arithmetic pH).
 */
export type CityAggregation = "concentration_mean" | "index_mean";

export interface CityCwqiOptions extends CwqiOptions, Pick<AveragingOptions, "phAveraging"> {
  /** Default "concentration_mean" (reference §4.2, later official-release wording). */
  aggregation?: CityAggregation;
}

export interface CityCwqi {
  /** (CWQI_river × M + CWQI_lake × N) / (M + N); null when there is no section. */
  cwqi: number | null;
  river: number | null;
  lake: number | null;
  riverCount: number;
  lakeCount: number;
  aggregation: CityAggregation;
  /** Each section's own CWQI, in input order. */
  sections: SectionCwqi[];
  /** CWQI items missing in every river section (or every lake point) and so absent from that index. */
  missing: { river: CwqiItem[]; lake: CwqiItem[] };
}

function groupIndexConcentrationMean(
  waterbody: Waterbody,
  group: readonly SectionValues[],
  options: CityCwqiOptions,
): { total: Rational; missing: CwqiItem[] } {
  const means: Partial<Record<CwqiItem, Rational>> = {};
  for (const p of CWQI_ITEMS) {
    const present = presentValues(group, p).map((m) => concentration(p, m, options));
    if (present.length === 0) continue;
    // Spatial means use the same pH convention as period means (hydrogen-ion by default).
    means[p] = p === "ph" ? meanPhExact(present, options.phAveraging) : mean(present);
  }
  const { total, result } = indicesExact(waterbody, means);
  return { total, missing: result.missing };
}

/**
 * District/city CWQI of 环办监测〔2017〕51号 (reference §4.2): a river index over the M river sections, a lake
 * index over the N lake/reservoir points, and CWQI_city = (CWQI_river × M + CWQI_lake × N) / (M + N).
 * The upstream-inflow deduction of the Water Action Plan assessment is not modelled here.
 */
export function cityCwqi(sections: readonly { waterbody: Waterbody; values: SectionValues }[], options: CityCwqiOptions = {}): CityCwqi {
  const aggregation = options.aggregation ?? "concentration_mean";
  const per = sections.map((s) => sectionExact(s.waterbody, s.values, options));
  const groups = { river: [] as number[], lake: [] as number[] };
  sections.forEach((s, i) => groups[s.waterbody].push(i));

  const groupIndex = (wb: Waterbody): { total: Rational; missing: CwqiItem[] } | null => {
    const idx = groups[wb];
    if (idx.length === 0) return null;
    if (aggregation === "index_mean") {
      const totals = idx.map((i) => per[i]?.total ?? ZERO);
      const missing = CWQI_ITEMS.filter((p) => idx.every((i) => per[i]?.result.missing.includes(p)));
      return { total: mean(totals), missing };
    }
    return groupIndexConcentrationMean(
      wb,
      idx.map((i) => sections[i]?.values ?? {}),
      options,
    );
  };
  const river = groupIndex("river");
  const lake = groupIndex("lake");
  const m = groups.river.length;
  const n = groups.lake.length;
  const weighted =
    m + n === 0 ? null : div(add(mul(river?.total ?? ZERO, fromInt(m)), mul(lake?.total ?? ZERO, fromInt(n))), fromInt(m + n));
  return {
    cwqi: weighted === null ? null : toNumber(weighted),
    river: river === null ? null : toNumber(river.total),
    lake: lake === null ? null : toNumber(lake.total),
    riverCount: m,
    lakeCount: n,
    aggregation,
    sections: per.map((p) => p.result),
    missing: { river: river?.missing ?? [], lake: lake?.missing ?? [] },
  };
}
