import type { JobRun, JobRunRepository } from "@ecogov/domain/jobs";
import type { Kysely } from "kysely";
import type { Database } from "../schema";

const COLUMNS = ["id", "jobName", "queueJobId", "startedAt", "finishedAt", "status", "summary", "error", "worker"] as const;

export function createJobRunRepository(db: Kysely<Database>): JobRunRepository {
  return {
    async start(r) {
      const row = await db.insertInto("jobRuns").values({ ...r, status: "running" }).returning("id").executeTakeFirstOrThrow();
      return row.id;
    },
    async finish(id, r) {
      await db
        .updateTable("jobRuns")
        .set({ finishedAt: r.finishedAt, status: r.status, summary: r.summary ? JSON.stringify(r.summary) : null, error: r.error ?? null })
        .where("id", "=", id)
        .execute();
    },
    async list(q) {
      let sel = db.selectFrom("jobRuns").select(COLUMNS).orderBy("startedAt", "desc").limit(q.limit);
      if (q.jobName) sel = sel.where("jobName", "=", q.jobName);
      return (await sel.execute()) as JobRun[];
    },
    async findFinished(queueJobId) {
      const row = await db.selectFrom("jobRuns").select(COLUMNS).where("queueJobId", "=", queueJobId).where("status", "!=", "running").executeTakeFirst();
      return (row as JobRun | undefined) ?? null;
    },
  };
}
