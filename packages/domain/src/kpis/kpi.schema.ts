import { z } from "zod";
import { refineMessage } from "../shared/domain-error";
import { isIsoDate } from "../shared/calendar/calendar";
import { isDecimalString, parseDecimal, toDecimalString } from "../shared/decimal";

/** Whether a larger value is better (a utilisation rate) or a smaller one (emissions, fertiliser use). */
export const KPI_DIRECTIONS = ["higher_better", "lower_better"] as const;
export const KpiDirectionSchema = z.enum(KPI_DIRECTIONS);
export type KpiDirection = z.infer<typeof KpiDirectionSchema>;

const DateText = z
  .string()
  .refine(isIsoDate, refineMessage("date_format", "日期须为 YYYY-MM-DD 格式的有效日期", "Date must be a valid YYYY-MM-DD date"));

/** A reported figure as exact decimal text ("12.50" → "12.5"); numbers are read as their shortest decimal. */
const DecimalText = z
  .union([z.number().finite(), z.string().trim()])
  .refine((v) => typeof v === "number" || isDecimalString(v), refineMessage("decimal", "应为十进制数值", "Must be a decimal number"))
  .transform((v) => toDecimalString(parseDecimal(v)));

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

/**
 * A reported indicator not computed from monitoring (氨氮减排量, 畜禽粪污综合利用率, 化肥农药减量…): its unit,
 * period, target and value, shown against target. Values are exact decimal text (database `numeric`).
 */
export const KpiSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  target: z.string().nullable(),
  value: z.string().nullable(),
  direction: KpiDirectionSchema,
  source: z.string().nullable(),
  note: z.string().nullable(),
  enteredBy: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Kpi = z.infer<typeof KpiSchema>;

const kpiFields = {
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .refine((c) => /^[A-Za-z0-9_.-]+$/.test(c), refineMessage("code_chars", "编码只能包含字母、数字、下划线、点和连字符", "Code may contain only letters, digits, _ . -")),
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(100),
  unit: z.string().trim().max(20).default(""),
  periodFrom: DateText,
  periodTo: DateText,
  target: DecimalText.nullish().transform((v) => v ?? null),
  value: DecimalText.nullish().transform((v) => v ?? null),
  direction: KpiDirectionSchema,
  source: optionalText(200),
  note: optionalText(1000),
};

const periodOrder = (k: { periodFrom: string; periodTo: string }) => !isIsoDate(k.periodFrom) || !isIsoDate(k.periodTo) || k.periodFrom <= k.periodTo;
const periodRule = { ...refineMessage("period_order", "期间开始日期不能晚于结束日期", "The period must not start after it ends"), path: ["periodTo"] };

export const CreateKpiInputSchema = z.object(kpiFields).refine(periodOrder, periodRule);
export type CreateKpiInput = z.infer<typeof CreateKpiInputSchema>;

export const UpdateKpiInputSchema = z.object({ id: z.uuid(), ...kpiFields }).refine(periodOrder, periodRule);
export type UpdateKpiInput = z.infer<typeof UpdateKpiInputSchema>;

/** KPIs whose period overlaps the calendar year, optionally one code. */
export const KpiQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  code: z.string().trim().max(40).optional(),
});
export type KpiQuery = z.infer<typeof KpiQuerySchema>;

export type KpiWrite = CreateKpiInput & { enteredBy: string };

/** What the public sees of a KPI: the figures against target, not who entered them. */
export const PublicKpiSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  target: z.string().nullable(),
  value: z.string().nullable(),
  direction: KpiDirectionSchema,
  source: z.string().nullable(),
  note: z.string().nullable(),
  progress: z.object({ status: z.enum(["met", "not_met", "no_value", "no_target"]), gap: z.string().nullable(), percentOfTarget: z.number().nullable() }),
  updatedAt: z.date(),
});
