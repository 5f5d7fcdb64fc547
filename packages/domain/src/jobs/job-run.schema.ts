import { z } from "zod";

export const JOB_RUN_STATUSES = ["running", "succeeded", "failed"] as const;

/** One run of a batch job, kept so admins can see what the worker did and when. */
export const JobRunSchema = z.object({
  id: z.uuid(),
  jobName: z.string(),
  queueJobId: z.string().nullable(),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
  status: z.enum(JOB_RUN_STATUSES),
  summary: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  worker: z.string(),
});
export type JobRun = z.infer<typeof JobRunSchema>;

export const JobRunQuerySchema = z.object({
  jobName: z.string().max(100).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
