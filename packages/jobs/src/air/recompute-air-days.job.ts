import { recomputeAirDays, type RecomputeAirDaysInput } from "@ecogov/domain/air";
import type { Job } from "../job";

/**
 * Recomputes air station-days and district-days from the hourly readings for `{ stationIds?, from, to }` (queued
 * after an import with the affected stations and days, or run by hand for a whole period). Idempotent: rows whose
 * input and figures are unchanged are not rewritten. Runs one at a time (singleton) so overlapping imports queue.
 */
export const recomputeAirDaysJob: Job = {
  name: "air.recompute",
  policy: "singleton",
  timeoutSeconds: 60 * 60,
  async run({ uow, repos, clock, logger }, { data }) {
    // The payload is validated by the use case (bilingual field errors end up in the failed run).
    const result = await recomputeAirDays({ uow, read: repos, clock }, data as RecomputeAirDaysInput);
    logger.debug("air days recomputed", { from: result.from, to: result.to, stations: result.stations });
    return { ...result };
  },
};
