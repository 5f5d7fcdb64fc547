import { describe, expect, it } from "vitest";
import { formatDecimal } from "../shared/decimal";
import { cityCwqi, CWQI_ITEMS, parameterIndex, sectionCwqi } from "./cwqi.rules";
import { cwqiChangePercent } from "./ranking.rules";
import { W1 } from "./testing";
import type { SectionValues } from "./water.schema";

/** W3 second river section and lake point (reference §5). */
const S2: SectionValues = { ...W1, do: "7.2", codmn: "3.1", cod: "12", bod5: "2.1", nh3n: "0.21", tp: "0.08", ph: "7.2" };
const LAKE: SectionValues = { ...W1, do: "6.8", codmn: "4.1", cod: "16", bod5: "2.8", nh3n: "0.35", tp: "0.04", ph: "8.4" };
const W3_CITY = [
  { waterbody: "river" as const, values: W1 },
  { waterbody: "river" as const, values: S2 },
  { waterbody: "lake" as const, values: LAKE },
];
const f4 = (x: number | null) => (x === null ? null : formatDecimal(x, 4));

describe("W3 — CWQI (reference §5)", () => {
  it("parameter indices of the W1 section", () => {
    const r = sectionCwqi("river", W1);
    expect(Object.fromEntries(r.indices.map((i) => [i.parameter, formatDecimal(i.index, 4)]))).toEqual({
      ph: "0.4000",
      do: "0.8929",
      codmn: "0.8000",
      cod: "0.9000",
      bod5: "0.8750",
      nh3n: "0.6200",
      tp: "1.0500",
      cu: "0.0040",
      zn: "0.0300",
      f: "0.4200",
      se: "0.0400",
      as: "0.0240",
      hg: "0.2000",
      cd: "0.0400",
      cr6: "0.0800",
      pb: "0.0400",
      cn: "0.0100",
      volatile_phenol: "0.3000",
      petroleum: "0.4000",
      las: "0.2500",
      sulfide: "0.0500",
    });
    expect(r.complete).toBe(true);
  });

  it("section CWQIs 7.4259, 4.9341 and lake 6.6566", () => {
    expect(f4(sectionCwqi("river", W1).cwqi)).toBe("7.4259");
    expect(f4(sectionCwqi("river", S2).cwqi)).toBe("4.9341");
    expect(f4(sectionCwqi("lake", LAKE).cwqi)).toBe("6.6566");
  });

  it("city by averaging section indices: river 6.1800, lake 6.6566, city 6.3389", () => {
    const c = cityCwqi(W3_CITY, { aggregation: "index_mean" });
    expect(f4(c.river)).toBe("6.1800");
    expect(f4(c.lake)).toBe("6.6566");
    expect(f4(c.cwqi)).toBe("6.3389");
    expect(c.riverCount).toBe(2);
    expect(c.lakeCount).toBe(1);
    expect(c.sections.map((s) => f4(s.cwqi))).toEqual(["7.4259", "4.9341", "6.6566"]);
  });

  it("city by averaging concentrations first with arithmetic pH: 6.3306 (the Anhui-release figure)", () => {
    const c = cityCwqi(W3_CITY, { aggregation: "concentration_mean", phAveraging: "arithmetic" });
    expect(f4(c.cwqi)).toBe("6.3306");
    expect(f4(c.lake)).toBe("6.6566");
  });

  it("default aggregation averages concentrations, pH via hydrogen ions: 6.2985", () => {
    const c = cityCwqi(W3_CITY);
    expect(c.aggregation).toBe("concentration_mean");
    expect(f4(c.cwqi)).toBe("6.2985");
  });

  it("ΔCWQI against a base-year 6.35 is −0.18 %", () => {
    const c = cityCwqi(W3_CITY, { aggregation: "index_mean" });
    expect(formatDecimal(cwqiChangePercent(c.cwqi ?? 0, 6.35), 2)).toBe("-0.18");
  });
});

describe("CWQI parameter indices", () => {
  it("uses Class III denominators, TP by water-body type", () => {
    expect(parameterIndex("tp", "0.21", "river")).toBe(1.05);
    expect(parameterIndex("tp", "0.04", "lake")).toBe(0.8);
    expect(parameterIndex("nh3n", "1.0", "river")).toBe(1);
    expect(parameterIndex("hg", "0.00002", "river")).toBe(0.2);
  });

  it("DO is inverted: 5 / DO", () => {
    expect(parameterIndex("do", "5", "river")).toBe(1);
    expect(parameterIndex("do", "10", "river")).toBe(0.5);
    expect(() => parameterIndex("do", "0", "river")).toThrow(RangeError);
  });

  it.each([
    ["7", 0],
    ["6", 1],
    ["6.5", 0.5],
    ["8", 0.5],
    ["9", 1],
    ["5", 2],
    ["10", 1.5],
  ])("pH %s → %d (two-sided)", (ph, idx) => {
    expect(parameterIndex("ph", ph, "river")).toBe(idx);
  });

  it("non-detects enter at half the detection limit by default (factor configurable)", () => {
    expect(parameterIndex("hg", "0.00004L", "river")).toBe(0.2);
    expect(parameterIndex("hg", "0.00004L", "river", { nonDetectFactor: 1 })).toBe(0.4);
    expect(() => parameterIndex("do", "1L", "river")).toThrow(RangeError);
  });

  it("sums the 21 items; missing items are skipped and reported", () => {
    expect(CWQI_ITEMS).toHaveLength(21);
    const { hg: _hg, ...noHg } = W1;
    const r = sectionCwqi("river", { ...noHg, tn: "5", fecal_coliform: "90000" });
    expect(r.missing).toEqual(["hg"]);
    expect(r.complete).toBe(false);
    expect(r.indices).toHaveLength(20);
    expect(f4(r.cwqi)).toBe("7.2259"); // 7.4259 − 0.2; TN and fecal coliform are not CWQI items
  });

  it("city with no sections → null; rivers only → city = river", () => {
    expect(cityCwqi([]).cwqi).toBeNull();
    const c = cityCwqi(W3_CITY.slice(0, 2), { aggregation: "index_mean" });
    expect(c.cwqi).toBe(c.river);
    expect(c.lake).toBeNull();
  });

  it("concentration mean averages each item over the sections reporting it", () => {
    const { tp: _tp, ...noTp } = S2;
    const c = cityCwqi(
      [
        { waterbody: "river", values: W1 },
        { waterbody: "river", values: noTp },
      ],
      { phAveraging: "arithmetic" },
    );
    // TP only from W1 (1.05); all other items averaged over both.
    const both = cityCwqi(
      [
        { waterbody: "river", values: W1 },
        { waterbody: "river", values: { ...S2, tp: "0.21" } },
      ],
      { phAveraging: "arithmetic" },
    );
    expect(c.cwqi).toBe(both.cwqi);
    expect(c.missing).toEqual({ river: [], lake: [] });
  });
});
