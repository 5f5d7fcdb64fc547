import { describe, expect, it } from "vitest";
import { add, compare, parseDecimal, sub, toDecimalString } from "../shared/decimal";
import { assessRiver, classifyParameter, classifySection, exceedanceMultiple, sectionStatus } from "./class.rules";
import { TABLE1_LIMITS } from "./limits";
import { W1 } from "./testing";
import type { Measurement, ParameterId, SectionValues, TargetClass, WaterClass, Waterbody } from "./water.schema";

const classOf = (p: ParameterId, v: Measurement, wb: Waterbody = "river"): WaterClass | string => {
  const o = classifyParameter(p, v, wb);
  return o.evaluated ? o.waterClass : `skip:${o.reason}`;
};

describe("worked examples (reference §5)", () => {
  it("W1: river section, target III → IV (轻度污染), TP decides, exceedance 0.05", () => {
    const r = classifySection({ waterbody: "river", values: W1, itemSet: "manual_21", target: "III" });
    expect(r.itemSetId).toBe("manual_21");
    expect(r.waterClass).toBe("IV");
    expect(r.status).toBe("light");
    expect(r.decidingParameters).toEqual(["tp"]);
    expect(r.meetsTarget).toBe(false);
    expect(r.skipped).toEqual([]);
    expect(r.exceedances).toEqual([
      { parameter: "tp", value: "0.21", nonDetect: false, waterClass: "IV", targetLimit: "0.2", multiple: 0.05 },
    ]);
    const byParam = Object.fromEntries(r.parameters.map((p) => [p.parameter, p.waterClass]));
    expect(byParam).toMatchObject({ do: "III", codmn: "III", cod: "III", bod5: "III", nh3n: "III", tp: "IV", ph: "I" });
    for (const p of ["cu", "zn", "f", "se", "as", "hg", "cd", "cr6", "pb", "cn", "volatile_phenol", "petroleum", "las", "sulfide"])
      expect(byParam[p], p).toBe("I");
  });

  it("W2: the same numbers at a lake point → TP 劣Ⅴ, section 劣Ⅴ (重度污染)", () => {
    const r = classifySection({ waterbody: "lake", values: W1, itemSet: "manual_21", target: "III" });
    expect(r.waterClass).toBe("worse_than_V");
    expect(r.status).toBe("heavy");
    expect(r.decidingParameters).toEqual(["tp"]);
    // Against the lake Class III limit 0.05: (0.21 − 0.05) / 0.05 = 3.2
    expect(r.exceedances.map((e) => [e.parameter, e.targetLimit, e.multiple])).toEqual([["tp", "0.05", 3.2]]);
  });

  it("W1/W2: the section type moves the TP class by two classes", () => {
    expect(classOf("tp", "0.21", "river")).toBe("IV");
    expect(classOf("tp", "0.21", "lake")).toBe("worse_than_V");
  });
});

describe("automatic stations (reference §5)", () => {
  const lakeStation: SectionValues = { ph: "7.6", do: "6.5", codmn: "3.5", nh3n: "0.3", tp: "0.04", tn: "3.1" };

  it("classify on pH, DO, CODMn, NH3-N, TP only — TN ignored even at a lake point", () => {
    const r = classifySection({ waterbody: "lake", values: lakeStation, itemSet: "auto_5" });
    expect(r.itemSetId).toBe("auto_5");
    expect(r.waterClass).toBe("III"); // lake TP 0.04 ≤ 0.05
    expect(r.decidingParameters).toEqual(["tp"]);
    expect(r.parameters.map((p) => p.parameter)).toEqual(["ph", "do", "codmn", "nh3n", "tp"]);
    // TN 3.1 would be 劣Ⅴ; it is reported beside the class, not deciding it.
    expect(r.separatelyAssessed).toEqual([{ parameter: "tn", value: "3.1", nonDetect: false, waterClass: "worse_than_V" }]);
  });

  it("TP column follows the stored type, not the name: a '…水库' station stored as river uses river TP", () => {
    const values: SectionValues = { ph: "7.6", do: "6.5", codmn: "3.5", nh3n: "0.3", tp: "0.15" };
    expect(classifySection({ waterbody: "river", values, itemSet: "auto_5" }).waterClass).toBe("III");
    expect(classifySection({ waterbody: "lake", values, itemSet: "auto_5" }).waterClass).toBe("V");
  });

  it("items outside the five never decide an automatic-station class", () => {
    const values: SectionValues = { ph: "7.6", do: "7.6", codmn: "1.5", nh3n: "0.1", tp: "0.01", cod: "45" };
    expect(classifySection({ waterbody: "river", values, itemSet: "auto_5" }).waterClass).toBe("I");
    expect(classifySection({ waterbody: "river", values, itemSet: "manual_21" }).waterClass).toBe("worse_than_V");
  });
});

/** Table 1 as printed (reference §2), re-typed here so the data in limits.ts is checked independently. */
const PRINTED: Record<ParameterId, readonly string[]> = {
  ph: ["6", "6", "6", "6", "6"],
  do: ["7.5", "6", "5", "3", "2"],
  codmn: ["2", "4", "6", "10", "15"],
  cod: ["15", "15", "20", "30", "40"],
  bod5: ["3", "3", "4", "6", "10"],
  nh3n: ["0.15", "0.5", "1.0", "1.5", "2.0"],
  tp: ["0.02", "0.1", "0.2", "0.3", "0.4"],
  tn: ["0.2", "0.5", "1.0", "1.5", "2.0"],
  cu: ["0.01", "1.0", "1.0", "1.0", "1.0"],
  zn: ["0.05", "1.0", "1.0", "2.0", "2.0"],
  f: ["1.0", "1.0", "1.0", "1.5", "1.5"],
  se: ["0.01", "0.01", "0.01", "0.02", "0.02"],
  as: ["0.05", "0.05", "0.05", "0.1", "0.1"],
  hg: ["0.00005", "0.00005", "0.0001", "0.001", "0.001"],
  cd: ["0.001", "0.005", "0.005", "0.005", "0.01"],
  cr6: ["0.01", "0.05", "0.05", "0.05", "0.1"],
  pb: ["0.01", "0.01", "0.05", "0.05", "0.1"],
  cn: ["0.005", "0.05", "0.2", "0.2", "0.2"],
  volatile_phenol: ["0.002", "0.002", "0.005", "0.01", "0.1"],
  petroleum: ["0.05", "0.05", "0.05", "0.5", "1.0"],
  las: ["0.2", "0.2", "0.2", "0.3", "0.3"],
  sulfide: ["0.05", "0.1", "0.2", "0.5", "1.0"],
  fecal_coliform: ["200", "2000", "10000", "20000", "40000"],
};
const LAKE_TP = ["0.01", "0.025", "0.05", "0.1", "0.2"];
const CLASSES: readonly TargetClass[] = ["I", "II", "III", "IV", "V"];
const EPS = parseDecimal("1e-9");

/** Independent expectation: the best class whose printed limit the value meets, else 劣Ⅴ. */
function expected(limits: readonly string[], v: string, direction: "max" | "min"): WaterClass {
  const i = limits.findIndex((l) => (direction === "max" ? compare(parseDecimal(v), parseDecimal(l)) <= 0 : compare(parseDecimal(v), parseDecimal(l)) >= 0));
  return CLASSES[i] ?? "worse_than_V";
}

describe("Table 1 limits", () => {
  it("limits.ts equals the printed table, TP lake column included", () => {
    for (const [p, limits] of Object.entries(PRINTED)) {
      expect(TABLE1_LIMITS[p as ParameterId].river.map((l) => toDecimalString(parseDecimal(l))), p).toEqual(
        limits.map((l) => toDecimalString(parseDecimal(l))),
      );
    }
    expect([...TABLE1_LIMITS.tp.lake]).toEqual(LAKE_TP);
    expect(TABLE1_LIMITS.tn.appliesToRiver).toBe(false);
  });

  const maxRows: [ParameterId, Waterbody, readonly string[]][] = (Object.keys(PRINTED) as ParameterId[])
    .filter((p) => p !== "ph" && p !== "do")
    .map((p) => [p, p === "tn" ? "lake" : "river", PRINTED[p]]);
  maxRows.push(["tp", "lake", LAKE_TP]);

  describe.each(maxRows)("%s (%s): value = limit meets it, limit + 1e-9 does not", (p, wb, limits) => {
    it.each(CLASSES.map((c, i) => [c, limits[i] ?? ""]))("class %s limit %s", (_c, limit) => {
      const above = toDecimalString(add(parseDecimal(limit), EPS));
      expect(classOf(p, limit, wb)).toBe(expected(limits, limit, "max"));
      expect(classOf(p, above, wb)).toBe(expected(limits, above, "max"));
    });
  });

  it("equal limits give the better class: COD 15 is Class I, 15.1 is Class III", () => {
    expect(classOf("cod", "15")).toBe("I");
    expect(classOf("cod", "15.1")).toBe("III");
    expect(classOf("cu", "0.011")).toBe("II");
    expect(classOf("hg", "0.00006")).toBe("III");
    expect(classOf("fecal_coliform", "40001")).toBe("worse_than_V");
    expect(classOf("tp", "0.4")).toBe("V");
    expect(classOf("tp", "0.401")).toBe("worse_than_V");
  });

  it("number inputs compare by their decimal value (0.3 is TP Class IV, not V)", () => {
    expect(classOf("tp", 0.3)).toBe("IV");
    expect(classOf("tp", 0.1 + 0.2)).toBe("V"); // 0.30000000000000004 is really above 0.3
    expect(classOf("hg", 5e-5)).toBe("I");
  });

  it.each(CLASSES.map((c, i) => [c, PRINTED.do[i] ?? ""]))("DO (reversed) class %s limit %s: at the limit meets, just below does not", (_c, limit) => {
    const below = toDecimalString(sub(parseDecimal(limit), EPS));
    expect(classOf("do", limit)).toBe(expected(PRINTED.do, limit, "min"));
    expect(classOf("do", below)).toBe(expected(PRINTED.do, below, "min"));
  });

  it("DO: higher is better, below 2 is 劣Ⅴ", () => {
    expect(classOf("do", "9.1")).toBe("I");
    expect(classOf("do", "7.49")).toBe("II");
    expect(classOf("do", "1.99")).toBe("worse_than_V");
    expect(classOf("do", "0")).toBe("worse_than_V");
  });

  it.each([
    ["6", "I"],
    ["9", "I"],
    ["7.8", "I"],
    ["5.99", "worse_than_V"],
    ["9.01", "worse_than_V"],
  ])("pH %s is %s (6–9 for every class)", (v, c) => {
    expect(classOf("ph", v)).toBe(c);
    expect(classOf("ph", v, "lake")).toBe(c);
  });
});

describe("single-factor section class", () => {
  it("劣Ⅴ when any item fails Class V; pH out of range alone gives 劣Ⅴ", () => {
    const r = classifySection({ waterbody: "river", values: { ...W1, nh3n: "2.3" }, itemSet: "manual_21", target: "III" });
    expect(r.waterClass).toBe("worse_than_V");
    expect(r.decidingParameters).toEqual(["nh3n"]);
    expect(r.exceedances.map((e) => [e.parameter, e.multiple])).toEqual([
      ["nh3n", 1.3],
      ["tp", 0.05],
    ]);
    const ph = classifySection({ waterbody: "river", values: { ...W1, tp: "0.1", ph: "9.2" }, itemSet: "manual_21", target: "III" });
    expect(ph.waterClass).toBe("worse_than_V");
    expect(ph.decidingParameters).toEqual(["ph"]);
    expect(ph.exceedances).toEqual([{ parameter: "ph", value: "9.2", nonDetect: false, waterClass: "worse_than_V", targetLimit: "6–9", multiple: null }]);
  });

  it("reports every deciding item when several share the worst class", () => {
    const r = classifySection({ waterbody: "river", values: { ...W1, cod: "25", do: "4.2" }, itemSet: "manual_21", target: "III" });
    expect(r.waterClass).toBe("IV");
    expect(r.decidingParameters).toEqual(["do", "cod", "tp"]);
    // DO has no exceedance multiple (环办〔2011〕22号); COD (25 − 20)/20 = 0.25.
    expect(r.exceedances.map((e) => [e.parameter, e.targetLimit, e.multiple])).toEqual([
      ["do", "5", null],
      ["cod", "20", 0.25],
      ["tp", "0.2", 0.05],
    ]);
  });

  it("meets the target when the class equals or beats it; no target → null", () => {
    const r = classifySection({ waterbody: "river", values: W1, itemSet: "manual_21", target: "IV" });
    expect(r.meetsTarget).toBe(true);
    expect(r.exceedances).toEqual([]);
    const none = classifySection({ waterbody: "river", values: W1, itemSet: "manual_21" });
    expect(none.meetsTarget).toBeNull();
    expect(none.target).toBeNull();
  });

  it("skips and reports missing items; the class rests on the rest", () => {
    const { tp: _tp, hg: _hg, ...rest } = W1;
    const r = classifySection({ waterbody: "river", values: { ...rest, cd: null }, itemSet: "manual_21", target: "III" });
    expect(r.skipped).toEqual([
      { parameter: "tp", reason: "missing" },
      { parameter: "hg", reason: "missing" },
      { parameter: "cd", reason: "missing" },
    ]);
    expect(r.waterClass).toBe("III");
    expect(r.parameters).toHaveLength(18);
  });

  it("nothing evaluated → no class, no status", () => {
    const r = classifySection({ waterbody: "river", values: {}, itemSet: "auto_5", target: "III" });
    expect(r.waterClass).toBeNull();
    expect(r.status).toBeNull();
    expect(r.meetsTarget).toBeNull();
    expect(r.skipped.map((s) => s.reason)).toEqual(["missing", "missing", "missing", "missing", "missing"]);
  });

  it("TN: manual_21 reports lake TN separately; Table 1 set lets it decide at lakes; rivers not applicable unless by reference", () => {
    const values = { ...W1, tp: "0.04", tn: "1.2", fecal_coliform: "3000" };
    const manual = classifySection({ waterbody: "lake", values, itemSet: "manual_21" });
    expect(manual.waterClass).toBe("III");
    expect(manual.separatelyAssessed.map((p) => [p.parameter, p.waterClass])).toEqual([
      ["tn", "IV"],
      ["fecal_coliform", "III"],
    ]);
    const full = classifySection({ waterbody: "lake", values, itemSet: "gb3838_table1" });
    expect(full.waterClass).toBe("IV");
    expect(full.decidingParameters).toEqual(["tn"]);

    const river = classifySection({ waterbody: "river", values: { ...values, tp: "0.1" }, itemSet: "gb3838_table1" });
    expect(river.skipped).toEqual([{ parameter: "tn", reason: "not_applicable" }]);
    expect(river.waterClass).toBe("III");
    const byRef = classifySection({
      waterbody: "river",
      values: { ...values, tp: "0.1" },
      itemSet: "gb3838_table1",
      options: { riverTnByReference: true },
    });
    expect(byRef.waterClass).toBe("IV");
    expect(byRef.decidingParameters).toEqual(["tn"]);
    expect(classifySection({ waterbody: "river", values: {}, itemSet: "gb3838_table1" }).skipped).toContainEqual({
      parameter: "tn",
      reason: "not_applicable",
    });
  });

  it("non-detects meet every limit not below the detection limit", () => {
    expect(classOf("hg", "0.00004L")).toBe("I");
    expect(classOf("hg", { nd: true, detectionLimit: "0.00005" })).toBe("I");
    expect(classOf("hg", "0.00006L")).toBe("III");
    expect(classOf("volatile_phenol", "0.2L")).toBe("skip:non_detect_inconclusive");
    expect(classOf("do", "0.5L")).toBe("skip:invalid_non_detect");
    const r = classifySection({ waterbody: "river", values: { ...W1, cn: "0.004L", hg: "0.00006L" }, itemSet: "manual_21", target: "II" });
    expect(r.parameters.find((p) => p.parameter === "cn")).toEqual({ parameter: "cn", value: "0.004", nonDetect: true, waterClass: "I" });
    // A non-detect is never given a multiple: its concentration is unknown.
    expect(r.exceedances.find((e) => e.parameter === "hg")?.multiple).toBeNull();
  });

  it("qualitative descriptions per class", () => {
    expect((["I", "II", "III", "IV", "V", "worse_than_V"] as const).map(sectionStatus)).toEqual([
      "excellent",
      "excellent",
      "good",
      "light",
      "moderate",
      "heavy",
    ]);
  });

  it("exceedance multiple is exact and not computed for pH/DO", () => {
    expect(exceedanceMultiple("tp", "0.21", "III", "river")).toBe(0.05);
    expect(exceedanceMultiple("nh3n", "1.1", "III", "river")).toBe(0.1);
    expect(exceedanceMultiple("do", "3", "III", "river")).toBeNull();
    expect(exceedanceMultiple("ph", "9.5", "III", "river")).toBeNull();
  });
});

describe("river/basin status (环办〔2011〕22号)", () => {
  const withTp = (tp: string): { waterbody: Waterbody; values: SectionValues } => ({ waterbody: "river", values: { ...W1, tp } });

  it("≥ 5 sections: by shares", () => {
    // 4 of 5 in I–III = 80 % → 良好
    const r = assessRiver([withTp("0.1"), withTp("0.1"), withTp("0.2"), withTp("0.15"), withTp("0.5")], "manual_21");
    expect(r.method).toBe("section_shares");
    expect(r.status).toBe("good");
    expect(r.goodShare).toEqual({ count: 4, total: 5, percent: 80 });
    expect(r.worseThanVShare.percent).toBe(20);
    // 3/5 good, 1/5 劣Ⅴ (20 %) → 中度污染
    expect(assessRiver([withTp("0.1"), withTp("0.1"), withTp("0.2"), withTp("0.35"), withTp("0.5")], "manual_21").status).toBe("moderate");
    // 9/10 = 90 % → 优 (boundary inclusive)
    expect(assessRiver([...Array(9).fill(withTp("0.1")), withTp("0.5")], "manual_21").status).toBe("excellent");
    // 3/5 good, none 劣Ⅴ → 轻度; 2/5 劣Ⅴ = 40 % → 重度
    expect(assessRiver([withTp("0.1"), withTp("0.1"), withTp("0.2"), withTp("0.35"), withTp("0.35")], "manual_21").status).toBe("light");
    expect(assessRiver([withTp("0.1"), withTp("0.1"), withTp("0.2"), withTp("0.5"), withTp("0.5")], "manual_21").status).toBe("heavy");
  });

  it("< 5 sections: classify the item-by-item mean", () => {
    const r = assessRiver([withTp("0.15"), withTp("0.29")], "manual_21");
    expect(r.method).toBe("mean_values");
    expect(r.meanValues?.tp).toBe("0.220");
    expect(r.meanResult?.waterClass).toBe("IV");
    expect(r.status).toBe("light");
    expect(() => assessRiver([withTp("0.1"), { waterbody: "lake", values: W1 }], "manual_21")).toThrow(RangeError);
  });
});
