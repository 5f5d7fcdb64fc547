import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("job_runs")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("job_name", "text", (c) => c.notNull())
    .addColumn("queue_job_id", "text")
    .addColumn("started_at", "timestamptz", (c) => c.notNull())
    .addColumn("finished_at", "timestamptz")
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('running', 'succeeded', 'failed')`))
    .addColumn("summary", "jsonb")
    .addColumn("error", "text")
    .addColumn("worker", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("job_runs_job_started").on("job_runs").columns(["job_name", "started_at"]).execute();
  // A queue job is recorded once even if a worker retries the bookkeeping.
  await sql`create unique index job_runs_queue_job_id on job_runs (queue_job_id) where queue_job_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("job_runs").execute();
}
