import { deadline, DeadlineUnitSchema, HolidayYearSchema, isIsoDate, isWorkingDay, listCalendarYears, setHolidayYear, toShanghaiDate } from "@ecogov/domain/calendar";
import { recomputeSupervisionDeadlines } from "@ecogov/domain/supervision-tasks";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { protectedProcedure, roleProcedure } from "../trpc";

const DateSchema = z.string().refine(isIsoDate, { message: "YYYY-MM-DD" });

/** Every module's deadlines recomputed when a holiday year is entered (one line per module that stores deadlines). */
const RECOMPUTERS = [recomputeSupervisionDeadlines];

/** The working-day calendar every module counts deadlines with; its holiday years are data admins maintain. */
export const calendarRouter = {
  /** Years in force (built-in or entered) and the current/next year still missing a notice. Any logged-in user. */
  years: protectedProcedure.query(({ ctx }) => listCalendarYears(ctx.deps.read, toShanghaiDate(ctx.clock.now()))),
  /** Enters or corrects a year's State Council notice; open deadlines are recomputed. Administrators. */
  setYear: roleProcedure(["admin"], "maintain the holiday calendar")
    .input(HolidayYearSchema)
    .mutation(({ ctx, input }) => setHolidayYear({ uow: ctx.deps.uow, clock: ctx.clock, recomputers: RECOMPUTERS }, ctx.actor, input, ctx.requestId)),
  /** The due date of N working or calendar days from a start (the form preview of a deadline). Any logged-in user. */
  deadline: protectedProcedure
    .input(z.object({ start: DateSchema, amount: z.number().int().min(0).max(3650), unit: DeadlineUnitSchema }))
    .query(async ({ ctx, input }) => deadline(await ctx.deps.read.holidayYears.loadCalendar(), input)),
  isWorkingDay: protectedProcedure.input(z.object({ date: DateSchema })).query(async ({ ctx, input }) => ({ date: input.date, working: isWorkingDay(await ctx.deps.read.holidayYears.loadCalendar(), input.date) })),
} satisfies TRPCRouterRecord;
