import { z } from "zod";
import type { DataScope } from "../auth/auth.rules";
import { scopeOf } from "../auth/auth.rules";
import type { Actor } from "../auth/auth.schema";
import { deadline as computeDeadline, type HolidayCalendar } from "../shared/calendar/calendar";
import type { DeadlineRecomputer } from "../shared/calendar/calendar.use-cases";
import { parseOrThrow, type BilingualText } from "../shared/domain-error";
import type { Clock, UnitOfWork } from "../shared/ports";
import { ATTACHMENT_MAX_BYTES, checkAttachment } from "./supervision-task.attachment";
import { supervisionErrors as errors } from "./supervision-task.errors";
import { importFormatOf, mapHeaders, parseImportRow, type ImportFormat, type ParsedTaskRow, type RejectedRow, type TableRow } from "./supervision-task.import";
import type { SupervisionRepos, TaskWrite } from "./supervision-task.ports";
import {
  canDecide,
  canManageTasks,
  canReport,
  canRequestExtension,
  checkExtensionRequest,
  checkReopen,
  checkReport,
  checkSignOff,
  deriveTaskState,
  isOpen,
  reminderKindOf,
  reportingUnitOf,
  rerollMilestone,
  resolveDeadline,
  startOf,
  todayOf,
} from "./supervision-task.rules";
import {
  CreateSourceInputSchema,
  CreateTaskInputSchema,
  DecideExtensionInputSchema,
  RecordCaseOutcomeInputSchema,
  ReopenInputSchema,
  RequestExtensionInputSchema,
  ReviewReportInputSchema,
  SaveViewInputSchema,
  SignOffInputSchema,
  SubmitReportInputSchema,
  TASK_KIND_OF_SOURCE,
  UpdateSourceInputSchema,
  UpdateTaskInputSchema,
  UpsertProblemInputSchema,
  type AttachmentMeta,
  type CaseDetails,
  type DeadlineSpec,
  type MilestoneInput,
  type Problem,
  type SavedView,
  type Source,
  type TaskFacts,
  type TaskKind,
  type TaskView,
} from "./supervision-task.schema";
import { toTaskView } from "./supervision-task.views";

/** What the commands need: one transaction per command (audit inside it) and the clock. */
export interface SupervisionDeps {
  uow: UnitOfWork<SupervisionRepos>;
  clock: Clock;
}

const ALL: DataScope = { kind: "all" };
const nameOf = (a: Actor | null) => (a ? `${a.displayName} (${a.username})` : "system");

function allow(ok: boolean, action: BilingualText): void {
  if (!ok) throw errors.forbidden(action);
}

function auditTask(r: SupervisionRepos, actor: Actor | null, action: string, taskId: string, change: { before?: unknown; after?: unknown }, requestId: string | null) {
  return r.audit.record({ actorId: actor?.userId ?? null, actorName: nameOf(actor), action, entityType: "supervision_task", entityId: taskId, ...change, requestId });
}

async function stateOf(r: SupervisionRepos, facts: TaskFacts, today: string, calendar?: HolidayCalendar) {
  const cal = calendar ?? (await r.holidayYears.loadCalendar());
  return deriveTaskState(facts, { asOf: today, calendar: cal });
}

async function loadTask(r: SupervisionRepos, scope: DataScope, id: string): Promise<TaskFacts> {
  const facts = await r.supervisionTasks.findFacts(scope, id);
  if (!facts) throw errors.taskNotFound(id);
  return facts;
}

// ---------------------------------------------------------------------------------------------------------------
// Sources and problems
// ---------------------------------------------------------------------------------------------------------------

/** Creates an inspection round, a rectification plan (under its round), a responsibility plan or a work plan. */
export async function createSource(deps: SupervisionDeps, actor: Actor, raw: unknown, requestId: string | null = null): Promise<Source> {
  allow(canManageTasks(actor.role), { zh: "新建督察整改来源", en: "create supervision sources" });
  const input = parseOrThrow(CreateSourceInputSchema, raw);
  return deps.uow.run(async (r) => {
    if (await r.supervisionSources.findByCode(input.code)) throw errors.sourceCodeTaken(input.code);
    if (input.parentId) {
      const parent = await r.supervisionSources.find(ALL, input.parentId);
      if (!parent) throw errors.sourceNotFound(input.parentId);
      if (parent.kind !== "inspection_round") throw errors.parentNotRound();
    }
    const source = await r.supervisionSources.insert({ ...input, createdBy: actor.userId });
    await r.audit.record({ actorId: actor.userId, actorName: nameOf(actor), action: "supervision.source.create", entityType: "supervision_source", entityId: source.id, after: source, requestId });
    return source;
  });
}

/** Edits a source's title, dates, disclosure flag and warning thresholds. */
export async function updateSource(deps: SupervisionDeps, actor: Actor, raw: unknown, requestId: string | null = null): Promise<Source> {
  allow(canManageTasks(actor.role), { zh: "修改督察整改来源", en: "edit supervision sources" });
  const input = parseOrThrow(UpdateSourceInputSchema, raw);
  return deps.uow.run(async (r) => {
    const before = await r.supervisionSources.find(ALL, input.id);
    if (!before) throw errors.sourceNotFound(input.id);
    if (before.kind !== "inspection_round" && input.level !== null) throw errors.forbidden({ zh: "为非督察轮次设置督察层级", en: "set a level on a source that is not an inspection round" });
    const after = await r.supervisionSources.update(input);
    await r.audit.record({ actorId: actor.userId, actorName: nameOf(actor), action: "supervision.source.update", entityType: "supervision_source", entityId: after.id, before, after, requestId });
    return after;
  });
}

/** The inspection round whose feedback problems a source's measures answer. */
function roundIdOf(source: Pick<Source, "id" | "kind" | "parentId">): string | null {
  if (source.kind === "inspection_round") return source.id;
  if (source.kind === "rectification_plan") return source.parentId;
  return null;
}

/** Adds or edits (by its code) a feedback problem (反馈问题) of an inspection round. */
export async function upsertProblem(deps: SupervisionDeps, actor: Actor, raw: unknown, requestId: string | null = null): Promise<Problem> {
  allow(canManageTasks(actor.role), { zh: "维护反馈问题", en: "edit feedback problems" });
  const input = parseOrThrow(UpsertProblemInputSchema, raw);
  return deps.uow.run(async (r) => {
    const source = await r.supervisionSources.find(ALL, input.sourceId);
    if (!source) throw errors.sourceNotFound(input.sourceId);
    if (source.kind !== "inspection_round") throw errors.parentNotRound();
    const before = await r.supervisionSources.findProblemByCode(source.id, input.code);
    const after = before
      ? await r.supervisionSources.updateProblem(before.id, { title: input.title, description: input.description })
      : await r.supervisionSources.insertProblem({ sourceId: source.id, code: input.code, title: input.title, description: input.description });
    await r.audit.record({ actorId: actor.userId, actorName: nameOf(actor), action: before ? "supervision.problem.update" : "supervision.problem.create", entityType: "supervision_problem", entityId: after.id, before, after, requestId });
    return after;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Tasks
// ---------------------------------------------------------------------------------------------------------------

interface TaskDraft {
  problemId: string | null;
  code: string;
  title: string;
  target: string | null;
  leadUnitId: string;
  coUnitIds: string[];
  responsibleLeader: string | null;
  deadline: DeadlineSpec;
  milestones: MilestoneInput[];
  disclosed: boolean;
  case: Pick<CaseDetails, "caseNo" | "receivedOn" | "category" | "subject" | "complaint"> | null;
}

async function checkDraft(r: SupervisionRepos, source: Source, kind: TaskKind, d: TaskDraft): Promise<void> {
  if ((kind === "case") !== (d.case !== null)) throw errors.caseMismatch(kind);
  if (d.problemId) {
    const problem = await r.supervisionSources.findProblem(d.problemId);
    if (!problem || problem.sourceId !== roundIdOf(source)) throw errors.problemNotFound(d.problemId);
  }
  if (!(await r.org.findUnit(d.leadUnitId))) throw errors.unitNotFound("leadUnitId", d.leadUnitId);
  for (const [i, id] of d.coUnitIds.entries()) if (!(await r.org.findUnit(id))) throw errors.unitNotFound(`coUnitIds.${i}`, id);
}

function toWrite(d: TaskDraft, calendar: HolidayCalendar, enteredOn: string) {
  const resolved = resolveDeadline(calendar, d.deadline, d.milestones);
  const write: TaskWrite = {
    problemId: d.problemId,
    code: d.code,
    title: d.title,
    target: d.target,
    leadUnitId: d.leadUnitId,
    coUnitIds: d.coUnitIds,
    responsibleLeader: d.responsibleLeader,
    startOn: startOf(d.deadline, enteredOn),
    deadline: d.deadline,
    dueOn: resolved.dueOn,
    dueProvisional: resolved.provisional,
    disclosed: d.disclosed,
  };
  return { write, milestones: resolved.milestones };
}

async function viewOf(r: SupervisionRepos, id: string, today: string, calendar: HolidayCalendar): Promise<TaskView> {
  const facts = await loadTask(r, ALL, id);
  return toTaskView(facts, deriveTaskState(facts, { asOf: today, calendar }));
}

/**
 * Enters a task under a source: a measure of a rectification plan (optionally answering a feedback problem of its
 * round), an assigned case of an inspection round, a work task or a plan item. The deadline is computed on the
 * working-day calendar in force; the row key (default: the code) is unique within the source.
 */
export async function createTask(deps: SupervisionDeps, actor: Actor, raw: unknown, requestId: string | null = null): Promise<TaskView> {
  allow(canManageTasks(actor.role), { zh: "新建任务", en: "create tasks" });
  const input = parseOrThrow(CreateTaskInputSchema, raw);
  const now = deps.clock.now();
  const today = todayOf(now);
  return deps.uow.run(async (r) => {
    const source = await r.supervisionSources.find(ALL, input.sourceId);
    if (!source) throw errors.sourceNotFound(input.sourceId);
    const kind = TASK_KIND_OF_SOURCE[source.kind];
    await checkDraft(r, source, kind, input);
    const rowKey = input.rowKey ?? input.code;
    if (await r.supervisionTasks.findIdByRowKey(source.id, rowKey)) throw errors.taskKeyTaken(rowKey);
    const calendar = await r.holidayYears.loadCalendar();
    const { write, milestones } = toWrite(input, calendar, today);
    const id = await r.supervisionTasks.insert({ ...write, sourceId: source.id, kind, rowKey, createdBy: actor.userId, createdAt: now });
    await r.supervisionTasks.replaceMilestones(id, milestones);
    if (input.case) await r.supervisionTasks.upsertCase(id, input.case);
    await auditTask(r, actor, "supervision.task.create", id, { after: { ...input, dueOn: write.dueOn, dueProvisional: write.dueProvisional } }, requestId);
    return viewOf(r, id, today, calendar);
  });
}

/** Edits a task (its source and kind stay); the deadline and milestones are recomputed, milestone reports kept. */
export async function updateTask(deps: SupervisionDeps, actor: Actor, raw: unknown, requestId: string | null = null): Promise<TaskView> {
  allow(canManageTasks(actor.role), { zh: "修改任务", en: "edit tasks" });
  const input = parseOrThrow(UpdateTaskInputSchema, raw);
  const now = deps.clock.now();
  const today = todayOf(now);
  return deps.uow.run(async (r) => {
    const before = await loadTask(r, ALL, input.id);
    const source = await r.supervisionSources.find(ALL, before.source.id);
    if (!source) throw errors.sourceNotFound(before.source.id);
    await checkDraft(r, source, before.task.kind, input);
    const calendar = await r.holidayYears.loadCalendar();
    const { write, milestones } = toWrite(input, calendar, todayOf(before.task.createdAt));
    await r.supervisionTasks.update(input.id, write, now);
    await r.supervisionTasks.replaceMilestones(input.id, milestones);
    if (input.case) await r.supervisionTasks.upsertCase(input.id, input.case);
    await auditTask(r, actor, "supervision.task.update", input.id, { before: before.task, after: { ...input, dueOn: write.dueOn } }, requestId);
    return viewOf(r, input.id, today, calendar);
  });
}

async function usableAttachments(r: SupervisionRepos, actor: Actor, ids: readonly string[], taskId: string): Promise<void> {
  const found = await r.supervisionAttachments.findMany(ids);
  for (const id of ids) {
    const a = found.find((x) => x.id === id);
    if (!a || a.uploadedBy !== actor.userId || a.reportId || a.signoffId || (a.taskId !== null && a.taskId !== taskId)) throw errors.attachmentNotUsable(id);
  }
}

/**
 * A unit reporter files progress (text, figures, attachments, optionally against a milestone or claiming completion)
 * for a task their unit leads or co-handles; bureau staff may file for any of the task's units. A report answering a
 * returned one names it. Tasks of other units read as missing.
 */
export async function submitReport(deps: SupervisionDeps, actor: Actor, raw: unknown, requestId: string | null = null): Promise<{ id: string; taskId: string }> {
  allow(canReport(actor.role), { zh: "填报进展", en: "submit progress reports" });
  const input = parseOrThrow(SubmitReportInputSchema, raw);
  const now = deps.clock.now();
  return deps.uow.run(async (r) => {
    const facts = await loadTask(r, scopeOf(actor), input.taskId);
    const state = await stateOf(r, facts, todayOf(now));
    if (!checkReport(state).ok) throw errors.taskFinished(input.taskId);
    const unitId = reportingUnitOf(actor, facts, input.unitId);
    if (!unitId) throw errors.notYourUnit();
    if (input.milestoneId && !facts.milestones.some((m) => m.id === input.milestoneId)) throw errors.milestoneNotOnTask();
    if (input.resubmissionOf && facts.reports.find((x) => x.id === input.resubmissionOf)?.review?.decision !== "returned") throw errors.badResubmission();
    await usableAttachments(r, actor, input.attachmentIds, facts.task.id);
    const id = await r.supervisionTasks.insertReport({
      taskId: facts.task.id,
      unitId,
      milestoneId: input.milestoneId,
      body: input.body,
      figures: input.figures,
      claimsCompletion: input.claimsCompletion,
      resubmissionOf: input.resubmissionOf,
      submittedBy: actor.userId,
      submittedByName: nameOf(actor),
      submittedAt: now,
    });
    if (input.attachmentIds.length) await r.supervisionAttachments.link(input.attachmentIds, { taskId: facts.task.id, reportId: id });
    await auditTask(r, actor, "supervision.report.submit", facts.task.id, { after: { reportId: id, ...input } }, requestId);
    return { id, taskId: facts.task.id };
  });
}

/** Supervision staff accept a report or return it with reasons; the submitter is told in the app. */
export async function reviewReport(deps: SupervisionDeps, actor: Actor, raw: unknown, requestId: string | null = null): Promise<{ reportId: string; taskId: string }> {
  allow(canManageTasks(actor.role), { zh: "审核进展报告", en: "review progress reports" });
  const input = parseOrThrow(ReviewReportInputSchema, raw);
  const now = deps.clock.now();
  return deps.uow.run(async (r) => {
    const taskId = await r.supervisionTasks.findReportTask(input.reportId);
    if (!taskId) throw errors.reportNotFound(input.reportId);
    const facts = await loadTask(r, ALL, taskId);
    const report = facts.reports.find((x) => x.id === input.reportId)!;
    if (report.review) throw errors.alreadyReviewed(input.reportId);
    await r.supervisionTasks.insertReview(report.id, { decision: input.decision, reason: input.reason, reviewedBy: actor.userId, reviewedByName: nameOf(actor), reviewedAt: now });
    if (report.submittedBy) {
      const returned = input.decision === "returned";
      await r.supervisionNotifications.notify({
        userId: report.submittedBy,
        taskId,
        kind: returned ? "report_returned" : "report_accepted",
        title: returned ? { zh: `进展报告被退回：${facts.task.code}`, en: `Report returned: ${facts.task.code}` } : { zh: `进展报告已通过：${facts.task.code}`, en: `Report accepted: ${facts.task.code}` },
        body: returned ? { zh: `退回理由：${input.reason}`, en: `Reason: ${input.reason}` } : { zh: facts.task.title, en: facts.task.title },
        dedupeKey: `review:${report.id}`,
        createdAt: now,
      });
    }
    await auditTask(r, actor, "supervision.report.review", taskId, { after: { reportId: report.id, decision: input.decision, reason: input.reason } }, requestId);
    return { reportId: report.id, taskId };
  });
}

/**
 * The lead unit (or supervision staff) asks for a later deadline, with reasons, before the deadline in force passes;
 * the leaders are told. The original deadline stays on record.
 */
export async function requestExtension(deps: SupervisionDeps, actor: Actor, raw: unknown, requestId: string | null = null): Promise<{ id: string; taskId: string }> {
  allow(canReport(actor.role), { zh: "申请延期", en: "request extensions" });
  const input = parseOrThrow(RequestExtensionInputSchema, raw);
  const now = deps.clock.now();
  const today = todayOf(now);
  return deps.uow.run(async (r) => {
    const facts = await loadTask(r, scopeOf(actor), input.taskId);
    if (!canRequestExtension(actor, facts)) throw errors.forbidden({ zh: "为非本单位牵头的任务申请延期", en: "request an extension for a task your unit does not lead" });
    const state = await stateOf(r, facts, today);
    const check = checkExtensionRequest(facts, state, { today, requestedDueOn: input.requestedDueOn });
    if (!check.ok) throw errors.extensionRefused(check.reason, state.dueOn);
    const id = await r.supervisionTasks.insertExtension({
      taskId: facts.task.id,
      reason: input.reason,
      currentDueOn: state.dueOn!,
      requestedDueOn: input.requestedDueOn,
      requestedBy: actor.userId,
      requestedByName: nameOf(actor),
      requestedAt: now,
    });
    for (const leader of await r.supervisionNotifications.leaders()) {
      await r.supervisionNotifications.notify({
        userId: leader.userId,
        taskId: facts.task.id,
        kind: "extension_decided",
        title: { zh: `延期申请待审批：${facts.task.code}`, en: `Extension request to decide: ${facts.task.code}` },
        body: { zh: `申请由 ${state.dueOn} 延期至 ${input.requestedDueOn}：${input.reason}`, en: `From ${state.dueOn} to ${input.requestedDueOn}: ${input.reason}` },
        dedupeKey: `extension-request:${id}:${leader.userId}`,
        createdAt: now,
      });
    }
    await auditTask(r, actor, "supervision.extension.request", facts.task.id, { after: { extensionId: id, currentDueOn: state.dueOn, ...input } }, requestId);
    return { id, taskId: facts.task.id };
  });
}

/** The supervising leader approves (the new date becomes the deadline in force) or refuses an extension request. */
export async function decideExtension(deps: SupervisionDeps, actor: Actor, raw: unknown, requestId: string | null = null): Promise<{ id: string; taskId: string; status: "approved" | "refused" }> {
  allow(canDecide(actor.role), { zh: "审批延期申请", en: "decide extension requests" });
  const input = parseOrThrow(DecideExtensionInputSchema, raw);
  const now = deps.clock.now();
  return deps.uow.run(async (r) => {
    const x = await r.supervisionTasks.findExtension(input.extensionId);
    if (!x) throw errors.extensionNotFound(input.extensionId);
    if (x.status !== "pending") throw errors.extensionDecided(x.id);
    const facts = await loadTask(r, ALL, x.taskId);
    const status = input.approve ? "approved" : "refused";
    await r.supervisionTasks.decideExtension(x.id, { status, decidedBy: actor.userId, decidedByName: nameOf(actor), decidedAt: now, decisionNote: input.note });
    if (x.requestedBy) {
      await r.supervisionNotifications.notify({
        userId: x.requestedBy,
        taskId: x.taskId,
        kind: "extension_decided",
        title: input.approve ? { zh: `延期申请已同意：${facts.task.code}`, en: `Extension approved: ${facts.task.code}` } : { zh: `延期申请未同意：${facts.task.code}`, en: `Extension refused: ${facts.task.code}` },
        body: input.approve ? { zh: `新期限 ${x.requestedDueOn}`, en: `New deadline ${x.requestedDueOn}` } : { zh: `期限仍为 ${x.currentDueOn}${input.note ? `：${input.note}` : ""}`, en: `The deadline stays ${x.currentDueOn}${input.note ? `: ${input.note}` : ""}` },
        dedupeKey: `extension-decided:${x.id}`,
        createdAt: now,
      });
    }
    await auditTask(r, actor, "supervision.extension.decide", x.taskId, { before: { status: x.status }, after: { extensionId: x.id, status, note: input.note } }, requestId);
    return { id: x.id, taskId: x.taskId, status };
  });
}

/** The leader verifies a completed task and closes it (销号) with the evidence; the evidence files are attached. */
export async function signOffTask(deps: SupervisionDeps, actor: Actor, raw: unknown, requestId: string | null = null): Promise<TaskView> {
  allow(canDecide(actor.role), { zh: "验收销号", en: "sign tasks off" });
  const input = parseOrThrow(SignOffInputSchema, raw);
  const now = deps.clock.now();
  const today = todayOf(now);
  return deps.uow.run(async (r) => {
    const facts = await loadTask(r, ALL, input.taskId);
    const calendar = await r.holidayYears.loadCalendar();
    const check = checkSignOff(deriveTaskState(facts, { asOf: today, calendar }));
    if (!check.ok) throw check.reason === "already_closed" ? errors.alreadyClosed(input.taskId) : errors.notCompleted(input.taskId);
    await usableAttachments(r, actor, input.attachmentIds, facts.task.id);
    const id = await r.supervisionTasks.insertLifecycle({ taskId: facts.task.id, action: "signoff", note: input.note, newDueOn: null, actorId: actor.userId, actorName: nameOf(actor), at: now });
    if (input.attachmentIds.length) await r.supervisionAttachments.link(input.attachmentIds, { taskId: facts.task.id, signoffId: id });
    await auditTask(r, actor, "supervision.task.signoff", facts.task.id, { after: { signoffId: id, ...input } }, requestId);
    return viewOf(r, facts.task.id, today, calendar);
  });
}

/** A closed task whose problem rebounded (反弹) is reopened with the reason kept, optionally with a new deadline. */
export async function reopenTask(deps: SupervisionDeps, actor: Actor, raw: unknown, requestId: string | null = null): Promise<TaskView> {
  allow(canManageTasks(actor.role), { zh: "标记问题反弹", en: "reopen tasks" });
  const input = parseOrThrow(ReopenInputSchema, raw);
  const now = deps.clock.now();
  const today = todayOf(now);
  return deps.uow.run(async (r) => {
    const facts = await loadTask(r, ALL, input.taskId);
    const calendar = await r.holidayYears.loadCalendar();
    const check = checkReopen(deriveTaskState(facts, { asOf: today, calendar }), { today, newDueOn: input.newDueOn });
    if (!check.ok) throw check.reason === "not_closed" ? errors.notClosed(input.taskId) : errors.dueInPast();
    const id = await r.supervisionTasks.insertLifecycle({ taskId: facts.task.id, action: "reopen", note: input.reason, newDueOn: input.newDueOn, actorId: actor.userId, actorName: nameOf(actor), at: now });
    for (const u of await r.supervisionNotifications.recipientsForUnits(facts.units.map((u) => u.id))) {
      await r.supervisionNotifications.notify({
        userId: u.userId,
        taskId: facts.task.id,
        kind: "reopened",
        title: { zh: `问题反弹，任务重新整改：${facts.task.code}`, en: `Problem recurred, task reopened: ${facts.task.code}` },
        body: { zh: `${input.reason}${input.newDueOn ? `（新期限 ${input.newDueOn}）` : ""}`, en: `${input.reason}${input.newDueOn ? ` (new deadline ${input.newDueOn})` : ""}` },
        dedupeKey: `reopen:${id}:${u.userId}`,
        createdAt: now,
      });
    }
    await auditTask(r, actor, "supervision.task.reopen", facts.task.id, { after: { reopenId: id, ...input } }, requestId);
    return viewOf(r, facts.task.id, today, calendar);
  });
}

/** Records an assigned case's outcome (办结 / 阶段性办结 / not yet), the reply and the summary for disclosure. */
export async function recordCaseOutcome(deps: SupervisionDeps, actor: Actor, raw: unknown, requestId: string | null = null): Promise<TaskView> {
  allow(canManageTasks(actor.role), { zh: "登记案件办理结果", en: "record case outcomes" });
  const input = parseOrThrow(RecordCaseOutcomeInputSchema, raw);
  const now = deps.clock.now();
  const today = todayOf(now);
  return deps.uow.run(async (r) => {
    const facts = await loadTask(r, ALL, input.taskId);
    if (!facts.case) throw errors.notACase(input.taskId);
    await r.supervisionTasks.setCaseOutcome(facts.task.id, { outcome: input.outcome, outcomeOn: input.outcomeOn, reply: input.reply, publicSummary: input.publicSummary, recordedAt: now });
    const before = { outcome: facts.case.outcome, outcomeOn: facts.case.outcomeOn, reply: facts.case.reply, publicSummary: facts.case.publicSummary };
    await auditTask(r, actor, "supervision.case.outcome", facts.task.id, { before, after: input }, requestId);
    return viewOf(r, facts.task.id, today, await r.holidayYears.loadCalendar());
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Attachments
// ---------------------------------------------------------------------------------------------------------------

/** Who may upload (reporters and leaders) and what (images, PDF, Office within the size limit); throws otherwise. */
export function checkUpload(actor: Actor, file: { fileName: string; size: number; head: Uint8Array }) {
  allow(canReport(actor.role) || canDecide(actor.role), { zh: "上传附件", en: "upload attachments" });
  const check = checkAttachment(file);
  if (check.ok) return check;
  if (check.reason === "too_large") throw errors.attachmentTooLarge(ATTACHMENT_MAX_BYTES);
  if (check.reason === "empty") throw errors.attachmentEmpty();
  throw errors.attachmentType(file.fileName);
}

/**
 * Records an uploaded file (already stored by its content hash): its type and size are checked again here, and a
 * task named at upload must be in the actor's scope.
 */
export async function recordAttachment(
  deps: SupervisionDeps,
  actor: Actor,
  file: { fileName: string; size: number; head: Uint8Array; sha256: string; taskId: string | null },
  requestId: string | null = null,
): Promise<AttachmentMeta> {
  const check = checkUpload(actor, file);
  if (!/^[0-9a-f]{64}$/.test(file.sha256)) throw errors.attachmentType(file.fileName);
  parseOrThrow(z.object({ taskId: z.uuid().nullable() }), { taskId: file.taskId });
  return deps.uow.run(async (r) => {
    if (file.taskId) await loadTask(r, scopeOf(actor), file.taskId);
    const meta = await r.supervisionAttachments.insert({
      sha256: file.sha256,
      sizeBytes: file.size,
      contentType: check.contentType,
      fileName: check.fileName,
      uploadedBy: actor.userId,
      uploadedByName: nameOf(actor),
      uploaderUnitId: actor.unitId,
      uploadedAt: deps.clock.now(),
      taskId: file.taskId,
    });
    if (file.taskId) await auditTask(r, actor, "supervision.attachment.upload", file.taskId, { after: meta }, requestId);
    return meta;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Saved views and notifications (the actor's own)
// ---------------------------------------------------------------------------------------------------------------

/** Saves a named filter set for the actor (a new one, or replaces one of theirs by id). */
export async function saveView(deps: SupervisionDeps, actor: Actor, raw: unknown): Promise<SavedView> {
  const input = parseOrThrow(SaveViewInputSchema, raw);
  return deps.uow.run(async (r) => {
    const view = await r.supervisionTasks.saveView(actor.userId, input, deps.clock.now());
    if (!view) throw errors.viewNotFound(input.id ?? "");
    return view;
  });
}

export async function deleteView(deps: SupervisionDeps, actor: Actor, id: string): Promise<void> {
  await deps.uow.run(async (r) => {
    if (!(await r.supervisionTasks.deleteView(actor.userId, id))) throw errors.viewNotFound(id);
  });
}

export async function markNotificationsRead(deps: SupervisionDeps, actor: Actor, ids: readonly string[] | "all"): Promise<number> {
  return deps.uow.run((r) => r.supervisionNotifications.markRead(actor.userId, ids, deps.clock.now()));
}

// ---------------------------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------------------------

/** Most rows one import takes (a district's measures list has tens to a few hundred). */
export const MAX_IMPORT_ROWS = 5000;

export interface ImportReport {
  sourceId: string;
  format: ImportFormat;
  fileName: string;
  fileSha256: string;
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  problemsCreated: number;
  /** Always empty on success: one rejected row rejects the whole file. */
  rejectedRows: RejectedRow[];
  dryRun: boolean;
}

class DryRunRollback extends Error {
  constructor(readonly report: ImportReport) {
    super("dry run");
  }
}

function normUnit(s: string): string {
  return s.replace(/\s+/g, "").replace(/（/g, "(").replace(/）/g, ")");
}

function sameTask(f: TaskFacts, w: TaskWrite, row: ParsedTaskRow): boolean {
  const t = f.task;
  const sameCase =
    !row.case ||
    (f.case !== null &&
      f.case.receivedOn === row.case.receivedOn &&
      f.case.category === row.case.category &&
      f.case.subject === row.case.subject &&
      f.case.complaint === row.case.complaint &&
      f.case.outcome === row.case.outcome &&
      f.case.outcomeOn === row.case.outcomeOn &&
      f.case.publicSummary === row.case.publicSummary);
  return (
    sameCase &&
    t.problemId === w.problemId &&
    t.code === w.code &&
    t.title === w.title &&
    t.target === w.target &&
    t.leadUnitId === w.leadUnitId &&
    [...t.coUnitIds].sort().join() === [...w.coUnitIds].sort().join() &&
    t.responsibleLeader === w.responsibleLeader &&
    JSON.stringify(t.deadline) === JSON.stringify(w.deadline) &&
    t.disclosed === w.disclosed
  );
}

/**
 * Imports a measures / work-task list into a plan, or an assigned-case list into an inspection round, as the lists
 * arrive in .xlsx: every row is checked and every rejected row reported with its line and a bilingual reason; one
 * bad row (or a bad header) rejects the file and nothing is written. Rows are matched by their number (row key), so
 * importing the same list again changes nothing, and an edited list updates the rows that changed.
 */
export async function importTasks(
  deps: SupervisionDeps,
  actor: Actor,
  file: { sourceId: string; fileName: string; fileSha256: string; headers: readonly string[]; rows: readonly TableRow[]; dryRun?: boolean },
  requestId: string | null = null,
): Promise<ImportReport> {
  allow(canManageTasks(actor.role), { zh: "导入任务清单", en: "import task lists" });
  parseOrThrow(z.object({ sourceId: z.uuid() }), { sourceId: file.sourceId });
  if (file.rows.length === 0) throw errors.importEmpty();
  if (file.rows.length > MAX_IMPORT_ROWS) throw errors.importTooLarge(MAX_IMPORT_ROWS);
  const now = deps.clock.now();
  const today = todayOf(now);
  try {
    return await deps.uow.run(async (r) => {
      const source = await r.supervisionSources.find(ALL, file.sourceId);
      if (!source) throw errors.sourceNotFound(file.sourceId);
      const format = importFormatOf(source.kind);
      const headerMap = mapHeaders(file.headers, format);
      const units = await r.org.listUnits(ALL);
      const byName = new Map<string, { id: string }>();
      for (const u of units) {
        byName.set(normUnit(u.name), u);
        byName.set(normUnit(u.code), u);
      }
      const lookup = { find: (s: string) => byName.get(normUnit(s)) };
      const roundId = roundIdOf(source);
      const parsed: ParsedTaskRow[] = [];
      const rejectedRows: RejectedRow[] = [];
      // Keys are compared on every row, rejected ones included, so a repeated number is named even when its first
      // occurrence had other problems.
      const keyHeader = [...headerMap].find(([, key]) => key === "rowKey")?.[0];
      const seen = new Map<string, number>();
      for (const row of file.rows) {
        const result = parseImportRow(row, headerMap, { format, units: lookup, defaultStart: source.issuedOn ?? today });
        const key = (keyHeader ? row.values[keyHeader] : "")?.trim() ?? "";
        const first = key ? seen.get(key) : undefined;
        if (key && first === undefined) seen.set(key, row.line);
        const extra: BilingualText[] = [];
        if (first !== undefined) extra.push({ zh: `编号 ${key} 与第 ${first} 行重复`, en: `Number ${key} repeats line ${first}` });
        if (result.ok && result.row.problemCode && !roundId) extra.push({ zh: "只有整改方案的措施可以关联反馈问题", en: "Only measures of a rectification plan answer feedback problems" });
        if (result.ok && !extra.length) {
          parsed.push(result.row);
          continue;
        }
        const reasons = [...extra, ...(result.ok ? [] : [result.rejected.reason])];
        rejectedRows.push({ line: row.line, reason: { zh: reasons.map((r) => r.zh).join("；"), en: reasons.map((r) => r.en).join("; ") }, raw: row.values });
      }
      if (rejectedRows.length) throw errors.importRejected(rejectedRows.length, file.rows.length, rejectedRows);

      const calendar = await r.holidayYears.loadCalendar();
      const kind = TASK_KIND_OF_SOURCE[source.kind];
      const existing = new Map((await r.supervisionTasks.listFacts(ALL, { sourceIds: [source.id] })).map((f) => [f.task.rowKey ?? f.task.code, f]));
      const report: ImportReport = { sourceId: source.id, format, fileName: file.fileName, fileSha256: file.fileSha256, total: parsed.length, inserted: 0, updated: 0, unchanged: 0, problemsCreated: 0, rejectedRows: [], dryRun: !!file.dryRun };
      for (const row of parsed) {
        let problemId: string | null = null;
        if (row.problemCode && roundId) {
          let problem = await r.supervisionSources.findProblemByCode(roundId, row.problemCode);
          if (!problem) {
            problem = await r.supervisionSources.insertProblem({ sourceId: roundId, code: row.problemCode, title: row.problem ?? row.problemCode, description: null });
            report.problemsCreated++;
          } else if (row.problem && row.problem !== problem.title) {
            problem = await r.supervisionSources.updateProblem(problem.id, { title: row.problem, description: problem.description });
          }
          problemId = problem.id;
        }
        const draft: TaskDraft = { ...row, problemId, code: row.rowKey, milestones: [], case: row.case };
        const before = existing.get(row.rowKey);
        const { write, milestones } = toWrite(draft, calendar, before ? todayOf(before.task.createdAt) : today);
        if (before && sameTask(before, write, row)) {
          report.unchanged++;
          continue;
        }
        const id = before ? before.task.id : await r.supervisionTasks.insert({ ...write, sourceId: source.id, kind, rowKey: row.rowKey, createdBy: actor.userId, createdAt: now });
        if (before) await r.supervisionTasks.update(id, write, now);
        await r.supervisionTasks.replaceMilestones(id, milestones);
        if (row.case) {
          await r.supervisionTasks.upsertCase(id, row.case);
          const c = row.case;
          if (!before?.case || before.case.outcome !== c.outcome || before.case.outcomeOn !== c.outcomeOn || before.case.publicSummary !== c.publicSummary)
            await r.supervisionTasks.setCaseOutcome(id, { outcome: c.outcome, outcomeOn: c.outcomeOn, reply: before?.case?.reply ?? null, publicSummary: c.publicSummary, recordedAt: now });
        }
        await auditTask(r, actor, before ? "supervision.task.import" : "supervision.task.create", id, { before: before?.task ?? null, after: { ...row, file: file.fileName } }, requestId);
        if (before) report.updated++;
        else report.inserted++;
      }
      await r.audit.record({
        actorId: actor.userId,
        actorName: nameOf(actor),
        action: "supervision.import",
        entityType: "supervision_source",
        entityId: source.id,
        after: { fileName: file.fileName, fileSha256: file.fileSha256, total: report.total, inserted: report.inserted, updated: report.updated, unchanged: report.unchanged, problemsCreated: report.problemsCreated },
        requestId,
      });
      if (file.dryRun) throw new DryRunRollback(report);
      return report;
    });
  } catch (e) {
    if (e instanceof DryRunRollback) return e.report;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Deadline sweep and calendar recompute
// ---------------------------------------------------------------------------------------------------------------

export interface SweepSummary {
  [key: string]: number;
  tasks: number;
  dueSoon: number;
  overdue: number;
  escalated: number;
  notifications: number;
  messages: number;
}

/**
 * The daily sweep: due-soon and overdue reminders to the users of each open task's units (in the app, and an SMS
 * queued for those with a mobile number), and an escalation to the leaders once a task is overdue for the source's
 * threshold of working days. Every reminder has a unique key (kind, task, deadline, user), so a second run the same
 * day, or any later run for the same deadline, sends nothing again; a new deadline (extension) reminds afresh.
 */
export async function sweepSupervisionDeadlines(deps: SupervisionDeps): Promise<SweepSummary> {
  const now = deps.clock.now();
  const today = todayOf(now);
  return deps.uow.run(async (r) => {
    const calendar = await r.holidayYears.loadCalendar();
    const n = r.supervisionNotifications;
    const summary: SweepSummary = { tasks: 0, dueSoon: 0, overdue: 0, escalated: 0, notifications: 0, messages: 0 };
    const leaders = await n.leaders();
    const send = async (to: { userId: string; phone: string | null }, kind: "due_soon" | "overdue" | "escalation", f: TaskFacts, dueOn: string, title: BilingualText, body: BilingualText) => {
      const key = `${kind}:${f.task.id}:${dueOn}:${to.userId}`;
      if (await n.notify({ userId: to.userId, taskId: f.task.id, kind, title, body, dedupeKey: key, createdAt: now })) summary.notifications++;
      if (to.phone && (await n.enqueue({ channel: "sms", recipient: to.phone, userId: to.userId, subject: title.zh, body: `【生态环境局督察整改】${title.zh}：${body.zh}`, dedupeKey: `sms:${key}`, createdAt: now })))
        summary.messages++;
    };
    for (const f of await r.supervisionTasks.listFacts(ALL, {})) {
      const state = deriveTaskState(f, { asOf: today, calendar });
      if (!isOpen(state)) continue;
      summary.tasks++;
      const kind = reminderKindOf(state);
      if (!kind || !state.dueOn) continue;
      const dueOn = state.dueOn;
      const lead = f.units.find((u) => u.role === "lead")?.name ?? "";
      if (kind === "due_soon") summary.dueSoon++;
      else summary.overdue++;
      const title: BilingualText = kind === "due_soon" ? { zh: `任务即将到期：${f.task.code}`, en: `Task due soon: ${f.task.code}` } : { zh: `任务已逾期：${f.task.code}`, en: `Task overdue: ${f.task.code}` };
      const body: BilingualText =
        kind === "due_soon"
          ? { zh: `「${f.task.title}」期限 ${dueOn}，还剩 ${state.workingDaysLeft} 个工作日`, en: `"${f.task.title}" is due ${dueOn}, ${state.workingDaysLeft} working days left` }
          : { zh: `「${f.task.title}」期限 ${dueOn}，已逾期 ${state.daysOverdue} 天`, en: `"${f.task.title}" was due ${dueOn}, ${state.daysOverdue} days overdue` };
      for (const u of await n.recipientsForUnits(f.units.map((u) => u.id))) await send(u, kind, f, dueOn, title, body);
      if (state.escalated) {
        summary.escalated++;
        const t: BilingualText = { zh: `逾期任务提请督办：${f.task.code}`, en: `Overdue task escalated: ${f.task.code}` };
        const b: BilingualText = {
          zh: `${lead}牵头的「${f.task.title}」期限 ${dueOn}，已逾期 ${state.workingDaysOverdue} 个工作日`,
          en: `"${f.task.title}" led by ${lead}, due ${dueOn}, is ${state.workingDaysOverdue} working days overdue`,
        };
        for (const l of leaders) await send(l, "escalation", f, dueOn, t, b);
      }
    }
    return summary;
  });
}

/**
 * Recomputes the computed deadlines of open tasks (counted periods, and long-term milestones rolled off rest days)
 * after a holiday notice is entered: run by `setHolidayYear` in its transaction, each change audited.
 */
export const recomputeSupervisionDeadlines: DeadlineRecomputer<SupervisionRepos> = {
  name: "supervisionTasks",
  async recompute(r, ctx) {
    const today = todayOf(ctx.at);
    let changed = 0;
    for (const f of await r.supervisionTasks.listFacts(ALL, {})) {
      if (!isOpen(deriveTaskState(f, { asOf: today, calendar: ctx.calendar }))) continue;
      const before = { dueOn: f.task.dueOn, dueProvisional: f.task.dueProvisional, milestones: f.milestones.map((m) => ({ dueOn: m.dueOn, provisional: m.provisional })) };
      let dirty = false;
      if (f.task.deadline.kind === "period") {
        const d = computeDeadline(ctx.calendar, { start: f.task.deadline.start, amount: f.task.deadline.amount, unit: f.task.deadline.unit });
        if (d.due !== f.task.dueOn || d.provisional !== f.task.dueProvisional) {
          await r.supervisionTasks.setDue(f.task.id, { dueOn: d.due, dueProvisional: d.provisional }, ctx.at);
          dirty = true;
        }
      }
      const milestones = [];
      for (const m of f.milestones) {
        const d = rerollMilestone(ctx.calendar, m, m.generated);
        milestones.push(d);
        if (d.dueOn !== m.dueOn || d.provisional !== m.provisional) {
          await r.supervisionTasks.setMilestoneDue(m.id, d);
          dirty = true;
        }
      }
      if (!dirty) continue;
      changed++;
      const after = await r.supervisionTasks.findFacts(ALL, f.task.id);
      await r.audit.record({
        actorId: ctx.actorId,
        actorName: ctx.actorName,
        action: "supervision.task.recompute",
        entityType: "supervision_task",
        entityId: f.task.id,
        before,
        after: { year: ctx.year, dueOn: after?.task.dueOn ?? null, dueProvisional: after?.task.dueProvisional ?? false, milestones },
        requestId: ctx.requestId,
      });
    }
    return changed;
  },
};
