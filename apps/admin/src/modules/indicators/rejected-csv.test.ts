import { describe, expect, it } from "vitest";
import { csvCell, csvDataUrl, rejectedRowsCsv } from "./rejected-csv";

describe("rejectedRowsCsv", () => {
  it("writes line, column, both reasons and the row as read, quoting commas", () => {
    const csv = rejectedRowsCsv([
      { line: 7, field: "time", reason: { zh: "时间格式错误", en: "Bad time" }, raw: "QY01-A01,2026-11-01 03:00,5" },
      { line: 9, field: null, reason: { zh: "站点不存在", en: 'Unknown station "X"' }, raw: "X,2026" },
    ]);
    expect(csv.split("\r\n")).toEqual([
      "line,field,reason_zh,reason_en,raw",
      '7,time,时间格式错误,Bad time,"QY01-A01,2026-11-01 03:00,5"',
      '9,,站点不存在,"Unknown station ""X""","X,2026"',
      "",
    ]);
  });

  it("leaves the column and the row empty where a water import names neither", () => {
    expect(rejectedRowsCsv([{ line: 4, reason: { zh: "断面编码 X 不存在", en: "No section with code X" } }]).split("\r\n")[1]).toBe("4,,断面编码 X 不存在,No section with code X,");
  });

  it("defuses cells a spreadsheet would run as a formula", () => {
    expect(csvCell("=cmd()")).toBe("'=cmd()");
    expect(csvCell("-5")).toBe("'-5");
    expect(csvCell(3)).toBe("3");
  });

  it("is offered as UTF-8 with a byte-order mark for Excel", () => {
    expect(decodeURIComponent(csvDataUrl("a\r\n").split(",")[1]!)).toBe("\uFEFFa\r\n");
  });
});
