import type { Database, Repositories } from "@ecogov/db";
import type { Clock, UnitOfWork } from "@ecogov/domain";
import type { Kysely } from "kysely";

/** Structured logger the runner and jobs write to; the apps' JSON loggers satisfy it. */
import type { Logger } from "./logger";
import type { AirReadingsStaging } from "@ecogov/domain/air";

/** What jobs log through: the platform logger. */
export type JobLogger = Logger;

/** What a job may use: repositories (one transaction per command through `uow`), the clock and the logger. */
export interface JobDeps {
  db: Kysely<Database>;
  /** Repositories outside a transaction, for reads and single statements. */
  repos: Repositories;
  uow: UnitOfWork<Repositories>;
  /** Bulk staging of air readings (imports run by jobs). */
  airStaging: AirReadingsStaging;
  clock: Clock;
  logger: JobLogger;
}

/** The run being executed: who runs it and with what payload. */
export interface JobContext {
  /** pg-boss job id; null when a job is run directly (tests, scripts). */
  queueJobId: string | null;
  worker: string;
  data: Record<string, unknown>;
}

/**
 * pg-boss queue policy. `singleton` (the default) lets at most one run of a job be active across all
 * workers, so two runs of the same batch never overlap; `standard` lets workers run them in parallel.
 */
export type JobPolicy = "standard" | "singleton";

/**
 * A batch job: idempotent, calls repositories or domain use cases, and returns a summary of counts
 * that is stored in job_runs and shown to admins.
 */
export interface Job {
  /** Queue name and the name shown in the job-run log; kebab-case, unique. */
  name: string;
  /** Cron expression evaluated in Asia/Shanghai time; omitted = run on demand only. */
  schedule?: string;
  policy?: JobPolicy;
  /** A run still active after this long is failed by pg-boss (default 15 minutes, at most 24 hours). */
  timeoutSeconds?: number;
  run(deps: JobDeps, ctx: JobContext): Promise<Record<string, unknown>>;
}

/** Time zone for every job schedule: the bureau works on Beijing time. */
export const SCHEDULE_TIME_ZONE = "Asia/Shanghai";
