import { classifySection, parseMeasurement, type SectionValues } from "@ecogov/domain/water";
import { describe, expect, it } from "vitest";
import { DEMO_WATER_SECTIONS } from "./demo-network";
import { generateWaterSamples, WATER_SAMPLE_PARAMETERS, waterSamplesCsv, waterSectionsCsv } from "./water-samples.generator";

const year = { sections: DEMO_WATER_SECTIONS, from: "2025-01-01", to: "2025-12-31" };

describe("the demo water sections", () => {
  it("include a national-assessment section, rivers and a reservoir, with targets II–IV", () => {
    expect(DEMO_WATER_SECTIONS.length).toBe(8);
    expect(DEMO_WATER_SECTIONS.some((s) => s.kind === "national" && s.waterbody === "river")).toBe(true);
    expect(DEMO_WATER_SECTIONS.some((s) => s.waterbody === "lake" && s.name.includes("水库"))).toBe(true);
    expect(new Set(DEMO_WATER_SECTIONS.map((s) => s.targetClass))).toEqual(new Set(["II", "III", "IV"]));
  });

  it("writes the sections file in the import format", () => {
    const [header, first] = waterSectionsCsv(DEMO_WATER_SECTIONS).split("\n");
    expect(header).toBe("section_code,name,district_code,kind,waterbody,target_class,lat,lon");
    expect(first).toBe("QYW01,青山河入江口,QY01,national,river,III,30.1092,114.9013");
  });
});

describe("generateWaterSamples", () => {
  it("samples every section once a month, deterministically", () => {
    const rows = generateWaterSamples(year);
    expect(rows).toHaveLength(8 * 12);
    expect(generateWaterSamples(year)).toEqual(rows);
    for (const r of rows) expect(r.time).toMatch(/^2025-\d{2}-(0[6-9]|1[0-5])T\d{2}:[03]0:00\+08:00$/);
  });

  it("writes values in monitoring notation that the water rules read (decimals, non-detects as '0.01L')", () => {
    const rows = generateWaterSamples(year);
    let nonDetects = 0;
    for (const r of rows) {
      for (const p of WATER_SAMPLE_PARAMETERS) {
        const m = parseMeasurement(r.values[p]);
        if (m.nonDetect) nonDetects++;
      }
      expect(Number(r.values.ph)).toBeGreaterThan(6.5);
      expect(Number(r.values.ph)).toBeLessThan(9);
    }
    expect(nonDetects).toBeGreaterThan(rows.length * 5);
  });

  it("lets most sections meet their target most months, and some miss it", () => {
    const rows = generateWaterSamples(year);
    const missed = new Map<string, number>();
    for (const r of rows) {
      const s = DEMO_WATER_SECTIONS.find((x) => x.code === r.sectionCode)!;
      const c = classifySection({ waterbody: s.waterbody, values: r.values as SectionValues, itemSet: "manual_21", target: s.targetClass });
      if (!c.meetsTarget) missed.set(s.code, (missed.get(s.code) ?? 0) + 1);
    }
    const met = rows.length - [...missed.values()].reduce((a, b) => a + b, 0);
    expect(met / rows.length).toBeGreaterThan(0.6);
    expect(met / rows.length).toBeLessThan(0.95);
    expect(missed.get("QYW06") ?? 0).toBeLessThanOrEqual(2);
    expect(missed.get("QYW07") ?? 0).toBeGreaterThan(4);
  });

  it("marks samples from auditedBefore on as preliminary, and writes the status column", () => {
    const csv = waterSamplesCsv({ ...year, auditedBefore: "2025-12-01" });
    const lines = csv.trimEnd().split("\n");
    expect(lines[0]).toBe(`section_code,time,source,status,${WATER_SAMPLE_PARAMETERS.join(",")}`);
    expect(lines.filter((l) => l.includes(",preliminary,"))).toHaveLength(8);
    expect(lines.filter((l) => l.includes(",audited,"))).toHaveLength(88);
  });
});
