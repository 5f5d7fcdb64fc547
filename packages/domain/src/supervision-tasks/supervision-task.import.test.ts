import { describe, expect, it } from "vitest";
import { isDomainError } from "../shared/domain-error";
import { checkAttachment, cleanFileName } from "./supervision-task.attachment";
import { mapHeaders, parseDateText, parseDeadlineText, parseImportRow, parseOutcome, splitUnits } from "./supervision-task.import";

describe("parseDateText", () => {
  it.each([
    ["2026-06-30", "2026-06-30"],
    ["2026/6/30", "2026-06-30"],
    ["2026.6.3", "2026-06-03"],
    ["2026年6月30日", "2026-06-30"],
    ["2026年6月底", "2026-06-30"],
    ["2026年2月", "2026-02-28"],
    ["2026年底", "2026-12-31"],
    ["2026-02-30", null],
    ["2026年13月", null],
    ["六月底", null],
  ])("%s → %s", (text, date) => {
    expect(parseDateText(text)).toBe(date);
  });
});

describe("parseDeadlineText", () => {
  it.each([
    ["2026年6月30日", { kind: "date", date: "2026-06-30" }],
    ["20个工作日", { kind: "period", start: "2026-03-02", amount: 20, unit: "working" }],
    ["15 工作日内", { kind: "period", start: "2026-03-02", amount: 15, unit: "working" }],
    ["30日", { kind: "period", start: "2026-03-02", amount: 30, unit: "natural" }],
    ["60天", { kind: "period", start: "2026-03-02", amount: 60, unit: "natural" }],
    ["长期坚持", { kind: "long_term", start: "2026-03-02", every: "quarter", count: 4 }],
    ["持续推进", { kind: "long_term", start: "2026-03-02", every: "quarter", count: 4 }],
    ["尽快", null],
    ["0个工作日", null],
  ])("%s", (text, spec) => {
    expect(parseDeadlineText(text, "2026-03-02")).toEqual(spec);
  });
});

describe("cells", () => {
  it.each([
    ["区水务局、区农业农村局", ["区水务局", "区农业农村局"]],
    ["区水务局，区农业农村局; 城关街道办事处", ["区水务局", "区农业农村局", "城关街道办事处"]],
    ["", []],
  ])("splits units %s", (text, units) => {
    expect(splitUnits(text)).toEqual(units);
  });

  it.each([
    ["已办结", "completed"],
    ["阶段性办结", "staged"],
    ["未办结", "pending"],
    ["", "pending"],
    ["差不多", null],
  ])("reads the outcome %s", (text, outcome) => {
    expect(parseOutcome(text)).toBe(outcome);
  });
});

describe("mapHeaders", () => {
  it("maps Chinese and English spellings, ignoring export-only columns", () => {
    const m = mapHeaders(["编号", "问题编号", "反馈问题", "整改措施", "牵头单位", "配合单位", "整改时限", "状态", "到期日"], "tasks");
    expect(Object.fromEntries(m)).toEqual({ 编号: "rowKey", 问题编号: "problemCode", 反馈问题: "problem", 整改措施: "title", 牵头单位: "leadUnit", 配合单位: "coUnits", 整改时限: "deadline" });
    expect(mapHeaders(["row_key", "title", "lead_unit", "deadline"], "tasks").size).toBe(4);
  });

  it("rejects the whole file naming missing and unknown columns", () => {
    try {
      mapHeaders(["编号", "整改措施", "备注"], "tasks");
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e) && e.code).toBe("SUPERVISION_IMPORT_COLUMNS");
      if (!isDomainError(e)) throw e;
      expect(e.text.zh).toContain("缺少列：牵头单位、整改时限");
      expect(e.text.zh).toContain("无法识别的列：备注");
      expect(e.details).toMatchObject({ missing: ["牵头单位", "整改时限"], unknown: ["备注"] });
    }
  });
});

describe("parseImportRow", () => {
  const headers = ["编号", "问题编号", "反馈问题", "整改措施", "牵头单位", "配合单位", "整改时限", "是否公开"];
  const map = mapHeaders(headers, "tasks");
  const units = new Map([
    ["区水务局", { id: "u-water" }],
    ["区农业农村局", { id: "u-agri" }],
  ]);
  const opts = { format: "tasks" as const, units: { find: (s: string) => units.get(s) }, defaultStart: "2026-03-02" };
  const row = (cells: Partial<Record<string, string>>) => ({
    line: 7,
    values: { 编号: "1-1", 问题编号: "1", 反馈问题: "城中村污水直排", 整改措施: "截污纳管", 牵头单位: "区水务局", 配合单位: "区农业农村局", 整改时限: "2026年6月30日", 是否公开: "是", ...cells } as Record<string, string>,
  });

  it("reads a good row with its units and deadline", () => {
    expect(parseImportRow(row({}), map, opts)).toEqual({
      ok: true,
      row: expect.objectContaining({ line: 7, rowKey: "1-1", problemCode: "1", leadUnitId: "u-water", coUnitIds: ["u-agri"], deadline: { kind: "date", date: "2026-06-30" }, disclosed: true }),
    });
  });

  it.each([
    ["an unknown lead unit", { 牵头单位: "区环卫所" }, "单位“区环卫所”不存在", 'Unit "区环卫所" does not exist'],
    ["two lead units", { 牵头单位: "区水务局、区农业农村局" }, "牵头单位只能填一个", "Only one lead unit"],
    ["a co-unit that is the lead", { 配合单位: "区水务局" }, "与牵头单位相同", "is the lead unit"],
    ["an unreadable deadline", { 整改时限: "尽快" }, "时限“尽快”无法识别", 'Deadline "尽快" is not understood'],
    ["a missing measure", { 整改措施: "" }, "整改措施（任务内容）不能为空", "Measure (task) is required"],
    ["a problem without its number", { 问题编号: "" }, "缺少问题编号", "needs its problem number"],
    ["a bad disclosure flag", { 是否公开: "也许" }, "应为“是”或“否”", "must be 是 or 否"],
  ])("rejects %s with a bilingual reason naming the line", (_name, cells, zh, en) => {
    const r = parseImportRow(row(cells), map, opts);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.rejected.line).toBe(7);
    expect(r.rejected.reason.zh).toContain(zh);
    expect(r.rejected.reason.en).toContain(en);
  });

  it("accepts a fixed deadline that passed before the list was issued", () => {
    const r = parseImportRow(row({ 整改时限: "2026-01-15" }), map, opts);
    expect(r).toMatchObject({ ok: true, row: { deadline: { kind: "date", date: "2026-01-15" } } });
  });

  it("rejects a fixed deadline before a start typed in the row", () => {
    const withStart = mapHeaders([...headers, "开始日期"], "tasks");
    const r = parseImportRow({ line: 7, values: { ...row({ 整改时限: "2026-01-15" }).values, 开始日期: "2026-02-01" } }, withStart, opts);
    expect(r.ok || r.rejected.reason.zh).toContain("时限 2026-01-15 早于开始日期 2026-02-01");
  });

  it("puts every problem of a row into one reason", () => {
    const r = parseImportRow(row({ 牵头单位: "", 整改时限: "" }), map, opts);
    expect(r.ok || r.rejected.reason.zh).toBe("牵头单位不能为空；整改时限不能为空");
  });

  it("reads a case row with its outcome", () => {
    const caseHeaders = ["交办编号", "交办日期", "案件类型", "被投诉对象", "投诉内容", "责任单位", "办理时限", "办理结果", "办结日期"];
    const r = parseImportRow(
      { line: 2, values: { 交办编号: "D-001", 交办日期: "2026-03-05", 案件类型: "废气", 被投诉对象: "某化工厂", 投诉内容: "夜间异味", 责任单位: "区水务局", 办理时限: "15个工作日", 办理结果: "阶段性办结", 办结日期: "2026-03-20" } },
      mapHeaders(caseHeaders, "cases"),
      { ...opts, format: "cases" },
    );
    expect(r).toEqual({
      ok: true,
      row: expect.objectContaining({
        rowKey: "D-001",
        deadline: { kind: "period", start: "2026-03-05", amount: 15, unit: "working" },
        case: expect.objectContaining({ caseNo: "D-001", category: "air", outcome: "staged", outcomeOn: "2026-03-20" }),
      }),
    });
  });
});

describe("checkAttachment", () => {
  const bytes = (...b: number[]) => new Uint8Array([...b, ...new Array(16).fill(0)]);
  it.each([
    ["a JPEG photo", "现场.jpg", bytes(0xff, 0xd8, 0xff, 0xe0), 1000, { ok: true, contentType: "image/jpeg", fileName: "现场.jpg" }],
    ["a PDF", "报告.PDF", bytes(0x25, 0x50, 0x44, 0x46, 0x2d), 1000, { ok: true, contentType: "application/pdf", fileName: "报告.PDF" }],
    ["a .docx", "方案.docx", bytes(0x50, 0x4b, 0x03, 0x04), 1000, { ok: true, contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", fileName: "方案.docx" }],
    ["an old .xls", "台账.xls", bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), 1000, { ok: true, contentType: "application/vnd.ms-excel", fileName: "台账.xls" }],
    ["an executable renamed to .pdf", "报告.pdf", bytes(0x4d, 0x5a), 1000, { ok: false, reason: "type" }],
    ["a zip file", "材料.zip", bytes(0x50, 0x4b, 0x03, 0x04), 1000, { ok: false, reason: "type" }],
    ["an empty file", "空.pdf", bytes(), 0, { ok: false, reason: "empty" }],
    ["a file over 20 MB", "大.pdf", bytes(0x25, 0x50, 0x44, 0x46, 0x2d), 20 * 1024 * 1024 + 1, { ok: false, reason: "too_large" }],
  ])("%s", (_name, fileName, head, size, result) => {
    expect(checkAttachment({ fileName, size, head })).toEqual(result);
  });

  it("strips paths and control characters from file names", () => {
    expect(cleanFileName("C:\\Users\\x\\整改\u0000报告.pdf")).toBe("整改报告.pdf");
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
  });
});
