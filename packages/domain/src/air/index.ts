/**
 * Ambient air quality rules (pure): AQI per HJ 633-2012 / HJ 633-2026 chosen by the data's date, validity per
 * GB 3095 Table 4, O3 MDA8, period statistics per HJ 663, compliance-days ratio, composite index and rankings.
 * Units: µg/m³ for SO2, NO2, O3, PM10, PM2.5; mg/m³ for CO. Reference: shared/reference/air-quality.md.
 */
export * from "./air.schema";
export type { DecimalInput, Rational } from "../shared/decimal";
export { compare, parseDecimal, roundHalfEven, roundToNumber, toFixedString, toNumber } from "../shared/decimal";
export { addDays, datesBetween, hourSlotOf, isCivilDate, isHourStamp } from "./civil-date";
export * from "./rule-sets";
export * from "./rounding.rules";
export * from "./aqi.rules";
export type { DailyMaxHourResult, DayHourValues, Mda8Result, O3MaxHourValidity } from "./o3.rules";
export {
  dailyMaxEightHourO3,
  dailyMaxHourO3,
  O3_EIGHT_HOUR_LIMIT,
  O3_EIGHT_HOUR_MIN_HOURS,
  O3_HOUR_LIMIT,
  O3_MAX_HOUR_MIN_HOURS,
  O3_MDA8_MIN_WINDOWS,
  O3_MDA8_WINDOW_COUNT,
  o3EightHourMean,
  o3EightHourMeansOfDay,
} from "./o3.rules";
export * from "./validity.rules";
export * from "./period.rules";
export * from "./composite-index.rules";
export * from "./ranking.rules";
export * from "./import.rules"; export * from "./air-import.ports"; export * from "./air-import.use-cases";
export * from "./air-compute.use-cases";
