import { describe, expect, it } from "vitest";
import { addDays, datesFrom, recentMonths, todayInShanghai } from "./air-dates";

describe("air dates", () => {
  it("take today in Beijing time, whatever the device's zone", () => {
    expect(todayInShanghai(new Date("2026-11-28T15:59:59Z"))).toBe("2026-11-28");
    expect(todayInShanghai(new Date("2026-11-28T16:00:00Z"))).toBe("2026-11-29");
  });

  it("count days across month and year ends", () => {
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(datesFrom("2026-02-27", "2026-03-02")).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
  });

  it("list the last twelve months, the current one up to the last day with data", () => {
    const months = recentMonths("2026-11-28", 12);
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({ month: "2025-12", from: "2025-12-01", to: "2025-12-31" });
    expect(months[2]).toEqual({ month: "2026-02", from: "2026-02-01", to: "2026-02-28" });
    expect(months[11]).toEqual({ month: "2026-11", from: "2026-11-01", to: "2026-11-28" });
  });
});
