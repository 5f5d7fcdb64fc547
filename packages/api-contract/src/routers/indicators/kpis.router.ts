import { SECTIONS } from "@ecogov/domain/auth";
import { createKpi, CreateKpiInputSchema, KpiQuerySchema, listKpis, updateKpi, UpdateKpiInputSchema } from "@ecogov/domain/kpis";
import type { TRPCRouterRecord } from "@trpc/server";
import { roleProcedure } from "../../trpc";

const staff = roleProcedure(["admin", "leader", ...SECTIONS], "view KPIs");
/** Section staff enter the figures (the issue: "entered by section staff"); every change is audited. */
const editors = roleProcedure(["admin", ...SECTIONS], "enter KPIs");

export const kpisRouter = {
  list: staff.input(KpiQuerySchema.default({})).query(({ ctx, input }) => listKpis(ctx.deps.read.kpis, input)),
  create: editors.input(CreateKpiInputSchema).mutation(({ ctx, input }) => createKpi({ uow: ctx.deps.uow, clock: ctx.clock }, ctx.actor, input, ctx.requestId)),
  update: editors.input(UpdateKpiInputSchema).mutation(({ ctx, input }) => updateKpi({ uow: ctx.deps.uow, clock: ctx.clock }, ctx.actor, input, ctx.requestId)),
} satisfies TRPCRouterRecord;
