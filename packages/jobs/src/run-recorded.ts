import type { Job, JobContext, JobDeps } from "./job";

/** How one recorded run ended; `runId` is the job_runs row. */
export type RecordedRun =
  | { runId: string; status: "succeeded"; summary: Record<string, unknown> }
  | { runId: string; status: "failed"; error: string };

/**
 * Runs a job and records it in job_runs (a `running` row first, then its outcome), so admins see
 * every run, failed ones included. A failing job is returned as `failed`, never thrown; only a
 * failure of the bookkeeping itself throws.
 */
export async function runAndRecord({ job, deps, ctx }: { job: Job; deps: JobDeps; ctx: JobContext }): Promise<RecordedRun> {
  const { repos, clock, logger } = deps;
  const fields = { job: job.name, queueJobId: ctx.queueJobId, worker: ctx.worker };
  const runId = await repos.jobRuns.start({ jobName: job.name, queueJobId: ctx.queueJobId, startedAt: clock.now(), worker: ctx.worker });
  const started = performance.now();
  let outcome: RecordedRun;
  try {
    const summary = await job.run(deps, ctx);
    outcome = { runId, status: "succeeded", summary };
  } catch (err) {
    outcome = { runId, status: "failed", error: describeError(err) };
    logger.error("job failed", { ...fields, runId, error: outcome.error, stack: err instanceof Error ? err.stack : undefined });
  }
  await repos.jobRuns.finish(runId, {
    finishedAt: clock.now(),
    status: outcome.status,
    summary: outcome.status === "succeeded" ? outcome.summary : null,
    error: outcome.status === "failed" ? outcome.error : null,
  });
  if (outcome.status === "succeeded") {
    logger.info("job succeeded", { ...fields, runId, durationMs: Math.round(performance.now() - started), ...outcome.summary });
  }
  return outcome;
}

function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === "string" ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
