import { describe, expect, it } from "vitest";
import { parseDecimal } from "../shared/decimal";
import type { DailyConcentrations, DailyResult, HourlyResult, Indicator } from "./air.schema";
import { DailyResultSchema, HourlyResultSchema, INDICATOR_POLLUTANT, INDICATORS } from "./air.schema";
import { aqiBandOf, computeDailyAqi, computeHourlyAqi, iaqiFromTable } from "./aqi.rules";
import type { AirRuleSet } from "./rule-sets";
import { IAQI_STEPS, rules2012, rules2026 } from "./rule-sets";

const DAY_2012 = "2025-06-01";
const DAY_2026 = "2026-06-01";

function iaqiOf(result: DailyResult | HourlyResult, indicator: Indicator) {
  return result.indicators.find((e) => e.indicator === indicator);
}

function iaqiMap(result: DailyResult | HourlyResult): Record<string, number | null> {
  return Object.fromEntries(result.indicators.map((e) => [e.indicator, e.iaqi]));
}

describe("IAQI breakpoints at every boundary", () => {
  // Expected values from the HJ 633 formula in integer arithmetic (concentrations scaled to the reporting unit).
  const cases: { ruleSet: string; indicator: Indicator; concentration: string; expected: number | "aboveRange" }[] = [];
  for (const ruleSet of [rules2012, rules2026]) {
    for (const indicator of INDICATORS) {
      const column = ruleSet.breakpoints[indicator];
      const scale = INDICATOR_POLLUTANT[indicator] === "co" ? 10 : 1;
      const text = (units: number) => (scale === 10 ? (units / 10).toFixed(1) : String(units));
      const iaqiAt = (segment: number, units: number) => {
        const lo = (column[segment] ?? 0) * scale;
        const hi = (column[segment + 1] ?? 0) * scale;
        const iLo = IAQI_STEPS[segment] ?? 0;
        const iHi = IAQI_STEPS[segment + 1] ?? 0;
        return iLo + Math.ceil(((iHi - iLo) * (units - lo)) / (hi - lo));
      };
      column.forEach((bp, i) => {
        const units = bp * scale;
        cases.push({ ruleSet: ruleSet.id, indicator, concentration: text(units), expected: IAQI_STEPS[i] ?? -1 });
        if (i > 0) cases.push({ ruleSet: ruleSet.id, indicator, concentration: text(units - 1), expected: iaqiAt(i - 1, units - 1) });
        const above = i + 1 < column.length ? iaqiAt(i, units + 1) : "aboveRange";
        cases.push({ ruleSet: ruleSet.id, indicator, concentration: text(units + 1), expected: above });
      });
    }
  }

  it.each(cases)("$ruleSet $indicator $concentration → $expected", ({ ruleSet, indicator, concentration, expected }) => {
    const rules: AirRuleSet = ruleSet === rules2012.id ? rules2012 : rules2026;
    const value = iaqiFromTable(indicator, parseDecimal(concentration), rules);
    expect(value.kind === "value" ? value.iaqi : value.kind).toBe(expected);
  });

  it("differs between the rule sets only in the PM columns at IAQI 100", () => {
    for (const indicator of INDICATORS) {
      const same = JSON.stringify(rules2012.breakpoints[indicator]) === JSON.stringify(rules2026.breakpoints[indicator]);
      expect(same).toBe(!indicator.startsWith("pm"));
    }
    expect(rules2012.breakpoints.pm25_24h[2]).toBe(75);
    expect(rules2026.breakpoints.pm25_24h[2]).toBe(60);
    expect(rules2012.breakpoints.pm10_24h[2]).toBe(150);
    expect(rules2026.breakpoints.pm10_24h[2]).toBe(120);
  });

  it("keeps the correct SO2 24-hour column (not the 1-hour one some libraries copy)", () => {
    expect(rules2012.breakpoints.so2_24h).toEqual([0, 50, 150, 475, 800, 1600, 2100, 2620]);
  });
});

describe("aqiBandOf", () => {
  it.each([
    [0, 1, "优", "#00E400"],
    [50, 1, "优", "#00E400"],
    [51, 2, "良", "#FFFF00"],
    [100, 2, "良", "#FFFF00"],
    [101, 3, "轻度污染", "#FF7E00"],
    [150, 3, "轻度污染", "#FF7E00"],
    [151, 4, "中度污染", "#FF0000"],
    [200, 4, "中度污染", "#FF0000"],
    [201, 5, "重度污染", "#99004C"],
    [300, 5, "重度污染", "#99004C"],
    [301, 6, "严重污染", "#7E0023"],
    [500, 6, "严重污染", "#7E0023"],
  ] as const)("AQI %i is level %i %s %s", (aqi, level, category, hex) => {
    const band = aqiBandOf(aqi);
    expect([band.level, band.category.zh, band.colour.hex]).toEqual([level, category, hex]);
  });
});

const A1: DailyConcentrations = { pm25_24h: 75, pm10_24h: 150, so2_24h: 12, no2_24h: 38, co_24h: 0.9, o3_8h: 96, o3_1h: 130 };

describe("daily AQI — worked examples (reference §8)", () => {
  it("A1: breakpoint values and a two-way tie under HJ 633-2012", () => {
    const r = computeDailyAqi({ date: DAY_2012, concentrations: A1 });
    expect(r.ruleSetId).toBe("HJ633-2012");
    expect(iaqiMap(r)).toEqual({ so2_24h: 12, no2_24h: 48, co_24h: 23, pm10_24h: 100, pm25_24h: 100, o3_8h: 48, o3_1h: 41 });
    expect(r.aqi).toBe(100);
    expect(r.aqiStatus).toBe("complete");
    expect(r.band?.levelName.zh).toBe("二级");
    expect(r.band?.category).toEqual({ zh: "良", en: "Good" });
    expect(r.band?.colour.hex).toBe("#FFFF00");
    expect(r.primaryPollutants).toEqual(["pm10", "pm25"]);
    expect(r.exceedancePollutants).toEqual([]);
  });

  it("A1′: the same day under HJ 633-2026 is one level worse, primary PM2.5, no O3 1-h", () => {
    const r = computeDailyAqi({ date: DAY_2026, concentrations: A1 });
    expect(r.ruleSetId).toBe("HJ633-2026");
    expect(iaqiMap(r)).toEqual({ so2_24h: 12, no2_24h: 48, co_24h: 23, pm10_24h: 112, pm25_24h: 114, o3_8h: 48 });
    expect(r.aqi).toBe(114);
    expect(r.band?.category.zh).toBe("轻度污染");
    expect(r.band?.colour.hex).toBe("#FF7E00");
    expect(r.primaryPollutants).toEqual(["pm25"]);
    expect(r.exceedancePollutants).toBeNull();
  });

  it("A1′ re-rates 2012-era data only when the 2026 rule set is asked for explicitly", () => {
    expect(computeDailyAqi({ date: DAY_2012, concentrations: A1 }, { ruleSet: rules2026 }).aqi).toBe(114);
  });

  it("A2: ozone day, primary O3 8-hour, exceedance PM2.5 and O3 (8-h and 1-h)", () => {
    const r = computeDailyAqi({
      date: DAY_2012,
      concentrations: { pm25_24h: 80, pm10_24h: 120, so2_24h: 15, no2_24h: 45, co_24h: 1.2, o3_8h: 170, o3_1h: 210 },
    });
    expect(iaqiMap(r)).toEqual({ so2_24h: 15, no2_24h: 57, co_24h: 30, pm10_24h: 85, pm25_24h: 107, o3_8h: 110, o3_1h: 105 });
    expect(r.aqi).toBe(110);
    expect(r.band?.category.zh).toBe("轻度污染");
    expect(r.primaryIndicators).toEqual(["o3_8h"]);
    expect(r.primaryPollutants).toEqual(["o3"]);
    expect(r.exceedancePollutants).toEqual(["pm25", "o3"]);
    expect(r.exceedanceIndicators).toEqual(["pm25_24h", "o3_8h", "o3_1h"]);
  });

  it("A3: clean day has no primary pollutant although PM10 and O3-8h tie", () => {
    const r = computeDailyAqi({
      date: DAY_2012,
      concentrations: { pm25_24h: 20, pm10_24h: 45, so2_24h: 8, no2_24h: 30, co_24h: 0.6, o3_8h: 90, o3_1h: 120 },
    });
    expect(iaqiMap(r)).toEqual({ so2_24h: 8, no2_24h: 38, co_24h: 15, pm10_24h: 45, pm25_24h: 29, o3_8h: 45, o3_1h: 38 });
    expect(r.aqi).toBe(45);
    expect(r.band?.category.zh).toBe("优");
    expect(r.band?.colour.hex).toBe("#00E400");
    expect(r.primaryPollutants).toEqual([]);
    expect(r.primaryIndicators).toEqual([]);
  });

  it.each([
    ["35.4", 35, 50, 50],
    ["35.5", 36, 52, 52],
    ["36.5", 36, 52, 52],
    [36.5, 36, 52, 52],
  ] as const)("A4: PM2.5 mean %s rounds half-even to %i → IAQI %i (2012) / %i (2026)", (raw, rounded, iaqi2012, iaqi2026) => {
    const concentrations = { ...A1, pm25_24h: raw };
    const e2012 = iaqiOf(computeDailyAqi({ date: DAY_2012, concentrations }), "pm25_24h");
    const e2026 = iaqiOf(computeDailyAqi({ date: DAY_2026, concentrations }), "pm25_24h");
    expect(e2012?.concentration).toBe(rounded);
    expect(e2012?.iaqi).toBe(iaqi2012);
    expect(e2026?.iaqi).toBe(iaqi2026);
  });

  it("A4: an unrounded 35.1 would give 50.125 → 51, which is why concentrations are rounded first", () => {
    const raw = iaqiFromTable("pm25_24h", parseDecimal("35.1"), rules2012);
    expect(raw).toEqual({ kind: "value", iaqi: 51 });
    expect(iaqiOf(computeDailyAqi({ date: DAY_2012, concentrations: { ...A1, pm25_24h: "35.1" } }), "pm25_24h")?.iaqi).toBe(50);
  });

  it("A6 (2012): O3 8-h > 800 is replaced by the 1-h O3 IAQI", () => {
    const r = computeDailyAqi({
      date: DAY_2012,
      concentrations: { pm25_24h: 60, pm10_24h: 90, so2_24h: 20, no2_24h: 60, co_24h: 1.0, o3_8h: 820, o3_1h: 1050 },
    });
    expect(iaqiMap(r)).toEqual({ so2_24h: 20, no2_24h: 75, co_24h: 25, pm10_24h: 70, pm25_24h: 82, o3_8h: null, o3_1h: 425 });
    expect(iaqiOf(r, "o3_8h")).toMatchObject({ status: "replaced", replacedBy: "o3_1h", concentration: 820 });
    expect(r.aqi).toBe(425);
    expect(r.band?.level).toBe(6);
    expect(r.band?.category.zh).toBe("严重污染");
    expect(r.band?.colour.hex).toBe("#7E0023");
    expect(r.primaryPollutants).toEqual(["o3"]);
    expect(r.primaryIndicators).toEqual(["o3_1h"]);
  });

  it("A6 (2026): O3 8-h > 800 counts as IAQI 300; PM2.5 60 sits on the new breakpoint", () => {
    const r = computeDailyAqi({
      date: DAY_2026,
      concentrations: { pm25_24h: 60, pm10_24h: 90, so2_24h: 20, no2_24h: 60, co_24h: 1.0, o3_8h: 820, o3_1h: 1050 },
    });
    expect(iaqiMap(r)).toEqual({ so2_24h: 20, no2_24h: 75, co_24h: 25, pm10_24h: 79, pm25_24h: 100, o3_8h: 300 });
    expect(iaqiOf(r, "o3_8h")?.status).toBe("fixed");
    expect(r.aqi).toBe(300);
    expect(r.band?.category.zh).toBe("重度污染");
    expect(r.band?.colour.hex).toBe("#99004C");
    expect(r.primaryPollutants).toEqual(["o3"]);
  });

  it("A7: two pollutants tie above 100 and are both primary", () => {
    const r = computeDailyAqi({
      date: DAY_2012,
      concentrations: { pm25_24h: 95, no2_24h: 130, pm10_24h: 110, so2_24h: 10, co_24h: 1.1, o3_8h: 70, o3_1h: 90 },
    });
    expect(iaqiMap(r)).toEqual({ so2_24h: 10, no2_24h: 125, co_24h: 28, pm10_24h: 80, pm25_24h: 125, o3_8h: 35, o3_1h: 29 });
    expect(r.aqi).toBe(125);
    expect(r.primaryPollutants).toEqual(["no2", "pm25"]);
    expect(r.exceedancePollutants).toEqual(["no2", "pm25"]);
  });

  it("validates against DailyResultSchema", () => {
    const r = computeDailyAqi({ date: DAY_2012, concentrations: A1 });
    expect(DailyResultSchema.parse(r)).toEqual(r);
  });
});

describe("real-time AQI — worked example A5 (SO2 1-h = 900)", () => {
  const hour = { so2_1h: 900, no2_1h: 150, co_1h: 2.0, o3_1h: 100, so2_24h: 300, pm25_1h: 70, pm10_1h: 140, pm25_24h: 70, pm10_24h: 140 };

  it.each(["1h", "24h-running"] as const)("2012 (PM basis %s): SO2 reported from its 24-h value → 124", (pmBasis) => {
    const r = computeHourlyAqi({ time: "2025-06-01T10:00", concentrations: { ...hour, o3_8h: 90 } }, { pmBasis });
    expect(r.ruleSetId).toBe("HJ633-2012");
    expect(r.pmBasis).toBe(pmBasis);
    expect(iaqiOf(r, "so2_1h")).toMatchObject({ status: "replaced", replacedBy: "so2_24h", iaqi: null });
    expect(iaqiOf(r, "so2_24h")).toMatchObject({ status: "substitute", iaqi: 124 });
    const pm = pmBasis === "1h" ? ["pm25_1h", "pm10_1h"] : ["pm25_24h", "pm10_24h"];
    expect(iaqiOf(r, pm[0] as Indicator)?.iaqi).toBe(94);
    expect(iaqiOf(r, pm[1] as Indicator)?.iaqi).toBe(95);
    expect(iaqiOf(r, "no2_1h")?.iaqi).toBe(75);
    expect(iaqiOf(r, "co_1h")?.iaqi).toBe(20);
    expect(iaqiOf(r, "o3_1h")?.iaqi).toBe(32);
    expect(iaqiOf(r, "o3_8h")?.iaqi).toBe(45);
    expect(r.aqi).toBe(124);
    expect(r.aqiStatus).toBe("complete");
    expect(r.band?.category.zh).toBe("轻度污染");
    expect(r.primaryPollutants).toEqual(["so2"]);
    expect(r.primaryIndicators).toEqual(["so2_24h"]);
    expect(HourlyResultSchema.parse(r)).toEqual(r);
  });

  it("2012 without the O3 8-h running mean: partial, still published because 124 > 100", () => {
    const r = computeHourlyAqi({ time: "2025-06-01T10:00", concentrations: hour });
    expect(r.aqi).toBe(124);
    expect(r.aqiStatus).toBe("partial");
    expect(r.missingIndicators).toEqual(["o3_8h"]);
  });

  it("2026: SO2 1-h > 800 counts as 200; hourly PM on the daily breakpoints", () => {
    const r = computeHourlyAqi({ time: "2026-06-01T10:00", concentrations: hour }, { pmBasis: "24h-running" });
    expect(r.ruleSetId).toBe("HJ633-2026");
    expect(r.pmBasis).toBe("1h");
    expect(iaqiMap(r)).toEqual({ so2_1h: 200, no2_1h: 75, co_1h: 20, o3_1h: 32, pm10_1h: 108, pm25_1h: 110 });
    expect(iaqiOf(r, "so2_1h")?.status).toBe("fixed");
    expect(r.aqi).toBe(200);
    expect(r.band?.category.zh).toBe("中度污染");
    expect(r.primaryPollutants).toEqual(["so2"]);
    expect(r.exceedancePollutants).toBeNull();
  });

  it("2012: SO2 1-h > 800 with no 24-h value leaves SO2 missing", () => {
    const { so2_24h: _unused, ...rest } = hour;
    const r = computeHourlyAqi({ time: "2025-06-01T10:00", concentrations: { ...rest, o3_8h: 90 } });
    expect(iaqiOf(r, "so2_24h")?.status).toBe("missing");
    expect(r.missingIndicators).toEqual(["so2_24h"]);
    expect(r.aqiStatus).toBe("na");
    expect(r.aqi).toBeNull();
    expect(r.partialAqi).toBe(95);
  });

  it("applies the > 800 test to the rounded value: SO2 800.5 rounds to 800 and is in the table", () => {
    const r = computeHourlyAqi({ time: "2025-06-01T10:00", concentrations: { ...hour, so2_1h: "800.5", o3_8h: 90 } });
    expect(iaqiOf(r, "so2_1h")).toMatchObject({ status: "computed", iaqi: 200, concentration: 800 });
  });

  it("uses the rules of the day an hour belongs to: 2026-03-01T00:00 closes 28 February", () => {
    const lastHourOfFeb = computeHourlyAqi({ time: "2026-03-01T00:00", concentrations: hour });
    const firstHourOfMarch = computeHourlyAqi({ time: "2026-03-01T01:00", concentrations: hour });
    expect([lastHourOfFeb.date, lastHourOfFeb.ruleSetId]).toEqual(["2026-02-28", "HJ633-2012"]);
    expect([firstHourOfMarch.date, firstHourOfMarch.ruleSetId]).toEqual(["2026-03-01", "HJ633-2026"]);
  });
});

describe("special cases", () => {
  it("flags a concentration beyond the last breakpoint instead of returning 500", () => {
    const r = computeDailyAqi({ date: DAY_2012, concentrations: { ...A1, pm25_24h: 501 } });
    expect(r.aqi).toBeNull();
    expect(r.aqiStatus).toBe("aboveRange");
    expect(r.band?.level).toBe(6);
    expect(r.primaryPollutants).toEqual(["pm25"]);
    expect(r.exceedancePollutants).toEqual(["pm25"]);
    expect(iaqiOf(r, "pm25_24h")).toMatchObject({ status: "aboveRange", iaqi: null, concentration: 501 });
  });

  it("treats exactly 500 µg/m³ PM2.5 as IAQI 500", () => {
    expect(computeDailyAqi({ date: DAY_2026, concentrations: { ...A1, pm25_24h: 500 } }).aqi).toBe(500);
  });

  it("flags a 2012 O3 1-h above 1200 even when the 8-h value was replaced by it", () => {
    const r = computeDailyAqi({ date: DAY_2012, concentrations: { ...A1, o3_8h: 900, o3_1h: 1300 } });
    expect(r.aqiStatus).toBe("aboveRange");
    expect(r.primaryIndicators).toEqual(["o3_1h"]);
  });

  it("gives AQI 0 only when every concentration is 0, and puts it in level 1", () => {
    const zero = { so2_24h: 0, no2_24h: 0, co_24h: 0, pm10_24h: 0, pm25_24h: 0, o3_8h: 0, o3_1h: 0 };
    const r = computeDailyAqi({ date: DAY_2026, concentrations: zero });
    expect(r.aqi).toBe(0);
    expect(r.band?.level).toBe(1);
  });

  it("names a primary pollutant from AQI 51, not at 50", () => {
    const at50 = computeDailyAqi({ date: DAY_2012, concentrations: { ...A1, pm25_24h: 35, pm10_24h: 50 } });
    const at51 = computeDailyAqi({ date: DAY_2012, concentrations: { ...A1, pm25_24h: 35, pm10_24h: 51 } });
    expect([at50.aqi, at50.primaryPollutants]).toEqual([50, []]);
    expect([at51.aqi, at51.primaryPollutants]).toEqual([51, ["pm10"]]);
  });

  it("does not use the O3 1-h value in a 2026 daily AQI", () => {
    const r = computeDailyAqi({ date: DAY_2026, concentrations: { ...A1, o3_1h: 900 } });
    expect(r.aqi).toBe(114);
    expect(iaqiOf(r, "o3_1h")).toBeUndefined();
  });

  it("rejects negative concentrations", () => {
    expect(() => computeDailyAqi({ date: DAY_2012, concentrations: { ...A1, so2_24h: -1 } })).toThrow(RangeError);
  });
});

describe("missing indicators (HJ 633-2026 §5.3.1)", () => {
  const partial = { ...A1, no2_24h: null };

  it("marks AQI NA when the available indicators give ≤ 100", () => {
    const r = computeDailyAqi({ date: DAY_2012, concentrations: partial });
    expect(r.aqiStatus).toBe("na");
    expect(r.aqi).toBeNull();
    expect(r.band).toBeNull();
    expect(r.partialAqi).toBe(100);
    expect(r.missingIndicators).toEqual(["no2_24h"]);
    expect(r.primaryPollutants).toEqual([]);
  });

  it("publishes the AQI of the rest when it is > 100", () => {
    const r = computeDailyAqi({ date: DAY_2026, concentrations: partial });
    expect(r.aqiStatus).toBe("partial");
    expect(r.aqi).toBe(114);
    expect(r.primaryPollutants).toEqual(["pm25"]);
  });

  it("can require every indicator instead", () => {
    const r = computeDailyAqi({ date: DAY_2026, concentrations: partial }, { partialPolicy: "requireAll" });
    expect(r.aqiStatus).toBe("na");
  });

  it("leaves out pollutants not in the monitoring plan (§5.3.2)", () => {
    const r = computeDailyAqi({ date: DAY_2012, concentrations: partial }, { notMonitored: ["no2"] });
    expect(r.aqiStatus).toBe("complete");
    expect(r.aqi).toBe(100);
    expect(r.indicators.some((e) => e.pollutant === "no2")).toBe(false);
  });

  it("treats a missing O3 1-h max as missing under 2012 but irrelevant under 2026", () => {
    const { o3_1h: _unused, ...withoutO3Hour } = A1;
    expect(computeDailyAqi({ date: DAY_2012, concentrations: withoutO3Hour }).aqiStatus).toBe("na");
    expect(computeDailyAqi({ date: DAY_2026, concentrations: withoutO3Hour }).aqiStatus).toBe("complete");
  });
});
