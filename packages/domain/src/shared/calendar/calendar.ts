import { z } from "zod";
import { DomainError, refineMessage, type BilingualText } from "../domain-error";
import { HOLIDAY_YEARS } from "./holidays.data";

// ---------------------------------------------------------------------------------------------------------------
// Date helpers. Dates are local Asia/Shanghai calendar dates as `YYYY-MM-DD`; arithmetic runs on UTC day numbers so
// no host time zone or clock can leak in.
// ---------------------------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
// China has used UTC+8 without DST since 1992, so a fixed offset is exact for every date this system handles.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
/** Asia/Shanghai as an ISO 8601 offset (no daylight saving since 1991): what wall-clock times without a zone mean. */
export const SHANGHAI_OFFSET = "+08:00";
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const calendarErrors = {
  invalidDate: (value: unknown) =>
    new DomainError({
      code: "CALENDAR_INVALID_DATE",
      kind: "invalid",
      text: { zh: `无效日期：${String(value)}（应为 YYYY-MM-DD）`, en: `Invalid date: ${String(value)} (expected YYYY-MM-DD)` },
    }),
  invalidAmount: (value: number) =>
    new DomainError({
      code: "CALENDAR_INVALID_AMOUNT",
      kind: "invalid",
      text: { zh: `期限天数应为非负整数：${value}`, en: `A period must be a non-negative whole number of days: ${value}` },
    }),
};

/** Formats a day number (days since 1970-01-01) as `YYYY-MM-DD`. */
export function fromEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function tryEpochDay(date: string): number | undefined {
  const m = ISO_DATE.exec(date);
  if (!m) return undefined;
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
  // Date.UTC silently turns 02-30 into 03-02; the round trip rejects such dates.
  return fromEpochDay(day) === date ? day : undefined;
}

/** True for a real calendar date written as `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is string {
  return typeof value === "string" && tryEpochDay(value) !== undefined;
}

/** Parses `YYYY-MM-DD` into a day number (days since 1970-01-01); throws an `invalid` DomainError otherwise. */
export function toEpochDay(date: string): number {
  const day = tryEpochDay(date);
  if (day === undefined) throw calendarErrors.invalidDate(date);
  return day;
}

export const addDays = (date: string, n: number): string => fromEpochDay(toEpochDay(date) + n);
/** Signed number of calendar days from `from` to `to`. */
export const daysBetween = (from: string, to: string): number => toEpochDay(to) - toEpochDay(from);
/** 0 = Sunday … 6 = Saturday, like `Date#getDay`. */
export const dayOfWeek = (date: string): number => (((toEpochDay(date) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
export const isWeekend = (date: string): boolean => dayOfWeek(date) % 6 === 0;
export const yearOf = (date: string): number => Number(fromEpochDay(toEpochDay(date)).slice(0, 4));

/** The Asia/Shanghai calendar date of an instant (fixed UTC+8, so 16:00Z is already the next day). */
export function toShanghaiDate(instant: Date): string {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw calendarErrors.invalidDate(instant);
  return fromEpochDay(Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS));
}

/** The instant a day ends in Shanghai, 24:00 local = next day 00:00+08:00 (民法典 art. 203: the last day ends at 24:00). */
export function shanghaiEndOfDay(date: string): Date {
  return new Date((toEpochDay(date) + 1) * DAY_MS - SHANGHAI_OFFSET_MS);
}

// ---------------------------------------------------------------------------------------------------------------
// Holiday data
// ---------------------------------------------------------------------------------------------------------------

/** One day off under a State Council holiday notice, with the holiday it belongs to. */
export interface RestDay {
  date: string;
  name: BilingualText;
}

/** One year's State Council notice: days off (weekend days inside a block included) and adjusted working days (调休上班). */
export interface HolidayYear {
  year: number;
  restDays: readonly RestDay[];
  workingDays: readonly string[];
}

/** Every loaded notice, by year; a year missing here falls back to weekends-only rules. */
export interface HolidayCalendar {
  readonly years: Readonly<Record<number, HolidayYear>>;
}

// A notice may reach back into the previous December when New Year's Day is joined to a weekend (2023: 2022-12-31;
// 2019: 2018-12-29 worked, 2018-12-31 off), so the last days of a December also depend on the next year's notice.
const SPILL_FROM = "12-25";
const inNoticeScope = (date: string, year: number) => date >= `${year - 1}-${SPILL_FROM}` && date <= `${year}-12-31`;

const DateSchema = z
  .string()
  .refine(isIsoDate, refineMessage("iso_date", "日期应为有效的 YYYY-MM-DD 日期", "Date must be a valid YYYY-MM-DD date"));

/** Validates a holiday year an admin enters from the State Council notice (国务院办公厅关于部分节假日安排的通知). */
export const HolidayYearSchema: z.ZodType<HolidayYear> = z
  .object({
    year: z.number().int().min(2000).max(2100),
    restDays: z
      .array(z.object({ date: DateSchema, name: z.object({ zh: z.string().trim().min(1).max(40), en: z.string().trim().min(1).max(80) }) }))
      .min(1),
    workingDays: z.array(DateSchema),
  })
  .superRefine(({ year, restDays, workingDays }, ctx) => {
    const issue = (path: (string | number)[], rule: string, zh: string, en: string) =>
      ctx.addIssue({ code: "custom", path, ...refineMessage(rule, zh, en) });
    const rest = new Set<string>();
    const lists = [
      ["restDays", restDays.map((r) => r.date)],
      ["workingDays", workingDays],
    ] as const;
    for (const [field, dates] of lists) {
      const seen = new Set<string>();
      dates.forEach((date, i) => {
        const path = field === "restDays" ? [field, i, "date"] : [field, i];
        if (!isIsoDate(date)) return; // already reported by DateSchema
        if (!inNoticeScope(date, year))
          issue(path, "in_year", `${date} 不属于 ${year} 年的放假安排（仅元旦可延伸至上一年 12 月 25 日起）`,
            `${date} is outside the ${year} notice (only the New Year holiday may reach back to ${year - 1}-${SPILL_FROM})`);
        if (seen.has(date)) issue(path, "duplicate_date", `日期 ${date} 重复`, `Date ${date} is listed twice`);
        seen.add(date);
        if (field === "restDays") rest.add(date);
        else if (rest.has(date))
          issue(path, "rest_and_working", `${date} 不能既是放假日又是调休上班日`, `${date} cannot be both a rest day and an adjusted working day`);
        else if (!isWeekend(date))
          issue(path, "working_day_on_weekend", `调休上班日 ${date} 应为周六或周日`, `Adjusted working day ${date} must be a Saturday or Sunday`);
      });
    }
    // 全国年节及纪念日放假办法 art. 2 always gives 01-01 off; its absence usually means the wrong year was typed.
    if (!rest.has(`${year}-01-01`))
      issue(["restDays"], "new_year_day", `${year}-01-01（元旦）应列为放假日`, `${year}-01-01 (New Year's Day) must be listed as a rest day`);
  });

/** Builds a calendar from notices; a later entry for the same year replaces an earlier one (admin corrections). */
export function buildCalendar(years: readonly HolidayYear[]): HolidayCalendar {
  return { years: Object.fromEntries(years.map((y) => [y.year, y])) };
}

/** The notices shipped with the code (2023–2026, procedures.md §1.3). */
export const BUILTIN_CALENDAR: HolidayCalendar = buildCalendar(HOLIDAY_YEARS);

interface DayIndex {
  rest: Map<string, BilingualText>;
  working: Set<string>;
}
// Calendars are immutable values, so their lookup tables can be memoised per object without changing semantics.
const indexes = new WeakMap<HolidayCalendar, DayIndex>();
function indexOf(cal: HolidayCalendar): DayIndex {
  let idx = indexes.get(cal);
  if (!idx) {
    idx = { rest: new Map(), working: new Set() };
    for (const y of Object.values(cal.years)) {
      for (const r of y.restDays) idx.rest.set(r.date, r.name);
      for (const d of y.workingDays) idx.working.add(d);
    }
    indexes.set(cal, idx);
  }
  return idx;
}

// ---------------------------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------------------------

/** True when the notice for `year` is loaded; otherwise that year is computed with weekends only. */
export const isYearCovered = (cal: HolidayCalendar, year: number): boolean => cal.years[year] !== undefined;

/** A statutory rest day: a notice's day off, or a weekend not made an adjusted working day (民法典 art. 203, State Council notice). */
export function isRestDay(cal: HolidayCalendar, date: string): boolean {
  const { rest, working } = indexOf(cal);
  if (rest.has(date)) return true;
  if (working.has(date)) return false;
  return isWeekend(date); // also validates the date
}

/** A working day: Monday–Friday outside holidays, plus the weekend days a State Council notice made adjusted working days. */
export const isWorkingDay = (cal: HolidayCalendar, date: string): boolean => !isRestDay(cal, date);

/** The holiday a date belongs to under the State Council notice, or undefined (plain weekends have no name). */
export function holidayName(cal: HolidayCalendar, date: string): BilingualText | undefined {
  toEpochDay(date);
  return indexOf(cal).rest.get(date);
}

/** The date itself if it is a working day, else the first working day after it (民法典 art. 203). */
export function rollToWorkingDay(cal: HolidayCalendar, date: string): string {
  let d = date;
  while (isRestDay(cal, d)) d = addDays(d, 1);
  return d;
}

function assertAmount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw calendarErrors.invalidAmount(n);
}

/**
 * The n-th working day after `start`, which itself is not counted (民法典 art. 201). n = 0 means "the same day":
 * `start` if it is a working day, else the next one, matching `addNaturalDays(cal, start, 0)`.
 */
export function addWorkingDays(cal: HolidayCalendar, start: string, n: number): string {
  assertAmount(n);
  if (n === 0) return rollToWorkingDay(cal, start);
  let d = start;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(cal, d)) left--;
  }
  return d;
}

/** `start` + n calendar days, moved to the next working day when that falls on a rest day (民法典 arts. 201, 203). */
export function addNaturalDays(cal: HolidayCalendar, start: string, n: number): string {
  assertAmount(n);
  return rollToWorkingDay(cal, addDays(start, n));
}

/**
 * Working days in the half-open range (from, to]: `from` is not counted, `to` is, so that
 * `workingDaysBetween(cal, s, addWorkingDays(cal, s, n)) === n` for n ≥ 1 (民法典 art. 201). Negative when to < from.
 */
export function workingDaysBetween(cal: HolidayCalendar, from: string, to: string): number {
  const a = toEpochDay(from);
  const b = toEpochDay(to);
  if (b < a) return -workingDaysBetween(cal, to, from);
  let count = 0;
  for (let day = a + 1; day <= b; day++) if (isWorkingDay(cal, fromEpochDay(day))) count++;
  return count;
}

/** Working days from 01-01 to 12-31 of `year` under the State Council notice (2023: 249, 2024: 251, 2025/2026: 248). */
export const workingDaysInYear = (cal: HolidayCalendar, year: number): number =>
  workingDaysBetween(cal, `${year - 1}-12-31`, `${year}-12-31`);

export const DeadlineUnitSchema = z.enum(["working", "natural"]);
/** "working": 工作日 (e.g. 行政许可法 art. 82); "natural": 日, calendar days rolled past rest days (民法典 art. 203). */
export type DeadlineUnit = z.infer<typeof DeadlineUnitSchema>;

export interface DeadlineInput {
  start: string;
  amount: number;
  unit: DeadlineUnit;
}

export interface Deadline {
  /** Last day of the period; it ends at `shanghaiEndOfDay(due)`. */
  due: string;
  /** True when a day inspected depends on a notice not yet loaded, so `due` may move once it is published. */
  provisional: boolean;
}

/** The due date of a statutory period counted from `start` (民法典 arts. 201, 203; procedures.md §1.2). */
export function deadline(cal: HolidayCalendar, { start, amount, unit }: DeadlineInput): Deadline {
  const due = unit === "working" ? addWorkingDays(cal, start, amount) : addNaturalDays(cal, start, amount);
  // Only inspected days matter: (start, due] when counting working days, [start + amount, due] for calendar days.
  const first = unit === "working" && amount > 0 ? addDays(start, 1) : addDays(start, amount);
  const lastNotice = yearOf(due) + (due.slice(5) >= SPILL_FROM ? 1 : 0);
  let provisional = false;
  for (let y = yearOf(first); y <= lastNotice; y++) if (!isYearCovered(cal, y)) provisional = true;
  return { due, provisional };
}
