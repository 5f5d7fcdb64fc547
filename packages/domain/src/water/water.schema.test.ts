import { describe, expect, it } from "vitest";
import {
  ITEM_SETS,
  MeasurementSchema,
  parseMeasurement,
  SectionProfileSchema,
  SectionValuesSchema,
  TargetClassSchema,
  WATER_PARAMETERS,
  WaterClassSchema,
} from "./water.schema";

describe("water schema", () => {
  it("names the 23 Table 1 items with class limits (temperature excluded)", () => {
    expect(WATER_PARAMETERS).toHaveLength(23);
    expect(WATER_PARAMETERS).not.toContain("water_temp");
  });

  it("item sets: automatic 5, manual 21 (no TN, no fecal coliform), full Table 1", () => {
    expect(ITEM_SETS.auto_5.items).toEqual(["ph", "do", "codmn", "nh3n", "tp"]);
    expect(ITEM_SETS.manual_21.items).toHaveLength(21);
    expect(ITEM_SETS.manual_21.items).not.toContain("tn");
    expect(ITEM_SETS.manual_21.items).not.toContain("fecal_coliform");
    expect(ITEM_SETS.gb3838_table1.items).toHaveLength(23);
  });

  it.each([
    ["III", "III"],
    ["Ⅲ类", "III"],
    ["iii", "III"],
    ["3", "III"],
    ["劣Ⅴ类", "worse_than_V"],
    ["劣V", "worse_than_V"],
    ["劣5类", "worse_than_V"],
    ["worse_than_V", "worse_than_V"],
  ])("reads class %s as %s", (input, out) => {
    expect(WaterClassSchema.parse(input)).toBe(out);
  });

  it("rejects 劣Ⅴ as a target and nonsense classes", () => {
    expect(TargetClassSchema.safeParse("劣Ⅴ").success).toBe(false);
    expect(WaterClassSchema.safeParse("VI").success).toBe(false);
    expect(WaterClassSchema.safeParse("劣Ⅲ").success).toBe(false);
  });

  it("reads non-detects written as detection limit + L", () => {
    expect(parseMeasurement("0.01L")).toEqual({ value: "0.01", nonDetect: true });
    expect(parseMeasurement("0.00004 L")).toEqual({ value: "0.00004", nonDetect: true });
    expect(parseMeasurement("<0.05")).toEqual({ value: "0.05", nonDetect: true });
    expect(parseMeasurement({ nd: true, detectionLimit: 0.01 })).toEqual({ value: "0.01", nonDetect: true });
    expect(parseMeasurement(" 0.21 ")).toEqual({ value: "0.21", nonDetect: false });
    expect(() => parseMeasurement("n/a")).toThrow(RangeError);
  });

  it("validates measurements and section values", () => {
    expect(MeasurementSchema.safeParse("0.01L").success).toBe(true);
    expect(MeasurementSchema.safeParse("-1").success).toBe(false);
    expect(MeasurementSchema.safeParse(-1).success).toBe(false);
    expect(MeasurementSchema.safeParse("x").success).toBe(false);
    expect(SectionValuesSchema.safeParse({ tp: "0.21", do: 5.6, hg: "0.00004L", cod: null }).success).toBe(true);
    expect(SectionValuesSchema.safeParse({ toc: 1 }).success).toBe(false);
  });

  it("stores water-body type and target per section", () => {
    const s = SectionProfileSchema.parse({
      code: "S01",
      name: "某某水库出口",
      kind: "provincial",
      waterbody: "river",
      targetClass: "Ⅲ类",
      drinkingWaterSource: false,
    });
    expect(s.targetClass).toBe("III");
    expect(s.waterbody).toBe("river");
  });
});
