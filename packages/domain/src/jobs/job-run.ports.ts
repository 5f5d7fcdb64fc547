import type { JobRun } from "./job-run.schema";

export interface JobRunRepository {
  start(r: { jobName: string; queueJobId: string | null; startedAt: Date; worker: string }): Promise<string>;
  finish(id: string, r: { finishedAt: Date; status: "succeeded" | "failed"; summary?: Record<string, unknown> | null; error?: string | null }): Promise<void>;
  list(q: { jobName?: string; limit: number }): Promise<JobRun[]>;
  /** The finished run of one queue job, if it has finished. */
  findFinished(queueJobId: string): Promise<JobRun | null>;
}
