import type { DbHandle } from "@ecogov/db";
import type { Job, JobLogger } from "./job";
import { startRunner, startSender, type JobRunner, type JobSender, type StartJobRunnerOptions } from "./runner";
import { recomputeAirDaysJob } from "./air/recompute-air-days.job";
import { demoAirFeedJob } from "./demo/demo-air-feed.job";
import { purgeExpiredSessionsJob } from "./system/purge-expired-sessions.job";
import { analyzeTablesJob } from "./system/analyze-tables.job";
import { sweepSupervisionDeadlinesJob } from "./supervision-tasks/sweep-supervision-deadlines.job";

/** Every job the runner serves. A new module adds one line here. */
export const JOBS: readonly Job[] = [
  purgeExpiredSessionsJob,
  analyzeTablesJob,
  recomputeAirDaysJob,
  sweepSupervisionDeadlinesJob,
  demoAirFeedJob,
];

/** Starts the job runner (pg-boss) on the application's database, serving `JOBS` unless `jobs` is given. */
export function startJobRunner(opts: StartJobRunnerOptions): Promise<JobRunner> {
  return startRunner({ ...opts, jobs: opts.jobs ?? JOBS });
}

/** A send-only queue client for processes that enqueue but do not run jobs (the API beside separate workers). */
export function startJobSender(opts: { handle: DbHandle; logger: JobLogger; workerName: string }): Promise<JobSender> {
  return startSender({ ...opts, jobs: JOBS });
}

export { QUEUE_SCHEMA, type JobSender, type JobRunner, type StartJobRunnerOptions } from "./runner";
export { runAndRecord, type RecordedRun } from "./run-recorded";
export { SCHEDULE_TIME_ZONE, type Job, type JobContext, type JobDeps, type JobLogger, type JobPolicy } from "./job";
export { LOGIN_ATTEMPT_RETENTION_DAYS, purgeExpiredSessionsJob } from "./system/purge-expired-sessions.job";
export { analyzeReason, analyzeTablesJob } from "./system/analyze-tables.job";
export { recomputeAirDaysJob } from "./air/recompute-air-days.job";
export { demoAirFeedJob } from "./demo/demo-air-feed.job";
export { sweepSupervisionDeadlinesJob } from "./supervision-tasks/sweep-supervision-deadlines.job";
export { createLogger, type Logger, type LogLevel } from "./logger";
