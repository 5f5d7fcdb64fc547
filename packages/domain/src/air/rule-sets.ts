import type { Indicator, PmBasis, Pollutant, RuleSetId } from "./air.schema";
import { isCivilDate } from "./civil-date";

/** The IAQI values at which HJ 633 tabulates breakpoints (HJ 633-2012 Table 1, HJ 633-2026 Table 3). */
export const IAQI_STEPS = [0, 50, 100, 150, 200, 300, 400, 500] as const;

/**
 * One breakpoint column: the concentration at IAQI_STEPS[0], [1], …; a shorter column stops where the standard
 * stops (SO2 1-h at 800 → IAQI 200, O3 8-h at 800 → IAQI 300).
 */
export type BreakpointColumn = readonly number[];

export interface AirRuleSet {
  id: RuleSetId;
  standards: { aqi: string; limits: string; statistics: string };
  /** First data date (inclusive) and first date no longer covered (exclusive); null = open. */
  validFrom: string | null;
  validUntil: string | null;
  breakpoints: Readonly<Record<Indicator, BreakpointColumn>>;
  /** SO2 1-h above 800 µg/m³: 2012 reports the 24-h SO2 IAQI instead; 2026 counts IAQI 200. */
  so2HourAbove800: "use24h" | "iaqi200";
  /** O3 8-h above 800 µg/m³: 2012 reports the 1-h O3 IAQI instead; 2026 counts IAQI 300. */
  o3EightHourAbove800: "use1h" | "iaqi300";
  dailyIndicators: readonly Indicator[];
  hourlyIndicators: Readonly<Record<PmBasis, readonly Indicator[]>>;
  /** HJ 633-2026 fixes the real-time PM basis; HJ 633-2012 leaves it to the caller. */
  fixedPmBasis: PmBasis | null;
  /** Whether "超标污染物" (IAQI > 100) is defined; HJ 633-2026 deleted it. */
  definesExceedancePollutants: boolean;
}

const SHARED_COLUMNS = {
  so2_24h: [0, 50, 150, 475, 800, 1600, 2100, 2620],
  so2_1h: [0, 150, 500, 650, 800],
  no2_24h: [0, 40, 80, 180, 280, 565, 750, 940],
  no2_1h: [0, 100, 200, 700, 1200, 2340, 3090, 3840],
  co_24h: [0, 2, 4, 14, 24, 36, 48, 60],
  co_1h: [0, 5, 10, 35, 60, 90, 120, 150],
  o3_1h: [0, 160, 200, 300, 400, 800, 1000, 1200],
  o3_8h: [0, 100, 160, 215, 265, 800],
} as const satisfies Record<string, BreakpointColumn>;

const PM10_2012 = [0, 50, 150, 250, 350, 420, 500, 600];
const PM25_2012 = [0, 35, 75, 115, 150, 250, 350, 500];
const PM10_2026 = [0, 50, 120, 250, 350, 420, 500, 600];
const PM25_2026 = [0, 35, 60, 115, 150, 250, 350, 500];

/** HJ 633-2012 (with GB 3095-2012 and HJ 663-2013), for data dated before 2026-03-01. */
export const rules2012: AirRuleSet = {
  id: "HJ633-2012",
  standards: { aqi: "HJ 633-2012", limits: "GB 3095-2012", statistics: "HJ 663-2013" },
  validFrom: null,
  validUntil: "2026-03-01",
  breakpoints: { ...SHARED_COLUMNS, pm10_24h: PM10_2012, pm10_1h: PM10_2012, pm25_24h: PM25_2012, pm25_1h: PM25_2012 },
  so2HourAbove800: "use24h",
  o3EightHourAbove800: "use1h",
  // HJ 633-2012 §5.1: the daily report has 7 indicators, including the O3 daily max 1-h value.
  dailyIndicators: ["so2_24h", "no2_24h", "co_24h", "pm10_24h", "pm25_24h", "o3_8h", "o3_1h"],
  hourlyIndicators: {
    "1h": ["so2_1h", "no2_1h", "co_1h", "o3_1h", "o3_8h", "pm10_1h", "pm25_1h"],
    "24h-running": ["so2_1h", "no2_1h", "co_1h", "o3_1h", "o3_8h", "pm10_24h", "pm25_24h"],
  },
  fixedPmBasis: null,
  definesExceedancePollutants: true,
};

/** HJ 633-2026 (with GB 3095-2026 transition limits and HJ 663-2026), for data dated from 2026-03-01. */
export const rules2026: AirRuleSet = {
  id: "HJ633-2026",
  standards: { aqi: "HJ 633-2026", limits: "GB 3095-2026", statistics: "HJ 663-2026" },
  validFrom: "2026-03-01",
  validUntil: null,
  breakpoints: { ...SHARED_COLUMNS, pm10_24h: PM10_2026, pm10_1h: PM10_2026, pm25_24h: PM25_2026, pm25_1h: PM25_2026 },
  so2HourAbove800: "iaqi200",
  o3EightHourAbove800: "iaqi300",
  // HJ 633-2026 §4.2: 6 daily indicators; the O3 daily max 1-h value no longer feeds the daily AQI.
  dailyIndicators: ["so2_24h", "no2_24h", "co_24h", "pm10_24h", "pm25_24h", "o3_8h"],
  hourlyIndicators: {
    "1h": ["so2_1h", "no2_1h", "co_1h", "o3_1h", "pm10_1h", "pm25_1h"],
    "24h-running": ["so2_1h", "no2_1h", "co_1h", "o3_1h", "pm10_1h", "pm25_1h"],
  },
  fixedPmBasis: "1h",
  definesExceedancePollutants: false,
};

export const RULE_SETS: Readonly<Record<RuleSetId, AirRuleSet>> = { "HJ633-2012": rules2012, "HJ633-2026": rules2026 };

/** HJ 633-2026 and GB 3095-2026 apply to data dated from this day (both in force 2026-03-01). */
export const RULES_2026_FROM = "2026-03-01";

/** The rule set for data of a given day — chosen by the data's date, never by today's (reference §0). */
export function ruleSetFor(date: string): AirRuleSet {
  if (!isCivilDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${date}"`);
  return date < RULES_2026_FROM ? rules2012 : rules2026;
}

export type Averaging = "annual" | "24h" | "8h" | "1h";
export type Grade = 1 | 2;

type LimitRow = readonly [pollutant: Pollutant, averaging: Averaging, gradeI: number, gradeII: number];

const LIMITS_2012: readonly LimitRow[] = [
  ["so2", "annual", 20, 60],
  ["so2", "24h", 50, 150],
  ["so2", "1h", 150, 500],
  ["no2", "annual", 40, 40],
  ["no2", "24h", 80, 80],
  ["no2", "1h", 200, 200],
  ["co", "24h", 4, 4],
  ["co", "1h", 10, 10],
  ["o3", "8h", 100, 160],
  ["o3", "1h", 160, 200],
  ["pm10", "annual", 40, 70],
  ["pm10", "24h", 50, 150],
  ["pm25", "annual", 15, 35],
  ["pm25", "24h", 35, 75],
];

const LIMITS_2026_TRANSITION: readonly LimitRow[] = LIMITS_2012.map(([p, a, g1, g2]): LimitRow => {
  if (p === "pm10") return [p, a, g1, a === "annual" ? 60 : 120];
  if (p === "pm25") return [p, a, g1, a === "annual" ? 30 : 60];
  return [p, a, g1, g2];
});

const LIMITS_2031: readonly LimitRow[] = [
  ["so2", "annual", 20, 20],
  ["so2", "24h", 50, 50],
  ["so2", "1h", 150, 150],
  ["no2", "annual", 30, 30],
  ["no2", "24h", 50, 50],
  ["no2", "1h", 200, 200],
  ["co", "24h", 4, 4],
  ["co", "1h", 10, 10],
  ["o3", "8h", 100, 160],
  ["o3", "1h", 160, 200],
  ["pm10", "annual", 20, 50],
  ["pm10", "24h", 50, 100],
  ["pm25", "annual", 10, 25],
  ["pm25", "24h", 25, 50],
];

/**
 * Concentration limit of a basic pollutant for data of `date` (GB 3095-2012 Table 1 before 2026-03-01;
 * GB 3095-2026 Table 1 transition limits to 2030-12-31, final limits from 2031-01-01); null when not defined.
 */
export function concentrationLimit(query: { pollutant: Pollutant; averaging: Averaging; grade: Grade; date: string }): number | null {
  if (!isCivilDate(query.date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${query.date}"`);
  const table = query.date < RULES_2026_FROM ? LIMITS_2012 : query.date < "2031-01-01" ? LIMITS_2026_TRANSITION : LIMITS_2031;
  const row = table.find(([p, a]) => p === query.pollutant && a === query.averaging);
  if (!row) return null;
  return query.grade === 1 ? row[2] : row[3];
}
