import { fixedClock } from "@ecogov/domain";
import { importWaterSamples, importWaterSections, listSampleClasses, listSectionsLatest, waterPeriodResults, type TableRow } from "@ecogov/domain/water";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { createRepositories, createUnitOfWork } from "../repositories";
import { createTestDb } from "../testing";

let h: DbHandle;
const clock = fixedClock("2026-02-01T08:00:00+08:00");
const deps = () => ({ uow: createUnitOfWork(h.db), clock });

async function* rows(text: string): AsyncIterable<TableRow> {
  const lines = text.trim().split("\n");
  const header = lines[0]!.split(",");
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i]!.split(",");
    yield { line: i + 1, values: Object.fromEntries(header.map((c, j) => [c, cells[j] ?? ""])) };
  }
}
const file = (text: string, fileName = "f.csv") => ({ fileName, fileSha256: "a".repeat(64), rows: rows(text) });

const SECTIONS = `section_code,name,district_code,kind,waterbody,target_class,lat,lon
QS-01,青山河入境,WT01,national,river,III,30.12,120.01
QS-02,青山湖心,WT01,provincial,lake,III,30.15,120.05
DH-01,东湖出口,WT02,municipal,river,II,,
XX-01,无此区,WT99,municipal,river,II,,`;

const HEADER = "section_code,time,source,ph,do,codmn,cod,bod5,nh3n,tp,cu,zn,f,se,as,hg,cd,cr6,pb,cn,volatile_phenol,petroleum,las,sulfide,fecal_coliform";
const W1 = "7.8,5.6,4.8,18,3.5,0.62,0.21,0.004,0.03,0.42,0.0004,0.0012,0.00002,0.0002,0.004,0.002,0.002,0.0015,0.02,0.05,0.01";
const SAMPLES = `${HEADER}
QS-01,2026-01-10T09:30:00+08:00,manual,${W1},1700
QS-02,2026-01-10T09:30:00+08:00,manual,${W1},
QS-01,2026-01-10T12:00:00+08:00,auto,7.6,6.2,3.9,,,0.48,0.12,,,,,,,,,,,,,,,
DH-01,2026-01-12,manual,7.2,7.2,3.1,12,2.1,0.21,0.08,0.004L,0.03,0.42,0.0004,0.0012,<0.00004,0.0002,0.004,0.002,0.004L,0.0015,0.02,0.05,0.01,
QS-01,2026-01-10T09:30:00+08:00,manual,${W1},
NOPE,2026-01-10,manual,${W1},`;

beforeAll(async () => {
  h = await createTestDb();
  await h.db
    .insertInto("districts")
    .values([
      { code: "WT01", name: "甲区", nameEn: "District A" },
      { code: "WT02", name: "乙区", nameEn: "District B" },
    ])
    .execute();
});
afterAll(async () => {
  await h?.close();
});

describe("water repositories through the import and results use cases", () => {
  it("imports sections and samples, keeping values as exact text under their own keys", async () => {
    const s = await importWaterSections(deps(), null, file(SECTIONS, "sections.csv"));
    expect(s).toMatchObject({ inserted: 3, rejected: 1, rejectedRows: [{ line: 5, reason: { en: "No district with code WT99" } }] });
    const r = await importWaterSamples(deps(), null, file(SAMPLES, "samples.csv"));
    expect(r).toMatchObject({ totalRows: 6, inserted: 4, updated: 0, unchanged: 0, rejected: 2 });
    expect(r.rejectedRows.map((x) => x.line)).toEqual([6, 7]);

    const dh = await sql<{ v: string }>`select s.values::text as v from water_samples s join water_sections w on w.id = s.section_id where w.code = 'DH-01'`.execute(h.db);
    expect(JSON.parse(dh.rows[0]!.v)).toMatchObject({ cn: { nd: true, detectionLimit: "0.004" }, hg: { nd: true, detectionLimit: "0.00004" }, volatile_phenol: "0.0015", tp: "0.08" });
    const [stored] = await createRepositories(h.db).waterSamples.findByKeys([
      { sectionId: (await createRepositories(h.db).waterSections.list()).find((x) => x.code === "DH-01")!.id, time: new Date("2026-01-11T16:00:00Z"), source: "manual" },
    ]);
    expect(stored!.values).toMatchObject({ volatile_phenol: "0.0015", cu: { nd: true, detectionLimit: "0.004" } });

    const batch = await h.db.selectFrom("importBatches").select(["kind", "status", "inserted", "rejected"]).where("id", "=", r.batchId).executeTakeFirstOrThrow();
    expect(batch).toEqual({ kind: "water.samples", status: "succeeded", inserted: 4, rejected: 2 });
    const audit = await createRepositories(h.db).audit.query({ entityId: r.batchId, limit: 5, offset: 0 });
    expect(audit.items.map((a) => a.action)).toEqual(["water.samples.import"]);
  });

  it("re-imports as unchanged, and counts a corrected value as an update", async () => {
    expect(await importWaterSections(deps(), null, file(SECTIONS))).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect(await importWaterSamples(deps(), null, file(SAMPLES))).toMatchObject({ inserted: 0, updated: 0, unchanged: 4, rejected: 2 });
    const corrected = `${HEADER}\nQS-01,2026-01-10T09:30:00+08:00,manual,${W1.replace(",0.21,", ",0.210,")},1700`;
    expect(await importWaterSamples(deps(), null, file(corrected))).toMatchObject({ updated: 1, unchanged: 0 });
    expect(await importWaterSamples(deps(), null, file(corrected), { status: "audited" })).toMatchObject({ updated: 1 });
    const original = `${HEADER}\nQS-01,2026-01-10T09:30:00+08:00,manual,${W1},1700`;
    expect(await importWaterSamples(deps(), null, file(original))).toMatchObject({ updated: 0, unchanged: 1, summary: { keptAudited: 1 } });
  });

  it("leaves nothing behind when a file fails half-way", async () => {
    const before = await h.db.selectFrom("waterSamples").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    async function* broken(): AsyncIterable<TableRow> {
      yield* rows(`${HEADER}\nQS-02,2026-02-10T09:30:00+08:00,manual,${W1},`);
      throw new Error("disk read error");
    }
    await expect(importWaterSamples(deps(), null, { fileName: "broken.csv", fileSha256: "b", rows: broken() })).rejects.toThrow("disk read error");
    const after = await h.db.selectFrom("waterSamples").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const batch = await h.db.selectFrom("importBatches").select(["status", "error"]).where("fileName", "=", "broken.csv").executeTakeFirstOrThrow();
    expect(batch).toEqual({ status: "failed", error: "disk read error" });
  });

  it("classes samples (W1 river IV, W2 lake 劣V), the latest sample per section and period results", async () => {
    const read = createRepositories(h.db);
    const classes = await listSampleClasses(read, { from: "2026-01-01", to: "2026-01-31" });
    expect(classes.map((c) => [c.sectionCode, c.source, c.waterClass, c.deciding.join(";"), c.itemSet])).toEqual([
      ["DH-01", "manual", "II", "do;codmn;nh3n;tp", "manual_21"],
      ["QS-01", "manual", "IV", "tp", "manual_21"],
      ["QS-01", "auto", "III", "tp", "auto_5"],
      ["QS-02", "manual", "worse_than_V", "tp", "manual_21"],
    ]);
    expect(classes[1]!.cwqi).toBeCloseTo(7.4259, 4);

    const latest = await listSectionsLatest(read);
    expect(latest.map((s) => [s.code, s.districtCode, s.latest?.source, s.latest?.waterClass, s.latest?.meetsTarget])).toEqual([
      ["DH-01", "WT02", "manual", "II", true],
      ["QS-01", "WT01", "auto", "III", true],
      ["QS-02", "WT01", "manual", "worse_than_V", false],
    ]);

    const period = await waterPeriodResults(read, { from: "2026-01-01", to: "2026-01-31" });
    expect(period.districts.map((d) => [d.code, d.sectionCount, d.rank, d.goodShare.count, d.goodShare.total])).toEqual([
      ["WT01", 2, 2, 0, 2],
      ["WT02", 1, 1, 1, 1],
    ]);
  });
});
