import type { ParameterId, TargetClass, Waterbody } from "./water.schema";

/**
 * How a value is compared with a class limit: "max" must not exceed it, "min" must reach it (DO),
 * "range" must lie within [low, high] (pH, the same for every class).
 */
export type LimitDirection = "max" | "min" | "range";

/** Class I…V limits as decimal text, so the table is exactly the printed standard. */
export type ClassLimits = readonly [I: string, II: string, III: string, IV: string, V: string];

export interface ParameterLimits {
  direction: LimitDirection;
  /** Limits by class; for "range" every entry is the low end and `high` the high end. */
  river: ClassLimits;
  lake: ClassLimits;
  high?: string;
  /** False for TN at rivers: Table 1 gives TN for lakes and reservoirs only. */
  appliesToRiver: boolean;
}

const same = (limits: ClassLimits): Pick<ParameterLimits, "river" | "lake"> => ({ river: limits, lake: limits });

/**
 * GB 3838-2002 Table 1 basic-item limits (mg/L; pH dimensionless; fecal coliform 个/L), cross-checked
 * item by item in two code bases (reference §2). DO Class I is 7.5 mg/L: the alternative "90 % saturation"
 * needs temperature and salinity and is not implemented.
 */
export const TABLE1_LIMITS: Readonly<Record<ParameterId, ParameterLimits>> = {
  ph: { direction: "range", ...same(["6", "6", "6", "6", "6"]), high: "9", appliesToRiver: true },
  do: { direction: "min", ...same(["7.5", "6", "5", "3", "2"]), appliesToRiver: true },
  codmn: { direction: "max", ...same(["2", "4", "6", "10", "15"]), appliesToRiver: true },
  cod: { direction: "max", ...same(["15", "15", "20", "30", "40"]), appliesToRiver: true },
  bod5: { direction: "max", ...same(["3", "3", "4", "6", "10"]), appliesToRiver: true },
  nh3n: { direction: "max", ...same(["0.15", "0.5", "1.0", "1.5", "2.0"]), appliesToRiver: true },
  tp: {
    direction: "max",
    river: ["0.02", "0.1", "0.2", "0.3", "0.4"],
    lake: ["0.01", "0.025", "0.05", "0.1", "0.2"],
    appliesToRiver: true,
  },
  tn: { direction: "max", ...same(["0.2", "0.5", "1.0", "1.5", "2.0"]), appliesToRiver: false },
  cu: { direction: "max", ...same(["0.01", "1.0", "1.0", "1.0", "1.0"]), appliesToRiver: true },
  zn: { direction: "max", ...same(["0.05", "1.0", "1.0", "2.0", "2.0"]), appliesToRiver: true },
  f: { direction: "max", ...same(["1.0", "1.0", "1.0", "1.5", "1.5"]), appliesToRiver: true },
  se: { direction: "max", ...same(["0.01", "0.01", "0.01", "0.02", "0.02"]), appliesToRiver: true },
  as: { direction: "max", ...same(["0.05", "0.05", "0.05", "0.1", "0.1"]), appliesToRiver: true },
  hg: { direction: "max", ...same(["0.00005", "0.00005", "0.0001", "0.001", "0.001"]), appliesToRiver: true },
  cd: { direction: "max", ...same(["0.001", "0.005", "0.005", "0.005", "0.01"]), appliesToRiver: true },
  cr6: { direction: "max", ...same(["0.01", "0.05", "0.05", "0.05", "0.1"]), appliesToRiver: true },
  pb: { direction: "max", ...same(["0.01", "0.01", "0.05", "0.05", "0.1"]), appliesToRiver: true },
  cn: { direction: "max", ...same(["0.005", "0.05", "0.2", "0.2", "0.2"]), appliesToRiver: true },
  volatile_phenol: { direction: "max", ...same(["0.002", "0.002", "0.005", "0.01", "0.1"]), appliesToRiver: true },
  petroleum: { direction: "max", ...same(["0.05", "0.05", "0.05", "0.5", "1.0"]), appliesToRiver: true },
  las: { direction: "max", ...same(["0.2", "0.2", "0.2", "0.3", "0.3"]), appliesToRiver: true },
  sulfide: { direction: "max", ...same(["0.05", "0.1", "0.2", "0.5", "1.0"]), appliesToRiver: true },
  fecal_coliform: { direction: "max", ...same(["200", "2000", "10000", "20000", "40000"]), appliesToRiver: true },
};

const CLASS_INDEX: Readonly<Record<TargetClass, number>> = { I: 0, II: 1, III: 2, IV: 3, V: 4 };

/**
 * The GB 3838-2002 Table 1 limit of one item for one class; TP by water-body type, TN read from the lake
 * column (for rivers only meaningful with the local "by reference" option). For pH this is the low end.
 */
export function classLimit(parameter: ParameterId, cls: TargetClass, waterbody: Waterbody): string {
  const p = TABLE1_LIMITS[parameter];
  const limit = (waterbody === "lake" ? p.lake : p.river)[CLASS_INDEX[cls]];
  if (limit === undefined) throw new RangeError(`no limit for ${parameter} class ${cls}`);
  return limit;
}

/** pH must lie within 6–9 for every class (GB 3838-2002 Table 1 item 2). */
export const PH_RANGE = { low: "6", high: "9" } as const;

/**
 * Decimal places of evaluation (period) values per 环办监测函〔2020〕82号 / 总站水字〔2020〕90号 as restated by
 * the SurfaceWater library (reference §3.5, secondary; verify against the documents before go-live).
 * Fecal coliform is not listed there; counts are kept as integers.
 */
export const EVALUATION_DECIMALS: Readonly<Record<ParameterId, number>> = {
  ph: 0,
  do: 1,
  codmn: 1,
  cod: 1,
  bod5: 1,
  nh3n: 2,
  tp: 3,
  tn: 2,
  cu: 3,
  zn: 3,
  f: 3,
  se: 4,
  as: 4,
  hg: 5,
  cd: 5,
  cr6: 3,
  pb: 3,
  cn: 3,
  volatile_phenol: 4,
  petroleum: 2,
  las: 2,
  sulfide: 3,
  fecal_coliform: 0,
};
