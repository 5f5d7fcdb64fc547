import { describe, expect, it } from "vitest";
import { filterFromQuery, filterToQuery, formatRate, sameFilter } from "./supervision-display";
import { exportQuery, fileErrorFrom, fileNameOf } from "./use-supervision-files";

const SOURCE = "7d1f0a52-3c55-4a8e-9d6f-1b2c3d4e5f60";

describe("task list filters in the address", () => {
  it("round-trip, dropping unknown values", () => {
    const f = filterFromQuery({ sourceId: SOURCE, status: "overdue,due_soon,bogus", warning: ["red"], dueFrom: "2026-01-01", dueTo: "not-a-date", kind: "case", search: " 污水 " });
    expect(f).toEqual({ sourceId: SOURCE, status: ["overdue", "due_soon"], warning: ["red"], dueFrom: "2026-01-01", kind: "case", search: "污水" });
    expect(filterToQuery(f)).toEqual({ sourceId: SOURCE, status: "overdue,due_soon", warning: "red", dueFrom: "2026-01-01", kind: "case", search: "污水" });
    expect(filterFromQuery({ sourceId: "x", unitId: "1" })).toEqual({});
  });

  it("compare regardless of the order of statuses", () => {
    expect(sameFilter({ status: ["overdue", "due_soon"] }, { status: ["due_soon", "overdue"] })).toBe(true);
    expect(sameFilter({ status: ["overdue"] }, {})).toBe(false);
  });

  it("become the export's query string", () => {
    expect(exportQuery({ sourceId: SOURCE, status: ["overdue", "reopened"], search: "排口" })).toBe(`sourceId=${SOURCE}&search=%E6%8E%92%E5%8F%A3&status=overdue%2Creopened`);
  });
});

describe("file route helpers", () => {
  it("read the UTF-8 file name of the export", () => {
    expect(fileNameOf(`attachment; filename="____-2026-11-28.xlsx"; filename*=UTF-8''${encodeURIComponent("督察整改任务清单-2026-11-28.xlsx")}`, "x.xlsx")).toBe("督察整改任务清单-2026-11-28.xlsx");
    expect(fileNameOf(null, "x.xlsx")).toBe("x.xlsx");
  });

  it("read a refused import with its rejected rows", () => {
    const e = fileErrorFrom(400, { error: { code: "SUPERVISION_IMPORT_REJECTED", message: { zh: "有 1 行无法导入", en: "1 row rejected" }, fieldErrors: [], rejectedRows: [{ line: 2, reason: { zh: "原因", en: "reason" }, raw: { 编号: "M1" } }, { bad: true }] } });
    expect(e.data.domainError.code).toBe("SUPERVISION_IMPORT_REJECTED");
    expect(e.rejectedRows).toEqual([{ line: 2, reason: { zh: "原因", en: "reason" }, raw: { 编号: "M1" } }]);
    expect(fileErrorFrom(502, "<html>").data.domainError.text.zh).toContain("HTTP 502");
  });

  it("format rates like a report does", () => {
    expect(formatRate({ numerator: 3, denominator: 4, percent: "75.0" })).toBe("75%");
    expect(formatRate({ numerator: 1, denominator: 3, percent: "33.3" })).toBe("33.3%");
    expect(formatRate({ numerator: 0, denominator: 0, percent: null })).toBe("—");
  });
});
