import { describe, expect, it } from "vitest";
import { computeDistrictDay, computeStationDay, dailyAqiOf, dailyConcentrationsOf, fingerprintOf, stationDayFingerprint, type StationDayFigures } from "./air-compute.rules";
import { roundedMeanOfScaled } from "./rounding.rules";
import type { Pollutant } from "./air.schema";
import { POLLUTANTS } from "./air.schema";
import { computeDailyAqi } from "./aqi.rules";
import { meanOverSites } from "./period.rules";
import { computeDailyConcentrations } from "./validity.rules";

// A deterministic generator (mulberry32), so a failure is reproducible.
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Hours = Record<Pollutant, (string | null)[]>;

function randomDay(rnd: () => number): Hours {
  const gapRate = rnd() < 0.3 ? 0.25 : 0.03; // some days lose many hours: 19-hour days, < 14 O3 windows
  const value = (p: Pollutant) => {
    if (rnd() < gapRate) return null;
    // Values on a coarse grid make exact .5 ties frequent, the case half-even rounding is about.
    const places = rnd() < 0.5 ? 1 : rnd() < 0.5 ? 0 : 3;
    const scale = p === "co" ? 2 : p === "o3" ? 320 : 150;
    return (rnd() * scale).toFixed(places);
  };
  return Object.fromEntries(POLLUTANTS.map((p) => [p, Array.from({ length: 24 }, () => value(p))])) as Hours;
}

describe("dailyConcentrationsOf (fast exact path)", () => {
  it("equals computeDailyConcentrations on 3,000 random days, ties and gaps included", () => {
    const rnd = random(20261128);
    for (let i = 0; i < 3000; i++) {
      const hours = randomDay(rnd);
      const validity = i % 2 ? "min20Hours" : "min20HoursOrAboveLimit";
      const fast = dailyConcentrationsOf(hours, { o3MaxHourValidity: validity });
      const reference = computeDailyConcentrations(hours, { o3MaxHourValidity: validity });
      expect(fast.concentrations, JSON.stringify(hours)).toEqual(reference.concentrations);
      expect(fast.o3Windows).toBe(reference.o3Mda8.validWindows);
    }
  });

  it("falls back to the reference rules for values it cannot hold exactly", () => {
    const hours = randomDay(random(7));
    hours.pm25 = Array.from({ length: 24 }, (_, i) => (i < 21 ? "12.3456789" : null));
    hours.so2 = Array.from({ length: 24 }, () => "1e1");
    const reference = computeDailyConcentrations(hours);
    expect(dailyConcentrationsOf(hours).concentrations).toEqual(reference.concentrations);
    expect(reference.concentrations.so2_24h).toBe(10);
  });

  it("rounds half to even on the exact mean (GB/T 8170)", () => {
    expect(roundedMeanOfScaled(725, 20, 0, 0)).toBe(36); // 36.25 → 36
    expect(roundedMeanOfScaled(730, 20, 0, 0)).toBe(36); // 36.5 → 36 (even)
    expect(roundedMeanOfScaled(750, 20, 0, 0)).toBe(38); // 37.5 → 38
    expect(roundedMeanOfScaled(73010, 200, 1, 0)).toBe(37); // 36.505 → 37
    expect(roundedMeanOfScaled(1050, 1, 3, 1)).toBe(1); // CO 1.05 → 1.0
    expect(roundedMeanOfScaled(1150, 1, 3, 1)).toBe(1.2); // CO 1.15 → 1.2
  });
});

function hours(partial: Partial<Record<Pollutant, (string | null)[]>>): Hours {
  return Object.fromEntries(POLLUTANTS.map((p) => [p, partial[p] ?? Array<string | null>(24).fill(null)])) as Hours;
}
const flat = (v: string, n = 24) => Array.from({ length: 24 }, (_, i) => (i < n ? v : null));

describe("computeStationDay", () => {
  it("leaves a 24-hour mean empty with 19 valid hours, and records the hours", () => {
    const day = computeStationDay({ stationId: "s", date: "2025-06-01", rows: 24, audited: true, hours: hours({ pm25: flat("40", 19), pm10: flat("60", 20) }) });
    expect(day.pm25).toBeNull();
    expect(day.pm10).toBe(60);
    expect(day.validHours).toMatchObject({ pm25: 19, pm10: 20, rows: 24 });
    expect(day.ruleSet).toBe("HJ633-2012");
  });

  it("has no MDA8 with fewer than 14 valid 8-hour windows unless it already exceeds 160", () => {
    // 12 valid hours at the start of the day: windows 0…6 have ≥ 6 valid hours (7 windows).
    const low = computeStationDay({ stationId: "s", date: "2026-06-01", rows: 24, audited: true, hours: hours({ o3: flat("150", 12) }) });
    expect(low.validHours.o3Windows).toBe(7);
    expect(low.o3Max8h).toBeNull();
    const high = computeStationDay({ stationId: "s", date: "2026-06-01", rows: 24, audited: true, hours: hours({ o3: flat("170", 12) }) });
    expect(high.o3Max8h).toBe(170);
  });

  it("computes the AQI under the rule set of the day, and is audited only when every hour is", () => {
    const h = hours({ so2: flat("10"), no2: flat("20"), co: flat("0.5"), pm10: flat("100"), pm25: flat("70"), o3: flat("80") });
    const before = computeStationDay({ stationId: "s", date: "2026-02-28", rows: 24, audited: false, hours: h });
    const after = computeStationDay({ stationId: "s", date: "2026-03-01", rows: 24, audited: true, hours: h });
    expect(before).toMatchObject({ ruleSet: "HJ633-2012", aqi: 94, level: 2, primaryPollutants: ["pm25"], dataStatus: "preliminary" });
    expect(after).toMatchObject({ ruleSet: "HJ633-2026", aqi: 110, level: 3, primaryPollutants: ["pm25"], dataStatus: "audited" });
    expect(before.inputFingerprint).not.toBe(after.inputFingerprint);
  });
});

const stationDay = (stationId: string, values: Partial<StationDayFigures>): StationDayFigures => ({
  stationId,
  date: "2025-07-01",
  so2: null,
  no2: null,
  pm10: null,
  pm25: null,
  co: null,
  o3Max1h: null,
  o3Max8h: null,
  aqi: null,
  aqiStatus: "na",
  level: null,
  primaryPollutants: [],
  ruleSet: "HJ633-2012",
  dataStatus: "audited",
  inputFingerprint: stationId,
  validHours: { so2: 24, no2: 24, co: 24, o3: 24, pm10: 24, pm25: 24, rows: 24, o3Windows: 17 },
  ...values,
});

describe("computeDistrictDay", () => {
  it("averages the evaluation stations' daily values and computes the AQI from the means, not the worst station", () => {
    const a = stationDay("a", { so2: 10, no2: 30, co: 0.8, pm10: 70, pm25: 40, o3Max8h: 100, o3Max1h: 120 });
    const b = stationDay("b", { so2: 12, no2: 41, co: 0.9, pm10: 90, pm25: 81, o3Max8h: 110, o3Max1h: 130, dataStatus: "preliminary" });
    const d = computeDistrictDay({ districtId: "D", date: "2025-07-01", stationDays: [a, b] })!;
    expect(d).toMatchObject({ so2: 11, no2: 36, co: 0.8, pm10: 80, pm25: 60, o3Max8h: 105, o3Max1h: 125, dataStatus: "preliminary" });
    // PM2.5 60.5 → 60 (half-even); the worst station alone (81) would give IAQI 108.
    const worst = computeDailyAqi({ date: "2025-07-01", concentrations: { so2_24h: 12, no2_24h: 41, co_24h: 0.9, pm10_24h: 90, pm25_24h: 81, o3_8h: 110, o3_1h: 130 } });
    expect(worst.aqi).toBe(108);
    expect(d.aqi).toBe(82);
    expect(d.stationCounts).toMatchObject({ stations: 2, pm25: 2 });
  });

  it("matches meanOverSites and skips stations without a valid value", () => {
    const days = [stationDay("a", { co: 1.05 as number, pm25: 35 }), stationDay("b", { co: 1.2, pm25: null }), stationDay("c", { co: 0.1, pm25: 36 })];
    const d = computeDistrictDay({ districtId: "D", date: "2025-07-01", stationDays: days })!;
    expect(d.pm25).toBe(meanOverSites([35, null, 36], "pm25"));
    expect(d.co).toBe(meanOverSites([1.05, 1.2, 0.1], "co"));
    expect(d.stationCounts.pm25).toBe(2);
  });

  it("returns nothing without station-days", () => {
    expect(computeDistrictDay({ districtId: "D", date: "2025-07-01", stationDays: [] })).toBeNull();
  });
});

describe("fingerprintOf", () => {
  it("separates parts and changes with any value", () => {
    expect(fingerprintOf(["ab", "c"])).not.toBe(fingerprintOf(["a", "bc"]));
    expect(fingerprintOf(["a", null])).not.toBe(fingerprintOf(["a", ""]));
    expect(fingerprintOf(["x", 1])).toBe(fingerprintOf(["x", "1"]));
    expect(fingerprintOf(["x"])).toMatch(/^[0-9a-f]{14}$/);
  });
});

describe("dailyAqiOf (cached IAQI path)", () => {
  it("equals computeDailyAqi on 5,000 random days of both rule sets, missing and extreme values included", () => {
    const rnd = random(633);
    const pick = (max: number, digits = 0) => (rnd() < 0.05 ? null : Number((rnd() * max).toFixed(digits)));
    for (let i = 0; i < 5000; i++) {
      const date = i % 2 ? "2025-11-30" : "2026-03-01";
      const extreme = rnd() < 0.05 ? 4 : 1;
      const c = {
        so2_24h: pick(200 * extreme),
        no2_24h: pick(150 * extreme),
        co_24h: pick(3 * extreme, 1),
        pm10_24h: pick(300 * extreme),
        pm25_24h: pick(200 * extreme),
        o3_8h: pick(260 * extreme),
        o3_1h: pick(320 * extreme),
      };
      const reference = computeDailyAqi({ date, concentrations: c });
      expect(dailyAqiOf(date, c), JSON.stringify(c)).toEqual({
        aqi: reference.aqi,
        aqiStatus: reference.aqiStatus,
        level: reference.band?.level ?? null,
        primaryPollutants: reference.primaryPollutants,
        ruleSet: reference.ruleSetId,
      });
    }
  });
});

describe("stationDayFingerprint", () => {
  it("is fingerprintOf the date, status and every hourly value in pollutant order", () => {
    const h = randomDay(random(3));
    const parts: (string | boolean | null)[] = ["2025-01-02", false];
    for (const p of POLLUTANTS) parts.push(...h[p]);
    expect(stationDayFingerprint({ date: "2025-01-02", audited: false, hours: h })).toBe(fingerprintOf(parts));
  });

  it("is what computeStationDay records, on the fast path and on the fallback", () => {
    const rnd = random(11);
    for (let i = 0; i < 200; i++) {
      const h = randomDay(rnd);
      if (i % 10 === 0) h.co[3] = "5e-1"; // forces the fallback
      const day = { stationId: "s", date: "2025-01-02", rows: 24, audited: i % 2 === 0, hours: h };
      expect(computeStationDay(day).inputFingerprint).toBe(stationDayFingerprint(day));
    }
  });
});
