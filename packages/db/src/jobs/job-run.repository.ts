import type { JobRun, JobRunRepository } from "@ecogov/domain/jobs";
import type { Kysely } from "kysely";
import type { Database } from "../schema";

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
      let sel = db
        .selectFrom("jobRuns")
        .select(["id", "jobName", "queueJobId", "startedAt", "finishedAt", "status", "summary", "error", "worker"])
        .orderBy("startedAt", "desc")
        .limit(q.limit);
      if (q.jobName) sel = sel.where("jobName", "=", q.jobName);
      return (await sel.execute()) as JobRun[];
    },
  };
}
