import { describe, expect, it } from "vitest";
import { addDays, datesBetween, hourSlotOf, isCivilDate } from "./civil-date";

describe("civil dates", () => {
  it("validates dates including leap days", () => {
    expect(isCivilDate("2024-02-29")).toBe(true);
    expect(isCivilDate("2025-02-29")).toBe(false);
    expect(isCivilDate("2000-02-29")).toBe(true);
    expect(isCivilDate("1900-02-29")).toBe(false);
    expect(isCivilDate("2025-13-01")).toBe(false);
  });

  it("adds days across months and years", () => {
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(datesBetween("2024-01-01", "2024-12-31")).toHaveLength(366);
    expect(datesBetween("2025-01-02", "2025-01-01")).toEqual([]);
  });

  it.each([
    ["2025-06-01T01:00", "2025-06-01", 0],
    ["2025-06-01T23:00", "2025-06-01", 22],
    ["2025-06-02T00:00", "2025-06-01", 23],
    ["2026-03-01T00:00", "2026-02-28", 23],
    ["2025-01-01T00:00", "2024-12-31", 23],
  ] as const)("hour stamped %s (end of hour) is day %s index %i", (time, date, index) => {
    expect(hourSlotOf(time)).toEqual({ date, index });
  });

  it.each(["2025-06-01T24:00", "2025-06-01T01:30", "2025-06-01 01:00", "2025-02-30T01:00"])("rejects %s", (time) => {
    expect(() => hourSlotOf(time)).toThrow(RangeError);
  });
});
