import { beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../shared/ports";
import { isDomainError } from "../shared/domain-error";
import type { TableRow } from "./import.rules";
import { W1 } from "./testing";
import { importWaterSamples, importWaterSections } from "./water-import.use-cases";
import { csvRows, memoryWater } from "./water-repos.testing";
import { WATER_PARAMETERS, type SectionValues } from "./water.schema";

const SECTIONS_CSV = `section_code,name,district_code,kind,waterbody,target_class,lat,lon
QS-01,青山河入境,QY01,国控,河流,Ⅲ类,30.12,120.01
QS-02,青山湖心,QY01,provincial,湖库,III,30.15,120.05
QS-03,白沙河出境,QY01,municipal,river,II,30.2,120.1
QS-01,青山河入境（重复）,QY01,national,river,III,,
XL-09,西岭桥,QY99,municipal,river,III,,
DH-01,东湖出口,QY02,municipal,river,III,,
BAD,,QY01,county,river,III,,`;

const COLUMNS = ["section_code", "time", "source", ...WATER_PARAMETERS, "水温"];
const line = (code: string, time: string, source: string, values: SectionValues, extra: Record<string, string> = {}) =>
  COLUMNS.map((c) => extra[c] ?? ({ section_code: code, time, source } as Record<string, string>)[c] ?? (values as Record<string, string>)[c] ?? "").join(",");
const AUTO5 = { ph: "7.6", do: "6.2", codmn: "3.9", nh3n: "0.48", tp: "0.12" };

function samplesCsv(rows: string[]) {
  return [COLUMNS.join(","), ...rows].join("\n");
}

const SAMPLES = samplesCsv([
  /* 2 */ line("QS-01", "2026-01-10", "manual", W1, { 水温: "6.5" }),
  /* 3 */ line("QS-02", "2026-01-10", "manual", W1),
  /* 4 */ line("QS-01", "2026-01-10T10:00+08:00", "auto", AUTO5),
  /* 5 */ line("QS-03", "2026-01-12", "manual", { ...W1, tp: "0.08", cn: "0.004L", hg: "<0.00004", sulfide: "", las: "" }),
  /* 6 */ line("QS-01", "2026-01-10", "manual", W1),
  /* 7 */ line("ZZ-99", "2026-01-10", "manual", W1),
  /* 8 */ line("QS-03", "2026-02-12", "manual", { ...W1, tp: "abc" }),
  /* 9 */ line("QS-03", "2026-02-12 10:00", "manual", W1),
  /* 10 */ line("QS-03", "2026-03-12", "manual", { ...W1, ph: "15" }),
]);

const source = (text: string, fileName = "file.csv") => ({ fileName, fileSha256: "0".repeat(64), rows: csvRows(text) });

let mem: ReturnType<typeof memoryWater>;
let deps: { uow: ReturnType<typeof memoryWater>["uow"]; clock: ReturnType<typeof fixedClock> };
beforeEach(() => {
  mem = memoryWater();
  deps = { uow: mem.uow, clock: fixedClock("2026-02-01T08:00:00+08:00") };
});

describe("importWaterSections", () => {
  it("inserts new sections and reports every rejected row with its line and bilingual reason", async () => {
    const r = await importWaterSections(deps, null, source(SECTIONS_CSV, "sections.csv"));
    expect(r).toMatchObject({ kind: "water.sections", totalRows: 7, inserted: 4, updated: 0, unchanged: 0, rejected: 3 });
    expect(r.rejectedRows.map((x) => [x.line, x.reason.en])).toEqual([
      [5, "Section QS-01 repeats line 2"],
      [6, "No district with code QY99"],
      [8, expect.stringMatching(/name.*kind|kind.*name/s)],
    ]);
    expect(r.rejectedRows[1]!.reason.zh).toBe("区县编码 QY99 不存在");
    const lake = [...mem.state().sections.values()].find((s) => s.code === "QS-02");
    expect(lake).toMatchObject({ waterbody: "lake", kind: "provincial", targetClass: "III", districtCode: "QY01" });
    expect(mem.state().batches.get(r.batchId)).toMatchObject({ status: "succeeded", counts: { inserted: 4, rejected: 3 } });
    expect(mem.state().audit.map((a) => a.action)).toEqual(["water.sections.import"]);
  });

  it("is idempotent, and audits a changed target with before and after", async () => {
    await importWaterSections(deps, null, source(SECTIONS_CSV));
    const again = await importWaterSections(deps, null, source(SECTIONS_CSV));
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 4, rejected: 3 });
    const changed = await importWaterSections(deps, null, source(SECTIONS_CSV.replace("QS-03,白沙河出境,QY01,municipal,river,II", "QS-03,白沙河出境,QY01,municipal,river,III")));
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 3 });
    const audit = mem.state().audit.find((a) => a.action === "water.section.update");
    expect(audit).toMatchObject({ entityType: "water_section", before: { targetClass: "II" }, after: { targetClass: "III" } });
  });

  it("refuses a file without the required columns and writes nothing", async () => {
    const e = await importWaterSections(deps, null, source("code,name\nQS-01,x")).catch((x) => x);
    expect(isDomainError(e) && e.code).toBe("WATER_IMPORT_COLUMNS_MISSING");
    expect(e.text.zh).toMatch(/缺少必需的列：section_code/);
    expect(mem.state().sections.size).toBe(0);
    expect([...mem.state().batches.values()]).toMatchObject([{ status: "failed", error: expect.stringMatching(/section_code/) }]);
  });
});

describe("importWaterSamples", () => {
  beforeEach(async () => {
    await importWaterSections(deps, null, source(SECTIONS_CSV));
  });

  it("imports real-world-shaped rows: non-detects, missing items, an ignored column, bad and duplicate rows", async () => {
    const r = await importWaterSamples(deps, null, source(SAMPLES, "samples-2026-01.csv"));
    expect(r).toMatchObject({ kind: "water.samples", totalRows: 9, inserted: 4, updated: 0, unchanged: 0, rejected: 5 });
    expect(r.rejectedRows.map((x) => [x.line, x.reason.en])).toEqual([
      [6, "Repeats line 2 (same section, time and source)"],
      [7, "No section with code ZZ-99 (import the sections file first)"],
      [8, expect.stringContaining('tp: "abc" is not a number')],
      [9, expect.stringContaining('time "2026-02-12 10:00" is invalid')],
      [10, "pH outside 0–14: 15"],
    ]);
    expect(r.summary).toMatchObject({ ignoredColumns: ["水温"], keptAudited: 0, defaultStatus: "preliminary" });
    const qs3 = [...mem.state().samples.values()].find((s) => s.values.tp === "0.08")!;
    expect(qs3.values).toMatchObject({ cn: { nd: true, detectionLimit: "0.004" }, hg: { nd: true, detectionLimit: "0.00004" } });
    expect(qs3.values.sulfide).toBeUndefined();
    expect(qs3.status).toBe("preliminary");
    expect(qs3.importId).toBe(r.batchId);
  });

  it("re-importing the same file changes nothing", async () => {
    await importWaterSamples(deps, null, source(SAMPLES));
    const before = [...mem.state().samples.values()].map((s) => ({ ...s, values: { ...s.values } }));
    const again = await importWaterSamples(deps, null, source(SAMPLES));
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 4, rejected: 5 });
    expect([...mem.state().samples.values()]).toEqual(before);
  });

  it("a corrected value replaces the stored one and counts as an update", async () => {
    await importWaterSamples(deps, null, source(SAMPLES));
    const corrected = samplesCsv([line("QS-01", "2026-01-10", "manual", { ...W1, tp: "0.19" }), line("QS-02", "2026-01-10", "manual", W1)]);
    const r = await importWaterSamples(deps, null, source(corrected));
    expect(r).toMatchObject({ inserted: 0, updated: 1, unchanged: 1, rejected: 0 });
    expect([...mem.state().samples.values()].filter((s) => s.values.tp === "0.19")).toHaveLength(1);
  });

  it("an audited load replaces preliminary values; a later preliminary load does not replace audited ones", async () => {
    const file = samplesCsv([line("QS-01", "2026-01-10", "manual", W1)]);
    await importWaterSamples(deps, null, source(file));
    const audited = await importWaterSamples(deps, null, source(file), { status: "audited" });
    expect(audited).toMatchObject({ updated: 1, unchanged: 0 });
    const late = await importWaterSamples(deps, null, source(samplesCsv([line("QS-01", "2026-01-10", "manual", { ...W1, tp: "0.3" })])));
    expect(late).toMatchObject({ updated: 0, unchanged: 1, summary: { keptAudited: 1 } });
    expect([...mem.state().samples.values()][0]).toMatchObject({ status: "audited", values: { tp: "0.21" } });
  });

  it("a status column overrides the default per row", async () => {
    const cols = ["section_code", "time", "source", "status", "ph", "tp"].join(",");
    const r = await importWaterSamples(deps, null, source(`${cols}\nQS-01,2026-01-10,manual,audited,7.5,0.1\nQS-02,2026-01-10,manual,,7.5,0.1`));
    expect(r.inserted).toBe(2);
    expect([...mem.state().samples.values()].map((s) => s.status).sort()).toEqual(["audited", "preliminary"]);
  });

  it("imports nothing when the file fails half-way, and marks the batch failed", async () => {
    async function* broken(): AsyncIterable<TableRow> {
      yield* csvRows(samplesCsv([line("QS-01", "2026-01-10", "manual", W1)]));
      throw new Error("unexpected end of file");
    }
    await expect(importWaterSamples(deps, null, { fileName: "broken.csv", fileSha256: "x", rows: broken() })).rejects.toThrow("unexpected end of file");
    expect(mem.state().samples.size).toBe(0);
    const batch = [...mem.state().batches.values()].find((b) => b.fileName === "broken.csv");
    expect(batch).toMatchObject({ status: "failed", error: "unexpected end of file" });
    expect(mem.state().audit.filter((a) => a.action === "water.samples.import")).toHaveLength(0);
  });

  it("rejects a row the reader found malformed, and matches fixed columns case-insensitively", async () => {
    async function* rows(): AsyncIterable<TableRow> {
      yield { line: 2, values: { Section_Code: "QS-01", Time: "2026-01-10", SOURCE: "manual", pH: "7.1", TP: "0.1" } };
      yield { line: 3, values: { Section_Code: "QS-02", Time: "2026-01-10", SOURCE: "manual", pH: "7.1", TP: "0.1,0.2" }, problem: { zh: "该行有 6 个字段，表头有 5 个", en: "The row has 6 fields but the header has 5" } };
    }
    const r = await importWaterSamples(deps, null, { fileName: "x.csv", fileSha256: "x", rows: rows() });
    expect(r).toMatchObject({ inserted: 1, rejected: 1, rejectedRows: [{ line: 3, reason: { en: "The row has 6 fields but the header has 5" } }] });
  });

  it("refuses a samples file without section_code, time or source", async () => {
    const e = await importWaterSamples(deps, null, source("section_code,ph\nQS-01,7")).catch((x) => x);
    expect(e.code).toBe("WATER_IMPORT_COLUMNS_MISSING");
    expect(e.details.fieldErrors.map((f: { path: string }) => f.path)).toEqual(["time", "source"]);
  });
});
