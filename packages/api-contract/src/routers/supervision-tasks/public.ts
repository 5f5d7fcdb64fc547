import { PublicRoundSchema, PublicRoundSummarySchema, publicRound, publicRounds } from "@ecogov/domain/supervision-tasks";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { publicProcedure } from "../../trpc";
import { queryDeps } from "./shared";

/** Rectification progress of disclosed inspection rounds, for anyone: no personal data (see the output schemas). */
export const publicRouter = {
  rounds: publicProcedure.output(z.array(PublicRoundSummarySchema)).query(({ ctx }) => publicRounds(queryDeps(ctx))),
  round: publicProcedure
    .input(z.object({ code: z.string().trim().min(1).max(60) }))
    .output(PublicRoundSchema)
    .query(({ ctx, input }) => publicRound(queryDeps(ctx), input.code)),
} satisfies TRPCRouterRecord;
