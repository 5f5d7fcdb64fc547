import { DomainError } from "@ecogov/domain";
import type { DataScope } from "@ecogov/domain/auth";
import type {
  AttachmentMeta,
  CaseCategory,
  DeadlineSpec,
  ExtensionRequest,
  LifecycleEvent,
  Milestone,
  ProgressReport,
  SavedView,
  SourceKind,
  SupervisionTaskRepository,
  TaskFacts,
  TaskFilter,
  TaskKind,
  TaskQuery,
  TaskWrite,
} from "@ecogov/domain/supervision-tasks";
import type { Kysely, Selectable, SelectQueryBuilder } from "kysely";
import type { Database } from "../schema";
import type { SupervisionTasksTable } from "./supervision-task.tables";
import { ATTACHMENT_COLUMNS, toAttachment } from "./supervision-attachment.repository";

/**
 * The ids of the tasks visible in a scope, as a subquery (null = every task): a unit reporter's unit is the lead or a
 * co-unit; a town officer's town holds the lead or a co-unit.
 */
export function scopedTaskIds(db: Kysely<Database>, scope: DataScope) {
  if (scope.kind === "all") return null;
  if (scope.kind === "unit") return db.selectFrom("supervisionTaskUnits").select("taskId").where("unitId", "=", scope.unitId);
  return db.selectFrom("supervisionTaskUnits as tu").innerJoin("units as u", "u.id", "tu.unitId").select("tu.taskId").where("u.townId", "=", scope.townId);
}

const TASK_COLUMNS = [
  "t.id",
  "t.sourceId",
  "t.problemId",
  "t.kind",
  "t.code",
  "t.rowKey",
  "t.title",
  "t.target",
  "t.leadUnitId",
  "t.responsibleLeader",
  "t.startOn",
  "t.deadlineKind",
  "t.deadlineAmount",
  "t.deadlineUnit",
  "t.milestoneEvery",
  "t.milestoneCount",
  "t.dueOn",
  "t.dueProvisional",
  "t.disclosed",
  "t.createdAt",
  "t.updatedAt",
] as const;

type TaskRow = Pick<Selectable<SupervisionTasksTable>, "deadlineKind" | "deadlineAmount" | "deadlineUnit" | "milestoneEvery" | "milestoneCount" | "dueOn" | "startOn">;

function deadlineOf(t: TaskRow): DeadlineSpec {
  if (t.deadlineKind === "date") return { kind: "date", date: t.dueOn! };
  if (t.deadlineKind === "period") return { kind: "period", start: t.startOn, amount: t.deadlineAmount!, unit: t.deadlineUnit! };
  return { kind: "long_term", start: t.startOn, every: t.milestoneEvery, count: t.milestoneCount ?? 4 };
}

function deadlineColumns(d: DeadlineSpec) {
  return {
    deadlineKind: d.kind,
    deadlineAmount: d.kind === "period" ? d.amount : null,
    deadlineUnit: d.kind === "period" ? d.unit : null,
    milestoneEvery: d.kind === "long_term" ? d.every : null,
    milestoneCount: d.kind === "long_term" ? d.count : null,
  };
}

const EXTENSION_COLUMNS = [
  "id",
  "taskId",
  "reason",
  "currentDueOn",
  "requestedDueOn",
  "status",
  "requestedBy",
  "requestedByName",
  "requestedAt",
  "decidedBy",
  "decidedByName",
  "decidedAt",
  "decisionNote",
] as const;

const VIEW_COLUMNS = ["id", "name", "filters", "createdAt", "updatedAt"] as const;
const toView = (v: { id: string; name: string; filters: unknown; createdAt: Date; updatedAt: Date }): SavedView => ({ ...v, filters: v.filters as TaskFilter });

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === "23505";

export function createSupervisionTaskRepository(db: Kysely<Database>): SupervisionTaskRepository {
  /** Task ids matching the query within the scope, as a subquery for every related table. */
  function ids(scope: DataScope, q: TaskQuery) {
    let sub = db.selectFrom("supervisionTasks as t").select("t.id") as SelectQueryBuilder<Database & { t: SupervisionTasksTable }, "t", { id: string }>;
    const scoped = scopedTaskIds(db, scope);
    if (scoped) sub = sub.where("t.id", "in", scoped);
    if (q.sourceIds) sub = q.sourceIds.length ? sub.where("t.sourceId", "in", q.sourceIds) : sub.where((eb) => eb.val(false));
    if (q.unitId) sub = sub.where("t.id", "in", db.selectFrom("supervisionTaskUnits").select("taskId").where("unitId", "=", q.unitId));
    if (q.kind) sub = sub.where("t.kind", "=", q.kind);
    if (q.ids) sub = q.ids.length ? sub.where("t.id", "in", q.ids) : sub.where((eb) => eb.val(false));
    if (q.search) {
      const like = `%${q.search.replace(/[%_\\]/g, (c) => "\\" + c)}%`;
      sub = sub.where((eb) => eb.or([eb("t.code", "ilike", like), eb("t.title", "ilike", like)]));
    }
    return sub;
  }

  async function listFacts(scope: DataScope, q: TaskQuery): Promise<TaskFacts[]> {
    const wanted = ids(scope, q);
    const tasks = await db
      .selectFrom("supervisionTasks as t")
      .innerJoin("supervisionSources as s", "s.id", "t.sourceId")
      .leftJoin("supervisionProblems as p", "p.id", "t.problemId")
      .select(TASK_COLUMNS)
      .select(["s.kind as sourceKind", "s.code as sourceCode", "s.title as sourceTitle", "s.disclosed as sourceDisclosed", "s.dueSoonWorkingDays", "s.escalateAfterWorkingDays"])
      .select(["p.code as problemCode", "p.title as problemTitle"])
      .where("t.id", "in", wanted)
      .orderBy("t.code")
      .execute();
    if (!tasks.length) return [];

    // Sequential on purpose: inside a transaction PGlite has one session.
    const units = await db
      .selectFrom("supervisionTaskUnits as tu")
      .innerJoin("units as u", "u.id", "tu.unitId")
      .select(["tu.taskId", "tu.role", "u.id", "u.name", "u.townId"])
      .where("tu.taskId", "in", wanted)
      .orderBy("tu.role", "desc")
      .orderBy("u.code")
      .execute();
    const milestones = await db
      .selectFrom("supervisionMilestones")
      .select(["id", "taskId", "seq", "title", "nominalOn", "dueOn", "provisional", "generated"])
      .where("taskId", "in", wanted)
      .orderBy("seq")
      .execute();
    const reports = await db
      .selectFrom("supervisionReports as r")
      .leftJoin("supervisionReviews as v", "v.reportId", "r.id")
      .select(["r.id", "r.taskId", "r.unitId", "r.milestoneId", "r.body", "r.figures", "r.claimsCompletion", "r.resubmissionOf", "r.submittedBy", "r.submittedByName", "r.submittedAt"])
      .select(["v.decision", "v.reason", "v.reviewedBy", "v.reviewedByName", "v.reviewedAt"])
      .where("r.taskId", "in", wanted)
      .orderBy("r.submittedAt")
      .execute();
    const attachments = await db
      .selectFrom("supervisionAttachments")
      .select(ATTACHMENT_COLUMNS)
      .where("taskId", "in", wanted)
      .where("reportId", "is not", null)
      .orderBy("uploadedAt")
      .execute();
    const extensions = await db.selectFrom("supervisionExtensions").select(EXTENSION_COLUMNS).where("taskId", "in", wanted).orderBy("requestedAt").execute();
    const lifecycle = await db
      .selectFrom("supervisionSignoffs")
      .select(["id", "taskId", "action", "note", "newDueOn", "actorId", "actorName", "at"])
      .where("taskId", "in", wanted)
      .orderBy("at")
      .execute();
    const cases = await db
      .selectFrom("supervisionCases")
      .select(["taskId", "caseNo", "receivedOn", "category", "subject", "complaint", "outcome", "outcomeOn", "reply", "publicSummary", "outcomeRecordedAt"])
      .where("taskId", "in", wanted)
      .execute();

    const group = <T extends { taskId: string }>(rows: T[]) => {
      const m = new Map<string, T[]>();
      for (const r of rows) (m.get(r.taskId) ?? m.set(r.taskId, []).get(r.taskId)!).push(r);
      return m;
    };
    const unitsBy = group(units);
    const milestonesBy = group(milestones);
    const reportsBy = group(reports);
    const attachmentsBy = new Map<string, AttachmentMeta[]>();
    for (const a of attachments) (attachmentsBy.get(a.reportId!) ?? attachmentsBy.set(a.reportId!, []).get(a.reportId!)!).push(toAttachment(a));
    const extensionsBy = group(extensions);
    const lifecycleBy = group(lifecycle);
    const caseBy = new Map(cases.map((c) => [c.taskId, c]));

    return tasks.map((t): TaskFacts => {
      const taskUnits = unitsBy.get(t.id) ?? [];
      const c = caseBy.get(t.id);
      return {
        task: {
          id: t.id,
          sourceId: t.sourceId,
          problemId: t.problemId,
          kind: t.kind as TaskKind,
          code: t.code,
          rowKey: t.rowKey,
          title: t.title,
          target: t.target,
          leadUnitId: t.leadUnitId,
          coUnitIds: taskUnits.filter((u) => u.role === "co").map((u) => u.id),
          responsibleLeader: t.responsibleLeader,
          startOn: t.startOn,
          deadline: deadlineOf(t),
          dueOn: t.deadlineKind === "long_term" ? null : t.dueOn,
          dueProvisional: t.dueProvisional,
          disclosed: t.disclosed,
          createdAt: t.createdAt,
          updatedAt: t.updatedAt,
        },
        source: {
          id: t.sourceId,
          kind: t.sourceKind as SourceKind,
          code: t.sourceCode,
          title: t.sourceTitle,
          disclosed: t.sourceDisclosed,
          dueSoonWorkingDays: t.dueSoonWorkingDays,
          escalateAfterWorkingDays: t.escalateAfterWorkingDays,
        },
        problem: t.problemId && t.problemCode !== null && t.problemTitle !== null ? { id: t.problemId, code: t.problemCode, title: t.problemTitle } : null,
        units: taskUnits.map((u) => ({ id: u.id, name: u.name, townId: u.townId, role: u.role })),
        milestones: (milestonesBy.get(t.id) ?? []).map(({ taskId: _t, ...m }): Milestone => m),
        reports: (reportsBy.get(t.id) ?? []).map(
          (r): ProgressReport => ({
            id: r.id,
            taskId: r.taskId,
            unitId: r.unitId,
            milestoneId: r.milestoneId,
            body: r.body,
            figures: r.figures,
            claimsCompletion: r.claimsCompletion,
            resubmissionOf: r.resubmissionOf,
            submittedBy: r.submittedBy,
            submittedByName: r.submittedByName,
            submittedAt: r.submittedAt,
            review: r.decision && r.reviewedAt && r.reviewedByName !== null ? { decision: r.decision, reason: r.reason, reviewedBy: r.reviewedBy, reviewedByName: r.reviewedByName, reviewedAt: r.reviewedAt } : null,
            attachments: attachmentsBy.get(r.id) ?? [],
          }),
        ),
        extensions: (extensionsBy.get(t.id) ?? []) as ExtensionRequest[],
        lifecycle: (lifecycleBy.get(t.id) ?? []) as LifecycleEvent[],
        case: c
          ? {
              caseNo: c.caseNo,
              receivedOn: c.receivedOn,
              category: c.category as CaseCategory,
              subject: c.subject,
              complaint: c.complaint,
              outcome: c.outcome,
              outcomeOn: c.outcomeOn,
              reply: c.reply,
              publicSummary: c.publicSummary,
              outcomeRecordedAt: c.outcomeRecordedAt,
            }
          : null,
      };
    });
  }

  async function setUnits(taskId: string, w: Pick<TaskWrite, "leadUnitId" | "coUnitIds">) {
    await db.deleteFrom("supervisionTaskUnits").where("taskId", "=", taskId).execute();
    await db
      .insertInto("supervisionTaskUnits")
      .values([{ taskId, unitId: w.leadUnitId, role: "lead" as const }, ...w.coUnitIds.map((unitId) => ({ taskId, unitId, role: "co" as const }))])
      .execute();
  }

  const columnsOf = (w: TaskWrite) => ({
    problemId: w.problemId,
    code: w.code,
    title: w.title,
    target: w.target,
    leadUnitId: w.leadUnitId,
    responsibleLeader: w.responsibleLeader,
    startOn: w.startOn,
    ...deadlineColumns(w.deadline),
    dueOn: w.dueOn,
    dueProvisional: w.dueProvisional,
    disclosed: w.disclosed,
  });

  return {
    listFacts,
    findFacts: async (scope, id) => (await listFacts(scope, { ids: [id] }))[0] ?? null,
    findIdByRowKey: async (sourceId, rowKey) =>
      (await db.selectFrom("supervisionTasks").select("id").where("sourceId", "=", sourceId).where("rowKey", "=", rowKey).executeTakeFirst())?.id ?? null,
    async insert(t) {
      const { id } = await db
        .insertInto("supervisionTasks")
        .values({ ...columnsOf(t), sourceId: t.sourceId, kind: t.kind, rowKey: t.rowKey, createdBy: t.createdBy, createdAt: t.createdAt, updatedAt: t.createdAt })
        .returning("id")
        .executeTakeFirstOrThrow();
      await setUnits(id, t);
      return id;
    },
    async update(id, w, at) {
      await db.updateTable("supervisionTasks").set({ ...columnsOf(w), updatedAt: at }).where("id", "=", id).execute();
      await setUnits(id, w);
    },
    async setDue(id, due, at) {
      await db.updateTable("supervisionTasks").set({ dueOn: due.dueOn, dueProvisional: due.dueProvisional, updatedAt: at }).where("id", "=", id).execute();
    },
    async replaceMilestones(taskId, list) {
      const existing = await db.selectFrom("supervisionMilestones").select(["id", "seq"]).where("taskId", "=", taskId).execute();
      const bySeq = new Map(existing.map((m) => [m.seq, m.id]));
      for (const m of list) {
        const values = { title: m.title, nominalOn: m.nominalOn, dueOn: m.dueOn, provisional: m.provisional, generated: m.generated };
        const id = bySeq.get(m.seq);
        if (id) await db.updateTable("supervisionMilestones").set(values).where("id", "=", id).execute();
        else await db.insertInto("supervisionMilestones").values({ taskId, seq: m.seq, ...values }).execute();
      }
      await db.deleteFrom("supervisionMilestones").where("taskId", "=", taskId).where("seq", ">", list.length).execute();
    },
    async setMilestoneDue(id, due) {
      await db.updateTable("supervisionMilestones").set(due).where("id", "=", id).execute();
    },
    async upsertCase(taskId, c) {
      const values = { caseNo: c.caseNo, receivedOn: c.receivedOn, category: c.category, subject: c.subject, complaint: c.complaint, updatedAt: new Date() };
      await db
        .insertInto("supervisionCases")
        .values({ taskId, ...values })
        .onConflict((oc) => oc.column("taskId").doUpdateSet(values))
        .execute();
    },
    async setCaseOutcome(taskId, o) {
      await db
        .updateTable("supervisionCases")
        .set({ outcome: o.outcome, outcomeOn: o.outcomeOn, reply: o.reply, publicSummary: o.publicSummary, outcomeRecordedAt: o.recordedAt, updatedAt: o.recordedAt })
        .where("taskId", "=", taskId)
        .execute();
    },
    async insertReport(r) {
      const { id } = await db
        .insertInto("supervisionReports")
        .values({ ...r, figures: JSON.stringify(r.figures) })
        .returning("id")
        .executeTakeFirstOrThrow();
      return id;
    },
    findReportTask: async (reportId) => (await db.selectFrom("supervisionReports").select("taskId").where("id", "=", reportId).executeTakeFirst())?.taskId ?? null,
    async insertReview(reportId, r) {
      await db.insertInto("supervisionReviews").values({ reportId, ...r }).execute();
    },
    async insertExtension(e) {
      const { id } = await db.insertInto("supervisionExtensions").values(e).returning("id").executeTakeFirstOrThrow();
      return id;
    },
    findExtension: async (id) => ((await db.selectFrom("supervisionExtensions").select(EXTENSION_COLUMNS).where("id", "=", id).executeTakeFirst()) as ExtensionRequest | undefined) ?? null,
    async decideExtension(id, d) {
      await db.updateTable("supervisionExtensions").set(d).where("id", "=", id).where("status", "=", "pending").execute();
    },
    async insertLifecycle(e) {
      const { id } = await db.insertInto("supervisionSignoffs").values(e).returning("id").executeTakeFirstOrThrow();
      return id;
    },
    listViews: async (userId) => (await db.selectFrom("supervisionSavedViews").select(VIEW_COLUMNS).where("userId", "=", userId).orderBy("name").execute()).map(toView),
    async saveView(userId, v, at) {
      const filters = JSON.stringify(v.filters);
      try {
        if (v.id) {
          const row = await db.updateTable("supervisionSavedViews").set({ name: v.name, filters, updatedAt: at }).where("id", "=", v.id).where("userId", "=", userId).returning(VIEW_COLUMNS).executeTakeFirst();
          return row ? toView(row) : null;
        }
        const row = await db
          .insertInto("supervisionSavedViews")
          .values({ userId, name: v.name, filters, createdAt: at, updatedAt: at })
          .onConflict((oc) => oc.columns(["userId", "name"]).doUpdateSet({ filters, updatedAt: at }))
          .returning(VIEW_COLUMNS)
          .executeTakeFirstOrThrow();
        return toView(row);
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        throw new DomainError({
          code: "SUPERVISION_VIEW_NAME_TAKEN",
          kind: "conflict",
          text: { zh: `已有名为“${v.name}”的视图`, en: `A view named "${v.name}" already exists` },
          details: { fieldErrors: [{ path: "name", rule: "unique", message: { zh: "名称已被使用", en: "Name already used" } }] },
          cause: e,
        });
      }
    },
    deleteView: async (userId, id) => Number((await db.deleteFrom("supervisionSavedViews").where("id", "=", id).where("userId", "=", userId).executeTakeFirst()).numDeletedRows) > 0,
  };
}
