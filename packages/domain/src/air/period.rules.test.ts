import { describe, expect, it } from "vitest";
import { toNumber } from "../shared/decimal";
import type { DailyRecord } from "./air.schema";
import { datesBetween } from "./civil-date";
import type { ComplianceDayInput } from "./period.rules";
import { computeComplianceDays, computePeriodStatistics, evaluatePeriod, hj663Percentile, meanOverSites } from "./period.rules";
import { percentagePointChange } from "./ranking.rules";

const clean = { so2_24h: 8, no2_24h: 30, co_24h: 0.6, pm10_24h: 45, pm25_24h: 20, o3_8h: 90, o3_1h: 120 };
const day = (date: string, overrides: Partial<DailyRecord> = {}): DailyRecord => ({ date, ...clean, ...overrides });

const P1_CO = [0.6, 0.7, 0.8, 0.8, 0.9, 1.0, 1.1, 1.2, 1.4, 1.6];
const P2_O3 = [
  88, 96, 99, 102, 105, 109, 110, 115, 117, 118, 120, 121, 126, 128, 130, 133, 137, 140, 142, 145, 149, 150, 155, 158, 161, 166, 171, 172, 176,
  183, 188,
];

describe("hj663Percentile (HJ 663 Appendix A)", () => {
  it("P1: CO P95 of 10 days is 1.51 (k = 9.55)", () => {
    const exact = hj663Percentile(P1_CO, 95);
    expect(exact && toNumber(exact)).toBe(1.51);
  });

  it("P2: O3 P90 of 31 days is X(28) = 172 (k = 28, no interpolation)", () => {
    const exact = hj663Percentile([...P2_O3].reverse(), 90);
    expect(exact && toNumber(exact)).toBe(172);
  });

  it("P2 with one day fewer interpolates 10 % of the way from X(27) to X(28) (k = 27.1)", () => {
    const exact = hj663Percentile(P2_O3.slice(1), 90);
    expect(exact && toNumber(exact)).toBe(172.4);
  });

  it("handles the ends: one value, p = 100 and p = 0", () => {
    expect(toNumber(hj663Percentile([5], 90) ?? { num: -1n, den: 1n })).toBe(5);
    expect(toNumber(hj663Percentile([3, 1, 2], 100) ?? { num: -1n, den: 1n })).toBe(3);
    expect(toNumber(hj663Percentile([3, 1, 2], 0) ?? { num: -1n, den: 1n })).toBe(1);
    expect(hj663Percentile([], 90)).toBeNull();
    expect(() => hj663Percentile([1], 101)).toThrow(RangeError);
  });

  it("matches the typical positions: n = 365, p = 90 → k = 328.6", () => {
    const values = Array.from({ length: 365 }, (_, i) => i + 1);
    expect(toNumber(hj663Percentile(values, 90) ?? { num: -1n, den: 1n })).toBe(328.6);
    expect(toNumber(hj663Percentile(values, 95) ?? { num: -1n, den: 1n })).toBe(346.8);
  });
});

describe("computePeriodStatistics", () => {
  const july = datesBetween("2025-07-01", "2025-07-31");

  it("P1/P2: reports CO P95 to 0.1 mg/m³ and O3 P90 to 1 µg/m³, with means for the others", () => {
    const days = july.map((date, i) => day(date, { co_24h: i < 10 ? (P1_CO[i] ?? null) : null, o3_8h: P2_O3[i] ?? null, pm25_24h: i % 2 ? 21 : 22 }));
    const r = computePeriodStatistics({ start: "2025-07-01", end: "2025-07-31", days });
    expect(r.statistics.co).toMatchObject({ statistic: "p95", value: 1.5, validDays: 10, valid: false });
    expect(r.statistics.o3).toMatchObject({ statistic: "p90", basis: "o3_8h", value: 172, validDays: 31, valid: true });
    // 16 × 22 + 15 × 21 = 667 / 31 = 21.52 → 22
    expect(r.statistics.pm25).toMatchObject({ statistic: "mean", value: 22, valid: true });
    expect(r.statistics.so2.value).toBe(8);
    expect(r.ruleSetIds).toEqual(["HJ633-2012"]);
    expect(r.dailyPrecision).toBe("reported");
  });

  it("rounds a period mean half to even (36.5 → 36)", () => {
    const days = july.map((date, i) => day(date, { pm10_24h: i === 30 ? null : i % 2 ? 37 : 36 }));
    expect(computePeriodStatistics({ start: "2025-07-01", end: "2025-07-31", days }).statistics.pm10.value).toBe(36);
  });

  it("uses published daily values by default and the values as given on request", () => {
    const days = july.map((date, i) => day(date, { pm25_24h: i === 0 ? 25 : "20.4" }));
    const reported = computePeriodStatistics({ start: "2025-07-01", end: "2025-07-31", days });
    const asGiven = computePeriodStatistics({ start: "2025-07-01", end: "2025-07-31", days }, { dailyPrecision: "asGiven" });
    // Published: (25 + 30 × 20) / 31 = 20.16 → 20; as given: (25 + 30 × 20.4) / 31 = 20.55 → 21.
    expect(reported.statistics.pm25.value).toBe(20);
    expect(asGiven.statistics.pm25.value).toBe(21);
    expect(asGiven.dailyPrecision).toBe("asGiven");
  });

  it("marks a month with fewer than 27 valid days invalid", () => {
    const days = july.map((date, i) => day(date, { no2_24h: i < 5 ? null : 30 }));
    const r = computePeriodStatistics({ start: "2025-07-01", end: "2025-07-31", days });
    expect(r.statistics.no2).toMatchObject({ value: 30, validDays: 26, valid: false });
    expect(r.statistics.no2.completeness.checks).toEqual([{ scope: "month", period: "2025-07", validDays: 26, required: 27, met: false }]);
  });

  it("drops PM values of dust-affected days in the 扣沙 variant only", () => {
    const days = july.map((date, i) => day(date, { pm10_24h: i < 3 ? 400 : 50, dustAffected: i < 3 }));
    const raw = computePeriodStatistics({ start: "2025-07-01", end: "2025-07-31", days });
    const deducted = computePeriodStatistics({ start: "2025-07-01", end: "2025-07-31", days }, { dustDeducted: true });
    expect(raw.statistics.pm10.value).toBe(84); // (3 × 400 + 28 × 50) / 31 = 83.87
    expect(deducted.statistics.pm10).toMatchObject({ value: 50, validDays: 28, valid: true });
    expect(deducted.statistics.so2.validDays).toBe(31);
    expect(deducted.dustDaysExcluded).toBe(3);
  });

  it("gives the same statistics from numbers at reporting precision (integer path) as from their text (decimal rules)", () => {
    let seed = 11;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const year = datesBetween("2025-01-01", "2025-12-31");
    for (let round = 0; round < 40; round++) {
      // Values with ties and many repeats (small ranges), sometimes missing; CO in tenths; lengths from 1 day to a year.
      const length = 1 + (next() % year.length);
      const range = 1 + (next() % (round % 2 ? 5 : 400));
      const value = (scale: number) => (next() % 10 === 0 ? null : (next() % range) / scale);
      const days = year.slice(0, length).map((date) => ({
        date,
        so2_24h: value(1),
        no2_24h: value(1),
        co_24h: value(10),
        pm10_24h: value(1),
        pm25_24h: value(1),
        o3_8h: value(1),
        o3_1h: value(1),
      }));
      const asText = days.map((d) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, typeof v === "number" ? String(v) : v])) as unknown as DailyRecord);
      const period = { start: year[0]!, end: year[length - 1]! };
      const fast = computePeriodStatistics({ ...period, days });
      const exact = computePeriodStatistics({ ...period, days: asText });
      expect(fast.statistics).toEqual(exact.statistics);
    }
  });

  it("rejects days outside the period and duplicate days", () => {
    expect(() => computePeriodStatistics({ start: "2025-07-01", end: "2025-07-31", days: [day("2025-08-01")] })).toThrow(RangeError);
    expect(() => computePeriodStatistics({ start: "2025-07-01", end: "2025-07-31", days: [day("2025-07-01"), day("2025-07-01")] })).toThrow(RangeError);
  });
});

describe("computeComplianceDays", () => {
  it("G1: 290 good days of 360 valid (5 invalid) → 80.6 %, +2.4 points on last year's 78.2 %", () => {
    const days: ComplianceDayInput[] = datesBetween("2025-01-01", "2025-12-31").map((date, i) => {
      if (i < 5) return { date, aqi: null, aqiStatus: "na" };
      if (i < 5 + 290) return { date, aqi: i % 2 ? 45 : 100, aqiStatus: "complete" };
      return { date, aqi: i % 3 ? 150 : 220, aqiStatus: "complete" };
    });
    const r = computeComplianceDays(days);
    expect(r).toMatchObject({ validDays: 360, goodDays: 290, ratioPercent: 80.6, invalidDays: 5 });
    expect(r.daysByLevel.reduce((a, b) => a + b, 0)).toBe(360);
    expect(r.heavyPollutionDays).toBe(r.daysByLevel[4] + r.daysByLevel[5]);
    expect(percentagePointChange(r.ratioPercent, 78.2)).toBe(2.4);
  });

  it("counts partial-but-published days and AQI > 500 days as valid, NA days as not", () => {
    const r = computeComplianceDays([
      { date: "2025-01-01", aqi: 120, aqiStatus: "partial" },
      { date: "2025-01-02", aqi: null, aqiStatus: "aboveRange" },
      { date: "2025-01-03", aqi: null, aqiStatus: "na" },
      { date: "2025-01-04", aqi: 80, aqiStatus: "complete" },
    ]);
    expect(r).toMatchObject({ validDays: 3, goodDays: 1, ratioPercent: 33.3, heavyPollutionDays: 1, daysByLevel: [0, 1, 1, 0, 0, 1] });
  });

  it("removes dust-affected days from both counts in the 扣沙 variant", () => {
    const days: ComplianceDayInput[] = [
      { date: "2025-03-01", aqi: 180, aqiStatus: "complete", dustAffected: true },
      { date: "2025-03-02", aqi: 90, aqiStatus: "complete" },
      { date: "2025-03-03", aqi: 130, aqiStatus: "complete" },
    ];
    expect(computeComplianceDays(days)).toMatchObject({ validDays: 3, goodDays: 1, ratioPercent: 33.3 });
    expect(computeComplianceDays(days, { dustDeducted: true })).toMatchObject({ validDays: 2, goodDays: 1, ratioPercent: 50, dustDaysExcluded: 1 });
  });

  it("has no ratio without valid days", () => {
    expect(computeComplianceDays([]).ratioPercent).toBeNull();
  });
});

describe("evaluatePeriod across 2026-03-01", () => {
  const a1 = { pm25_24h: 75, pm10_24h: 150, so2_24h: 12, no2_24h: 38, co_24h: 0.9, o3_8h: 96, o3_1h: 130 };
  const days = datesBetween("2026-02-27", "2026-03-02").map((date) => day(date, a1));

  it("rates each day under the rule set of its own date", () => {
    const r = evaluatePeriod({ start: "2026-02-27", end: "2026-03-02", days });
    expect(r.daily.map((d) => [d.date, d.ruleSetId, d.aqi, d.band?.category.zh])).toEqual([
      ["2026-02-27", "HJ633-2012", 100, "良"],
      ["2026-02-28", "HJ633-2012", 100, "良"],
      ["2026-03-01", "HJ633-2026", 114, "轻度污染"],
      ["2026-03-02", "HJ633-2026", 114, "轻度污染"],
    ]);
    expect(r.ruleSetIds).toEqual(["HJ633-2012", "HJ633-2026"]);
    expect(r.compliance).toMatchObject({ validDays: 4, goodDays: 2, ratioPercent: 50 });
    expect(r.statistics.statistics.pm25.value).toBe(75);
    expect(r.dustDeductedVariant).toBeNull();
  });

  it("counts the O3 1-h maximum only on the 2012-era days", () => {
    const highO3Hour = days.map((d) => ({ ...d, pm25_24h: 35, pm10_24h: 50, o3_1h: 210 }));
    const r = evaluatePeriod({ start: "2026-02-27", end: "2026-03-02", days: highO3Hour });
    expect(r.daily.map((d) => d.aqi)).toEqual([105, 105, 50, 50]);
    expect(r.compliance.goodDays).toBe(2);
  });

  it("keeps a dust-deducted variant next to the raw one", () => {
    const dusty = days.map((d, i) => (i === 2 ? { ...d, dustAffected: true } : d));
    const r = evaluatePeriod({ start: "2026-02-27", end: "2026-03-02", days: dusty });
    expect(r.compliance.validDays).toBe(4);
    expect(r.dustDeductedVariant?.compliance).toMatchObject({ validDays: 3, goodDays: 2, ratioPercent: 66.7 });
    expect(r.dustDeductedVariant?.statistics.dustDeducted).toBe(true);
  });
});

describe("meanOverSites", () => {
  it("averages the valid sites and rounds", () => {
    expect(meanOverSites([35, 36, null, 38], "pm25")).toBe(36);
    expect(meanOverSites(["0.8", "0.9"], "co")).toBe(0.8);
    expect(meanOverSites([null], "co")).toBeNull();
  });
});
