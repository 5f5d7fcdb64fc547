import { z } from "zod";
import type { BilingualText } from "../shared/domain-error";
import { describeIssue, refineMessage } from "../shared/domain-error";
import { compare, parseDecimal, toDecimalString } from "../shared/decimal";
import type { ItemSetId, ParameterId, TargetClass } from "./water.schema";
import { PARAMETER_INFO, parseMeasurement, SectionKindSchema, TargetClassSchema, WATER_PARAMETERS, WaterbodySchema } from "./water.schema";

/** One row read from a CSV or xlsx file: its 1-based line (header = 1) and its cells keyed by header. */
export interface TableRow {
  line: number;
  values: Record<string, string>;
  /** Set by the reader when the row itself is malformed (e.g. a CSV field count that differs from the header). */
  problem?: BilingualText;
}

/** A stored sample value: exact decimal text, or a non-detect with its detection limit. */
export type StoredValue = string | { nd: true; detectionLimit: string };
export type StoredValues = Partial<Record<ParameterId, StoredValue>>;

export const SAMPLE_SOURCES = ["auto", "manual"] as const;
export const SampleSourceSchema = z.preprocess(aliasOf({ 自动: "auto", 自动监测: "auto", 手工: "manual", 手工监测: "manual" }), z.enum(SAMPLE_SOURCES));
export type SampleSource = (typeof SAMPLE_SOURCES)[number];

export const SAMPLE_STATUSES = ["preliminary", "audited"] as const;
export const SampleStatusSchema = z.preprocess(aliasOf({ 实况: "preliminary", 审核: "audited", 已审核: "audited" }), z.enum(SAMPLE_STATUSES));
export type SampleStatus = (typeof SAMPLE_STATUSES)[number];

/**
 * The item set a class is computed on follows from the data source (reference §5): automatic stations publish
 * classes on pH, DO, CODMn, NH3-N and TP (`auto_5`), manual monthly monitoring on the 21 items of
 * 环办〔2011〕22号 (`manual_21`).
 */
export function itemSetOf(source: SampleSource): ItemSetId {
  return source === "auto" ? "auto_5" : "manual_21";
}

/** Spreadsheet spellings of enum values ("国控", "湖库", "Manual ") mapped to the stored ones. */
function aliasOf(aliases: Record<string, string>) {
  return (input: unknown) => {
    if (typeof input !== "string") return input;
    const s = input.trim();
    return aliases[s] ?? s.toLowerCase();
  };
}

const KIND_ALIASES = { 国控: "national", 国家: "national", 省控: "provincial", 省级: "provincial", 市控: "municipal", 市级: "municipal" };
const WATERBODY_ALIASES = { 河流: "river", 河: "river", 湖库: "lake", 湖泊: "lake", 水库: "lake", 湖: "lake", reservoir: "lake" };

const trimmed = (max: number) => z.string().trim().min(1).max(max);
const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const coordinate = (min: number, max: number) =>
  z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .refine((v) => /^-?\d+(\.\d+)?$/.test(v), refineMessage("decimal", "应为十进制数", "Must be a decimal number"))
      .transform(Number)
      .pipe(z.number().min(min).max(max))
      .nullable(),
  );

/**
 * The header of a sections file, for the table reader (@ecogov/files `TableColumns`): other columns (a remark, a
 * river-chief name) are dropped, as spreadsheets kept by hand carry them.
 */
export const WATER_SECTION_TABLE_COLUMNS = {
  required: ["section_code", "name", "district_code", "kind", "waterbody", "target_class"],
  optional: ["lat", "lon"],
  unknown: "ignore",
} as const;

/** A row of the sections file `section_code,name,district_code,kind,waterbody,target_class,lat,lon`. */
export const SectionRowSchema = z.object({
  section_code: trimmed(40),
  name: trimmed(100),
  district_code: trimmed(40),
  kind: z.preprocess(aliasOf(KIND_ALIASES), SectionKindSchema),
  waterbody: z.preprocess(aliasOf(WATERBODY_ALIASES), WaterbodySchema),
  target_class: z.preprocess(blankToNull, TargetClassSchema.nullable()),
  lat: coordinate(-90, 90).optional().default(null),
  lon: coordinate(-180, 180).optional().default(null),
});

export interface SectionRow {
  code: string;
  name: string;
  districtCode: string;
  kind: z.output<typeof SectionKindSchema>;
  waterbody: z.output<typeof WaterbodySchema>;
  targetClass: TargetClass | null;
  lat: number | null;
  lon: number | null;
}

export type RowResult<T> = { ok: true; row: T } | { ok: false; reason: BilingualText };

function reasonOf(error: z.ZodError): BilingualText {
  // Custom refinements carry a message without the field; the column must always be named.
  const errors = error.issues.map((i) => describeIssue(i)).map((e) => ({
    zh: e.message.zh.includes(e.path) ? e.message.zh : `列 ${e.path}：${e.message.zh}`,
    en: e.message.en.includes(e.path) ? e.message.en : `Column ${e.path}: ${e.message.en}`,
  }));
  return { zh: errors.map((e) => e.zh).join("；"), en: errors.map((e) => e.en).join("; ") };
}

/** Parses one sections-file row; a failure carries the bilingual reason naming the column and the rule. */
export function parseSectionRow(values: Record<string, string>): RowResult<SectionRow> {
  const r = SectionRowSchema.safeParse(values);
  if (!r.success) return { ok: false, reason: reasonOf(r.error) };
  const d = r.data;
  return {
    ok: true,
    row: { code: d.section_code, name: d.name, districtCode: d.district_code, kind: d.kind, waterbody: d.waterbody, targetClass: d.target_class, lat: d.lat, lon: d.lon },
  };
}

const COLUMN_KEY = (s: string) => s.toLowerCase().replace(/[\s_\-()（）+.]/g, "");

/** Header spellings of the parameter columns: the ids themselves, the reference's symbols and the Chinese names. */
const PARAMETER_COLUMNS: ReadonlyMap<string, ParameterId> = new Map(
  WATER_PARAMETERS.flatMap((p): [string, ParameterId][] => {
    const extra: Partial<Record<ParameterId, string[]>> = {
      do: ["溶解氧", "dissolved_oxygen"],
      codmn: ["高锰酸盐指数", "CODMn"],
      cod: ["化学需氧量", "CODcr"],
      bod5: ["BOD5", "五日生化需氧量"],
      nh3n: ["NH3-N", "氨氮"],
      tp: ["总磷"],
      tn: ["总氮"],
      f: ["fluoride", "F-"],
      cr6: ["Cr6+", "Cr(VI)", "六价铬"],
      volatile_phenol: ["挥发酚", "phenol"],
      petroleum: ["石油类", "oil"],
      las: ["阴离子表面活性剂"],
      fecal_coliform: ["粪大肠菌群"],
    };
    return [p, PARAMETER_INFO[p].zh, ...(extra[p] ?? [])].map((name) => [COLUMN_KEY(name), p]);
  }),
);

/** The parameter a samples-file column holds, or null for a column that is not a GB 3838 item. */
export function parameterOfColumn(header: string): ParameterId | null {
  return PARAMETER_COLUMNS.get(COLUMN_KEY(header)) ?? null;
}

const SAMPLE_FIXED_COLUMNS = ["section_code", "time", "source", "status"] as const;

export interface SampleHeader {
  /** Fixed column name → the header text that holds it (headers are matched case-insensitively). */
  fixed: Map<string, string>;
  /** Header text → parameter, for the parameter columns. */
  parameters: Map<string, ParameterId>;
  /** Columns that are neither fixed nor a parameter (e.g. water temperature): ignored and listed in the summary. */
  ignored: string[];
  /** Required columns absent from the header. */
  missing: string[];
}

/** Reads the header of a samples file (`section_code,time,source[,status],<parameters>`). */
export function readSampleHeader(columns: readonly string[]): SampleHeader {
  const fixed = new Map<string, string>();
  const parameters = new Map<string, ParameterId>();
  const ignored: string[] = [];
  for (const c of columns) {
    const lower = c.trim().toLowerCase();
    if ((SAMPLE_FIXED_COLUMNS as readonly string[]).includes(lower)) {
      fixed.set(lower, c);
      continue;
    }
    const p = parameterOfColumn(c);
    if (p) parameters.set(c, p);
    else ignored.push(c);
  }
  return { fixed, parameters, ignored, missing: ["section_code", "time", "source"].filter((c) => !fixed.has(c)) };
}

/** ISO 8601 with offset ("2026-03-15T10:00:00+08:00", "…Z"), or a bare date taken as 00:00 Beijing time. */
const INSTANT_TEXT = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * Parses a sample time. Monthly samples are often dated only, so 'YYYY-MM-DD' means 00:00 Beijing time; a
 * clock time must carry its offset, because a local time without one is ambiguous once data crosses systems.
 */
export function parseSampleTime(text: string): Date | null {
  const m = INSTANT_TEXT.exec(text.trim());
  if (!m) return null;
  const [, date, hh, mm, ss, zone] = m;
  if (!isCalendarDate(date!)) return null;
  if (hh === undefined) return new Date(`${date}T00:00:00+08:00`);
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59) return null;
  const offset = zone === "Z" ? "Z" : `${zone!.slice(0, 3)}:${zone!.slice(-2)}`;
  const d = new Date(`${date}T${hh}:${mm}:${ss ?? "00"}${offset}`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Rejects dates such as 02-30, which Date would silently roll over. */
function isCalendarDate(date: string): boolean {
  const [y, m, d] = date.split("-").map(Number);
  const check = new Date(Date.UTC(y!, m! - 1, d!));
  return check.getUTCFullYear() === y && check.getUTCMonth() === m! - 1 && check.getUTCDate() === d;
}

export interface SampleRow {
  sectionCode: string;
  time: Date;
  source: SampleSource;
  /** Null when the file has no status column for this row (the import's default applies). */
  status: SampleStatus | null;
  values: StoredValues;
}

/** Plausible ranges, to catch unit and decimal-point slips; wider than any real surface water. */
const PH_PLAUSIBLE = { low: "0", high: "14" };

/**
 * Reads one measured value in monitoring notation: a decimal, or a non-detect as the detection limit followed
 * by "L" ("0.01L", the form of Chinese monitoring reports) or preceded by "<". The text is kept as written
 * (trailing zeros state the precision); the sign, blanks and a leading "+" are dropped.
 */
export function parseStoredValue(parameter: ParameterId, text: string): RowResult<StoredValue> {
  const label = `${PARAMETER_INFO[parameter].zh}（${parameter}）`;
  let parsed: { value: string; nonDetect: boolean };
  try {
    parsed = parseMeasurement(text);
  } catch {
    return { ok: false, reason: { zh: `${label} 的值 "${text}" 不是数值（未检出写作检出限加 L，如 0.01L）`, en: `${parameter}: "${text}" is not a number (write a non-detect as the detection limit followed by L, e.g. 0.01L)` } };
  }
  const x = parseDecimal(parsed.value);
  if (x.num < 0n) return { ok: false, reason: { zh: `${label} 不能为负数：${text}`, en: `${parameter} cannot be negative: ${text}` } };
  if (parsed.nonDetect) {
    if (parameter === "ph" || parameter === "do")
      return { ok: false, reason: { zh: `${label} 不能为未检出：${text}`, en: `${parameter} cannot be a non-detect: ${text}` } };
    if (x.num === 0n) return { ok: false, reason: { zh: `${label} 的检出限须大于 0：${text}`, en: `${parameter}: the detection limit must be above 0: ${text}` } };
    return { ok: true, row: { nd: true, detectionLimit: toDecimalString(x) } };
  }
  if (parameter === "ph" && (compare(x, parseDecimal(PH_PLAUSIBLE.low)) < 0 || compare(x, parseDecimal(PH_PLAUSIBLE.high)) > 0))
    return { ok: false, reason: { zh: `pH 超出 0–14：${text}`, en: `pH outside 0–14: ${text}` } };
  if (parameter === "do" && x.num === 0n) return { ok: false, reason: { zh: `溶解氧不能为 0：${text}`, en: `DO cannot be 0: ${text}` } };
  return { ok: true, row: parsed.value.trim().replace(/^\+/, "") };
}

/** Parses one samples-file row against its header; every bad cell is named in the reason. */
export function parseSampleRow(values: Record<string, string>, header: SampleHeader): RowResult<SampleRow> {
  const problems: BilingualText[] = [];
  const cell = (name: string) => values[header.fixed.get(name) ?? name] ?? "";
  const code = cell("section_code").trim();
  if (!code) problems.push({ zh: "缺少断面编码 section_code", en: "section_code is empty" });
  const timeText = cell("time");
  const time = parseSampleTime(timeText);
  if (!time)
    problems.push({
      zh: `时间 "${timeText}" 无效（应为带时区的 ISO 8601，如 2026-03-15T10:00+08:00，或日期 2026-03-15）`,
      en: `time "${timeText}" is invalid (ISO 8601 with offset such as 2026-03-15T10:00+08:00, or a date 2026-03-15)`,
    });
  const source = SampleSourceSchema.safeParse(cell("source"));
  if (!source.success) problems.push({ zh: `来源 "${cell("source")}" 应为 auto 或 manual`, en: `source "${cell("source")}" must be auto or manual` });
  const statusText = cell("status").trim();
  const status = statusText === "" ? null : SampleStatusSchema.safeParse(statusText);
  if (status && !status.success) problems.push({ zh: `状态 "${statusText}" 应为 preliminary 或 audited`, en: `status "${statusText}" must be preliminary or audited` });

  const stored: StoredValues = {};
  for (const [column, parameter] of header.parameters) {
    const text = (values[column] ?? "").trim();
    if (text === "" || text === "-" || text === "—") continue;
    if (stored[parameter] !== undefined) {
      problems.push({ zh: `${parameter} 在多列中出现`, en: `${parameter} appears in more than one column` });
      continue;
    }
    const v = parseStoredValue(parameter, text);
    if (v.ok) stored[parameter] = v.row;
    else problems.push(v.reason);
  }
  if (problems.length === 0 && Object.keys(stored).length === 0)
    problems.push({ zh: "该行没有任何监测项目的值", en: "the row has no value for any parameter" });

  if (problems.length > 0 || !time || !source.success) return { ok: false, reason: joinReasons(problems) };
  return { ok: true, row: { sectionCode: code, time, source: source.data, status: status?.success ? status.data : null, values: stored } };
}

export function joinReasons(reasons: readonly BilingualText[]): BilingualText {
  return { zh: reasons.map((r) => r.zh).join("；"), en: reasons.map((r) => r.en).join("; ") };
}

/** Canonical JSON of stored values (parameters in table order), so equal samples compare equal as text. */
export function canonicalValues(values: StoredValues): string {
  const ordered: Record<string, StoredValue> = {};
  for (const p of WATER_PARAMETERS) {
    const v = values[p];
    if (v !== undefined) ordered[p] = typeof v === "string" ? v : { nd: true, detectionLimit: v.detectionLimit };
  }
  return JSON.stringify(ordered);
}
