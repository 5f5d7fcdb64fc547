import { JobRunQuerySchema } from "@ecogov/domain/jobs";
import type { TRPCRouterRecord } from "@trpc/server";
import { roleProcedure } from "../trpc";

export const jobsRouter = {
  runs: roleProcedure(["admin", "leader"], "view job runs")
    .input(JobRunQuerySchema)
    .query(({ ctx, input }) => ctx.deps.read.jobRuns.list(input)),
} satisfies TRPCRouterRecord;
