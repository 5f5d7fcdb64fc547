import { describe, expect, it } from "vitest";
import { dailyMaxEightHourO3, dailyMaxHourO3, eightHourMeanExact, o3EightHourMean, o3EightHourMeansOfDay } from "./o3.rules";

const flat = (value: number | null) => Array<number | null>(24).fill(value);
/** Hours 0…(n−1) missing, the rest `value`. */
const missingFirst = (n: number, value: number) => flat(value).map((v, i) => (i < n ? null : v));

describe("o3EightHourMean", () => {
  it("needs at least 6 valid hours of 8 (GB 3095 Table 4)", () => {
    expect(o3EightHourMean([100, 100, 100, 100, 100, 100, null, null])).toBe(100);
    expect(o3EightHourMean([100, 100, 100, 100, 100, null, null, null])).toBeNull();
    expect(eightHourMeanExact([1, 2, 3, 4, 5, null, null, null])).toBeNull();
  });

  it("averages the valid hours and rounds the mean once, half to even", () => {
    expect(o3EightHourMean([100, 101, 100, 101, 100, 101, 100, 101])).toBe(100);
    expect(o3EightHourMean([101, 102, 101, 102, 101, 102, 101, 102])).toBe(102);
    expect(o3EightHourMean(["100.4", "100.4", "100.4", "100.4", "100.4", "100.4", "100.4", "104.8"])).toBe(101);
  });

  it("rejects a window that is not 8 hours", () => {
    expect(() => o3EightHourMean([1, 2, 3])).toThrow(RangeError);
  });
});

describe("dailyMaxEightHourO3 (MDA8)", () => {
  it("uses the 17 windows ending 08:00…24:00, including the value stamped D+1 00:00 (index 23)", () => {
    const hours = Array.from({ length: 24 }, (_, i) => 10 * i);
    const windows = o3EightHourMeansOfDay(hours);
    expect(windows).toHaveLength(17);
    expect(windows[0]).toBe(35); // hours ending 01:00…08:00 → indexes 0…7
    expect(windows[16]).toBe(195); // hours ending 17:00…24:00 → indexes 16…23
    const r = dailyMaxEightHourO3(hours);
    expect(r).toMatchObject({ value: 195, valid: true, validWindows: 17, byException: false });
  });

  it("is valid with exactly 14 valid windows", () => {
    const r = dailyMaxEightHourO3(missingFirst(5, 100));
    expect(r).toMatchObject({ value: 100, valid: true, validWindows: 14, byException: false });
  });

  it("is invalid with 13 valid windows when the maximum does not exceed the limit", () => {
    const r = dailyMaxEightHourO3(missingFirst(6, 150));
    expect(r).toMatchObject({ value: null, valid: false, validWindows: 13, maxOfValidWindows: 150 });
  });

  it("is still valid with fewer than 14 windows when the maximum already exceeds 160 (the exception)", () => {
    const r = dailyMaxEightHourO3(missingFirst(10, 170));
    expect(r).toMatchObject({ value: 170, valid: true, validWindows: 9, byException: true });
  });

  it("tests the exception on the rounded maximum: 160.4 → 160 is not above 160, 160.6 → 161 is", () => {
    expect(dailyMaxEightHourO3(missingFirst(10, 160.4)).valid).toBe(false);
    expect(dailyMaxEightHourO3(missingFirst(10, 160.6))).toMatchObject({ valid: true, value: 161 });
  });

  it("takes the Grade I limit for class-1 zones when asked", () => {
    expect(dailyMaxEightHourO3(missingFirst(10, 120), { limit: 100 })).toMatchObject({ valid: true, value: 120 });
  });

  it("has no value for an all-missing day", () => {
    expect(dailyMaxEightHourO3(flat(null))).toMatchObject({ value: null, valid: false, validWindows: 0, maxOfValidWindows: null });
  });

  it("rejects a day that is not 24 values", () => {
    expect(() => dailyMaxEightHourO3(Array(23).fill(1))).toThrow(RangeError);
  });
});

describe("dailyMaxHourO3", () => {
  const nineteen = (max: number) => missingFirst(5, 100).map((v, i) => (i === 12 ? max : v));

  it("takes the largest valid hour, rounded", () => {
    expect(dailyMaxHourO3(flat(100).map((v, i) => (i === 14 ? 212.5 : v)))).toMatchObject({ value: 212, valid: true, validHours: 24 });
  });

  it("needs 20 valid hours unless the max already exceeds 200 (default reading)", () => {
    expect(dailyMaxHourO3(nineteen(150))).toMatchObject({ value: null, valid: false, validHours: 19 });
    expect(dailyMaxHourO3(nineteen(210))).toMatchObject({ value: 210, valid: true, byException: true, validity: "min20HoursOrAboveLimit" });
  });

  it("can apply the plain 20-hour rule", () => {
    expect(dailyMaxHourO3(nineteen(210), { validity: "min20Hours" })).toMatchObject({ value: null, valid: false, validity: "min20Hours" });
  });
});
