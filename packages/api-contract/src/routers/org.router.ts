import type { TRPCRouterRecord } from "@trpc/server";
import { protectedProcedure } from "../trpc";

/** The district's structure as the actor may see it: a town officer sees only their own town. */
export const orgRouter = {
  districts: protectedProcedure.query(({ ctx }) => ctx.deps.read.org.listDistricts()),
  towns: protectedProcedure.query(({ ctx }) => ctx.deps.read.org.listTowns(ctx.scope)),
  units: protectedProcedure.query(({ ctx }) => ctx.deps.read.org.listUnits(ctx.scope)),
} satisfies TRPCRouterRecord;
