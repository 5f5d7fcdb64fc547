import { SECTIONS } from "@ecogov/domain/auth";
import { listSampleClasses, listSectionsLatest, waterPeriodResults, WaterPeriodQuerySchema } from "@ecogov/domain/water";
import type { TRPCRouterRecord } from "@trpc/server";
import { roleProcedure } from "../../trpc";

/** Bureau staff (administrators, leaders, every section) read water quality; the public reads it as open data. */
const staff = roleProcedure(["admin", "leader", ...SECTIONS], "view water quality");

export const waterRouter = {
  /** Every section with its latest class against its target (dashboard table). */
  sections: staff.query(({ ctx }) => listSectionsLatest(ctx.deps.read)),
  /** Every sample of the period with its class, deciding items, CWQI and item set. */
  classes: staff.input(WaterPeriodQuerySchema).query(({ ctx, input }) => listSampleClasses(ctx.deps.read, input)),
  /** Section classes vs targets, district CWQI and rank among the city's districts, I–III share year on year. */
  period: staff.input(WaterPeriodQuerySchema).query(({ ctx, input }) => waterPeriodResults(ctx.deps.read, input)),
} satisfies TRPCRouterRecord;
