import { MODULES } from "@ecogov/domain";
import { canBrowseAudit } from "@ecogov/domain/auth";
import type { TRPCRouterRecord } from "@trpc/server";
import { protectedProcedure } from "../trpc";

/** The home dashboard: what the actor can see of the district today, all read from the database. */
export const dashboardRouter = {
  summary: protectedProcedure.query(async ({ ctx }) => {
    const r = ctx.deps.read;
    const [home, towns, units, recentAudit, recentRuns, db] = await Promise.all([
      r.org.homeDistrict(),
      r.org.listTowns(ctx.scope),
      r.org.listUnits(ctx.scope),
      canBrowseAudit(ctx.actor.role) ? r.audit.query({ limit: 8, offset: 0 }) : Promise.resolve(null),
      canBrowseAudit(ctx.actor.role) ? r.jobRuns.list({ limit: 5 }) : Promise.resolve(null),
      ctx.deps.dbInfo(),
    ]);
    return {
      district: home,
      scope: ctx.scope,
      towns,
      unitCount: units.length,
      modules: MODULES,
      recentAudit: recentAudit?.items ?? null,
      auditTotal: recentAudit?.total ?? null,
      recentRuns,
      database: db.kind,
    };
  }),
} satisfies TRPCRouterRecord;
