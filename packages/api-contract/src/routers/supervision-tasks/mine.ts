import { deleteView, listNotifications, listViews, markNotificationsRead, saveView, SaveViewInputSchema } from "@ecogov/domain/supervision-tasks";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { commandDeps, queryDeps, readerProcedure } from "./shared";

/** The actor's own saved views of the task list. Any logged-in user. */
export const viewsRouter = {
  list: readerProcedure.query(({ ctx }) => listViews(queryDeps(ctx), ctx.actor)),
  /** Without id: creates (or replaces the one with the same name); with id: renames / refilters it. */
  save: readerProcedure.input(SaveViewInputSchema).mutation(({ ctx, input }) => saveView(commandDeps(ctx), ctx.actor, input)),
  delete: readerProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    await deleteView(commandDeps(ctx), ctx.actor, input.id);
    return { ok: true as const };
  }),
} satisfies TRPCRouterRecord;

/** The actor's in-app reminders (due soon, overdue, escalations, review outcomes). Any logged-in user. */
export const notificationsRouter = {
  list: readerProcedure
    .input(z.object({ unreadOnly: z.boolean().default(false), limit: z.number().int().min(1).max(200).default(50) }).default({ unreadOnly: false, limit: 50 }))
    .query(({ ctx, input }) => listNotifications(queryDeps(ctx), ctx.actor, input)),
  markRead: readerProcedure
    .input(z.object({ ids: z.union([z.array(z.uuid()).max(200), z.literal("all")]) }))
    .mutation(async ({ ctx, input }) => ({ updated: await markNotificationsRead(commandDeps(ctx), ctx.actor, input.ids) })),
} satisfies TRPCRouterRecord;
