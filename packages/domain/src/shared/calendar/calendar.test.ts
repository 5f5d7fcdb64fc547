import { describe, expect, it } from "vitest";
import { isDomainError, validationError } from "../domain-error";
import {
  addNaturalDays,
  addWorkingDays,
  BUILTIN_CALENDAR as cal,
  buildCalendar,
  dayOfWeek,
  deadline,
  HOLIDAY_YEARS,
  HolidayYearSchema,
  holidayName,
  isRestDay,
  isWeekend,
  isWorkingDay,
  isYearCovered,
  shanghaiEndOfDay,
  toShanghaiDate,
  workingDaysBetween,
  workingDaysInYear,
  type HolidayYear,
} from "./index";

const year = (y: number): HolidayYear => {
  const found = HOLIDAY_YEARS.find((h) => h.year === y);
  if (!found) throw new Error(`no data for ${y}`);
  return found;
};

describe("worked examples (procedures.md §1.4)", () => {
  it.each([
    ["D1 disclosure request", "2024-09-26", 20, "working", "2024-10-29"],
    ["D1 with the 20-working-day extension", "2024-09-26", 40, "working", "2024-11-26"],
    ["D2 petition rolled past Spring Festival", "2023-12-15", 60, "natural", "2024-02-18"],
    ["D3 petition ending on an adjusted working Sunday", "2023-12-20", 60, "natural", "2024-02-18"],
    ["D4 EIA report form, calendar days", "2026-01-30", 30, "natural", "2026-03-02"],
    ["D4 EIA report form, working days", "2026-01-30", 30, "working", "2026-03-19"],
    ["D5 random-inspection publication", "2025-09-25", 20, "working", "2025-10-29"],
    ["D6 simplified permit, calendar days", "2026-04-28", 20, "natural", "2026-05-18"],
    ["D6 simplified permit, working days", "2026-04-28", 20, "working", "2026-05-28"],
    ["D7 third-party consultation", "2024-01-30", 15, "working", "2024-02-23"],
  ] as const)("%s: %s + %i %s days = %s", (_name, start, amount, unit, due) => {
    expect(deadline(cal, { start, amount, unit })).toEqual({ due, provisional: false });
  });

  it("extends D1 from its original due date", () => {
    expect(addWorkingDays(cal, "2024-10-29", 20)).toBe("2024-11-26");
  });

  it("would get D3 wrong with a weekday-only check", () => {
    expect(isWeekend("2024-02-18")).toBe(true);
    expect(isWorkingDay(cal, "2024-02-18")).toBe(true);
  });
});

describe("workingDaysInYear", () => {
  it.each([
    [2023, 249],
    [2024, 251],
    [2025, 248],
    [2026, 248],
  ])("counts %i working days in %i", (y, n) => {
    expect(workingDaysInYear(cal, y)).toBe(n);
  });

  // 全国年节及纪念日放假办法: 11 statutory days off until 2024, 13 from 2025; adjusted working days only move them.
  it.each([
    [2023, 11],
    [2024, 11],
    [2025, 13],
    [2026, 13],
  ])("nets %i to %i statutory weekday holidays", (y, n) => {
    const data = year(y);
    const inYear = (d: string) => d.startsWith(`${y}-`);
    const weekdaysOff = data.restDays.filter((r) => inYear(r.date) && !isWeekend(r.date)).length;
    expect(weekdaysOff - data.workingDays.filter(inYear).length).toBe(n);
  });
});

describe("isWorkingDay / isRestDay", () => {
  it.each([
    ["2024-09-27", true, "Friday before National Day"],
    ["2024-09-28", false, "ordinary Saturday"],
    ["2024-09-29", true, "adjusted working Sunday before National Day"],
    ["2024-09-30", true, "Monday before National Day"],
    ["2024-10-01", false, "National Day"],
    ["2024-10-07", false, "last day of National Day"],
    ["2024-10-08", true, "first day after National Day"],
    ["2024-10-12", true, "adjusted working Saturday after National Day"],
    ["2024-10-13", false, "Sunday after the adjusted Saturday"],
    ["2025-01-26", true, "adjusted working Sunday before Spring Festival"],
    ["2025-01-27", true, "eve of the 2025 holiday block"],
    ["2025-01-28", false, "first day of Spring Festival 2025"],
    ["2025-02-04", false, "last day of Spring Festival 2025"],
    ["2025-02-05", true, "first day after Spring Festival 2025"],
    ["2025-02-08", true, "adjusted working Saturday after Spring Festival"],
    ["2026-02-14", true, "adjusted working Saturday before Spring Festival 2026"],
    ["2026-02-23", false, "ninth day of Spring Festival 2026 (a Monday)"],
    ["2026-02-28", true, "adjusted working Saturday after Spring Festival 2026"],
    ["2023-01-28", true, "adjusted working Saturday 2023"],
    ["2023-01-29", true, "adjusted working Sunday 2023"],
    ["2022-12-31", false, "first day of the 2023 New Year holiday"],
    ["2023-01-02", false, "New Year's Day holiday Monday 2023"],
    ["2026-01-04", true, "adjusted working Sunday after New Year 2026"],
  ])("%s is working: %s (%s)", (date, working) => {
    expect(isWorkingDay(cal, date)).toBe(working);
    expect(isRestDay(cal, date)).toBe(!working);
  });

  it("rejects an impossible date with a bilingual error", () => {
    try {
      isWorkingDay(cal, "2024-02-30");
      expect.fail("should throw");
    } catch (e) {
      expect(isDomainError(e) && e.code).toBe("CALENDAR_INVALID_DATE");
    }
  });
});

describe("holidayName", () => {
  it.each([
    ["2022-12-31", "元旦"],
    ["2023-12-30", "元旦"],
    ["2023-10-01", "中秋节、国庆节"],
    ["2024-02-10", "春节"],
    ["2024-06-08", "端午节"],
    ["2026-10-07", "国庆节"],
  ])("names %s %s", (date, zh) => {
    expect(holidayName(cal, date)?.zh).toBe(zh);
  });

  it("puts 2022-12-31 in 2023's New Year holiday", () => {
    expect(year(2023).restDays.some((r) => r.date === "2022-12-31")).toBe(true);
    expect(holidayName(cal, "2022-12-31")).toEqual({ zh: "元旦", en: "New Year's Day" });
  });

  it.each(["2024-03-02", "2024-10-12", "2024-10-08"])("gives no name to %s", (date) => {
    expect(holidayName(cal, date)).toBeUndefined();
  });
});

describe("addWorkingDays", () => {
  it.each([
    ["skips the National Day holiday", "2024-09-30", 1, "2024-10-08"],
    ["counts the adjusted working Sunday", "2024-09-27", 1, "2024-09-29"],
    ["does not count the start day even before a weekend", "2024-09-28", 1, "2024-09-29"],
    ["starts counting after a holiday start day", "2024-10-03", 1, "2024-10-08"],
    ["counts the adjusted working Saturday after National Day", "2024-10-11", 1, "2024-10-12"],
    ["skips Spring Festival 2025", "2025-01-27", 1, "2025-02-05"],
    ["counts the Sunday before Spring Festival 2025", "2025-01-24", 1, "2025-01-26"],
    ["skips the nine-day Spring Festival 2026", "2026-02-13", 2, "2026-02-24"],
    ["crosses the 2023 New Year holiday", "2022-12-30", 1, "2023-01-03"],
    ["n = 0 keeps a working start day", "2024-09-29", 0, "2024-09-29"],
    ["n = 0 rolls a holiday start day forward", "2024-10-03", 0, "2024-10-08"],
  ])("%s", (_name, start, n, due) => {
    expect(addWorkingDays(cal, start, n)).toBe(due);
  });

  it.each([-1, 1.5, Number.NaN])("rejects n = %s", (n) => {
    expect(() => addWorkingDays(cal, "2024-01-02", n)).toThrow(/non-negative whole number/);
  });
});

describe("addNaturalDays", () => {
  it.each([
    ["rolls a National Day due date to the first working day after", "2024-09-25", 7, "2024-10-08"],
    ["keeps a due date on an adjusted working Sunday", "2025-09-21", 7, "2025-09-28"],
    ["keeps a due date on an adjusted working Saturday", "2023-09-27", 10, "2023-10-07"],
    ["rolls an ordinary Saturday to Monday", "2024-03-01", 1, "2024-03-04"],
    ["rolls through Spring Festival 2026", "2026-02-13", 3, "2026-02-24"],
    ["does not roll when the period merely spans a holiday", "2024-09-25", 14, "2024-10-09"],
    ["n = 0 keeps a working start day", "2024-09-30", 0, "2024-09-30"],
    ["n = 0 rolls a holiday start day forward", "2024-10-03", 0, "2024-10-08"],
  ])("%s", (_name, start, n, due) => {
    expect(addNaturalDays(cal, start, n)).toBe(due);
  });
});

describe("workingDaysBetween", () => {
  it.each([
    ["excludes from and includes to (D1)", "2024-09-26", "2024-10-29", 20],
    ["is zero for the same day", "2024-10-08", "2024-10-08", 0],
    ["is zero across the holiday itself", "2024-09-30", "2024-10-07", 0],
    ["is negative backwards", "2024-10-29", "2024-09-26", -20],
  ])("%s", (_name, from, to, n) => {
    expect(workingDaysBetween(cal, from, to)).toBe(n);
  });

  it("inverts addWorkingDays", () => {
    for (const start of ["2023-01-20", "2024-02-08", "2025-09-27", "2026-12-20"])
      for (const n of [1, 5, 20, 60]) expect(workingDaysBetween(cal, start, addWorkingDays(cal, start, n))).toBe(n);
  });
});

describe("deadline provisional flag", () => {
  it.each([
    ["inside covered years", { start: "2026-11-02", amount: 10, unit: "working" }, "2026-11-16", false],
    ["ending in 2027 (calendar days)", { start: "2026-12-20", amount: 30, unit: "natural" }, "2027-01-19", true],
    ["entirely in 2027", { start: "2027-03-01", amount: 5, unit: "working" }, "2027-03-08", true],
    ["counting 2027-01-01 as a working day until the notice exists", { start: "2026-12-10", amount: 20, unit: "working" }, "2027-01-07", true],
    ["ending in late December, which the 2027 notice may change", { start: "2026-12-01", amount: 20, unit: "working" }, "2026-12-29", true],
    ["ending in early December", { start: "2026-11-01", amount: 20, unit: "natural" }, "2026-11-23", false],
    ["starting in uncovered 2022", { start: "2022-12-29", amount: 3, unit: "working" }, "2023-01-04", true],
  ] as const)("%s", (_name, input, due, provisional) => {
    expect(deadline(cal, input)).toEqual({ due, provisional });
  });

  it("knows which years are covered", () => {
    expect([2022, 2023, 2026, 2027].map((y) => isYearCovered(cal, y))).toEqual([false, true, true, false]);
    expect(workingDaysInYear(cal, 2027)).toBe(261); // weekends only
  });

  it("clears the flag once an admin loads the 2027 notice", () => {
    // Hypothetical notice, only to show the mechanism.
    const y2027: HolidayYear = { year: 2027, restDays: [{ date: "2027-01-01", name: { zh: "元旦", en: "New Year's Day" } }], workingDays: [] };
    const withNext = buildCalendar([...HOLIDAY_YEARS, HolidayYearSchema.parse(y2027)]);
    expect(deadline(withNext, { start: "2026-12-10", amount: 20, unit: "working" })).toEqual({ due: "2027-01-08", provisional: false });
  });
});

describe("Shanghai dates", () => {
  it.each([
    ["2024-09-30T15:59:59.999Z", "2024-09-30"],
    ["2024-09-30T16:00:00.000Z", "2024-10-01"],
    ["2023-12-31T16:00:00.000Z", "2024-01-01"],
    ["2024-02-28T16:30:00.000Z", "2024-02-29"],
    ["1969-12-31T15:59:59.000Z", "1969-12-31"],
  ])("converts %s to %s", (iso, date) => {
    expect(toShanghaiDate(new Date(iso))).toBe(date);
  });

  it("ends a day at 24:00 Shanghai time", () => {
    expect(shanghaiEndOfDay("2024-10-29").toISOString()).toBe("2024-10-29T16:00:00.000Z");
    expect(toShanghaiDate(new Date(shanghaiEndOfDay("2024-12-31").getTime() - 1))).toBe("2024-12-31");
  });

  it("rejects an invalid instant", () => {
    expect(() => toShanghaiDate(new Date("nope"))).toThrow(/Invalid date/);
  });

  it("computes the day of week without the host time zone", () => {
    expect(["1970-01-01", "2024-02-18", "2024-10-12"].map(dayOfWeek)).toEqual([4, 0, 6]);
  });
});

describe("HolidayYearSchema", () => {
  it.each(HOLIDAY_YEARS.map((y) => [y.year, y] as const))("accepts the %i notice", (_y, data) => {
    expect(HolidayYearSchema.safeParse(data).success).toBe(true);
  });

  const y2026 = year(2026);
  const rulesOf = (input: unknown) => {
    const r = HolidayYearSchema.safeParse(input);
    if (r.success) throw new Error("expected a validation error");
    return validationError(r.error);
  };

  it("rejects an adjusted working day on a weekday with a bilingual message", () => {
    const err = rulesOf({ ...y2026, workingDays: [...y2026.workingDays, "2026-10-09"] });
    expect(err.details?.fieldErrors?.[0]).toMatchObject({ path: "workingDays.6", rule: "working_day_on_weekend" });
    expect(err.text).toEqual({
      zh: "调休上班日 2026-10-09 应为周六或周日",
      en: "Adjusted working day 2026-10-09 must be a Saturday or Sunday",
    });
  });

  it.each([
    ["a date from another year", { ...y2026, restDays: [...y2026.restDays, { date: "2025-10-01", name: { zh: "国庆节", en: "National Day" } }] }, "in_year"],
    ["a day both off and worked", { ...y2026, workingDays: [...y2026.workingDays, "2026-10-03"] }, "rest_and_working"],
    ["a duplicated date", { ...y2026, workingDays: [...y2026.workingDays, "2026-01-04"] }, "duplicate_date"],
    ["a year without New Year's Day", { ...y2026, restDays: y2026.restDays.filter((r) => r.date !== "2026-01-01") }, "new_year_day"],
    ["an impossible date", { ...y2026, workingDays: ["2026-02-30"] }, "iso_date"],
  ])("rejects %s", (_name, input, rule) => {
    const err = rulesOf(input);
    expect(err.details?.fieldErrors?.map((f) => f.rule)).toContain(rule);
    expect(err.text.zh).not.toBe(err.text.en);
  });
});
