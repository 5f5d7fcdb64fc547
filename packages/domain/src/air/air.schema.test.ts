import { describe, expect, it } from "vitest";
import { DailyRecordSchema, HourlyReadingSchema } from "./air.schema";

describe("HourlyReadingSchema", () => {
  const reading = { stationId: "S1", time: "2025-06-02T00:00", so2: 5, no2: "20", co: "0.6", o3: null, pm10: 50, pm25: "36.5" };

  it("accepts numbers, decimal strings and null", () => {
    expect(HourlyReadingSchema.parse(reading)).toEqual(reading);
  });

  it.each([
    ["a negative value", { pm25: -1 }],
    ["a non-decimal string", { co: "0,6" }],
    ["a non-hour stamp", { time: "2025-06-02T00:30" }],
    ["hour 24", { time: "2025-06-01T24:00" }],
  ])("rejects %s", (_label, patch) => {
    expect(HourlyReadingSchema.safeParse({ ...reading, ...patch }).success).toBe(false);
  });
});

describe("DailyRecordSchema", () => {
  it("accepts a day with a dust flag and an optional O3 1-h value", () => {
    const day = { date: "2026-03-01", so2_24h: 8, no2_24h: 30, co_24h: "0.6", pm10_24h: 45, pm25_24h: 20, o3_8h: null, dustAffected: true };
    expect(DailyRecordSchema.parse(day)).toEqual(day);
    expect(DailyRecordSchema.safeParse({ ...day, date: "2026-02-30" }).success).toBe(false);
  });
});
