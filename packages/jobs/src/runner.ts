import { createAirReadingsStaging, createRepositories, createUnitOfWork, type DbHandle } from "@ecogov/db";
import type { Clock } from "@ecogov/domain";
import type { JobRun } from "@ecogov/domain/jobs";
import PgBoss from "pg-boss";
import { SCHEDULE_TIME_ZONE, type Job, type JobDeps, type JobLogger } from "./job";
import { runAndRecord } from "./run-recorded";

/** pg-boss keeps its tables in this schema on both databases (STACK.md G13: stay on pg-boss 10). */
export const QUEUE_SCHEMA = "pgboss";

/**
 * Polling and housekeeping intervals. PGlite is one session shared with API requests, so it polls
 * rarely; `runNow` wakes the local worker directly, so on-demand runs do not wait for a poll.
 * The cron monitor stays at pg-boss's 30 s: cron is evaluated once per minute and a longer
 * interval would skip minutes.
 */
const INTERVALS = {
  pglite: { pollingIntervalSeconds: 10, cronWorkerIntervalSeconds: 15, maintenanceIntervalSeconds: 300 },
  postgres: { pollingIntervalSeconds: 5, cronWorkerIntervalSeconds: 5, maintenanceIntervalSeconds: 120 },
} as const;

const RUN_NOW_TIMEOUT_MS = 15 * 60_000;
const STOP_TIMEOUT_MS = 30_000;
const RUN_NOW_POLL_MS = 1_000;

export interface StartJobRunnerOptions {
  handle: DbHandle;
  clock: Clock;
  logger: JobLogger;
  /** Recorded in job_runs.worker, e.g. `api-1234` or `worker-host-5678`. */
  workerName: string;
  /** Register the cron schedules and act as a cron clock (default true). Off in tests. */
  schedule?: boolean;
  /** The jobs this runner serves; defaults to the registry `JOBS`. */
  jobs?: readonly Job[];
  /** Overrides every pg-boss polling interval (job queues, cron evaluation and hand-off); tests use short ones. */
  pollingIntervalSeconds?: number;
}

/** A started runner: the pg-boss instance, on-demand runs and shutdown. */
export interface JobRunner {
  boss: PgBoss;
  /**
   * Queues one run of a job and resolves with its finished job_runs row (status `succeeded` or
   * `failed`), whichever worker ran it. Throws for an unknown job or when the run does not finish in time.
   */
  runNow(name: string, data?: Record<string, unknown>, opts?: { timeoutMs?: number }): Promise<JobRun>;
  /** Stops fetching, waits for active runs (up to `timeoutMs`), then releases the queue's connections. */
  stop(opts?: { timeoutMs?: number }): Promise<void>;
}

/**
 * Starts pg-boss on the application's database and serves every job in `jobs`: one queue per job,
 * cron schedules in Asia/Shanghai time, and a job_runs row for every run.
 */
export async function startRunner(opts: StartJobRunnerOptions & { jobs: readonly Job[] }): Promise<JobRunner> {
  const { handle, clock, logger, workerName, schedule = true, jobs } = opts;
  const byName = indexJobs(jobs);
  const intervals = INTERVALS[handle.kind];
  const pollingIntervalSeconds = opts.pollingIntervalSeconds ?? intervals.pollingIntervalSeconds;

  const sql = trackSql(handle);
  const boss = new PgBoss({
    ...connectionFor(handle, workerName, sql),
    schema: QUEUE_SCHEMA,
    schedule,
    ...(opts.pollingIntervalSeconds
      ? { cronWorkerIntervalSeconds: Math.max(1, Math.ceil(opts.pollingIntervalSeconds)), cronMonitorIntervalSeconds: Math.max(1, Math.ceil(opts.pollingIntervalSeconds)) }
      : { cronWorkerIntervalSeconds: intervals.cronWorkerIntervalSeconds }),
    maintenanceIntervalSeconds: intervals.maintenanceIntervalSeconds,
  });
  // An EventEmitter without an "error" listener throws, which would take the whole process down.
  boss.on("error", (err: unknown) => logger.error("job queue error", describeQueueError(err)));

  const deps: JobDeps = { db: handle.db, repos: createRepositories(handle.db), uow: createUnitOfWork(handle.db), airStaging: createAirReadingsStaging(handle), clock, logger };
  const waiters = new Map<string, () => void>();
  const workerIds = new Map<string, string>();
  let stopping: Promise<void> | null = null;

  await boss.start();
  try {
    await ensureQueues(boss, jobs, logger, workerName);
    if (schedule) await registerSchedules(boss, jobs, logger);
    for (const job of jobs) {
      const id = await boss.work<Record<string, unknown> | null>(job.name, { pollingIntervalSeconds, batchSize: 1 }, async (batch) => {
        let summary: Record<string, unknown> = {};
        for (const queued of batch) {
          try {
            const outcome = await runAndRecord({ job, deps, ctx: { queueJobId: queued.id, worker: workerName, data: queued.data ?? {} } });
            // Throwing lets pg-boss mark the queue job failed too; job_runs and the log already have the error.
            if (outcome.status === "failed") throw new RecordedFailure(outcome.error);
            summary = outcome.summary;
          } catch (err) {
            if (!(err instanceof RecordedFailure)) {
              logger.error("job run not recorded", { job: job.name, queueJobId: queued.id, worker: workerName, error: String(err) });
            }
            throw err;
          } finally {
            waiters.get(queued.id)?.();
          }
        }
        return summary;
      });
      workerIds.set(job.name, id);
    }
  } catch (err) {
    await boss.stop({ graceful: false }).catch(() => undefined);
    throw err;
  }
  logger.info("job runner started", { worker: workerName, database: handle.kind, jobs: jobs.map((j) => j.name), schedule, pollingIntervalSeconds });

  async function runNow(name: string, data: Record<string, unknown> = {}, runOpts: { timeoutMs?: number } = {}): Promise<JobRun> {
    if (!byName.has(name)) throw new Error(`Unknown job "${name}"; known jobs: ${[...byName.keys()].join(", ")}`);
    if (stopping) throw new Error("The job runner is stopped");
    const id = await boss.send(name, data);
    if (!id) throw new Error(`pg-boss did not accept a run of job "${name}"`);
    const workerId = workerIds.get(name);
    if (workerId) boss.notifyWorker(workerId);

    const deadline = Date.now() + (runOpts.timeoutMs ?? RUN_NOW_TIMEOUT_MS);
    const runs = createRepositories(handle.db).jobRuns;
    for (;;) {
      const run = await runs.findFinished(id);
      if (run) return run;
      // A queue job can end without a finished run (expired while running, cancelled, bookkeeping failed).
      const state = (await boss.getJobById(name, id, { includeArchive: true }))?.state;
      if (state === "completed" || state === "failed" || state === "cancelled") {
        const late = await runs.findFinished(id);
        if (late) return late;
        throw new Error(`Job "${name}" (queue job ${id}) ended as ${state} without a finished job run`);
      }
      if (Date.now() > deadline) throw new Error(`Job "${name}" (queue job ${id}) did not finish in time`);
      if (stopping) throw new Error(`The job runner stopped while job "${name}" (queue job ${id}) was waiting`);
      await waitForRun(waiters, id, RUN_NOW_POLL_MS);
    }
  }

  function stop(stopOpts: { timeoutMs?: number } = {}): Promise<void> {
    stopping ??= (async () => {
      await boss.stop({ graceful: true, wait: true, timeout: stopOpts.timeoutMs ?? STOP_TIMEOUT_MS });
      // pg-boss completes a job without awaiting the statement; let it land before the caller closes the database.
      await sql.drain();
      for (const wake of waiters.values()) wake();
      logger.info("job runner stopped", { worker: workerName });
    })();
    return stopping;
  }

  return { boss, runNow, stop };
}

/** One queue per job; createQueue leaves an existing queue alone, updateQueue applies a changed policy or timeout. */
async function ensureQueues(boss: PgBoss, jobs: readonly Job[], logger: JobLogger, workerName: string): Promise<void> {
  for (const job of jobs) {
    const queue = { name: job.name, policy: job.policy ?? "singleton", retryLimit: 0, ...(job.timeoutSeconds ? { expireInSeconds: job.timeoutSeconds } : {}) };
    await retryOnDeadlock(() => boss.createQueue(job.name, queue), () => logger.debug("queue creation deadlocked, retrying", { job: job.name, worker: workerName }));
    await boss.updateQueue(job.name, queue);
  }
}

/** Queues jobs without running any: the API's side of the queue when separate workers run them (PostgreSQL). */
export interface JobSender {
  send(name: string, data: Record<string, unknown>): Promise<string | null>;
  stop(): Promise<void>;
}

/** Starts a send-only pg-boss client: no polling, no schedules, no maintenance; queues are ensured so a send never fails for a worker that has not started yet. */
export async function startSender(opts: { handle: DbHandle; logger: JobLogger; workerName: string; jobs: readonly Job[] }): Promise<JobSender> {
  const { handle, logger, workerName, jobs } = opts;
  const sql = trackSql(handle);
  const boss = new PgBoss({ ...connectionFor(handle, workerName, sql), schema: QUEUE_SCHEMA, schedule: false, supervise: false });
  boss.on("error", (err: unknown) => logger.error("job queue error", describeQueueError(err)));
  await boss.start();
  await ensureQueues(boss, jobs, logger, workerName);
  const known = new Set(jobs.map((j) => j.name));
  return {
    send: (name, data) => {
      if (!known.has(name)) throw new Error(`Unknown job "${name}"`);
      return boss.send(name, data);
    },
    stop: async () => {
      await boss.stop({ graceful: false, wait: true });
      await sql.drain();
    },
  };
}

function indexJobs(jobs: readonly Job[]): Map<string, Job> {
  const byName = new Map<string, Job>();
  for (const job of jobs) {
    if (byName.has(job.name)) throw new Error(`Job name "${job.name}" is registered twice`);
    byName.set(job.name, job);
  }
  return byName;
}

interface TrackedSql {
  executeSql(text: string, values: unknown[]): Promise<{ rows: any[] }>;
  drain(): Promise<void>;
}

/** Wraps the handle's raw SQL so shutdown can wait for statements pg-boss issued without awaiting. */
function trackSql(handle: DbHandle): TrackedSql {
  const pending = new Set<Promise<unknown>>();
  return {
    executeSql(text, values) {
      const p = handle.raw.executeSql(text, values);
      pending.add(p);
      p.then(
        () => pending.delete(p),
        () => pending.delete(p),
      );
      return p;
    },
    async drain() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
  };
}

/**
 * PGlite is reached through the handle's session queue (pg-boss cannot open a connection of its
 * own); PostgreSQL through a small pool of pg-boss's own, so queue polling never waits behind API queries.
 */
function connectionFor(handle: DbHandle, workerName: string, sql: TrackedSql): PgBoss.DatabaseOptions {
  if (handle.kind === "pglite") return { db: { executeSql: (text, values) => sql.executeSql(text, values ?? []) } };
  if (!handle.url) throw new Error("A PostgreSQL handle needs its url for the job queue");
  return { connectionString: handle.url, max: 4, application_name: `ecogov ${workerName}`.slice(0, 63) };
}

async function registerSchedules(boss: PgBoss, jobs: readonly Job[], logger: JobLogger): Promise<void> {
  const wanted = new Map(jobs.flatMap((j) => (j.schedule ? [[j.name, j.schedule] as const] : [])));
  // Upserts keyed by name, so every runner may register: a schedule exists once however many start.
  for (const [name, cron] of wanted) await boss.schedule(name, cron, {}, { tz: SCHEDULE_TIME_ZONE });
  for (const existing of await boss.getSchedules()) {
    if (!wanted.has(existing.name)) {
      // A job removed from the registry would otherwise keep being queued with no worker for it.
      await boss.unschedule(existing.name);
      logger.warn("removed schedule of an unregistered job", { job: existing.name, cron: existing.cron });
    }
  }
}

/**
 * pg-boss 10 creates a queue as a partition with its own foreign key to the queue table, so two
 * processes creating queues at the same moment (API and worker starting together) can deadlock.
 * PostgreSQL aborts one of them; creating again is safe because it skips an existing queue.
 */
async function retryOnDeadlock(fn: () => Promise<void>, onRetry: () => void, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if ((err as { code?: unknown }).code !== DEADLOCK_DETECTED || attempt >= attempts) throw err;
      onRetry();
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 200 * attempt));
    }
  }
}
const DEADLOCK_DETECTED = "40P01";

/** A job failure that runAndRecord has already stored and logged. */
class RecordedFailure extends Error {}

function waitForRun(waiters: Map<string, () => void>, id: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      waiters.delete(id);
      resolve();
    };
    const timer = setTimeout(done, ms);
    waiters.set(id, done);
  });
}

function describeQueueError(err: unknown): Record<string, unknown> {
  if (err && typeof err === "object") {
    const e = err as { message?: unknown; queue?: unknown; worker?: unknown; stack?: unknown };
    return { error: String(e.message ?? err), queue: e.queue, queueWorker: e.worker, stack: e.stack };
  }
  return { error: String(err) };
}
