import type { Actor } from "../../auth/auth.schema";
import { DomainError, parseOrThrow } from "../domain-error";
import type { AuditLog, Clock, UnitOfWork } from "../ports";
import { HolidayYearSchema, isYearCovered, workingDaysInYear, type HolidayCalendar, type HolidayYear } from "./calendar";
import type { HolidayYearRepository } from "./calendar.ports";

export interface CalendarRepos {
  holidayYears: HolidayYearRepository;
  audit: AuditLog;
}

/**
 * A module's hook run in the same transaction when a holiday year is entered: it recomputes the open deadlines
 * that depend on that year and returns how many changed (each change audited by the module).
 */
export interface DeadlineRecomputer<R> {
  name: string;
  recompute(repos: R, ctx: { calendar: HolidayCalendar; year: number; at: Date; actorId: string | null; actorName: string; requestId: string | null }): Promise<number>;
}

const actorName = (a: Actor | null) => (a ? `${a.displayName} (${a.username})` : "system");

/**
 * Enters (or corrects) one year's State Council holiday notice (国务院办公厅关于部分节假日安排的通知): administrators only,
 * audited, and every module's open deadlines touching that year are recomputed in the same transaction, so no
 * deadline stays provisional once its year is known.
 */
export async function setHolidayYear<R extends CalendarRepos>(
  deps: { uow: UnitOfWork<R>; clock: Clock; recomputers: readonly DeadlineRecomputer<R>[] },
  actor: Actor | null,
  raw: unknown,
  requestId: string | null = null,
): Promise<{ year: number; workingDays: number; recomputed: Record<string, number> }> {
  if (actor && actor.role !== "admin")
    throw new DomainError({ code: "CALENDAR_FORBIDDEN", kind: "forbidden", text: { zh: "只有系统管理员可以维护节假日安排", en: "Only administrators maintain the holiday calendar" } });
  const input = parseOrThrow(HolidayYearSchema, raw);
  const at = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const before = await repos.holidayYears.find(input.year);
    const by = { id: actor?.userId ?? null, name: actorName(actor) };
    await repos.holidayYears.save(input, by, at);
    const calendar = await repos.holidayYears.loadCalendar();
    const recomputed: Record<string, number> = {};
    for (const r of deps.recomputers) {
      recomputed[r.name] = await r.recompute(repos, { calendar, year: input.year, at, actorId: by.id, actorName: by.name, requestId });
    }
    await repos.audit.record({
      actorId: by.id,
      actorName: by.name,
      action: before ? "calendar.year.update" : "calendar.year.create",
      entityType: "holiday_year",
      entityId: String(input.year),
      before: before ? { restDays: before.restDays, workingDays: before.workingDays } : null,
      after: { restDays: input.restDays, workingDays: input.workingDays, recomputed },
      requestId,
    });
    return { year: input.year, workingDays: workingDaysInYear(calendar, input.year), recomputed };
  });
}

/** One year of the calendar in force, where its data comes from, and its working-day count. */
export interface CalendarYearSummary {
  year: number;
  origin: "builtin" | "entered";
  restDays: HolidayYear["restDays"];
  workingDays: readonly string[];
  workingDayCount: number;
  enteredByName: string | null;
  updatedAt: Date | null;
}

/** The years of the calendar in force (built-in and entered), and the next year if its notice is still missing. */
export async function listCalendarYears(repos: Pick<CalendarRepos, "holidayYears">, today: string): Promise<{ years: CalendarYearSummary[]; missing: number[] }> {
  const [entered, calendar] = await Promise.all([repos.holidayYears.list(), repos.holidayYears.loadCalendar()]);
  const byYear = new Map(entered.map((y) => [y.year, y]));
  const years = Object.values(calendar.years)
    .map((y): CalendarYearSummary => {
      const e = byYear.get(y.year);
      return {
        year: y.year,
        origin: e ? "entered" : "builtin",
        restDays: y.restDays,
        workingDays: y.workingDays,
        workingDayCount: workingDaysInYear(calendar, y.year),
        enteredByName: e?.enteredByName ?? null,
        updatedAt: e?.updatedAt ?? null,
      };
    })
    .sort((a, b) => a.year - b.year);
  const thisYear = Number(today.slice(0, 4));
  const missing = [thisYear, thisYear + 1].filter((y) => !isYearCovered(calendar, y));
  return { years, missing };
}
