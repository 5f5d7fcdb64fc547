import { describe, expect, it } from "vitest";
import { canEditKpis, goodDaysNeeded, kpiProgress } from "./kpi.rules";

describe("goodDaysNeeded", () => {
  it.each([
    // 85 % of 365 days = 310.25 → 311 good days; 200 so far with 100 days left → 111 more.
    [{ goodDays: 200, validDays: 265, remainingDays: 100, targetRatio: 0.85 }, { needed: 111, attainable: false }],
    [{ goodDays: 230, validDays: 265, remainingDays: 100, targetRatio: "0.85" }, { needed: 81, attainable: true }],
    // Exactly on the boundary: 0.8 × 100 = 80, no rounding up.
    [{ goodDays: 60, validDays: 80, remainingDays: 20, targetRatio: "0.8" }, { needed: 20, attainable: true }],
    [{ goodDays: 320, validDays: 330, remainingDays: 35, targetRatio: 0.85 }, { needed: 0, attainable: true }],
    [{ goodDays: 0, validDays: 0, remainingDays: 365, targetRatio: 0.852 }, { needed: 311, attainable: true }],
  ])("%o → %o", (input, expected) => {
    expect(goodDaysNeeded(input)).toMatchObject({ ...expected, remainingDays: input.remainingDays });
  });

  it("says it in Chinese and English", () => {
    const r = goodDaysNeeded({ goodDays: 230, validDays: 265, remainingDays: 100, targetRatio: 0.85 });
    expect(r.message).toEqual({ zh: "剩余 100 天中还需 81 个优良天", en: "81 more good days needed in the remaining 100 days" });
    expect(r.currentPercent).toBe(86.8);
    expect(r.bestPercent).toBe(90.4);
    expect(goodDaysNeeded({ goodDays: 200, validDays: 265, remainingDays: 100, targetRatio: 0.85 }).message.en).toMatch(/missed by 11 days/);
    expect(goodDaysNeeded({ goodDays: 0, validDays: 0, remainingDays: 10, targetRatio: 0.5 }).currentPercent).toBeNull();
  });

  it.each([
    { goodDays: 5, validDays: 4, remainingDays: 0, targetRatio: 0.5 },
    { goodDays: -1, validDays: 4, remainingDays: 0, targetRatio: 0.5 },
    { goodDays: 1, validDays: 4, remainingDays: 1.5, targetRatio: 0.5 },
    { goodDays: 1, validDays: 4, remainingDays: 1, targetRatio: 85 },
  ])("rejects impossible input %o", (input) => {
    expect(() => goodDaysNeeded(input)).toThrow(RangeError);
  });
});

describe("kpiProgress", () => {
  it.each([
    [{ direction: "higher_better", target: "85", value: "85.0" }, { status: "met", gap: "0", percentOfTarget: 100 }],
    [{ direction: "higher_better", target: "90", value: "82.5" }, { status: "not_met", gap: "7.5", percentOfTarget: 91.67 }],
    [{ direction: "lower_better", target: "120", value: "131.2" }, { status: "not_met", gap: "11.2", percentOfTarget: null }],
    [{ direction: "lower_better", target: "120", value: "118" }, { status: "met", gap: "0", percentOfTarget: null }],
    [{ direction: "higher_better", target: "0.3", value: "0.1" }, { status: "not_met", gap: "0.2", percentOfTarget: 33.33 }],
    [{ direction: "higher_better", target: null, value: "1" }, { status: "no_target", gap: null }],
    [{ direction: "higher_better", target: "1", value: null }, { status: "no_value", gap: null }],
  ] as const)("%o → %o", (k, expected) => {
    expect(kpiProgress(k)).toMatchObject(expected);
  });
});

describe("canEditKpis", () => {
  it.each([
    ["admin", true],
    ["monitoring", true],
    ["supervision", true],
    ["leader", false],
    ["town_officer", false],
    ["unit_reporter", false],
  ] as const)("%s → %s", (role, ok) => {
    expect(canEditKpis(role)).toBe(ok);
  });
});
