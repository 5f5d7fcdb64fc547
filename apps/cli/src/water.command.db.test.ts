import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DbHandle } from "@ecogov/db";
import { createTestDb } from "@ecogov/db/testing";
import { writeXlsx } from "@ecogov/files";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./cli";

let handle: DbHandle;
let dir: string;

beforeAll(async () => {
  handle = await createTestDb();
  await handle.db
    .insertInto("districts")
    .values([
      { code: "QY01", name: "青山区", nameEn: "Qingshan District", isHome: true },
      { code: "QY02", name: "东湖区", nameEn: "Donghu District" },
    ])
    .execute();
  dir = mkdtempSync(join(tmpdir(), "ecogov-water-cli-"));
});
afterAll(async () => {
  await handle?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    io: { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => "" },
    openDb: async () => ({ ...handle, close: async () => {} }),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function file(name: string, text: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

// A sections file as a bureau would export it: Chinese enum words, a Roman-numeral class, a lake point.
const SECTIONS = `\uFEFFsection_code,name,district_code,kind,waterbody,target_class,lat,lon
QS-01,青山河入境,QY01,国控,河流,Ⅲ类,30.12,120.01
QS-02,青山湖心,QY01,省控,湖库,Ⅲ,30.15,120.05
DH-01,东湖出口,QY02,市控,河流,II,,
`;

const HEADER = "section_code,time,source,pH,DO,CODMn,COD,BOD5,NH3-N,TP,TN,Cu,Zn,F,Se,As,Hg,Cd,Cr6+,Pb,CN,volatile_phenol,petroleum,LAS,sulfide,fecal_coliform,水温";
const W1 = "7.8,5.6,4.8,18,3.5,0.62,0.21,,0.004,0.03,0.42,0.0004,0.0012,0.00002,0.0002,0.004,0.002,0.002,0.0015,0.02,0.05,0.01";
const SAMPLES = `${HEADER}
QS-01,2026-01-10T09:30:00+08:00,manual,${W1},1700,6.5
QS-02,2026-01-10T09:30:00+08:00,manual,${W1},,6.8
QS-01,2026-01-10T12:00:00+08:00,auto,7.6,6.2,3.9,,,0.48,0.12,,,,,,,,,,,,,,,,,
DH-01,2026-01-12,manual,7.2,7.2,3.1,12,2.1,0.21,0.08,,0.001L,0.03,0.42,0.0004,0.0012,<0.00004,0.0002,0.004,0.002,0.004L,0.0015,0.02,0.05,0.01,,7.1
QS-01,2026-01-10T09:30:00+08:00,manual,${W1},1700,6.5
QS-09,2026-01-10,manual,${W1},,
DH-01,2026-02-12,manual,7.2,7.2,3.1,12,2.1,0.21,abc,,,,,,,,,,,,,,,,,
DH-01,2026-02-12 09:00,manual,7.2,7.2,3.1,12,2.1,0.21,0.08,,,,,,,,,,,,,,,,,
`;

describe("pnpm ecogov water", () => {
  it("imports sections and samples, reporting every rejected row with its line and reason", async () => {
    const r = await run(["water", "import", "--sections", file("sections.csv", SECTIONS), file("samples-2026-01.csv", SAMPLES)]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/sections\.csv: 3 rows — 3 new, 0 updated, 0 unchanged, 0 rejected/);
    expect(r.out).toMatch(/samples-2026-01\.csv: 8 rows — 4 new, 0 updated, 0 unchanged, 4 rejected/);
    expect(r.out).toMatch(/ignored columns 已忽略的列: 水温/);
    expect(r.err).toMatch(/line 6: 与第 2 行重复（同一断面、时间和来源） \/ Repeats line 2 \(same section, time and source\)/);
    expect(r.err).toMatch(/line 7: 断面编码 QS-09 不存在/);
    expect(r.err).toMatch(/line 8: .*tp: "abc" is not a number/);
    expect(r.err).toMatch(/line 9: .*time "2026-02-12 09:00" is invalid/);
  });

  it("re-importing the same files changes nothing", async () => {
    const r = await run(["water", "import", "--sections", join(dir, "sections.csv"), join(dir, "samples-2026-01.csv")]);
    expect(r.out).toMatch(/sections\.csv: 3 rows — 0 new, 0 updated, 3 unchanged/);
    expect(r.out).toMatch(/samples-2026-01\.csv: 8 rows — 0 new, 0 updated, 4 unchanged, 4 rejected/);
  });

  it("exports one row per sample with class, deciding parameters, CWQI and item set (W1 river IV, W2 lake 劣V)", async () => {
    const r = await run(["water", "classes", "--from", "2026-01-01", "--to", "2026-01-31", "--format", "csv"]);
    expect(r.code).toBe(0);
    // DH-01 is W3's second river section (4.9341) with Cu a non-detect 0.001L, indexed at half the limit:
    // 0.0005 instead of 0.004 → 4.9306; Hg <0.00004 and CN 0.004L at half their limits equal W1's values.
    expect(r.out.split("\n")).toEqual([
      "section_code,time,class,deciding,cwqi,items",
      "DH-01,2026-01-12T00:00:00+08:00,II,do;codmn;nh3n;tp,4.9306,manual_21",
      "QS-01,2026-01-10T09:30:00+08:00,IV,tp,7.4259,manual_21",
      "QS-01,2026-01-10T12:00:00+08:00,III,tp,,auto_5",
      "QS-02,2026-01-10T09:30:00+08:00,劣V,tp,10.5759,manual_21",
    ]);
  });

  it("takes a corrected audited value from an xlsx file as an update", async () => {
    const path = join(dir, "correction.xlsx");
    const cols = ["section_code", "time", "source", "status", "ph", "do", "codmn", "nh3n", "tp"];
    await writeXlsx(path, {
      sheets: [{ name: "samples", columns: cols.map((c) => ({ key: c, header: c })), rows: [{ section_code: "QS-01", time: "2026-01-10T12:00:00+08:00", source: "auto", status: "audited", ph: "7.6", do: "6.2", codmn: "3.9", nh3n: "0.48", tp: "0.22" }] }],
    });
    const r = await run(["water", "import", path]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/correction\.xlsx: 1 rows — 0 new, 1 updated, 0 unchanged, 0 rejected/);
    const c = await run(["water", "classes", "--from", "2026-01-10", "--to", "2026-01-10"]);
    expect(c.out).toContain("QS-01,2026-01-10T12:00:00+08:00,IV,tp,,auto_5");
  });

  it("refuses a file that is not a table of the expected columns, importing nothing", async () => {
    const r = await run(["water", "import", "--sections", file("bad-sections.csv", "code,name\nX,Y\n")]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/缺少必需的列/);
    expect(r.err).toMatch(/Missing required columns: section_code/);
  });

  it("explains bad periods and usage", async () => {
    const bad = await run(["water", "classes", "--from", "2026-02-01", "--to", "2026-01-01"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/开始日期不能晚于结束日期/);
    expect((await run(["water", "classes", "--from", "2026-01-01"])).code).toBe(2);
    expect((await run(["water", "import"])).code).toBe(2);
    expect((await run(["water", "import", "--status", "final", "x.csv"])).code).toBe(2);
  });

  it("prints period results as JSON with district ranks", async () => {
    const r = await run(["water", "period", "--from", "2026-01-01", "--to", "2026-01-31"]);
    const body = JSON.parse(r.out) as { districts: { code: string; rank: number | null }[] };
    expect(body.districts.map((d) => [d.code, d.rank])).toEqual([
      ["QY01", 2],
      ["QY02", 1],
    ]);
  });
});

describe("pnpm ecogov kpi", () => {
  it("sets a KPI, corrects it by code and period, and lists it against its target", async () => {
    const args = ["kpi", "set", "--code", "NH3N_CUT", "--name", "氨氮减排量", "--name-en", "Ammonia-nitrogen reduction", "--unit", "t", "--from", "2026-01-01", "--to", "2026-12-31", "--direction", "higher_better", "--target", "120"];
    expect((await run([...args, "--value", "86.5"])).out).toMatch(/Created KPI NH3N_CUT/);
    expect((await run([...args, "--value", "121"])).out).toMatch(/Updated KPI NH3N_CUT .*121 \/ 120 t \(met\)/);
    const list = await run(["kpi", "list", "--year", "2026"]);
    expect(list.out.split("\n")).toEqual(["code,name,unit,period_from,period_to,target,value,direction,status,gap,source", "NH3N_CUT,氨氮减排量,t,2026-01-01,2026-12-31,120,121,higher_better,met,0,"]);
    const bad = await run(["kpi", "set", "--code", "X", "--name", "x", "--name-en", "x", "--unit", "t", "--from", "2026-01-01", "--to", "2026-12-31", "--direction", "up"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/direction \[one_of\]/);
  });
});
