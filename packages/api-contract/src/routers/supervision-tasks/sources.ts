import {
  createSource,
  CreateSourceInputSchema,
  getSource,
  listSources,
  SourceListQuerySchema,
  updateSource,
  UpdateSourceInputSchema,
  upsertProblem,
  UpsertProblemInputSchema,
} from "@ecogov/domain/supervision-tasks";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { commandDeps, managerProcedure, queryDeps, readerProcedure } from "./shared";

/** Sources (inspection rounds, plans) and the feedback problems of a round. */
export const sourcesRouter = {
  /** Sources in scope with headline figures; filter by kind or parent round. Any logged-in user. */
  list: readerProcedure.input(SourceListQuerySchema.default({})).query(({ ctx, input }) => listSources(queryDeps(ctx), ctx.actor, input)),
  /** A source's page: the source, its round or plans, problems, figures. Any logged-in user (scoped). */
  get: readerProcedure.input(z.object({ id: z.uuid() })).query(({ ctx, input }) => getSource(queryDeps(ctx), ctx.actor, input.id)),
  /** Supervision staff, leaders. */
  create: managerProcedure.input(CreateSourceInputSchema).mutation(({ ctx, input }) => createSource(commandDeps(ctx), ctx.actor, input, ctx.requestId)),
  /** Supervision staff, leaders. */
  update: managerProcedure.input(UpdateSourceInputSchema).mutation(({ ctx, input }) => updateSource(commandDeps(ctx), ctx.actor, input, ctx.requestId)),
  /** Adds or edits (by code) a feedback problem of an inspection round. Supervision staff, leaders. */
  upsertProblem: managerProcedure.input(UpsertProblemInputSchema).mutation(({ ctx, input }) => upsertProblem(commandDeps(ctx), ctx.actor, input, ctx.requestId)),
} satisfies TRPCRouterRecord;
