import { describe, expect, it } from "vitest";
import { meanPh, periodMean, periodMeans, roundEvaluationValue } from "./period.rules";

describe("evaluation-value rounding (reference §3.5)", () => {
  it.each([
    ["nh3n", "0.125", "0.12"],
    ["nh3n", "0.135", "0.14"],
    ["tp", "0.2105", "0.210"],
    ["tp", "0.2115", "0.212"],
    ["do", "5.65", "5.6"],
    ["do", "5.75", "5.8"],
    ["ph", "7.5", "8"],
    ["tp", "0.2", "0.200"],
    ["ph", "8.5", "8"],
    ["hg", "0.000025", "0.00002"],
    ["cod", 18.05, "18.0"],
    ["volatile_phenol", "0.00155", "0.0016"],
  ] as const)("%s %s → %s (half-even)", (p, v, out) => {
    expect(roundEvaluationValue(p, v)).toBe(out);
  });

  it("keeps one significant figure when rounding would give 0", () => {
    expect(roundEvaluationValue("tp", "0.0004")).toBe("0.0004");
    expect(roundEvaluationValue("tp", "0.00045")).toBe("0.0004");
    expect(roundEvaluationValue("hg", "0.0000031")).toBe("0.000003");
    expect(roundEvaluationValue("tp", "0")).toBe("0.000");
  });

  it("digits can be overridden once the documents are checked", () => {
    expect(roundEvaluationValue("ph", "7.85", { ph: 1 })).toBe("7.8");
  });
});

describe("period means", () => {
  it("pH via hydrogen-ion concentration, not the arithmetic mean", () => {
    // −log10((1e−7 + 1e−8)/2) = 7.2596373105…
    expect(meanPh(["7", "8"])).toBe("7.2596373105");
    expect(meanPh(["7", "8"], "arithmetic")).toBe("7.5");
    expect(meanPh(["7.5", "7.5", "7.5"])).toBe("7.5");
    expect(periodMean("ph", ["7", "8"])).toBe("7");
    expect(periodMean("ph", ["7", "8"], { round: false })).toBe("7.2596373105");
  });

  it("averages exactly and rounds half-even to the evaluation digits", () => {
    expect(periodMean("tp", ["0.2", "0.22", "0.23"])).toBe("0.217");
    expect(periodMean("tp", [0.1, 0.2], { round: false })).toBe("0.15");
    expect(periodMean("tp", [0.1, 0.2])).toBe("0.150");
    expect(periodMean("do", ["5.6", "5.7"])).toBe("5.6"); // 5.65 → 5.6
  });

  it("non-detects: half the detection limit in a mean; all non-detects stay a non-detect", () => {
    expect(periodMean("tp", ["0.01L", "0.03"])).toBe("0.018"); // (0.005 + 0.03)/2 = 0.0175 → 0.018
    expect(periodMean("tp", ["0.01L", "0.03"], { nonDetectFactor: 1, round: false })).toBe("0.02");
    expect(periodMean("hg", ["0.00004L", "0.00002L"])).toEqual({ nd: true, detectionLimit: "0.00004" });
    expect(() => periodMean("do", ["1L", "5"])).toThrow(RangeError);
  });

  it("absent values are ignored; no values → null", () => {
    expect(periodMean("cod", [null, "18", undefined, "20"])).toBe("19.0");
    expect(periodMean("cod", [null, undefined])).toBeNull();
  });

  it("item by item over a set of samples", () => {
    expect(
      periodMeans([
        { tp: "0.2", cod: "18", ph: "7.2" },
        { tp: "0.22", cod: "19", ph: "7.2" },
      ]),
    ).toEqual({ ph: "7", cod: "18.5", tp: "0.210" }); // pH kept as an integer (§3.5)
  });
});
