import {
  airCalendar,
  AirCalendarInputSchema,
  AirCompositeIndexSettingsInputSchema,
  AirCompositeIndexSettingsKeySchema,
  airDashboard,
  AirDashboardInputSchema,
  AirDailyQuerySchema,
  airDataHealth,
  AirDustDayInputSchema,
  AirDustDayKeySchema,
  AirDustDayQuerySchema,
  AirHealthInputSchema,
  airPeriodFigures,
  AirPeriodFiguresInputSchema,
  AirPublishedRankInputSchema,
  airStationsNow,
  AirTargetInputSchema,
  enterAirPublishedRank,
  listAirCompositeIndexSettings,
  listAirDaily,
  listAirDustDays,
  listAirPublishedRanks,
  listAirTargets,
  publishAirPeriodFigures,
  PublishAirFiguresInputSchema,
  removeAirCompositeIndexSettings,
  removeAirDustDay,
  removeAirPublishedRank,
  setAirCompositeIndexSettings,
  setAirDustDay,
  setAirTarget,
  type AirComputeDeps,
} from "@ecogov/domain/air";
import { SECTIONS } from "@ecogov/domain/auth";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import type { Context } from "../../context";
import { roleProcedure } from "../../trpc";

/** Bureau staff read air quality; the monitoring section (and administrators) enter dust days, ranks, targets and settings. */
const staff = roleProcedure(["admin", "leader", ...SECTIONS], "view air quality");
const entry = roleProcedure(["admin", "monitoring"], "enter air data");

const air = (ctx: Pick<Context, "deps" | "clock">): AirComputeDeps => ({ uow: ctx.deps.uow, read: ctx.deps.read, clock: ctx.clock });
const Year = z.object({ year: z.number().int().min(2000).max(2100) });

export const airRouter = {
  /** The district's year to date against its targets: rank with year-on-year change, ratio, pollutants vs limits. */
  dashboard: staff.input(AirDashboardInputSchema).query(({ ctx, input }) => airDashboard(air(ctx), input)),
  /** Daily AQI of a year for the calendar heat map (a district, default ours, or a station). */
  calendar: staff.input(AirCalendarInputSchema).query(({ ctx, input }) => airCalendar(air(ctx), input)),
  /** Period figures per district and station, raw or dust-deducted, with computed and published ranks. */
  period: staff.input(AirPeriodFiguresInputSchema).query(({ ctx, input }) => airPeriodFigures(air(ctx), input)),
  /** Daily figures per station and district (the CLI's `air daily`). */
  daily: staff.input(AirDailyQuerySchema).query(({ ctx, input }) => listAirDaily(air(ctx), input)),
  /** Station table with data health: last value, gaps, implausible and stuck values, silent stations. */
  stations: staff.input(AirHealthInputSchema.optional()).query(({ ctx, input }) => airDataHealth(air(ctx), input ?? {})),
  /** Each station's latest hour with its real-time AQI and colour. */
  now: staff.query(({ ctx }) => airStationsNow(air(ctx))),
  dustDays: {
    list: staff.input(AirDustDayQuerySchema).query(({ ctx, input }) => listAirDustDays(air(ctx), input)),
    set: entry.input(AirDustDayInputSchema).mutation(({ ctx, input }) => setAirDustDay(air(ctx), ctx.actor, input, ctx.requestId)),
    remove: entry.input(AirDustDayKeySchema).mutation(({ ctx, input }) => removeAirDustDay(air(ctx), ctx.actor, input, ctx.requestId)),
  },
  publishedRanks: {
    list: staff.input(z.object({ from: z.string().optional(), to: z.string().optional() }).optional()).query(({ ctx, input }) => listAirPublishedRanks(air(ctx), input ?? {})),
    enter: entry.input(AirPublishedRankInputSchema).mutation(({ ctx, input }) => enterAirPublishedRank(air(ctx), ctx.actor, input, ctx.requestId)),
    remove: entry.input(z.object({ id: z.uuid() })).mutation(({ ctx, input }) => removeAirPublishedRank(air(ctx), ctx.actor, input, ctx.requestId)),
  },
  targets: {
    list: staff.input(Year).query(({ ctx, input }) => listAirTargets(air(ctx), input)),
    set: entry.input(AirTargetInputSchema).mutation(({ ctx, input }) => setAirTarget(air(ctx), ctx.actor, input, ctx.requestId)),
  },
  /** Composite-index settings in force from a date; period figures use the entry in force on the period's first day. */
  compositeIndexSettings: {
    list: staff.query(({ ctx }) => listAirCompositeIndexSettings(air(ctx))),
    set: entry.input(AirCompositeIndexSettingsInputSchema).mutation(({ ctx, input }) => setAirCompositeIndexSettings(air(ctx), ctx.actor, input, ctx.requestId)),
    remove: entry.input(AirCompositeIndexSettingsKeySchema).mutation(({ ctx, input }) => removeAirCompositeIndexSettings(air(ctx), ctx.actor, input, ctx.requestId)),
  },
  /** Stores the period's district figures as published, so later recomputations are compared against them. */
  publish: entry.input(PublishAirFiguresInputSchema).mutation(({ ctx, input }) => publishAirPeriodFigures(air(ctx), ctx.actor, input, ctx.requestId)),
} satisfies TRPCRouterRecord;
