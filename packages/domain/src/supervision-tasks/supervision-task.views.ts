import type { AuditEvent } from "../audit/audit.schema";
import { addDays, addWorkingDays, shanghaiEndOfDay, workingDaysBetween, type HolidayCalendar } from "../shared/calendar/calendar";
import type { BilingualText } from "../shared/domain-error";
import type { Evaluated } from "./supervision-task.figures";
import { CASE_COLUMNS, EXPORT_ONLY_HEADERS, TASK_COLUMNS } from "./supervision-task.import";
import { publicStatusOf } from "./supervision-task.rules";
import {
  CASE_CATEGORY_LABELS,
  CASE_OUTCOME_LABELS,
  PUBLIC_STATUS_LABELS,
  TASK_STATUS_LABELS,
  WARNING_LABELS,
  type DeadlineSpec,
  type PublicRound,
  type PublicRoundSummary,
  type Problem,
  type Source,
  type TaskFacts,
  type TaskState,
  type TaskView,
} from "./supervision-task.schema";

/** The row a list, board or export shows for a task. */
export function toTaskView(f: TaskFacts, state: TaskState): TaskView {
  const lead = f.units.find((u) => u.role === "lead");
  return {
    ...state,
    id: f.task.id,
    kind: f.task.kind,
    code: f.task.code,
    rowKey: f.task.rowKey,
    title: f.task.title,
    target: f.task.target,
    source: { id: f.source.id, kind: f.source.kind, code: f.source.code, title: f.source.title },
    problem: f.problem,
    leadUnit: { id: f.task.leadUnitId, name: lead?.name ?? "" },
    coUnits: f.units.filter((u) => u.role === "co").map((u) => ({ id: u.id, name: u.name })),
    responsibleLeader: f.task.responsibleLeader,
    startOn: f.task.startOn,
    deadline: f.task.deadline,
    disclosed: f.task.disclosed,
    reportCount: f.reports.length,
    pendingReview: f.reports.some((r) => r.review === null),
    pendingExtension: f.extensions.some((x) => x.status === "pending"),
    case: f.case ? { caseNo: f.case.caseNo, receivedOn: f.case.receivedOn, category: f.case.category, outcome: f.case.outcome, outcomeOn: f.case.outcomeOn } : null,
    createdAt: f.task.createdAt,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Timeline
// ---------------------------------------------------------------------------------------------------------------

export const TIMELINE_KINDS = [
  "created",
  "report_submitted",
  "report_accepted",
  "report_returned",
  "extension_requested",
  "extension_approved",
  "extension_refused",
  "case_outcome",
  "signed_off",
  "reopened",
  "became_due_soon",
  "became_overdue",
  "escalated",
  "audit",
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  at: Date;
  kind: TimelineKind;
  actorName: string | null;
  text: BilingualText;
  /** The report, extension, sign-off or audit event the entry is about. */
  refId: string | null;
}

/** Audit actions already shown through their records; other audit events appear as they are. */
const SHOWN_BY_RECORDS = new Set([
  "supervision.report.submit",
  "supervision.report.review",
  "supervision.extension.request",
  "supervision.extension.decide",
  "supervision.task.signoff",
  "supervision.task.reopen",
  "supervision.case.outcome",
]);

const AUDIT_TEXTS: Record<string, BilingualText> = {
  "supervision.task.create": { zh: "创建任务", en: "Task created" },
  "supervision.task.update": { zh: "修改任务", en: "Task edited" },
  "supervision.task.import": { zh: "清单导入更新任务", en: "Task updated by a list import" },
  "supervision.task.recompute": { zh: "节假日安排更新，期限重新计算", en: "Deadline recomputed after a holiday notice was entered" },
  "supervision.attachment.upload": { zh: "上传附件", en: "Attachment uploaded" },
};

const startOfDay = (day: string) => shanghaiEndOfDay(addDays(day, -1));

/**
 * The task's history, oldest first: its records (reports and reviews, extensions, case outcomes, sign-offs and
 * reopenings), the status changes its dates imply (due soon, overdue, escalated) and the audit trail of edits.
 */
export function buildTimeline(
  f: TaskFacts,
  state: TaskState,
  audit: readonly AuditEvent[],
  { asOf, calendar }: { asOf: string; calendar: HolidayCalendar },
): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const push = (e: TimelineEntry) => out.push(e);
  const creation = audit.find((a) => a.action === "supervision.task.create" || a.action === "supervision.task.import");
  push({ at: f.task.createdAt, kind: "created", actorName: creation?.actorName ?? null, text: { zh: `创建任务 ${f.task.code}`, en: `Task ${f.task.code} created` }, refId: null });

  for (const r of f.reports) {
    const what = r.claimsCompletion ? { zh: "提交完成报告", en: "Completion report submitted" } : { zh: "提交进展报告", en: "Progress report submitted" };
    push({ at: r.submittedAt, kind: "report_submitted", actorName: r.submittedByName, text: r.resubmissionOf ? { zh: `${what.zh}（退回后重新提交）`, en: `${what.en} (resubmitted after return)` } : what, refId: r.id });
    if (r.review) {
      const accepted = r.review.decision === "accepted";
      push({
        at: r.review.reviewedAt,
        kind: accepted ? "report_accepted" : "report_returned",
        actorName: r.review.reviewedByName,
        text: accepted ? { zh: "报告审核通过", en: "Report accepted" } : { zh: `报告退回：${r.review.reason ?? ""}`, en: `Report returned: ${r.review.reason ?? ""}` },
        refId: r.id,
      });
    }
  }
  for (const x of f.extensions) {
    push({ at: x.requestedAt, kind: "extension_requested", actorName: x.requestedByName, text: { zh: `申请延期至 ${x.requestedDueOn}（原期限 ${x.currentDueOn}）：${x.reason}`, en: `Extension to ${x.requestedDueOn} requested (was ${x.currentDueOn}): ${x.reason}` }, refId: x.id });
    if (x.decidedAt && x.status !== "pending") {
      const ok = x.status === "approved";
      push({
        at: x.decidedAt,
        kind: ok ? "extension_approved" : "extension_refused",
        actorName: x.decidedByName,
        text: ok ? { zh: `同意延期至 ${x.requestedDueOn}`, en: `Extension to ${x.requestedDueOn} approved` } : { zh: `不同意延期${x.decisionNote ? `：${x.decisionNote}` : ""}`, en: `Extension refused${x.decisionNote ? `: ${x.decisionNote}` : ""}` },
        refId: x.id,
      });
    }
  }
  if (f.case?.outcomeRecordedAt && f.case.outcome !== "pending") {
    const entry = audit.filter((a) => a.action === "supervision.case.outcome").at(-1);
    push({ at: f.case.outcomeRecordedAt, kind: "case_outcome", actorName: entry?.actorName ?? null, text: { zh: `办理结果：${CASE_OUTCOME_LABELS[f.case.outcome].zh}（${f.case.outcomeOn}）`, en: `Outcome: ${CASE_OUTCOME_LABELS[f.case.outcome].en} (${f.case.outcomeOn})` }, refId: null });
  }
  for (const e of f.lifecycle) {
    push(
      e.action === "signoff"
        ? { at: e.at, kind: "signed_off", actorName: e.actorName, text: { zh: `验收销号：${e.note}`, en: `Verified and closed: ${e.note}` }, refId: e.id }
        : { at: e.at, kind: "reopened", actorName: e.actorName, text: { zh: `问题反弹，重新整改：${e.note}${e.newDueOn ? `（新期限 ${e.newDueOn}）` : ""}`, en: `Reopened: ${e.note}${e.newDueOn ? ` (new deadline ${e.newDueOn})` : ""}` }, refId: e.id },
    );
  }

  // Status changes implied by the deadline in force, up to the day the state is for and while the task was open.
  const due = state.dueOn;
  const openOn = (day: string) => day <= asOf && (state.completedOn === null || state.completedOn >= day) && (state.closedOn === null || state.closedOn >= day);
  if (due) {
    let soon = due;
    for (let i = 0; i < 60 && workingDaysBetween(calendar, addDays(soon, -1), due) <= f.source.dueSoonWorkingDays; i++) soon = addDays(soon, -1);
    if (openOn(soon) && soon > f.task.startOn)
      push({ at: startOfDay(soon), kind: "became_due_soon", actorName: null, text: { zh: `即将到期（期限 ${due}）`, en: `Due soon (deadline ${due})` }, refId: null });
    const late = addDays(due, 1);
    if (openOn(late) && (state.completedOn === null || state.completedOn > due))
      push({ at: startOfDay(late), kind: "became_overdue", actorName: null, text: { zh: `已逾期（期限 ${due}）`, en: `Overdue (deadline ${due})` }, refId: null });
    const escalate = addWorkingDays(calendar, due, f.source.escalateAfterWorkingDays);
    if (openOn(escalate) && (state.completedOn === null || state.completedOn > escalate))
      push({ at: startOfDay(escalate), kind: "escalated", actorName: null, text: { zh: `逾期 ${f.source.escalateAfterWorkingDays} 个工作日，提请领导督办`, en: `Overdue ${f.source.escalateAfterWorkingDays} working days: escalated to the leader` }, refId: null });
  }

  for (const a of audit) {
    if (SHOWN_BY_RECORDS.has(a.action) || a.action === "supervision.task.create") continue;
    push({ at: a.at, kind: "audit", actorName: a.actorName, text: AUDIT_TEXTS[a.action] ?? { zh: a.action, en: a.action }, refId: a.id });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

// ---------------------------------------------------------------------------------------------------------------
// Public disclosure
// ---------------------------------------------------------------------------------------------------------------

const isDone = (s: TaskState) => s.status === "closed" || s.status === "awaiting_verification";

/** A disclosed round's summary: counts only, no names. */
export function publicRoundSummary(round: Source, problems: readonly Problem[], items: readonly Evaluated[], asOf: string): PublicRoundSummary {
  const measures = items.filter((e) => e.facts.task.kind === "measure");
  const cases = items.filter((e) => e.facts.task.kind === "case");
  return {
    code: round.code,
    title: round.title,
    level: round.level,
    issuedOn: round.issuedOn,
    problems: problems.length,
    measures: measures.length,
    measuresCompleted: measures.filter((e) => isDone(e.state)).length,
    measuresInProgress: measures.filter((e) => publicStatusOf(e.state.status) === "in_progress").length,
    cases: cases.length,
    casesCompleted: cases.filter((e) => e.facts.case?.outcome === "completed").length,
    casesStaged: cases.filter((e) => e.facts.case?.outcome === "staged").length,
    asOf,
  };
}

/**
 * A disclosed round as bureaus publish rectification progress (中央生态环境保护督察整改工作办法: plans and progress are
 * disclosed): each problem with its disclosed measures, their public status and completion date; cases with their
 * outcome and public summary. Leaders, reporters, report texts and complaint texts are never included.
 */
export function buildPublicRound(
  round: Source,
  plans: readonly Source[],
  problems: readonly Problem[],
  items: readonly Evaluated[],
  asOf: string,
): PublicRound {
  const disclosed = items.filter((e) => e.facts.task.disclosed);
  const measure = ({ facts, state }: Evaluated) => {
    const status = publicStatusOf(state.status);
    return {
      code: facts.task.code,
      title: facts.task.title,
      target: facts.task.target,
      leadUnit: facts.units.find((u) => u.role === "lead")?.name ?? "",
      coUnits: facts.units.filter((u) => u.role === "co").map((u) => u.name),
      dueOn: state.dueOn,
      longTerm: facts.task.deadline.kind === "long_term",
      status,
      statusLabel: PUBLIC_STATUS_LABELS[status],
      completedOn: state.completedOn,
    };
  };
  const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code, "zh-CN", { numeric: true });
  const problemList = [...problems].sort(byCode).map((p) => {
    const measures = disclosed.filter((e) => e.facts.task.kind === "measure" && e.facts.task.problemId === p.id).map(measure).sort(byCode);
    return { code: p.code, title: p.title, measures, rectified: measures.length > 0 && measures.every((m) => m.status === "completed" || m.status === "completed_pending_verification") };
  });
  const caseList = disclosed
    .filter((e) => e.facts.case)
    .map(({ facts }) => {
      const c = facts.case!;
      return { caseNo: c.caseNo, receivedOn: c.receivedOn, category: c.category, outcome: c.outcome, outcomeLabel: CASE_OUTCOME_LABELS[c.outcome], outcomeOn: c.outcomeOn, publicSummary: c.publicSummary };
    })
    .sort((a, b) => a.caseNo.localeCompare(b.caseNo, "zh-CN", { numeric: true }));
  return {
    ...publicRoundSummary(round, problems, items, asOf),
    plans: plans.map((p) => ({ code: p.code, title: p.title, issuedOn: p.issuedOn })),
    problemList,
    caseList,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------------------------

/** How a deadline is written in a list, so that the import reads it back (with the start date column). */
export function deadlineText(d: DeadlineSpec): string {
  if (d.kind === "date") return d.date;
  if (d.kind === "period") return d.unit === "working" ? `${d.amount}个工作日` : `${d.amount}日`;
  return "长期坚持";
}

export type Cell = string | number | null;

/**
 * A filtered list as a sheet: the import columns first (so the file imports again, matched by its numbers), then the
 * derived columns (status, warning, dates) the import ignores. Case lists when every task is an assigned case.
 */
export function exportTable(items: readonly Evaluated[]): { format: "tasks" | "cases"; headers: string[]; rows: Cell[][] } {
  const cases = items.length > 0 && items.every((e) => e.facts.case !== null);
  const names = (f: TaskFacts, role: "lead" | "co") => f.units.filter((u) => u.role === role).map((u) => u.name).join("、");
  const derived = ({ facts, state }: Evaluated): Cell[] => [
    `${facts.source.code} ${facts.source.title}`,
    state.dueOn,
    state.originalDueOn,
    TASK_STATUS_LABELS[state.status].zh,
    state.warning ? WARNING_LABELS[state.warning].zh : null,
    state.completedOn,
    state.closedOn,
    state.daysOverdue || null,
    state.provisional ? "是" : null,
  ];
  if (cases) {
    const headers = [...CASE_COLUMNS.map((c) => c.headers[0]!), ...EXPORT_ONLY_HEADERS];
    const rows = items.map((e): Cell[] => {
      const f = e.facts;
      const c = f.case!;
      return [c.caseNo, c.receivedOn, CASE_CATEGORY_LABELS[c.category].zh, c.subject, c.complaint, names(f, "lead"), names(f, "co"), f.task.responsibleLeader, deadlineText(f.task.deadline), CASE_OUTCOME_LABELS[c.outcome].zh, c.outcomeOn, c.publicSummary, ...derived(e)];
    });
    return { format: "cases", headers, rows };
  }
  const headers = [...TASK_COLUMNS.map((c) => c.headers[0]!), ...EXPORT_ONLY_HEADERS];
  const rows = items.map((e): Cell[] => {
    const f = e.facts;
    return [
      f.task.rowKey ?? f.task.code,
      f.problem?.code ?? null,
      f.problem?.title ?? null,
      f.task.title,
      f.task.target,
      names(f, "lead"),
      names(f, "co"),
      f.task.responsibleLeader,
      deadlineText(f.task.deadline),
      f.task.startOn,
      f.task.disclosed ? "是" : "否",
      ...derived(e),
    ];
  });
  return { format: "tasks", headers, rows };
}
