import { z } from "zod";
import { refineMessage } from "../shared/domain-error";
import { datesBetween, isCivilDate } from "./civil-date";

/** Longest period a recomputation or query may span. */
export const AIR_MAX_PERIOD_DAYS = 3 * 366;

/** A date parameter whose messages name the field, so a 400 says which one is wrong. */
export function airDateParam(field: string) {
  return z
    .string()
    .refine(
      isCivilDate,
      refineMessage("date_format", `参数 ${field} 须为 YYYY-MM-DD 格式的有效日期`, `Parameter "${field}" must be a valid YYYY-MM-DD date`),
    );
}

type Period = { from: string; to: string };
const periodOk = (q: Period) => !isCivilDate(q.from) || !isCivilDate(q.to) || q.from <= q.to;
const periodShort = (max: number) => (q: Period) => !isCivilDate(q.from) || !isCivilDate(q.to) || datesBetween(q.from, q.to).length <= max;

/** A query over a period: `from` ≤ `to`, at most `maxDays` days, plus the `extra` fields. */
export function airPeriodSchema<T extends z.ZodRawShape>(extra: T, maxDays = AIR_MAX_PERIOD_DAYS) {
  return z
    .object({ from: airDateParam("from"), to: airDateParam("to"), ...extra })
    .refine((q) => periodOk(q as unknown as Period), { ...refineMessage("period_order", "开始日期不能晚于结束日期", "The start date (from) must not be after the end date (to)"), path: ["to"] })
    .refine((q) => periodShort(maxDays)(q as unknown as Period), {
      ...refineMessage("period_length", `查询期间最长 ${maxDays} 天`, `A period may span at most ${maxDays} days`),
      path: ["to"],
    });
}
