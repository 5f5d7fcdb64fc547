import { describe, expect, it } from "vitest";
import { concentrationLimit, ruleSetFor, rules2012, rules2026 } from "./rule-sets";

describe("ruleSetFor", () => {
  it.each([
    ["2016-01-01", "HJ633-2012"],
    ["2026-02-28", "HJ633-2012"],
    ["2026-03-01", "HJ633-2026"],
    ["2031-06-01", "HJ633-2026"],
  ] as const)("data of %s use %s", (date, id) => {
    expect(ruleSetFor(date).id).toBe(id);
  });

  it("rejects a date that is not YYYY-MM-DD", () => {
    expect(() => ruleSetFor("2026-02-30")).toThrow(RangeError);
    expect(() => ruleSetFor("20260301")).toThrow(RangeError);
  });

  it("puts the O3 daily max 1-h value in the 2012 daily report only", () => {
    expect(rules2012.dailyIndicators).toContain("o3_1h");
    expect(rules2012.dailyIndicators).toHaveLength(7);
    expect(rules2026.dailyIndicators).not.toContain("o3_1h");
    expect(rules2026.dailyIndicators).toHaveLength(6);
    expect(rules2026.hourlyIndicators["1h"]).toHaveLength(6);
  });
});

describe("concentrationLimit", () => {
  it.each([
    [{ pollutant: "pm25", averaging: "annual", grade: 2, date: "2025-12-31" }, 35],
    [{ pollutant: "pm25", averaging: "annual", grade: 2, date: "2026-03-01" }, 30],
    [{ pollutant: "pm25", averaging: "24h", grade: 2, date: "2026-03-01" }, 60],
    [{ pollutant: "pm25", averaging: "24h", grade: 2, date: "2031-01-01" }, 50],
    [{ pollutant: "pm10", averaging: "annual", grade: 2, date: "2025-06-01" }, 70],
    [{ pollutant: "pm10", averaging: "24h", grade: 2, date: "2030-12-31" }, 120],
    [{ pollutant: "pm10", averaging: "24h", grade: 1, date: "2030-12-31" }, 50],
    [{ pollutant: "no2", averaging: "annual", grade: 2, date: "2031-01-01" }, 30],
    [{ pollutant: "so2", averaging: "annual", grade: 2, date: "2031-01-01" }, 20],
    [{ pollutant: "o3", averaging: "8h", grade: 2, date: "2026-03-01" }, 160],
    [{ pollutant: "co", averaging: "24h", grade: 2, date: "2026-03-01" }, 4],
    [{ pollutant: "co", averaging: "annual", grade: 2, date: "2026-03-01" }, null],
  ] as const)("%o → %s", (query, expected) => {
    expect(concentrationLimit(query)).toBe(expected);
  });
});
