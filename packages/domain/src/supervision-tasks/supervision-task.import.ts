import { addDays, isIsoDate } from "../shared/calendar/calendar";
import { DomainError, type BilingualText } from "../shared/domain-error";
import type { CaseCategory, CaseOutcome, DeadlineSpec, SourceKind } from "./supervision-task.schema";

/** One row read from an xlsx/CSV file: its 1-based line (the header is line 1) and its cells keyed by header. */
export interface TableRow {
  line: number;
  values: Record<string, string>;
  /** Set by the reader when the row itself is malformed (a CSV field count off): the row is rejected with it. */
  problem?: BilingualText;
}

/** A measures / work-task list (整改措施清单, 任务分工表) or an assigned-case list (交办案件清单). */
export type ImportFormat = "tasks" | "cases";

/** Rectification plans, responsibility plans and work plans take task lists; inspection rounds take case lists. */
export function importFormatOf(kind: SourceKind): ImportFormat {
  return kind === "inspection_round" ? "cases" : "tasks";
}

interface Column {
  key: string;
  /** Header spellings as lists arrive (Chinese first), compared without spaces and case. */
  headers: string[];
  required: boolean;
}

const col = (key: string, required: boolean, ...headers: string[]): Column => ({ key, required, headers: [...headers, key] });

/** Columns of a task list; the export writes the first spelling of each, so an exported list imports again. */
export const TASK_COLUMNS: readonly Column[] = [
  col("rowKey", true, "编号", "序号", "措施编号", "任务编号", "row_key", "code"),
  col("problemCode", false, "问题编号", "反馈问题编号", "problem_code"),
  col("problem", false, "反馈问题", "督察反馈问题", "问题", "问题描述", "problem"),
  col("title", true, "整改措施", "工作任务", "整改任务", "措施", "任务", "任务内容", "title", "measure", "task"),
  col("target", false, "整改目标", "目标", "工作目标", "完成标志", "target"),
  col("leadUnit", true, "牵头单位", "责任单位", "lead_unit"),
  col("coUnits", false, "配合单位", "协办单位", "co_units"),
  col("leader", false, "责任领导", "分管领导", "leader"),
  col("deadline", true, "整改时限", "完成时限", "时限", "deadline"),
  col("start", false, "开始日期", "起始日期", "start"),
  col("disclosed", false, "是否公开", "公开", "disclosed"),
];

/** Columns of an assigned-case list (交办案件清单). */
export const CASE_COLUMNS: readonly Column[] = [
  col("rowKey", true, "交办编号", "案件编号", "受理编号", "编号", "case_no"),
  col("receivedOn", true, "交办日期", "受理日期", "收到日期", "received_on"),
  col("category", false, "案件类型", "污染类型", "类型", "category"),
  col("subject", true, "被投诉对象", "投诉对象", "被反映对象", "subject"),
  col("complaint", true, "投诉内容", "反映问题", "举报内容", "complaint"),
  col("leadUnit", true, "责任单位", "牵头单位", "承办单位", "lead_unit"),
  col("coUnits", false, "配合单位", "协办单位", "co_units"),
  col("leader", false, "责任领导", "分管领导", "leader"),
  col("deadline", true, "办理时限", "时限", "整改时限", "deadline"),
  col("outcome", false, "办理结果", "办结情况", "办理情况", "outcome"),
  col("outcomeOn", false, "办结日期", "outcome_on"),
  col("publicSummary", false, "公开情况", "处理结果公开", "public_summary"),
];

/** Columns the export adds (derived values); an import of an exported list ignores them. */
export const EXPORT_ONLY_HEADERS = ["来源", "到期日", "原定期限", "状态", "预警", "完成日期", "销号日期", "逾期天数", "期限待定"] as const;

const norm = (h: string) => h.replace(/\s+/g, "").toLowerCase();

/**
 * Maps the file's headers to column keys; a missing required column or an unknown column rejects the whole file
 * (bilingual, naming the columns), before any row is read.
 */
export function mapHeaders(headers: readonly string[], format: ImportFormat): Map<string, string> {
  const columns = format === "cases" ? CASE_COLUMNS : TASK_COLUMNS;
  const ignored = new Set(EXPORT_ONLY_HEADERS.map(norm));
  const byHeader = new Map<string, string>();
  const unknown: string[] = [];
  for (const h of headers) {
    if (!h.trim() || ignored.has(norm(h))) continue;
    const c = columns.find((c) => c.headers.some((x) => norm(x) === norm(h)));
    if (c) byHeader.set(h, c.key);
    else unknown.push(h);
  }
  const present = new Set(byHeader.values());
  const missing = columns.filter((c) => c.required && !present.has(c.key)).map((c) => c.headers[0]!);
  if (missing.length || unknown.length) {
    const parts: BilingualText[] = [];
    if (missing.length) parts.push({ zh: `缺少列：${missing.join("、")}`, en: `Missing columns: ${missing.join(", ")}` });
    if (unknown.length) parts.push({ zh: `无法识别的列：${unknown.join("、")}`, en: `Unknown columns: ${unknown.join(", ")}` });
    throw new DomainError({
      code: "SUPERVISION_IMPORT_COLUMNS",
      kind: "invalid",
      text: { zh: `文件表头不符合${format === "cases" ? "交办案件清单" : "任务清单"}格式：${parts.map((p) => p.zh).join("；")}`, en: `The header does not match a ${format === "cases" ? "case" : "task"} list: ${parts.map((p) => p.en).join("; ")}` },
      details: { missing, unknown, expected: columns.map((c) => ({ header: c.headers[0], required: c.required })) },
    });
  }
  return byHeader;
}

// ---------------------------------------------------------------------------------------------------------------
// Cell parsers
// ---------------------------------------------------------------------------------------------------------------

const pad = (n: number | string) => String(n).padStart(2, "0");
const monthEnd = (y: number, m: number) => addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`, -1);

/** Dates as lists write them: 2026-06-30, 2026/6/30, 2026.6.30, 2026年6月30日, 2026年6月底 / 2026年6月 (month end), 2026年底. */
export function parseDateText(text: string): string | null {
  const s = text.trim().replace(/\s+/g, "");
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:日)?$/.exec(s) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(s);
  if (m) {
    const d = `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`;
    return isIsoDate(d) ? d : null;
  }
  m = /^(\d{4})年(\d{1,2})月(?:底|末|前)?$/.exec(s);
  if (m) return Number(m[2]) >= 1 && Number(m[2]) <= 12 ? monthEnd(Number(m[1]), Number(m[2])) : null;
  m = /^(\d{4})年(?:底|末|内|年底)$/.exec(s);
  if (m) return `${m[1]}-12-31`;
  return null;
}

const LONG_TERM = /^(长期坚持|长期|持续推进|长期推进|持续开展|常态化推进|long[-_ ]?term|continuous)$/i;

/**
 * A deadline cell: a date; "N个工作日" (working days) or "N日 / N天 / N个自然日" (calendar days) from the start;
 * or "长期坚持 / 持续推进" (long-term, quarterly milestones).
 */
export function parseDeadlineText(text: string, start: string): DeadlineSpec | null {
  const s = text.trim().replace(/\s+/g, "");
  if (!s) return null;
  if (LONG_TERM.test(s)) return { kind: "long_term", start, every: "quarter", count: 4 };
  let m = /^(\d{1,4})个?工作日(?:内)?$/.exec(s);
  if (m && Number(m[1]) >= 1) return { kind: "period", start, amount: Number(m[1]), unit: "working" };
  m = /^(\d{1,4})(?:个自然日|个日历日|日|天)(?:内)?$/.exec(s);
  if (m && Number(m[1]) >= 1) return { kind: "period", start, amount: Number(m[1]), unit: "natural" };
  const date = parseDateText(s);
  return date ? { kind: "date", date } : null;
}

export function parseYesNo(text: string): boolean | null {
  const s = text.trim().toLowerCase();
  if (s === "") return true;
  if (["是", "公开", "y", "yes", "true", "1"].includes(s)) return true;
  if (["否", "不公开", "n", "no", "false", "0"].includes(s)) return false;
  return null;
}

const CATEGORY_WORDS: [RegExp, CaseCategory][] = [
  [/大气|废气|空气|扬尘|油烟|异味|臭气|air/i, "air"],
  [/水|废水|污水|water/i, "water"],
  [/噪声|噪音|noise/i, "noise"],
  [/固废|固体废物|垃圾|危废|solid/i, "solid_waste"],
  [/土壤|soil/i, "soil"],
  [/辐射|radiation/i, "radiation"],
  [/生态|ecology/i, "ecology"],
];

export function parseCategory(text: string): CaseCategory {
  const s = text.trim();
  return CATEGORY_WORDS.find(([re]) => re.test(s))?.[1] ?? "other";
}

export function parseOutcome(text: string): CaseOutcome | null {
  const s = text.trim().replace(/\s+/g, "");
  if (s === "" || /^(未办结|办理中|正在办理|pending)$/i.test(s)) return "pending";
  if (/^(阶段性办结|staged)$/i.test(s)) return "staged";
  if (/^(已办结|办结|completed)$/i.test(s)) return "completed";
  return null;
}

/** Several units in one cell, separated as lists separate them: 、，,；;／/ or line breaks. */
export const splitUnits = (text: string) =>
  text
    .split(/[、，,；;／/\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);

// ---------------------------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------------------------

export interface ParsedTaskRow {
  line: number;
  rowKey: string;
  problemCode: string | null;
  problem: string | null;
  title: string;
  target: string | null;
  leadUnitId: string;
  coUnitIds: string[];
  responsibleLeader: string | null;
  deadline: DeadlineSpec;
  disclosed: boolean;
  case: {
    caseNo: string;
    receivedOn: string;
    category: CaseCategory;
    subject: string;
    complaint: string;
    outcome: CaseOutcome;
    outcomeOn: string | null;
    publicSummary: string | null;
  } | null;
}

export interface RejectedRow {
  line: number;
  reason: BilingualText;
  /** The cells as read, so the user can find the row. */
  raw: Record<string, string>;
}

export interface UnitLookup {
  /** A unit by its exact name or code. */
  find(nameOrCode: string): { id: string } | undefined;
}

/**
 * Checks one row of a task or case list and resolves its units; every problem of the row goes into one bilingual
 * reason (the user fixes a row in one pass). `defaultStart` is the plan's issue date (or today).
 */
export function parseImportRow(
  row: TableRow,
  headerMap: Map<string, string>,
  { format, units, defaultStart }: { format: ImportFormat; units: UnitLookup; defaultStart: string },
): { ok: true; row: ParsedTaskRow } | { ok: false; rejected: RejectedRow } {
  const v: Record<string, string> = {};
  for (const [header, value] of Object.entries(row.values)) {
    const key = headerMap.get(header);
    if (key) v[key] = (value ?? "").trim();
  }
  const problems: BilingualText[] = row.problem ? [row.problem] : [];
  const need = (key: string, zh: string, en: string, max: number): string => {
    const value = v[key] ?? "";
    if (!value) problems.push({ zh: `${zh}不能为空`, en: `${en} is required` });
    else if (value.length > max) problems.push({ zh: `${zh}超过 ${max} 个字符`, en: `${en} exceeds ${max} characters` });
    return value;
  };
  const optional = (key: string, zh: string, en: string, max: number): string | null => {
    const value = v[key] ?? "";
    if (value.length > max) problems.push({ zh: `${zh}超过 ${max} 个字符`, en: `${en} exceeds ${max} characters` });
    return value || null;
  };

  const rowKey = need("rowKey", format === "cases" ? "交办编号" : "编号", format === "cases" ? "Case number" : "Number", 60);
  if (rowKey && /[\s/\\]/.test(rowKey)) problems.push({ zh: `编号“${rowKey}”不能包含空白或斜杠`, en: `Number "${rowKey}" may not contain spaces or slashes` });

  let start = defaultStart;
  if (v.start) {
    const d = parseDateText(v.start);
    if (d) start = d;
    else problems.push({ zh: `开始日期“${v.start}”无法识别`, en: `Start date "${v.start}" is not a date` });
  }
  let receivedOn: string | null = null;
  if (format === "cases") {
    const text = need("receivedOn", "交办日期", "Date assigned", 40);
    if (text) {
      receivedOn = parseDateText(text);
      if (!receivedOn) problems.push({ zh: `交办日期“${text}”无法识别`, en: `Date assigned "${text}" is not a date` });
      else start = receivedOn;
    }
  }

  const leadName = need("leadUnit", format === "cases" ? "责任单位" : "牵头单位", "Lead unit", 200);
  const lead = leadName ? units.find(leadName) : undefined;
  if (leadName && splitUnits(leadName).length > 1)
    problems.push({ zh: `牵头单位只能填一个：“${leadName}”`, en: `Only one lead unit may be named: "${leadName}"` });
  else if (leadName && !lead) problems.push({ zh: `单位“${leadName}”不存在`, en: `Unit "${leadName}" does not exist` });
  const coUnitIds: string[] = [];
  for (const name of splitUnits(v.coUnits ?? "")) {
    const u = units.find(name);
    if (!u) problems.push({ zh: `配合单位“${name}”不存在`, en: `Co-unit "${name}" does not exist` });
    else if (u.id === lead?.id) problems.push({ zh: `配合单位“${name}”与牵头单位相同`, en: `Co-unit "${name}" is the lead unit` });
    else if (coUnitIds.includes(u.id)) problems.push({ zh: `配合单位“${name}”重复`, en: `Co-unit "${name}" is listed twice` });
    else coUnitIds.push(u.id);
  }

  const deadlineText = need("deadline", format === "cases" ? "办理时限" : "整改时限", "Deadline", 40);
  const deadline = deadlineText ? parseDeadlineText(deadlineText, start) : null;
  if (deadlineText && !deadline)
    problems.push({
      zh: `时限“${deadlineText}”无法识别（可填日期、“N个工作日”、“N日”或“长期坚持”）`,
      en: `Deadline "${deadlineText}" is not understood (a date, "N个工作日", "N日" or "长期坚持")`,
    });
  if (deadline?.kind === "date" && deadline.date < start) {
    // A list issued (or imported) after some of its dates passed is fine (see `startOf`); only a start typed in
    // the row itself can contradict its deadline.
    if (v.start) problems.push({ zh: `时限 ${deadline.date} 早于开始日期 ${start}`, en: `Deadline ${deadline.date} is before the start ${start}` });
  }

  const disclosed = parseYesNo(v.disclosed ?? "");
  if (disclosed === null) problems.push({ zh: `是否公开“${v.disclosed}”应为“是”或“否”`, en: `Disclosed "${v.disclosed}" must be 是 or 否` });
  const responsibleLeader = optional("leader", "责任领导", "Responsible leader", 60);

  let parsed: Omit<ParsedTaskRow, "leadUnitId" | "deadline"> | null = null;
  if (format === "tasks") {
    const problemCode = optional("problemCode", "问题编号", "Problem number", 60);
    const problem = optional("problem", "反馈问题", "Feedback problem", 500);
    if (problem && !problemCode) problems.push({ zh: "填写了反馈问题但缺少问题编号", en: "A feedback problem needs its problem number" });
    if (problemCode && /[\s/\\]/.test(problemCode)) problems.push({ zh: `问题编号“${problemCode}”不能包含空白或斜杠`, en: `Problem number "${problemCode}" may not contain spaces or slashes` });
    const title = need("title", "整改措施（任务内容）", "Measure (task)", 1000);
    const target = optional("target", "整改目标", "Target", 2000);
    parsed = { line: row.line, rowKey, problemCode, problem, title, target, coUnitIds, responsibleLeader, disclosed: disclosed ?? true, case: null };
  } else {
    const subject = need("subject", "被投诉对象", "Subject of the complaint", 200);
    const complaint = need("complaint", "投诉内容", "Complaint", 4000);
    const outcome = parseOutcome(v.outcome ?? "");
    if (outcome === null) problems.push({ zh: `办理结果“${v.outcome}”应为已办结、阶段性办结或未办结`, en: `Outcome "${v.outcome}" must be 已办结, 阶段性办结 or 未办结` });
    let outcomeOn: string | null = null;
    if (v.outcomeOn) {
      outcomeOn = parseDateText(v.outcomeOn);
      if (!outcomeOn) problems.push({ zh: `办结日期“${v.outcomeOn}”无法识别`, en: `Outcome date "${v.outcomeOn}" is not a date` });
    } else if (outcome === "completed" || outcome === "staged") problems.push({ zh: "已办结或阶段性办结须填写办结日期", en: "A completed or staged case needs its outcome date" });
    const publicSummary = optional("publicSummary", "公开情况", "Public summary", 2000);
    parsed = {
      line: row.line,
      rowKey,
      problemCode: null,
      problem: null,
      title: subject ? `${subject}` : "",
      target: null,
      coUnitIds,
      responsibleLeader,
      disclosed: disclosed ?? true,
      case: {
        caseNo: rowKey,
        receivedOn: receivedOn ?? start,
        category: parseCategory(v.category ?? ""),
        subject,
        complaint,
        outcome: outcome ?? "pending",
        outcomeOn,
        publicSummary,
      },
    };
  }

  if (problems.length || !lead || !deadline)
    return {
      ok: false,
      rejected: {
        line: row.line,
        reason: { zh: problems.map((p) => p.zh).join("；"), en: problems.map((p) => p.en).join("; ") },
        raw: row.values,
      },
    };
  return { ok: true, row: { ...parsed, leadUnitId: lead.id, deadline } };
}
