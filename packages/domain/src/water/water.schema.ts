import { z } from "zod";
import { isDecimalString } from "../shared/decimal";

/** Table 1 items before total nitrogen: pH, DO and the organic and nutrient items. */
const TABLE1_HEAD = ["ph", "do", "codmn", "cod", "bod5", "nh3n", "tp"] as const;
/** Table 1 items between total nitrogen and fecal coliform: metals, metalloids and other pollutants. */
const TABLE1_TAIL = [
  "cu",
  "zn",
  "f",
  "se",
  "as",
  "hg",
  "cd",
  "cr6",
  "pb",
  "cn",
  "volatile_phenol",
  "petroleum",
  "las",
  "sulfide",
] as const;

/**
 * Parameter ids of GB 3838-2002 Table 1 in table order (water temperature excluded: it has no class limits).
 * These are also the CSV column names of monitoring imports.
 */
export const WATER_PARAMETERS = [...TABLE1_HEAD, "tn", ...TABLE1_TAIL, "fecal_coliform"] as const;
export const ParameterIdSchema = z.enum(WATER_PARAMETERS);
export type ParameterId = z.infer<typeof ParameterIdSchema>;

/** Display names and units (GB 3838-2002 Table 1). */
export const PARAMETER_INFO: Readonly<Record<ParameterId, { zh: string; en: string; unit: string }>> = {
  ph: { zh: "pH", en: "pH", unit: "" },
  do: { zh: "溶解氧", en: "Dissolved oxygen", unit: "mg/L" },
  codmn: { zh: "高锰酸盐指数", en: "Permanganate index", unit: "mg/L" },
  cod: { zh: "化学需氧量", en: "Chemical oxygen demand", unit: "mg/L" },
  bod5: { zh: "五日生化需氧量", en: "Five-day BOD", unit: "mg/L" },
  nh3n: { zh: "氨氮", en: "Ammonia nitrogen", unit: "mg/L" },
  tp: { zh: "总磷", en: "Total phosphorus", unit: "mg/L" },
  tn: { zh: "总氮", en: "Total nitrogen", unit: "mg/L" },
  cu: { zh: "铜", en: "Copper", unit: "mg/L" },
  zn: { zh: "锌", en: "Zinc", unit: "mg/L" },
  f: { zh: "氟化物", en: "Fluoride", unit: "mg/L" },
  se: { zh: "硒", en: "Selenium", unit: "mg/L" },
  as: { zh: "砷", en: "Arsenic", unit: "mg/L" },
  hg: { zh: "汞", en: "Mercury", unit: "mg/L" },
  cd: { zh: "镉", en: "Cadmium", unit: "mg/L" },
  cr6: { zh: "铬（六价）", en: "Chromium (VI)", unit: "mg/L" },
  pb: { zh: "铅", en: "Lead", unit: "mg/L" },
  cn: { zh: "氰化物", en: "Cyanide", unit: "mg/L" },
  volatile_phenol: { zh: "挥发酚", en: "Volatile phenol", unit: "mg/L" },
  petroleum: { zh: "石油类", en: "Petroleum", unit: "mg/L" },
  las: { zh: "阴离子表面活性剂", en: "Anionic surfactant", unit: "mg/L" },
  sulfide: { zh: "硫化物", en: "Sulfide", unit: "mg/L" },
  fecal_coliform: { zh: "粪大肠菌群", en: "Fecal coliform", unit: "个/L" },
};

/** Control level of a monitoring section (国控 / 省控 / 市控). */
export const SECTION_KINDS = ["national", "provincial", "municipal"] as const;
export const SectionKindSchema = z.enum(SECTION_KINDS);
export type SectionKind = z.infer<typeof SectionKindSchema>;

/**
 * Water-body type of a section (河流 / 湖库). It picks the TP column and whether TN applies; store it per
 * section, never infer it from the name (several "…水库" automatic stations are evaluated as rivers).
 */
export const WATERBODY_TYPES = ["river", "lake"] as const;
export const WaterbodySchema = z.enum(WATERBODY_TYPES);
export type Waterbody = z.infer<typeof WaterbodySchema>;

/** GB 3838-2002 classes, best first; "worse_than_V" is 劣Ⅴ类 (fails Class V on some evaluated item). */
export const WATER_CLASSES = ["I", "II", "III", "IV", "V", "worse_than_V"] as const;
export type WaterClass = (typeof WATER_CLASSES)[number];
/** Classes that can be a section's target (a target of 劣Ⅴ would mean no target). */
export const TARGET_CLASSES = ["I", "II", "III", "IV", "V"] as const;
export type TargetClass = (typeof TARGET_CLASSES)[number];

const ROMAN: Readonly<Record<string, string>> = { Ⅰ: "I", Ⅱ: "II", Ⅲ: "III", Ⅳ: "IV", Ⅴ: "V" };

/** Normalises the ways people write classes in spreadsheets ("Ⅲ类", "iii", "劣Ⅴ", "劣5类", "3"). */
function normaliseClass(input: unknown): unknown {
  if (typeof input !== "string") return input;
  let s = input.trim().replace(/[ⅠⅡⅢⅣⅤ]/g, (c) => ROMAN[c] ?? c).replace(/类$/, "").trim();
  const worse = /^(劣|worse_than_|>)/i.test(s);
  s = s.replace(/^(劣|worse_than_|>)/i, "").toUpperCase();
  const arabic: Record<string, string> = { "1": "I", "2": "II", "3": "III", "4": "IV", "5": "V" };
  s = arabic[s] ?? s;
  if (worse) return s === "V" ? "worse_than_V" : input;
  return s;
}

export const WaterClassSchema = z.preprocess(normaliseClass, z.enum(WATER_CLASSES));
export const TargetClassSchema = z.preprocess(normaliseClass, z.enum(TARGET_CLASSES));

/** 0 for Class I … 5 for 劣Ⅴ: larger is worse. */
export function classOrdinal(c: WaterClass): number {
  return WATER_CLASSES.indexOf(c);
}

export const CLASS_LABELS: Readonly<Record<WaterClass, { zh: string; en: string }>> = {
  I: { zh: "Ⅰ类", en: "Class I" },
  II: { zh: "Ⅱ类", en: "Class II" },
  III: { zh: "Ⅲ类", en: "Class III" },
  IV: { zh: "Ⅳ类", en: "Class IV" },
  V: { zh: "Ⅴ类", en: "Class V" },
  worse_than_V: { zh: "劣Ⅴ类", en: "Worse than Class V" },
};

/** Qualitative status of a section or a river/basin (优 … 重度污染). */
export const QUALITY_STATUSES = ["excellent", "good", "light", "moderate", "heavy"] as const;
export type QualityStatus = (typeof QUALITY_STATUSES)[number];
export const QUALITY_STATUS_LABELS: Readonly<Record<QualityStatus, { zh: string; en: string }>> = {
  excellent: { zh: "优", en: "Excellent" },
  good: { zh: "良好", en: "Good" },
  light: { zh: "轻度污染", en: "Lightly polluted" },
  moderate: { zh: "中度污染", en: "Moderately polluted" },
  heavy: { zh: "重度污染", en: "Heavily polluted" },
};

/**
 * Customary display colours per class (I–II blue, III green, IV yellow, V orange, 劣Ⅴ red).
 * Unconfirmed in the reference (§3.3): no normative source was found; UI convenience only.
 */
export const CLASS_COLOURS: Readonly<Record<WaterClass, string>> = {
  I: "blue",
  II: "blue",
  III: "green",
  IV: "yellow",
  V: "orange",
  worse_than_V: "red",
};

/** The 21 items of 环办〔2011〕22号: Table 1 without water temperature, total nitrogen and fecal coliform. */
export const ITEMS_21 = [...TABLE1_HEAD, ...TABLE1_TAIL] as const satisfies readonly ParameterId[];

/**
 * Which items decide a class is a property of the data source, so every class result records its set.
 * - `auto_5`: national automatic stations publish classes on pH, DO, CODMn, NH3-N, TP only (TN not used,
 *   not even at lake points) — reproduced on 99.4 % of a national snapshot (reference §5).
 * - `manual_21`: manual monthly monitoring per 环办〔2011〕22号; TN (lakes) and fecal coliform are
 *   assessed separately and reported beside the class, not deciding it.
 * - `gb3838_table1`: every Table 1 item with class limits (21 + TN + fecal coliform), for a plain
 *   GB 3838-2002 compliance check; TN there applies to lakes only (rivers only with `riverTnByReference`).
 */
export const ITEM_SETS = {
  auto_5: {
    id: "auto_5",
    zh: "自动监测五项",
    en: "Automatic station, 5 items",
    items: ["ph", "do", "codmn", "nh3n", "tp"],
  },
  manual_21: {
    id: "manual_21",
    zh: "手工监测21项（环办〔2011〕22号）",
    en: "Manual monitoring, 21 items (HB [2011] 22)",
    items: ITEMS_21,
  },
  gb3838_table1: {
    id: "gb3838_table1",
    zh: "GB 3838-2002 表1 全部项目",
    en: "GB 3838-2002 Table 1, all items",
    items: [...ITEMS_21, "tn", "fecal_coliform"],
  },
} as const satisfies Record<string, { id: string; zh: string; en: string; items: readonly ParameterId[] }>;
export const ITEM_SET_IDS = ["auto_5", "manual_21", "gb3838_table1"] as const;
export const ItemSetIdSchema = z.enum(ITEM_SET_IDS);
export type ItemSetId = z.infer<typeof ItemSetIdSchema>;

/** A non-detect (未检出): the true value is below the method detection limit. */
export interface NonDetect {
  nd: true;
  detectionLimit: string | number;
}
/** A measured value as a number, a decimal string, or a non-detect. */
export type Measurement = number | string | NonDetect;

const NON_DETECT_TEXT = /^(?:ND|<)?\s*([0-9.eE+-]+)\s*L$|^<\s*([0-9.eE+-]+)$/i;

/**
 * Reads the Chinese monitoring notation for non-detects: the detection limit followed by "L"
 * ("0.01L", also "<0.01"), as printed in monitoring reports; anything else must be a plain decimal.
 */
export function parseMeasurement(input: Measurement): { value: string; nonDetect: boolean } {
  if (typeof input === "object") return { value: String(input.detectionLimit), nonDetect: true };
  if (typeof input === "number") return { value: String(input), nonDetect: false };
  const s = input.trim();
  const m = NON_DETECT_TEXT.exec(s);
  const dl = m?.[1] ?? m?.[2];
  if (dl !== undefined && isDecimalString(dl)) return { value: dl, nonDetect: true };
  if (!isDecimalString(s)) throw new RangeError(`not a measurement: "${input}"`);
  return { value: s, nonDetect: false };
}

export const MeasurementSchema = z.union([
  z.number().finite().nonnegative(),
  z.string().refine((s) => {
    try {
      const m = parseMeasurement(s);
      return !m.value.trim().startsWith("-");
    } catch {
      return false;
    }
  }, "not a measurement (decimal, or detection limit followed by L)"),
  z.object({ nd: z.literal(true), detectionLimit: z.union([z.number().positive(), z.string().refine(isDecimalString)]) }),
]);

/** One section's values for a period or a sample; absent or null items are reported as missing. */
export const SectionValuesSchema = z.partialRecord(ParameterIdSchema, MeasurementSchema.nullable());
export type SectionValues = Partial<Record<ParameterId, Measurement | null>>;

/** What the rules need to know about a section (reference §6.1). */
export const SectionProfileSchema = z.object({
  code: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(100),
  kind: SectionKindSchema,
  waterbody: WaterbodySchema,
  targetClass: TargetClassSchema.nullable(),
  drinkingWaterSource: z.boolean(),
});
export type SectionProfile = z.infer<typeof SectionProfileSchema>;
