import { sql, type Kysely } from "kysely";

/**
 * Supervision tasks (督察整改): sources (inspection rounds, plans), feedback problems, tasks with their units and
 * milestones, progress reports and their reviews, extension requests, sign-offs and reopenings, assigned cases,
 * attachments, saved views, in-app notifications and the outbox for SMS / e-mail gateways.
 * No status column anywhere: a task's status is derived from these dates and records.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const id = (t: string) => db.schema.createTable(t).addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`));
  const now = sql`now()`;

  await id("supervision_sources")
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('inspection_round', 'rectification_plan', 'responsibility_plan', 'work_plan')`))
    .addColumn("parent_id", "uuid", (c) => c.references("supervision_sources.id"))
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.check(sql`level in ('central', 'provincial', 'municipal', 'district')`))
    .addColumn("issued_on", "date")
    .addColumn("issuer", "text")
    .addColumn("description", "text")
    .addColumn("disclosed", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("due_soon_working_days", "integer", (c) => c.notNull().defaultTo(5).check(sql`due_soon_working_days between 0 and 30`))
    .addColumn("escalate_after_working_days", "integer", (c) => c.notNull().defaultTo(5).check(sql`escalate_after_working_days between 1 and 60`))
    .addColumn("created_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("supervision_sources_plan_parent", sql`(kind = 'rectification_plan') = (parent_id is not null)`)
    .execute();
  await db.schema.createIndex("supervision_sources_parent").on("supervision_sources").column("parent_id").execute();

  await id("supervision_problems")
    .addColumn("source_id", "uuid", (c) => c.notNull().references("supervision_sources.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("supervision_problems_source_code", ["source_id", "code"])
    .execute();

  await id("supervision_tasks")
    .addColumn("source_id", "uuid", (c) => c.notNull().references("supervision_sources.id"))
    .addColumn("problem_id", "uuid", (c) => c.references("supervision_problems.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('measure', 'case', 'work_task', 'plan_item')`))
    .addColumn("code", "text", (c) => c.notNull())
    // The import key (a list's 编号): importing the same list again matches rows to tasks by it.
    .addColumn("row_key", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("target", "text")
    .addColumn("lead_unit_id", "uuid", (c) => c.notNull().references("units.id"))
    .addColumn("responsible_leader", "text")
    .addColumn("start_on", "date", (c) => c.notNull())
    .addColumn("deadline_kind", "text", (c) => c.notNull().check(sql`deadline_kind in ('date', 'period', 'long_term')`))
    .addColumn("deadline_amount", "integer")
    .addColumn("deadline_unit", "text", (c) => c.check(sql`deadline_unit in ('working', 'natural')`))
    .addColumn("milestone_every", "text", (c) => c.check(sql`milestone_every in ('month', 'quarter', 'half_year', 'year')`))
    .addColumn("milestone_count", "integer")
    // The deadline as first computed; extensions and reopenings are records of their own, never written here.
    .addColumn("due_on", "date")
    .addColumn("due_provisional", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("disclosed", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("supervision_tasks_source_row_key", ["source_id", "row_key"])
    .addCheckConstraint(
      "supervision_tasks_deadline_shape",
      sql`(deadline_kind = 'date' and due_on is not null and deadline_amount is null and deadline_unit is null)
       or (deadline_kind = 'period' and due_on is not null and deadline_amount >= 1 and deadline_unit is not null)
       or (deadline_kind = 'long_term' and due_on is null and deadline_amount is null and deadline_unit is null)`,
    )
    .execute();
  await db.schema.createIndex("supervision_tasks_lead_unit").on("supervision_tasks").column("lead_unit_id").execute();
  await db.schema.createIndex("supervision_tasks_problem").on("supervision_tasks").column("problem_id").execute();

  // Every unit of a task, the lead included, so a scope check is one lookup here.
  await db.schema
    .createTable("supervision_task_units")
    .addColumn("task_id", "uuid", (c) => c.notNull().references("supervision_tasks.id").onDelete("cascade"))
    .addColumn("unit_id", "uuid", (c) => c.notNull().references("units.id"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('lead', 'co')`))
    .addPrimaryKeyConstraint("supervision_task_units_pkey", ["task_id", "unit_id"])
    .execute();
  await db.schema.createIndex("supervision_task_units_unit").on("supervision_task_units").column("unit_id").execute();
  await sql`create unique index supervision_task_units_one_lead on supervision_task_units (task_id) where role = 'lead'`.execute(db);

  await id("supervision_milestones")
    .addColumn("task_id", "uuid", (c) => c.notNull().references("supervision_tasks.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("nominal_on", "date", (c) => c.notNull())
    .addColumn("due_on", "date", (c) => c.notNull())
    .addColumn("provisional", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("generated", "boolean", (c) => c.notNull().defaultTo(false))
    .addUniqueConstraint("supervision_milestones_task_seq", ["task_id", "seq"])
    .execute();

  await db.schema
    .createTable("supervision_cases")
    .addColumn("task_id", "uuid", (c) => c.primaryKey().references("supervision_tasks.id").onDelete("cascade"))
    .addColumn("case_no", "text", (c) => c.notNull())
    .addColumn("received_on", "date", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("complaint", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull().defaultTo("pending").check(sql`outcome in ('pending', 'staged', 'completed')`))
    .addColumn("outcome_on", "date")
    .addColumn("reply", "text")
    .addColumn("public_summary", "text")
    .addColumn("outcome_recorded_at", "timestamptz")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("supervision_cases_outcome_date", sql`outcome = 'pending' or outcome_on is not null`)
    .execute();

  await id("supervision_reports")
    .addColumn("task_id", "uuid", (c) => c.notNull().references("supervision_tasks.id").onDelete("cascade"))
    .addColumn("unit_id", "uuid", (c) => c.notNull().references("units.id"))
    .addColumn("milestone_id", "uuid", (c) => c.references("supervision_milestones.id").onDelete("set null"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("figures", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("claims_completion", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("resubmission_of", "uuid", (c) => c.references("supervision_reports.id"))
    .addColumn("submitted_by", "uuid", (c) => c.references("users.id"))
    .addColumn("submitted_by_name", "text", (c) => c.notNull())
    .addColumn("submitted_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("supervision_reports_task").on("supervision_reports").column("task_id").execute();

  await db.schema
    .createTable("supervision_reviews")
    .addColumn("report_id", "uuid", (c) => c.primaryKey().references("supervision_reports.id").onDelete("cascade"))
    .addColumn("decision", "text", (c) => c.notNull().check(sql`decision in ('accepted', 'returned')`))
    .addColumn("reason", "text")
    .addColumn("reviewed_by", "uuid", (c) => c.references("users.id"))
    .addColumn("reviewed_by_name", "text", (c) => c.notNull())
    .addColumn("reviewed_at", "timestamptz", (c) => c.notNull())
    .addCheckConstraint("supervision_reviews_return_reason", sql`decision = 'accepted' or reason is not null`)
    .execute();

  await id("supervision_extensions")
    .addColumn("task_id", "uuid", (c) => c.notNull().references("supervision_tasks.id").onDelete("cascade"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("current_due_on", "date", (c) => c.notNull())
    .addColumn("requested_due_on", "date", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending").check(sql`status in ('pending', 'approved', 'refused')`))
    .addColumn("requested_by", "uuid", (c) => c.references("users.id"))
    .addColumn("requested_by_name", "text", (c) => c.notNull())
    .addColumn("requested_at", "timestamptz", (c) => c.notNull())
    .addColumn("decided_by", "uuid", (c) => c.references("users.id"))
    .addColumn("decided_by_name", "text")
    .addColumn("decided_at", "timestamptz")
    .addColumn("decision_note", "text")
    .addCheckConstraint("supervision_extensions_later", sql`requested_due_on > current_due_on`)
    .execute();
  await db.schema.createIndex("supervision_extensions_task").on("supervision_extensions").column("task_id").execute();
  await sql`create unique index supervision_extensions_one_pending on supervision_extensions (task_id) where status = 'pending'`.execute(db);

  await id("supervision_signoffs")
    .addColumn("task_id", "uuid", (c) => c.notNull().references("supervision_tasks.id").onDelete("cascade"))
    .addColumn("action", "text", (c) => c.notNull().check(sql`action in ('signoff', 'reopen')`))
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("new_due_on", "date")
    .addColumn("actor_id", "uuid", (c) => c.references("users.id"))
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("supervision_signoffs_task").on("supervision_signoffs").column("task_id").execute();

  // Files live on disk under their sha256; several rows may share one file.
  await id("supervision_attachments")
    .addColumn("sha256", "text", (c) => c.notNull().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn("size_bytes", "integer", (c) => c.notNull().check(sql`size_bytes > 0`))
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "uuid", (c) => c.references("users.id"))
    .addColumn("uploaded_by_name", "text", (c) => c.notNull())
    .addColumn("uploader_unit_id", "uuid", (c) => c.references("units.id"))
    .addColumn("uploaded_at", "timestamptz", (c) => c.notNull())
    .addColumn("task_id", "uuid", (c) => c.references("supervision_tasks.id").onDelete("cascade"))
    .addColumn("report_id", "uuid", (c) => c.references("supervision_reports.id").onDelete("cascade"))
    .addColumn("signoff_id", "uuid", (c) => c.references("supervision_signoffs.id").onDelete("cascade"))
    .execute();
  await db.schema.createIndex("supervision_attachments_task").on("supervision_attachments").column("task_id").execute();
  await db.schema.createIndex("supervision_attachments_sha256").on("supervision_attachments").column("sha256").execute();

  await id("supervision_saved_views")
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("filters", "jsonb", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("supervision_saved_views_user_name", ["user_id", "name"])
    .execute();

  await id("supervision_notifications")
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("task_id", "uuid", (c) => c.references("supervision_tasks.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title_zh", "text", (c) => c.notNull())
    .addColumn("title_en", "text", (c) => c.notNull())
    .addColumn("body_zh", "text", (c) => c.notNull())
    .addColumn("body_en", "text", (c) => c.notNull())
    // Nothing is sent twice: a reminder's key names its kind, task, deadline and user.
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("read_at", "timestamptz")
    .execute();
  await db.schema.createIndex("supervision_notifications_user").on("supervision_notifications").columns(["user_id", "created_at"]).execute();

  // Messages for the SMS / e-mail gateways: a gateway picks `pending` rows and marks them sent or failed.
  await id("supervision_outbox")
    .addColumn("channel", "text", (c) => c.notNull().check(sql`channel in ('sms', 'email')`))
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending").check(sql`status in ('pending', 'sent', 'failed')`))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("sent_at", "timestamptz")
    .addColumn("last_error", "text")
    .execute();
  await sql`create index supervision_outbox_pending on supervision_outbox (created_at) where status = 'pending'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "supervision_outbox",
    "supervision_notifications",
    "supervision_saved_views",
    "supervision_attachments",
    "supervision_signoffs",
    "supervision_extensions",
    "supervision_reviews",
    "supervision_reports",
    "supervision_cases",
    "supervision_milestones",
    "supervision_task_units",
    "supervision_tasks",
    "supervision_problems",
    "supervision_sources",
  ])
    await db.schema.dropTable(t).execute();
}
