import { describe, expect, it } from "vitest";
import type { HourlyReading } from "./air.schema";
import { computeDailyAqi } from "./aqi.rules";
import { datesBetween } from "./civil-date";
import { computeDailyConcentrations, dailyMean, dayHoursFromReadings, periodCompleteness, runningMean24h } from "./validity.rules";

const flat = (value: number | string | null) => Array<number | string | null>(24).fill(value);

describe("dailyMean", () => {
  it("is valid with 20 valid hours", () => {
    const hours = flat(40).map((v, i) => (i < 4 ? null : v));
    expect(dailyMean(hours, "no2")).toEqual({ value: 40, valid: true, validHours: 20 });
  });

  it("is invalid with 19 valid hours (GB 3095 Table 4)", () => {
    const hours = flat(40).map((v, i) => (i < 5 ? null : v));
    expect(dailyMean(hours, "no2")).toEqual({ value: null, valid: false, validHours: 19 });
  });

  it("rounds the mean once, half to even: PM2.5 36.5 → 36, CO 0.85 → 0.8, CO 0.95 → 1.0", () => {
    expect(dailyMean(flat(36).map((v, i) => (i % 2 ? 37 : v)), "pm25").value).toBe(36);
    expect(dailyMean(flat("0.8").map((v, i) => (i % 2 ? "0.9" : v)), "co").value).toBe(0.8);
    expect(dailyMean(flat("0.9").map((v, i) => (i % 2 ? "1.0" : v)), "co").value).toBe(1);
  });

  it("averages hours as received rather than rounding each hour first", () => {
    // Each 36.4 would round to 36; the mean of 36.4 and 37.0 is 36.7 → 37.
    expect(dailyMean(flat("36.4").map((v, i) => (i % 2 ? "37.0" : v)), "pm25").value).toBe(37);
  });

  it("applies the same rule to 24-hour running means", () => {
    expect(runningMean24h(flat(70), "pm25")).toBe(70);
    expect(runningMean24h(flat(70).map((v, i) => (i < 5 ? null : v)), "pm25")).toBeNull();
  });
});

describe("dayHoursFromReadings", () => {
  const reading = (time: string, pm25: number | null): HourlyReading => ({ stationId: "S1", time, so2: 5, no2: 20, co: "0.5", o3: 60, pm10: 50, pm25 });

  it("files D 01:00 … D+1 00:00 under day D, by end-of-hour stamps", () => {
    const readings = [
      reading("2025-06-01T00:00", 999), // 23:00–24:00 of 31 May
      reading("2025-06-01T01:00", 1),
      reading("2025-06-01T23:00", 23),
      reading("2025-06-02T00:00", 24),
      reading("2025-06-02T01:00", 999),
    ];
    const hours = dayHoursFromReadings(readings, "2025-06-01");
    expect(hours.pm25[0]).toBe(1);
    expect(hours.pm25[22]).toBe(23);
    expect(hours.pm25[23]).toBe(24);
    expect(hours.pm25.filter((v) => v !== null)).toEqual([1, 23, 24]);
  });

  it("refuses two readings for the same hour", () => {
    expect(() => dayHoursFromReadings([reading("2025-06-01T05:00", 1), reading("2025-06-01T05:00", 2)], "2025-06-01")).toThrow(RangeError);
  });
});

describe("computeDailyConcentrations", () => {
  it("derives every daily indicator with its validity and feeds computeDailyAqi", () => {
    const o3 = Array.from({ length: 24 }, (_, i) => (i >= 10 && i < 18 ? 170 : 80));
    const day = computeDailyConcentrations({
      so2: flat(12),
      no2: flat(38).map((v, i) => (i < 5 ? null : v)),
      co: flat("0.9"),
      pm10: flat(150),
      pm25: flat(75),
      o3,
    });
    expect(day.concentrations).toEqual({ so2_24h: 12, no2_24h: null, co_24h: 0.9, pm10_24h: 150, pm25_24h: 75, o3_8h: 170, o3_1h: 170 });
    expect(day.means.no2.validHours).toBe(19);
    const aqi = computeDailyAqi({ date: "2025-06-01", concentrations: day.concentrations });
    expect(aqi.missingIndicators).toEqual(["no2_24h"]);
    expect([aqi.aqi, aqi.aqiStatus, aqi.primaryPollutants]).toEqual([110, "partial", ["o3"]]);
  });

  it("treats an absent pollutant as all hours missing", () => {
    expect(computeDailyConcentrations({}).concentrations.so2_24h).toBeNull();
  });
});

describe("periodCompleteness (GB 3095 Table 4)", () => {
  const year2025 = datesBetween("2025-01-01", "2025-12-31");

  it("accepts a year with ≥ 324 days and every month ≥ 27 (February ≥ 25)", () => {
    // February keeps 25; seven 31-day months keep 27; the 30-day months are complete.
    const dropped = new Set(["2025-02-01", "2025-02-02", "2025-02-03", ...["01", "03", "05", "07", "08", "10", "12"].flatMap((m) => [`2025-${m}-01`, `2025-${m}-02`, `2025-${m}-03`, `2025-${m}-04`])]);
    const valid = year2025.filter((d) => !dropped.has(d));
    const r = periodCompleteness({ start: "2025-01-01", end: "2025-12-31", validDates: valid });
    expect(valid.length).toBe(334);
    expect(r.valid).toBe(true);
    expect(r.checks).toHaveLength(13);
    expect(r.checks.find((c) => c.period === "2025-02")).toEqual({ scope: "month", period: "2025-02", validDays: 25, required: 25, met: true });
  });

  it("fails when February has 24 valid days", () => {
    const valid = year2025.filter((d) => !["2025-02-01", "2025-02-02", "2025-02-03", "2025-02-04"].includes(d));
    const r = periodCompleteness({ start: "2025-01-01", end: "2025-12-31", validDates: valid });
    expect(r.valid).toBe(false);
    expect(r.checks.filter((c) => !c.met).map((c) => c.period)).toEqual(["2025-02"]);
  });

  it("fails a year with fewer than 324 valid days even when every month passes", () => {
    // Every month keeps exactly its minimum (27, February 25), which adds up to only 322 days.
    const drop = new Set<string>();
    for (let m = 1; m <= 12; m++) {
      const month = String(m).padStart(2, "0");
      const n = m === 2 ? 3 : [4, 6, 9, 11].includes(m) ? 3 : 4;
      for (let d = 1; d <= n; d++) drop.add(`2025-${month}-${String(d).padStart(2, "0")}`);
    }
    const valid = year2025.filter((d) => !drop.has(d));
    const r = periodCompleteness({ start: "2025-01-01", end: "2025-12-31", validDates: valid });
    expect(valid.length).toBe(322);
    expect(r.checks.filter((c) => !c.met)).toEqual([{ scope: "year", period: "2025", validDays: 322, required: 324, met: false }]);
  });

  it("counts only the dates inside the period, across a year boundary", () => {
    // 2024-12-16 … 2026-01-15: whole months Jan 2025 … Dec 2025 and the whole year 2025; dates outside are ignored.
    const valid = [...datesBetween("2024-12-01", "2026-01-31")].filter((d) => d !== "2025-06-30");
    const r = periodCompleteness({ start: "2024-12-16", end: "2026-01-15", validDates: valid });
    expect(r.checks.map((c) => c.period)).toEqual([...Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`), "2025"]);
    expect(r.checks.find((c) => c.period === "2025-06")?.validDays).toBe(29);
    expect(r.checks.at(-1)).toEqual({ scope: "year", period: "2025", validDays: 364, required: 324, met: true });
  });

  it("checks only whole months inside a custom period", () => {
    const r = periodCompleteness({ start: "2025-01-15", end: "2025-03-10", validDates: datesBetween("2025-01-15", "2025-03-10") });
    expect(r.checks.map((c) => c.period)).toEqual(["2025-02"]);
  });
});
