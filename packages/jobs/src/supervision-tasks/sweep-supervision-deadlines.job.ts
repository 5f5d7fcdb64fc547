import { sweepSupervisionDeadlines } from "@ecogov/domain/supervision-tasks";
import type { Job } from "../job";

/**
 * Every morning (08:00 Beijing time, before office hours): due-soon and overdue reminders to the units' users, in the
 * app and queued for SMS, and escalations to the leaders; each reminder keyed so it is never sent twice. Time comes
 * from `deps.clock`, so a run can be replayed for any day.
 */
export const sweepSupervisionDeadlinesJob: Job = {
  name: "sweep-supervision-deadlines",
  schedule: "0 8 * * *",
  async run({ uow, clock }) {
    return sweepSupervisionDeadlines({ uow, clock });
  },
};
