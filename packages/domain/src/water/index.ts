export * from "./water.schema";
export * from "./limits";
export * from "./class.rules";
export * from "./cwqi.rules";
export * from "./ranking.rules";
export { roundEvaluationValue, periodMean, periodMeans, meanPh } from "./period.rules";
export type { PhAveraging, AveragingOptions, PeriodMeanOptions } from "./period.rules";
export { formatDecimal } from "../shared/decimal";
