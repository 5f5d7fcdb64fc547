import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, afterAll } from "vitest";
import { readTable } from "./read-table";
import { csvLine, writeCsv, writeXlsx } from "./write-table";

const dir = mkdtempSync(join(tmpdir(), "ecogov-files-w-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const columns = [
  { key: "code", header: "station_code" },
  { key: "name", header: "name" },
  { key: "value", header: "pm2_5" },
];

async function* rows() {
  yield { code: "S1", name: "清源, 一号", value: 12.5 };
  yield { code: "S2", name: 'say "hi"', value: null };
  yield { code: "S3", name: "=HYPERLINK(\"x\")", value: -3 };
}

describe("csvLine", () => {
  it.each([
    [["a", "b,c", 'd"e', "f\ng"], 'a,"b,c","d""e","f\ng"'],
    [["=1+1", "@x", "-5", "+7.5", "-x", 3, null], "'=1+1,'@x,-5,+7.5,'-x,3,"],
  ])("quotes and neutralises %j", (values, expected) => {
    expect(csvLine(values)).toBe(expected);
  });
});

describe("writeCsv / writeXlsx", () => {
  it("round-trips through readTable, CSV with an optional BOM", async () => {
    const p = join(dir, "out.csv");
    await writeCsv(p, { columns, rows: rows(), bom: true });
    expect(readFileSync(p, "utf8").startsWith("\uFEFFstation_code,name,pm2_5\n")).toBe(true);
    const back = [];
    for await (const r of readTable(p)) back.push(r.values);
    expect(back).toEqual([
      { station_code: "S1", name: "清源, 一号", pm2_5: "12.5" },
      { station_code: "S2", name: 'say "hi"', pm2_5: "" },
      { station_code: "S3", name: "'=HYPERLINK(\"x\")", pm2_5: "-3" },
    ]);
  });

  it("writes several sheets to an xlsx that reads back as the same table", async () => {
    const p = join(dir, "out.xlsx");
    await writeXlsx(p, { sheets: [{ name: "站点/stations", columns, rows: rows() }, { name: "two", columns, rows: [{ code: "X" }] }] });
    const back = [];
    for await (const r of readTable(p)) back.push(r.values);
    expect(back[0]).toEqual({ station_code: "S1", name: "清源, 一号", pm2_5: "12.5" });
    expect(back[2]).toEqual({ station_code: "S3", name: '=HYPERLINK("x")', pm2_5: "-3" });
    const second = [];
    for await (const r of readTable(p, { sheet: 2 })) second.push(r.values);
    expect(second).toEqual([{ station_code: "X", name: "", pm2_5: "" }]);
  });
});
