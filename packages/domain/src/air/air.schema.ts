import { z } from "zod";
import { isCivilDate, isHourStamp } from "./civil-date";

/**
 * Units throughout: SO2, NO2, O3, PM10, PM2.5 in µg/m³; CO in mg/m³ (HJ 633 Tables 1/3). Gases at the reference
 * state 298.15 K / 1013.25 hPa, particulates at actual conditions (GB 3095-2026 §4.3) — the rules take the
 * values as given and do not convert.
 */

function bilingual(rule: string, zh: string, en: string) {
  return { message: en, params: { rule, zh, en } };
}

/** The six basic pollutants of GB 3095 (基本项目). */
export const POLLUTANTS = ["so2", "no2", "co", "o3", "pm10", "pm25"] as const;
export const PollutantSchema = z.enum(POLLUTANTS);
export type Pollutant = z.infer<typeof PollutantSchema>;

/**
 * A pollutant with its averaging period, i.e. one breakpoint column of HJ 633. `pm10_1h`/`pm25_1h` are hourly PM
 * values, which are evaluated on the daily PM columns (HJ 633-2026 §4.2; the only PM columns HJ 633-2012 has).
 * `o3_8h` is a running 8-hour mean, or in a daily report the daily maximum 8-hour mean (MDA8); `o3_1h` in a daily
 * report is the daily maximum 1-hour value.
 */
export const INDICATORS = [
  "so2_24h",
  "so2_1h",
  "no2_24h",
  "no2_1h",
  "co_24h",
  "co_1h",
  "o3_1h",
  "o3_8h",
  "pm10_24h",
  "pm10_1h",
  "pm25_24h",
  "pm25_1h",
] as const;
export const IndicatorSchema = z.enum(INDICATORS);
export type Indicator = z.infer<typeof IndicatorSchema>;

export const INDICATOR_POLLUTANT: Readonly<Record<Indicator, Pollutant>> = {
  so2_24h: "so2",
  so2_1h: "so2",
  no2_24h: "no2",
  no2_1h: "no2",
  co_24h: "co",
  co_1h: "co",
  o3_1h: "o3",
  o3_8h: "o3",
  pm10_24h: "pm10",
  pm10_1h: "pm10",
  pm25_24h: "pm25",
  pm25_1h: "pm25",
};

export const RULE_SET_IDS = ["HJ633-2012", "HJ633-2026"] as const;
export const RuleSetIdSchema = z.enum(RULE_SET_IDS);
export type RuleSetId = z.infer<typeof RuleSetIdSchema>;

/**
 * Which PM values feed a real-time (hourly) AQI. HJ 633-2026 fixes "1h" (hourly PM on daily breakpoints);
 * HJ 633-2012 is silent, so the convention is an input and is recorded with each hourly result.
 */
export const PmBasisSchema = z.enum(["1h", "24h-running"]);
export type PmBasis = z.infer<typeof PmBasisSchema>;

export const DateSchema = z
  .string()
  .refine(isCivilDate, bilingual("date_format", "日期须为 YYYY-MM-DD 格式的有效日期", "Date must be a valid YYYY-MM-DD date"));

/** Local Beijing hour stamp marking the END of the averaged hour: '2025-06-02T00:00' is 23:00–24:00 of 1 June. */
export const HourEndTimeSchema = z
  .string()
  .refine(
    isHourStamp,
    bilingual("hour_format", "时间须为 YYYY-MM-DDTHH:00 格式（整点，小时结束时刻）", "Time must be an hour stamp YYYY-MM-DDTHH:00 (end of the hour)"),
  );

/** A non-negative concentration as a JS number or a decimal string (exact for database numerics). */
export const ConcentrationSchema = z.union([
  z.number().nonnegative(),
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, bilingual("decimal_format", "浓度须为非负十进制数", "Concentration must be a non-negative decimal")),
]);

/**
 * One station's hourly (1-h mean) reading as received. `null` means missing or invalidated (e.g. < 45 minutes of
 * sampling, GB 3095 Table 4, or flagged by audit); only valid values may be passed as numbers.
 */
export const HourlyReadingSchema = z.object({
  stationId: z.string().min(1),
  time: HourEndTimeSchema,
  so2: ConcentrationSchema.nullable(),
  no2: ConcentrationSchema.nullable(),
  co: ConcentrationSchema.nullable(),
  o3: ConcentrationSchema.nullable(),
  pm10: ConcentrationSchema.nullable(),
  pm25: ConcentrationSchema.nullable(),
});
export type HourlyReading = z.infer<typeof HourlyReadingSchema>;

/** Daily concentrations feeding a daily AQI: 24-h means, O3 MDA8 (`o3_8h`) and O3 daily max 1-h (`o3_1h`). */
export const DailyConcentrationsSchema = z.object({
  so2_24h: ConcentrationSchema.nullable(),
  no2_24h: ConcentrationSchema.nullable(),
  co_24h: ConcentrationSchema.nullable(),
  pm10_24h: ConcentrationSchema.nullable(),
  pm25_24h: ConcentrationSchema.nullable(),
  o3_8h: ConcentrationSchema.nullable(),
  o3_1h: ConcentrationSchema.nullable().optional(),
});
export type DailyConcentrations = z.infer<typeof DailyConcentrationsSchema>;
export type DailyIndicator = keyof DailyConcentrations;

/** One day of one site or district for period statistics; `dustAffected` marks a sand-and-dust day (扣沙). */
export const DailyRecordSchema = DailyConcentrationsSchema.extend({
  date: DateSchema,
  dustAffected: z.boolean().optional(),
});
export type DailyRecord = z.infer<typeof DailyRecordSchema>;

/** Hourly concentrations for a real-time AQI; running means are only read under HJ 633-2012. */
export const HourlyConcentrationsSchema = z.object({
  so2_1h: ConcentrationSchema.nullable(),
  no2_1h: ConcentrationSchema.nullable(),
  co_1h: ConcentrationSchema.nullable(),
  o3_1h: ConcentrationSchema.nullable(),
  pm10_1h: ConcentrationSchema.nullable(),
  pm25_1h: ConcentrationSchema.nullable(),
  so2_24h: ConcentrationSchema.nullable().optional(),
  o3_8h: ConcentrationSchema.nullable().optional(),
  pm10_24h: ConcentrationSchema.nullable().optional(),
  pm25_24h: ConcentrationSchema.nullable().optional(),
});
export type HourlyConcentrations = z.infer<typeof HourlyConcentrationsSchema>;

/**
 * How one indicator's IAQI came about: `computed` from the table; `fixed` by a HJ 633-2026 rule (SO2 1-h > 800 →
 * 200, O3 8-h > 800 → 300); `replaced` by another indicator (HJ 633-2012 Table 1 notes 2/3); `substitute` when it
 * stands in for a replaced one; `aboveRange` beyond the last breakpoint (undefined by the standard); `missing`.
 */
export const IaqiStatusSchema = z.enum(["computed", "fixed", "replaced", "substitute", "aboveRange", "missing"]);
export type IaqiStatus = z.infer<typeof IaqiStatusSchema>;

export const IaqiEntrySchema = z.object({
  indicator: IndicatorSchema,
  pollutant: PollutantSchema,
  /** Rounded per GB/T 8170 before the IAQI (integer µg/m³, CO 0.1 mg/m³); null when missing. */
  concentration: z.number().nullable(),
  iaqi: z.number().int().nullable(),
  status: IaqiStatusSchema,
  replacedBy: IndicatorSchema.nullable(),
});
export type IaqiEntry = z.infer<typeof IaqiEntrySchema>;

const BilingualSchema = z.object({ zh: z.string(), en: z.string() });

export const AqiBandSchema = z.object({
  level: z.number().int().min(1).max(6),
  levelName: BilingualSchema,
  category: BilingualSchema,
  colour: z.object({
    name: BilingualSchema,
    hex: z.string(),
    rgb: z.tuple([z.number(), z.number(), z.number()]),
    cmyk: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  }),
});
export type AqiBand = z.infer<typeof AqiBandSchema>;

/**
 * `complete`: every indicator available. `partial`: some missing but the AQI of the rest is > 100, so it is
 * published (HJ 633-2026 §5.3.1). `na`: some missing and the rest ≤ 100, AQI not published. `aboveRange`: a
 * concentration beyond the last breakpoint, shown as "AQI > 500".
 */
export const AqiStatusSchema = z.enum(["complete", "partial", "na", "aboveRange"]);
export type AqiStatus = z.infer<typeof AqiStatusSchema>;

const AqiResultBaseSchema = z.object({
  ruleSetId: RuleSetIdSchema,
  aqi: z.number().int().nullable(),
  aqiStatus: AqiStatusSchema,
  /** Level, category and colour; level 6 when above range; null when the AQI is NA. */
  band: AqiBandSchema.nullable(),
  /** Max IAQI of the available indicators, kept for NA days so the data are not lost. */
  partialAqi: z.number().int().nullable(),
  primaryPollutants: z.array(PollutantSchema),
  primaryIndicators: z.array(IndicatorSchema),
  /** Indicators with IAQI > 100; null under HJ 633-2026, which deleted the definition. */
  exceedancePollutants: z.array(PollutantSchema).nullable(),
  exceedanceIndicators: z.array(IndicatorSchema).nullable(),
  missingIndicators: z.array(IndicatorSchema),
  indicators: z.array(IaqiEntrySchema),
});

/** A daily report (日报) AQI result, as stored and sent to clients. */
export const DailyResultSchema = AqiResultBaseSchema.extend({
  report: z.literal("daily"),
  date: DateSchema,
});
export type DailyResult = z.infer<typeof DailyResultSchema>;

/** A real-time report (实时报) AQI result for the hour ending at `time`. */
export const HourlyResultSchema = AqiResultBaseSchema.extend({
  report: z.literal("hourly"),
  time: HourEndTimeSchema,
  date: DateSchema,
  pmBasis: PmBasisSchema,
});
export type HourlyResult = z.infer<typeof HourlyResultSchema>;

const isDecimal = (v: number | string, positive: boolean) =>
  typeof v === "number" ? (positive ? v > 0 : v >= 0) : /^\d+(\.\d+)?$/.test(v) && (!positive || /[1-9]/.test(v));
/** A positive number or decimal string ("0" and "0.00" would divide by zero as S_i). */
const PositiveDecimalSchema = z.union([z.number(), z.string()]).refine((v) => isDecimal(v, true), bilingual("positive_decimal", "字段 {field} 须为正数", "Field {field} must be a positive number"));
const WeightSchema = z.union([z.number(), z.string()]).refine((v) => isDecimal(v, false), bilingual("nonnegative_decimal", "字段 {field} 须为零或正数", "Field {field} must be zero or a positive number"));

/**
 * Composite-index settings for one evaluation period: S_i per pollutant, weights and reporting digits. Kept as data
 * because the 2026 weighting is unconfirmed (reference §7.1).
 */
export const CompositeIndexSettingsSchema = z.object({
  id: z.string().min(1),
  limits: z.record(PollutantSchema, PositiveDecimalSchema),
  weights: z.record(PollutantSchema, WeightSchema),
  digits: z.number().int().min(0).max(6),
});
export type CompositeIndexSettings = z.infer<typeof CompositeIndexSettingsSchema>;
