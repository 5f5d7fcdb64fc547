import {
  board,
  createTask,
  CreateTaskInputSchema,
  FiguresQuerySchema,
  getTask,
  listTasks,
  taskFigures,
  TaskListQuerySchema,
  updateTask,
  UpdateTaskInputSchema,
} from "@ecogov/domain/supervision-tasks";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { commandDeps, managerProcedure, queryDeps, readerProcedure } from "./shared";

/** Task list, detail, board and figures (all scoped), and task entry. */
export const tasksRouter = {
  /** Filters: sourceId (with its plans), unitId, kind, status[], warning[], dueFrom/dueTo, search; sort; paging. */
  list: readerProcedure.input(TaskListQuerySchema.default({ sort: "due", limit: 50, offset: 0 })).query(({ ctx, input }) => listTasks(queryDeps(ctx), ctx.actor, input)),
  /** Detail with milestones, reports and reviews, extensions, sign-offs, case, timeline and what the actor may do. */
  get: readerProcedure.input(z.object({ id: z.uuid() })).query(({ ctx, input }) => getTask(queryDeps(ctx), ctx.actor, input.id)),
  /** The leader's board: overdue, due soon, reopened, awaiting sign-off, pending reviews and extensions. */
  board: readerProcedure.query(({ ctx }) => board(queryDeps(ctx), ctx.actor)),
  /** Counts by status, rates, overdue list, per unit and per source, cases, sentences; any day and scope. */
  figures: readerProcedure.input(FiguresQuerySchema.default({ basis: "effective" })).query(({ ctx, input }) => taskFigures(queryDeps(ctx), ctx.actor, input)),
  /** Supervision staff, leaders. */
  create: managerProcedure.input(CreateTaskInputSchema).mutation(({ ctx, input }) => createTask(commandDeps(ctx), ctx.actor, input, ctx.requestId)),
  /** Supervision staff, leaders. */
  update: managerProcedure.input(UpdateTaskInputSchema).mutation(({ ctx, input }) => updateTask(commandDeps(ctx), ctx.actor, input, ctx.requestId)),
} satisfies TRPCRouterRecord;
