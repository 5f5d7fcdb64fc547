import type { TRPCRouterRecord } from "@trpc/server";
import { airRouter } from "./air.router";
import { kpisRouter } from "./kpis.router";
import { waterRouter } from "./water.router";

/** Indicators (环境质量指标): one sub-router per indicator family. */
export const indicatorsRouter = {
  air: airRouter,
  water: waterRouter,
  kpis: kpisRouter,
} satisfies TRPCRouterRecord;
