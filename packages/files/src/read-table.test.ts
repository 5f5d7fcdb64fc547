import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { readTable, readTableBatches, type ReadTableOptions, type TableRow } from "./read-table";
import { TableFileError } from "./table-file-error";

const dir = mkdtempSync(join(tmpdir(), "ecogov-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(name: string, content: string | Buffer) {
  const p = join(dir, `${n++}-${name}`);
  writeFileSync(p, content);
  return p;
}

async function all(source: string | Readable, opts?: ReadTableOptions): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  for await (const r of readTable(source, opts)) rows.push(r);
  return rows;
}

async function failure(p: Promise<unknown>): Promise<TableFileError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TableFileError) return e;
    throw e;
  }
  throw new Error("expected a TableFileError");
}

const COLUMNS = { required: ["station_code", "time", "pm2_5"], optional: ["status"] } as const;

describe("readTable (csv)", () => {
  it("gives the same rows in batches (readTableBatches), a chunk's rows at a time", async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => `S${i % 7},2026-03-01T01:00+08:00,${i}`);
    const p = file("big.csv", ["station_code,time,pm2_5", ...lines].join("\n"));
    const batches: TableRow[][] = [];
    for await (const b of readTableBatches(p, { columns: COLUMNS })) batches.push(b);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flat()).toEqual(await all(p, { columns: COLUMNS }));
    expect(batches.flat().at(-1)).toEqual({ line: 30_001, values: { station_code: "S4", time: "2026-03-01T01:00+08:00", pm2_5: "29999" } });
  });

  it("strips the BOM, trims headers and values, skips blank lines and numbers lines from the file", async () => {
    const p = file("a.csv", "\uFEFF station_code , TIME,pm2_5\r\nS1, 2026-03-01T01:00+08:00 ,12\r\n\r\nS2,2026-03-01T02:00+08:00,\r\n");
    expect(await all(p, { columns: COLUMNS })).toEqual([
      { line: 2, values: { station_code: "S1", time: "2026-03-01T01:00+08:00", pm2_5: "12" } },
      { line: 4, values: { station_code: "S2", time: "2026-03-01T02:00+08:00", pm2_5: "" } },
    ]);
  });

  it("keys rows by whatever the header says when no columns are given, quotes and __proto__ included", async () => {
    const rows = await all(file("free.csv", 'a"b,__proto__,"x,y"\n1,2,3\n'));
    expect(rows).toHaveLength(1);
    const values = rows[0]!.values;
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(Object.keys(values)).toEqual(['a"b', "__proto__", "x,y"]);
    expect(Object.values(values)).toEqual(["1", "2", "3"]);
  });

  it("offers plain lines after the header's chunk to a caller's parser, in file order, and reads declined or quoted ones as rows", async () => {
    // 12,000 plain lines (over one 64 kB read), then a quoted line and one the parser declines.
    const body = Array.from({ length: 12_000 }, (_, i) => `${i},${i % 7}`);
    const p = file("plain.csv", ["\uFEFF A ,b", ...body, '"q",1', "x,2", "9,9"].join("\n"));
    const headers: (readonly string[])[] = [];
    const plainLines = (header: readonly string[]) => {
      headers.push(header);
      return (bytes: Uint8Array, start: number, end: number, line: number) => {
        const text = Buffer.from(bytes.subarray(start, end)).toString("latin1");
        return text.startsWith("x") ? undefined : { line, text };
      };
    };
    const out: ({ line: number; text: string } | TableRow)[] = [];
    for await (const batch of readTableBatches(p, { plainLines })) out.push(...batch);
    expect(headers).toEqual([["A", "b"]]);
    expect(out.map((r) => r.line)).toEqual(Array.from({ length: 12_003 }, (_, i) => i + 2));
    const asText = (r: (typeof out)[number]) => ("text" in r ? r.text : `${r.values.A},${r.values.b}`);
    expect(out.map(asText)).toEqual([...body, "q,1", "x,2", "9,9"]);
    const offered = out.filter((r) => "text" in r).length;
    expect(offered).toBeGreaterThan(1_000);
    // Rows before the parser was known (the header's chunk) are rows; after it, only the quoted and the declined line.
    expect(out.slice(-3).map((r) => "text" in r)).toEqual([false, false, true]);
    expect(out.findIndex((r) => "text" in r)).toBe(12_001 - offered);
  });

  it("gives a quoted multi-line record the line where it starts", async () => {
    const p = file("b.csv", 'a,b\n"x\ny",1\n2,3\n');
    const rows = await all(p);
    expect(rows.map((r) => r.line)).toEqual([2, 4]);
    expect(rows[0]!.values).toEqual({ a: "x\ny", b: "1" });
  });

  it("names the missing columns in both languages", async () => {
    const p = file("c.csv", "station_code,pm25\nS1,1\n");
    const e = await failure(all(p, { columns: COLUMNS }));
    expect(e.code).toBe("TABLE_MISSING_COLUMNS");
    expect(e.missing).toEqual(["time", "pm2_5"]);
    expect(e.text.zh).toContain("缺少必需的列：time、pm2_5");
    expect(e.text.en).toContain("Missing required columns: time, pm2_5");
  });

  it("rejects unknown columns unless told to ignore them", async () => {
    const p = file("d.csv", "station_code,time,pm2_5,remark\nS1,t,1,x\n");
    expect((await failure(all(p, { columns: COLUMNS }))).code).toBe("TABLE_UNKNOWN_COLUMNS");
    expect((await all(p, { columns: { ...COLUMNS, unknown: "ignore" } }))[0]!.values).toEqual({ station_code: "S1", time: "t", pm2_5: "1" });
  });

  it("rejects duplicate columns and empty files", async () => {
    expect((await failure(all(file("e.csv", "a,A\n1,2\n"), { columns: { required: ["a"] } }))).code).toBe("TABLE_DUPLICATE_COLUMNS");
    expect((await failure(all(file("f.csv", "\n\n")))).code).toBe("TABLE_EMPTY");
  });

  it("rejects a header with no data rows (blank lines are not rows), in both languages", async () => {
    for (const text of ["a,b\n", "a,b\n\n , \n"]) {
      const e = await failure(all(file("h.csv", text)));
      expect(e.code).toBe("TABLE_NO_ROWS");
      expect(e.text).toEqual({ zh: "文件只有表头，没有数据行", en: "The file has a header but no data rows" });
    }
    expect(await all(file("one.csv", "a,b\n1,2\n"))).toHaveLength(1);
  });

  it("marks a row whose field count differs from the header instead of guessing", async () => {
    const rows = await all(file("g.csv", "a,b,c\n1,2,3\n1,2\n1,2,3,4\n1,2,3,\n"));
    expect(rows.map((r) => !!r.problem)).toEqual([false, true, true, false]);
    expect(rows[1]!.problem!.zh).toContain("2 个字段");
  });

  it("turns broken quoting into a bilingual file error", async () => {
    const e = await failure(all(file("h.csv", 'a,b\n"1,2\n')));
    expect(e.code).toBe("TABLE_UNREADABLE");
    expect(e.text.zh).toMatch(/无法读取/);
  });

  it("reads a stream and reports progress up to the total", async () => {
    const text = "a,b\n" + Array.from({ length: 1000 }, (_, i) => `${i},x`).join("\n");
    const seen: [number, number | null][] = [];
    const rows = await all(Readable.from([Buffer.from(text)]), { format: "csv", totalBytes: text.length, onProgress: (b, t) => seen.push([b, t]) });
    expect(rows).toHaveLength(1000);
    expect(seen.at(-1)).toEqual([text.length, text.length]);
  });

  it("throws a file error for a missing file", async () => {
    expect((await failure(all(join(dir, "nope.csv")))).code).toBe("TABLE_UNREADABLE");
  });
});

describe("readTable (xlsx)", () => {
  async function xlsx(name: string, build: (ws: ExcelJS.Worksheet) => void, extra?: (wb: ExcelJS.Workbook) => void) {
    const wb = new ExcelJS.Workbook();
    extra?.(wb);
    build(wb.addWorksheet("data"));
    const p = join(dir, `${n++}-${name}`);
    await wb.xlsx.writeFile(p);
    return p;
  }

  it("reads cells as the text a user sees: numbers, formats, dates, formulas, rich text", async () => {
    const p = await xlsx("a.xlsx", (ws) => {
      ws.addRow(["station_code", "time", "pm2_5", "status"]);
      ws.addRow(["S1", "2026-03-01T01:00+08:00", 12.3, "audited"]);
      const r = ws.addRow([1001, new Date(Date.UTC(2026, 2, 1, 2, 0)), 0.1 + 0.2, null]);
      r.getCell(2).numFmt = "yyyy-mm-dd hh:mm";
      const f = ws.addRow([{ richText: [{ text: "S" }, { text: "3" }] }, new Date(Date.UTC(2026, 2, 1)), { formula: "1+1", result: 2 }, ""]);
      f.getCell(2).numFmt = "yyyy-mm-dd";
      const g = ws.addRow(["S4", "x", 2.675, undefined]);
      g.getCell(3).numFmt = "0.00";
      ws.addRow([]);
    });
    const rows = await all(p, { columns: COLUMNS });
    expect(rows).toEqual([
      { line: 2, values: { station_code: "S1", time: "2026-03-01T01:00+08:00", pm2_5: "12.3", status: "audited" } },
      { line: 3, values: { station_code: "1001", time: "2026-03-01 02:00", pm2_5: "0.3", status: "" } },
      { line: 4, values: { station_code: "S3", time: "2026-03-01", pm2_5: "2", status: "" } },
      { line: 5, values: { station_code: "S4", time: "x", pm2_5: "2.68", status: "" } },
    ]);
  });

  it("checks the header like a CSV file", async () => {
    const p = await xlsx("b.xlsx", (ws) => {
      ws.addRow(["station_code", "pm2_5"]);
      ws.addRow(["S1", 1]);
    });
    const e = await failure(all(p, { columns: COLUMNS }));
    expect(e.missing).toEqual(["time"]);
  });

  it("reads the chosen sheet and reports byte progress", async () => {
    const p = await xlsx(
      "c.xlsx",
      (ws) => {
        ws.addRow(["a"]);
        ws.addRow(["second"]);
      },
      (wb) => {
        const first = wb.addWorksheet("first");
        first.addRow(["a"]);
        first.addRow(["first"]);
      },
    );
    let last: number | null = null;
    expect((await all(p, { onProgress: (b) => (last = b) }))[0]!.values.a).toBe("first");
    expect((await all(p, { sheet: 2 }))[0]!.values.a).toBe("second");
    expect(last).toBeGreaterThan(0);
  });

  it("turns a file that is not an xlsx into a bilingual file error", async () => {
    const e = await failure(all(file("z.xlsx", "not a zip at all")));
    expect(e.code).toBe("TABLE_UNREADABLE");
  });
});

describe("readTable dateTimeOffset", () => {
  it("writes date-time cells as ISO 8601 with the given offset, leaving text and date-only cells alone", async () => {
    const p = join(mkdtempSync(join(tmpdir(), "ecogov-files-")), "offset.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("data");
    ws.addRow(["station_code", "time", "pm2_5", "status"]);
    ws.addRow(["S1", new Date(Date.UTC(2026, 2, 1, 1, 0)), 12, ""]).getCell(2).numFmt = "yyyy-mm-dd hh:mm";
    ws.addRow(["S2", "2026-03-01 02:00", 13, ""]);
    ws.addRow(["S3", new Date(Date.UTC(2026, 2, 1)), 14, ""]).getCell(2).numFmt = "yyyy-mm-dd";
    await wb.xlsx.writeFile(p);
    const times: string[] = [];
    for await (const r of readTable(p, { dateTimeOffset: "+08:00" })) times.push(r.values.time!);
    expect(times).toEqual(["2026-03-01T01:00+08:00", "2026-03-01 02:00", "2026-03-01"]);
  });
});
