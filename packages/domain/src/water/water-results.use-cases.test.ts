import { beforeEach, describe, expect, it } from "vitest";
import { isDomainError } from "../shared/domain-error";
import { W1 } from "./testing";
import { basePeriodOf, formatSampleClassesCsv, listSampleClasses, listSectionsLatest, toBeijingIso, waterPeriodResults } from "./water-results.use-cases";
import { DISTRICTS, memoryWater } from "./water-repos.testing";
import type { WaterSample, WaterSection } from "./water.ports";
import type { SectionValues, TargetClass, Waterbody } from "./water.schema";

let mem: ReturnType<typeof memoryWater>;
let n = 0;

async function section(code: string, waterbody: Waterbody, target: TargetClass | null, district = DISTRICTS[0]!): Promise<WaterSection> {
  return mem.repos.waterSections.insert({ code, name: `断面${code}`, districtId: district.id, kind: "national", waterbody, targetClass: target, lat: null, lon: null }, new Date());
}
async function sample(s: WaterSection, time: string, source: "auto" | "manual", values: SectionValues, status: "preliminary" | "audited" = "audited") {
  const row: WaterSample = { sectionId: s.id, time: new Date(time), source, values: values as WaterSample["values"], status, importId: null };
  await mem.repos.waterSamples.upsertMany([row], new Date());
}

// W3 (reference §5) with integer pH, so the period evaluation values (pH to 0 decimals, §3.5) equal the inputs.
const SECOND_RIVER: SectionValues = { ...W1, ph: "7", do: "7.2", codmn: "3.1", cod: "12", bod5: "2.1", nh3n: "0.21", tp: "0.08" };
const LAKE_POINT: SectionValues = { ...W1, ph: "8", do: "6.8", codmn: "4.1", cod: "16", bod5: "2.8", nh3n: "0.35", tp: "0.04" };

beforeEach(() => {
  mem = memoryWater();
  n++;
});

describe("sample classes", () => {
  it("W1 at a river section → IV by TP, CWQI 7.4259; W2 at a lake point → 劣V; auto samples use 5 items", async () => {
    const river = await section("QS-01", "river", "III");
    const lake = await section("QS-02", "lake", "III");
    await sample(river, "2026-01-10T00:00:00+08:00", "manual", W1);
    await sample(lake, "2026-01-10T00:00:00+08:00", "manual", W1);
    await sample(river, "2026-01-10T10:00:00+08:00", "auto", { ph: "7.6", do: "6.2", codmn: "3.9", nh3n: "0.48", tp: "0.12" });
    const rows = await listSampleClasses(mem.repos, { from: "2026-01-01", to: "2026-01-31" });
    expect(rows.map((r) => [r.sectionCode, r.source, r.waterClass, r.deciding, r.itemSet, r.meetsTarget])).toEqual([
      ["QS-01", "manual", "IV", ["tp"], "manual_21", false],
      ["QS-01", "auto", "III", ["tp"], "auto_5", true],
      ["QS-02", "manual", "worse_than_V", ["tp"], "manual_21", false],
    ]);
    expect(rows[0]!.cwqi).toBeCloseTo(7.4259, 4);
    expect(rows[1]!.cwqi).toBeNull();
    // Lake TP index: 0.21 / 0.05 = 4.2 instead of 1.05 → 7.4259 + 3.15.
    expect(rows[2]!.cwqi).toBeCloseTo(10.5759, 4);
    expect(formatSampleClassesCsv(rows)).toBe(
      [
        "section_code,time,class,deciding,cwqi,items",
        "QS-01,2026-01-10T00:00:00+08:00,IV,tp,7.4259,manual_21",
        "QS-01,2026-01-10T10:00:00+08:00,III,tp,,auto_5",
        "QS-02,2026-01-10T00:00:00+08:00,劣V,tp,10.5759,manual_21",
        "",
      ].join("\n"),
    );
  });

  it("joins tied deciding parameters with ';'", async () => {
    const s = await section("QS-01", "river", "III");
    await sample(s, "2026-01-10T00:00:00+08:00", "auto", { ph: "7", do: "4", codmn: "8", nh3n: "0.3", tp: "0.1" });
    const rows = await listSampleClasses(mem.repos, { from: "2026-01-10", to: "2026-01-10" });
    expect(formatSampleClassesCsv(rows).split("\n")[1]).toBe("QS-01,2026-01-10T00:00:00+08:00,IV,do;codmn,,auto_5");
  });

  it("takes Beijing days: a sample at 23:30 on 31 January belongs to January", async () => {
    const s = await section("QS-01", "river", "III");
    await sample(s, "2026-01-31T23:30:00+08:00", "manual", W1);
    expect(await listSampleClasses(mem.repos, { from: "2026-01-31", to: "2026-01-31" })).toHaveLength(1);
    expect(await listSampleClasses(mem.repos, { from: "2026-02-01", to: "2026-02-28" })).toHaveLength(0);
  });

  it.each([
    [{ from: "2026-02-01", to: "2026-01-01" }, "period_order"],
    [{ from: "2026-02-30", to: "2026-03-01" }, "date_format"],
    [{ from: "2020-01-01", to: "2026-01-01" }, "period_length"],
    [{ from: "2026-01-01" }, "required"],
  ])("rejects %o with a bilingual field error (%s)", async (q, rule) => {
    const e = await listSampleClasses(mem.repos, q).catch((x) => x);
    expect(isDomainError(e) && e.kind).toBe("invalid");
    expect(e.details.fieldErrors[0].rule).toBe(rule);
    expect(e.text.zh).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("sections with their latest class", () => {
  it("uses each section's latest sample, with the item set of its source", async () => {
    const a = await section("QS-01", "river", "III");
    await section("QS-09", "lake", "II");
    await sample(a, "2026-01-10T00:00:00+08:00", "manual", W1);
    await sample(a, "2026-01-11T00:00:00+08:00", "auto", { ph: "7.6", do: "6.2", codmn: "3.9", nh3n: "0.48", tp: "0.12" }, "preliminary");
    const list = await listSectionsLatest(mem.repos);
    expect(list.map((s) => [s.code, s.latest?.waterClass ?? null, s.latest?.itemSet ?? null, s.latest?.meetsTarget ?? null, s.latest?.status ?? null])).toEqual([
      ["QS-01", "III", "auto_5", true, "preliminary"],
      ["QS-09", null, null, null, null],
    ]);
  });
});

describe("period results", () => {
  async function w3City() {
    const [home, east] = [DISTRICTS[0]!, DISTRICTS[1]!];
    const r1 = await section("QS-01", "river", "III", home);
    const r2 = await section("QS-03", "river", "II", home);
    const lake = await section("DH-01", "lake", "III", east);
    for (const month of ["01", "02"]) {
      await sample(r1, `2026-${month}-10T00:00:00+08:00`, "manual", { ...W1, ph: "8" });
      await sample(r2, `2026-${month}-10T00:00:00+08:00`, "manual", SECOND_RIVER);
      await sample(lake, `2026-${month}-10T00:00:00+08:00`, "manual", LAKE_POINT);
    }
    // Base year: QS-01 was Class III (TP 0.15), QS-03 Class II; the lake point had no data.
    await sample(r1, "2025-01-10T00:00:00+08:00", "manual", { ...W1, ph: "8", tp: "0.15" });
    await sample(r2, "2025-01-10T00:00:00+08:00", "manual", SECOND_RIVER);
    // An automatic sample does not replace the manual evaluation of the same section.
    await sample(r1, "2026-01-20T00:00:00+08:00", "auto", { ph: "7", do: "9", codmn: "1", nh3n: "0.1", tp: "0.01" });
  }

  it("classes sections from period means against their targets, recording the item set", async () => {
    await w3City();
    const r = await waterPeriodResults(mem.repos, { from: "2026-01-01", to: "2026-02-28" });
    expect(r.base).toEqual({ from: "2025-01-01", to: "2025-02-28" });
    expect(r.sections.map((s) => [s.code, s.itemSet, s.sampleCount, s.waterClass, s.deciding, s.meetsTarget, s.baseClass])).toEqual([
      ["DH-01", "manual_21", 2, "III", ["codmn", "cod", "tp"], true, null],
      ["QS-01", "manual_21", 2, "IV", ["tp"], false, "III"],
      ["QS-03", "manual_21", 2, "II", expect.arrayContaining(["do", "nh3n", "tp"]), true, "II"],
    ]);
    expect(r.sections[1]!.means).toMatchObject({ ph: "8", tp: "0.210", do: "5.6" });
    expect(r.sections[1]!.dataStatus).toBe("audited");
  });

  it("computes district CWQIs, ranks the city's districts and the I–III share year on year (index-mean aggregation = W3)", async () => {
    await w3City();
    const r = await waterPeriodResults(mem.repos, { from: "2026-01-01", to: "2026-02-28" }, { aggregation: "index_mean", nonDetectFactor: "0.5", phAveraging: "hydrogen_ion", sourcePreference: "prefer_manual" });
    // Section CWQIs: W1 7.4259 + 0.1 (pH 8 instead of 7.8) = 7.5259; second river 4.9341 − 0.1 = 4.8341; lake 6.6566 − 0.2 = 6.4566.
    const [dh, qs1, qs3] = r.sections;
    expect(qs1!.cwqi).toBeCloseTo(7.5259, 4);
    expect(qs3!.cwqi).toBeCloseTo(4.8341, 4);
    expect(dh!.cwqi).toBeCloseTo(6.4566, 4);
    const [home, east, west] = r.districts;
    expect(home).toMatchObject({ code: "QY01", isHome: true, sectionCount: 2, rank: 1, goodShare: { count: 1, total: 2, percent: 50 }, baseGoodShare: { count: 2, total: 2, percent: 100 }, goodShareChangePp: -50 });
    expect(home!.cwqi).toBeCloseTo((7.5259 + 4.8341) / 2, 4);
    expect(east).toMatchObject({ code: "QY02", rank: 2, baseCwqi: null, cwqiChangePercent: null, goodShareChangePp: null });
    expect(east!.cwqi).toBeCloseTo(6.4566, 4);
    expect(west).toMatchObject({ code: "QY03", sectionCount: 0, cwqi: null, rank: null });
    expect(r.city.cwqi).toBeCloseTo((7.5259 + 4.8341 + 6.4566) / 3, 4);
    expect(r.city.goodShare).toMatchObject({ count: 2, total: 3 });
    expect(r.city.goodShareChangePp).toBeCloseTo(-100 / 3, 10);
    // ΔCWQI of the home district: base = QS-01 with TP 0.15 (index 0.75 instead of 1.05) and QS-03.
    expect(home!.cwqiChangePercent).toBeCloseTo(((7.5259 + 4.8341) / 2 / ((7.5259 - 0.3 + 4.8341) / 2) - 1) * 100, 2);
  });

  it("defaults to averaging concentrations first, which differs from the index mean through DO and pH", async () => {
    await w3City();
    const r = await waterPeriodResults(mem.repos, { from: "2026-01-01", to: "2026-02-28" });
    expect(r.settings.aggregation).toBe("concentration_mean");
    expect(r.districts[0]!.cwqi).not.toBeCloseTo((7.5259 + 4.8341) / 2, 4);
    expect(r.districts[0]!.cwqi).toBeCloseTo((7.5259 + 4.8341) / 2, 0);
  });

  it("falls back to automatic samples (5 items, no CWQI) for a section without manual monitoring", async () => {
    const s = await section("AUTO-1", "lake", "III");
    await sample(s, "2026-01-05T08:00:00+08:00", "auto", { ph: "7.6", do: "6.2", codmn: "3.9", nh3n: "0.48", tp: "0.04" }, "preliminary");
    await sample(s, "2026-01-05T12:00:00+08:00", "auto", { ph: "7.8", do: "6.0", codmn: "4.1", nh3n: "0.52", tp: "0.06" }, "audited");
    const r = await waterPeriodResults(mem.repos, { from: "2026-01-01", to: "2026-01-31" });
    expect(r.sections[0]).toMatchObject({ itemSet: "auto_5", sampleCount: 2, dataStatus: "preliminary", waterClass: "III", cwqi: null, means: { tp: "0.050" } });
    expect(r.districts[0]).toMatchObject({ cwqi: null, rank: null, goodShare: { count: 1, total: 1 } });
  });
});

describe("helpers", () => {
  it.each([
    [{ from: "2025-01-01", to: "2025-12-31" }, { from: "2024-01-01", to: "2024-12-31" }],
    [{ from: "2024-02-01", to: "2024-02-29" }, { from: "2023-02-01", to: "2023-02-28" }],
  ])("base period of %o is %o", (q, base) => {
    expect(basePeriodOf(q)).toEqual(base);
  });

  it("writes Beijing time with its offset", () => {
    expect(toBeijingIso(new Date("2026-01-09T16:00:00Z"))).toBe("2026-01-10T00:00:00+08:00");
  });
});
