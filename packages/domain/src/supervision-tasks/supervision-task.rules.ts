import type { DataScope } from "../auth/auth.rules";
import type { Actor, Role } from "../auth/auth.schema";
import { addDays, daysBetween, deadline as computeDeadline, toShanghaiDate, workingDaysBetween, type HolidayCalendar } from "../shared/calendar/calendar";
import type {
  DeadlineBasis,
  DeadlineSpec,
  MilestoneInput,
  MilestonePeriod,
  PublicStatus,
  TaskFacts,
  TaskState,
  TaskStatus,
  WarningColour,
} from "./supervision-task.schema";

// ---------------------------------------------------------------------------------------------------------------
// Who may do what
// ---------------------------------------------------------------------------------------------------------------

/** Supervision staff and leaders keep the ledger (拉条挂账): sources, tasks, reviews, cases, imports, reopenings. */
export function canManageTasks(role: Role): boolean {
  return role === "supervision" || role === "leader";
}

/** The supervising leader approves or refuses extensions and signs tasks off (督办落实、办结销号). */
export function canDecide(role: Role): boolean {
  return role === "leader";
}

/** Holiday notices are system data: only administrators enter them. */
export function canSetHolidays(role: Role): boolean {
  return role === "admin";
}

/** Unit reporters report for their own unit; supervision staff and leaders may report for any unit of the task. */
export function canReport(role: Role): boolean {
  return role === "unit_reporter" || canManageTasks(role);
}

/**
 * Whether a task is visible in a scope: bureau roles see every task, a unit reporter the tasks their unit leads or
 * co-handles, a town officer the tasks of the units in their town.
 */
export function isTaskInScope(scope: DataScope, units: readonly { id: string; townId: string | null }[]): boolean {
  if (scope.kind === "all") return true;
  if (scope.kind === "unit") return units.some((u) => u.id === scope.unitId);
  return units.some((u) => u.townId === scope.townId);
}

/**
 * The unit a progress report is filed for: a unit reporter's own unit (lead or co-unit of the task), or, for
 * bureau staff, the unit they name (default the lead unit). Null when the actor may not report for the task.
 */
export function reportingUnitOf(actor: Pick<Actor, "role" | "unitId">, facts: Pick<TaskFacts, "units">, requested: string | null): string | null {
  const ids = facts.units.map((u) => u.id);
  if (actor.role === "unit_reporter") return actor.unitId && ids.includes(actor.unitId) && (requested === null || requested === actor.unitId) ? actor.unitId : null;
  if (!canManageTasks(actor.role)) return null;
  const lead = facts.units.find((u) => u.role === "lead")?.id ?? null;
  const unit = requested ?? lead;
  return unit && ids.includes(unit) ? unit : null;
}

/** Extensions are asked for by the lead unit (which owns the deadline) or by supervision staff on its behalf. */
export function canRequestExtension(actor: Pick<Actor, "role" | "unitId">, facts: Pick<TaskFacts, "units">): boolean {
  if (canManageTasks(actor.role)) return true;
  return actor.role === "unit_reporter" && facts.units.some((u) => u.role === "lead" && u.id === actor.unitId);
}

// ---------------------------------------------------------------------------------------------------------------
// Deadlines
// ---------------------------------------------------------------------------------------------------------------

export interface ResolvedMilestone {
  seq: number;
  title: string;
  nominalOn: string;
  dueOn: string;
  provisional: boolean;
  generated: boolean;
}

export interface ResolvedDeadline {
  /** Null for long-term tasks: their milestones are due one after another. */
  dueOn: string | null;
  provisional: boolean;
  milestones: ResolvedMilestone[];
}

const pad = (n: number) => String(n).padStart(2, "0");
const lastDayOfMonth = (year: number, month: number) => addDays(`${month === 12 ? year + 1 : year}-${pad(month === 12 ? 1 : month + 1)}-01`, -1);
const MONTHS_PER: Record<MilestonePeriod, number> = { month: 1, quarter: 3, half_year: 6, year: 12 };

function periodTitle(period: MilestonePeriod, end: string): string {
  const y = end.slice(0, 4);
  const m = Number(end.slice(5, 7));
  if (period === "month") return `${y}年${m}月`;
  if (period === "quarter") return `${y}年第${m / 3}季度`;
  if (period === "half_year") return `${y}年${m === 6 ? "上半年" : "下半年"}`;
  return `${y}年度`;
}

/**
 * The ends of `count` periods (months, quarters, half-years, years) after `start`, the start day not counted
 * (民法典 art. 201): the nominal dates of a long-term task's periodic milestones.
 */
export function periodEnds(start: string, every: MilestonePeriod, count: number): string[] {
  const step = MONTHS_PER[every];
  let year = Number(start.slice(0, 4));
  // First period end strictly after the start: month ends aligned to the period (03, 06, 09, 12 for quarters).
  let month = Math.ceil(Number(start.slice(5, 7)) / step) * step;
  if (lastDayOfMonth(year, month) <= start) month += step;
  const ends: string[] = [];
  for (let i = 0; i < count; i++) {
    while (month > 12) {
      month -= 12;
      year += 1;
    }
    ends.push(lastDayOfMonth(year, month));
    month += step;
  }
  return ends;
}

/**
 * Computes a task's due date and milestones from its deadline on the working-day calendar: a fixed date stands as
 * set; a period of N working or calendar days runs from the day after its start, and a calendar-day period ending on
 * a rest day moves to the next working day (民法典 arts. 201, 203; procedures.md §1.2); periodic milestones of a
 * long-term task fall on period ends rolled the same way. Deadlines that depend on a year whose State Council
 * notice is not yet entered are provisional.
 */
export function resolveDeadline(cal: HolidayCalendar, spec: DeadlineSpec, listed: readonly MilestoneInput[] = []): ResolvedDeadline {
  const milestones: ResolvedMilestone[] = listed.map((m) => ({ seq: 0, title: m.title, nominalOn: m.dueOn, dueOn: m.dueOn, provisional: false, generated: false }));
  if (spec.kind === "long_term" && spec.every) {
    for (const end of periodEnds(spec.start, spec.every, spec.count)) {
      const rolled = computeDeadline(cal, { start: end, amount: 0, unit: "natural" });
      milestones.push({ seq: 0, title: periodTitle(spec.every, end), nominalOn: end, dueOn: rolled.due, provisional: rolled.provisional, generated: true });
    }
  }
  milestones.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  milestones.forEach((m, i) => (m.seq = i + 1));
  if (spec.kind === "date") return { dueOn: spec.date, provisional: false, milestones };
  if (spec.kind === "period") {
    const d = computeDeadline(cal, { start: spec.start, amount: spec.amount, unit: spec.unit });
    return { dueOn: d.due, provisional: d.provisional, milestones };
  }
  return { dueOn: null, provisional: milestones.some((m) => m.provisional), milestones };
}

/** Recomputes a stored milestone: listed dates stand, period ends roll to a working day (as `resolveDeadline`). */
export function rerollMilestone(cal: HolidayCalendar, m: { nominalOn: string; dueOn: string }, generated: boolean) {
  if (!generated) return { dueOn: m.dueOn, provisional: false };
  const d = computeDeadline(cal, { start: m.nominalOn, amount: 0, unit: "natural" });
  return { dueOn: d.due, provisional: d.provisional };
}

/** The day a task starts: the start of its counted period, else the day it was entered. */
export function startOf(spec: DeadlineSpec, enteredOn: string): string {
  // A fixed date already past when the task is entered (a list of old measures) began no later than it was due,
  // so the task's start never falls after its deadline and its export imports again.
  if (spec.kind === "date") return enteredOn < spec.date ? enteredOn : spec.date;
  return spec.start;
}

// ---------------------------------------------------------------------------------------------------------------
// Status
// ---------------------------------------------------------------------------------------------------------------

export interface DeriveOptions {
  /** The day the state is derived for (Asia/Shanghai); records dated after it are ignored. */
  asOf: string;
  calendar: HolidayCalendar;
  /** "original" ignores extensions and new deadlines given on reopening. */
  basis?: DeadlineBasis;
}

const dayOf = (at: Date) => toShanghaiDate(at);
const minDate = (dates: string[]) => dates.reduce<string | null>((m, d) => (m === null || d < m ? d : m), null);

/**
 * A task's status on a day, derived from its dates and records only (拉条挂账、督办落实、办结销号, 中央生态环境保护督察整改工作办法):
 * closed after a sign-off (销号) not followed by a reopening; completed awaiting verification once a completion report
 * is accepted (or a case is recorded 办结); reopened (反弹) after a reopening; overdue past the deadline in force;
 * due soon within the source's configured working days; not started before the start or any report; otherwise
 * on schedule (按时序推进). Warnings follow the bureau's three colours: blue due soon, yellow overdue, red overdue
 * for the escalation threshold or reopened.
 */
export function deriveTaskState(f: TaskFacts, { asOf, calendar, basis = "effective" }: DeriveOptions): TaskState {
  const lifecycle = f.lifecycle.filter((e) => dayOf(e.at) <= asOf).sort((a, b) => a.at.getTime() - b.at.getTime());
  const lastReopen = lifecycle.filter((e) => e.action === "reopen").at(-1) ?? null;
  const cutoff = lastReopen ? lastReopen.at.getTime() : Number.NEGATIVE_INFINITY;
  const signOff = lifecycle.find((e) => e.action === "signoff" && e.at.getTime() > cutoff) ?? null;

  const accepted = f.reports.filter((r) => r.review?.decision === "accepted" && dayOf(r.review.reviewedAt) <= asOf);
  const completions = accepted.filter((r) => r.claimsCompletion && r.review!.reviewedAt.getTime() > cutoff).map((r) => dayOf(r.submittedAt));
  const c = f.case;
  if (c?.outcome === "completed" && c.outcomeOn && c.outcomeRecordedAt && dayOf(c.outcomeRecordedAt) <= asOf && c.outcomeRecordedAt.getTime() > cutoff)
    completions.push(c.outcomeOn);
  let completedOn = minDate(completions);
  if (signOff && !completedOn) completedOn = dayOf(signOff.at);

  // Milestones are met by an accepted report filed against them.
  const metOn = new Map<string, string>();
  for (const r of accepted) if (r.milestoneId && !metOn.has(r.milestoneId)) metOn.set(r.milestoneId, dayOf(r.submittedAt));
  const milestones = [...f.milestones].sort((a, b) => a.seq - b.seq);
  const nextMilestone = milestones.find((m) => !metOn.has(m.id)) ?? null;

  const longTerm = f.task.deadline.kind === "long_term";
  const originalDueOn = longTerm ? (nextMilestone?.dueOn ?? null) : f.task.dueOn;
  let dueOn = originalDueOn;
  let provisional = longTerm ? (nextMilestone?.provisional ?? false) : f.task.dueProvisional;
  if (basis === "effective") {
    // The latest of: an approved extension, a new deadline given on reopening.
    const changes: { at: number; due: string }[] = [];
    for (const x of f.extensions) if (x.status === "approved" && x.decidedAt && dayOf(x.decidedAt) <= asOf) changes.push({ at: x.decidedAt.getTime(), due: x.requestedDueOn });
    if (lastReopen?.newDueOn) changes.push({ at: lastReopen.at.getTime(), due: lastReopen.newDueOn });
    const latest = changes.sort((a, b) => a.at - b.at).at(-1);
    if (latest) {
      dueOn = latest.due;
      provisional = false;
    }
  }

  const open = !signOff && !completedOn;
  const late = open && dueOn !== null && asOf > dueOn;
  const daysOverdue = late ? daysBetween(dueOn!, asOf) : 0;
  const workingDaysOverdue = late ? workingDaysBetween(calendar, dueOn!, asOf) : 0;
  const escalated = late && workingDaysOverdue >= f.source.escalateAfterWorkingDays;
  const workingDaysLeft = dueOn !== null && asOf <= dueOn ? workingDaysBetween(calendar, asOf, dueOn) : null;
  const reported = f.reports.some((r) => dayOf(r.submittedAt) <= asOf);

  let status: TaskStatus;
  let warning: WarningColour | null = null;
  if (signOff) status = "closed";
  else if (completedOn) status = "awaiting_verification";
  else if (lastReopen) {
    status = "reopened";
    warning = "red";
  } else if (late) {
    status = "overdue";
    warning = escalated ? "red" : "yellow";
  } else if (workingDaysLeft !== null && workingDaysLeft <= f.source.dueSoonWorkingDays) {
    status = "due_soon";
    warning = "blue";
  } else if (asOf < f.task.startOn || !reported) status = "not_started";
  else status = "on_schedule";

  const onTimeAgainst = (due: string | null) => (completedOn === null ? null : due === null || completedOn <= due);
  return {
    status,
    warning,
    originalDueOn,
    dueOn,
    provisional,
    workingDaysLeft,
    daysOverdue,
    workingDaysOverdue,
    escalated,
    completedOn,
    closedOn: signOff ? dayOf(signOff.at) : null,
    onTime: onTimeAgainst(dueOn),
    onTimeOriginal: onTimeAgainst(originalDueOn),
    reopenedOn: lastReopen ? dayOf(lastReopen.at) : null,
    nextMilestone: nextMilestone ? { id: nextMilestone.id, title: nextMilestone.title, dueOn: nextMilestone.dueOn } : null,
  };
}

/** Whether the task is still being worked on (not completed, not closed). */
export function isOpen(state: Pick<TaskState, "status">): boolean {
  return state.status !== "closed" && state.status !== "awaiting_verification";
}

/** What the public is told: due-soon and not-started are internal warnings and read as "in progress". */
export function publicStatusOf(status: TaskStatus): PublicStatus {
  if (status === "closed") return "completed";
  if (status === "awaiting_verification") return "completed_pending_verification";
  if (status === "overdue") return "overdue";
  if (status === "reopened") return "reopened";
  return "in_progress";
}

// ---------------------------------------------------------------------------------------------------------------
// Commands on a task's state
// ---------------------------------------------------------------------------------------------------------------

export type Refusal<R extends string> = { ok: true } | { ok: false; reason: R };

/**
 * An extension must be filed on or before the deadline in force (its day ends at 24:00), ask for a later date, and
 * wait for no other pending request; a finished task or one without a due date cannot be extended.
 */
export function checkExtensionRequest(
  f: Pick<TaskFacts, "extensions" | "task">,
  state: TaskState,
  { today, requestedDueOn }: { today: string; requestedDueOn: string },
): Refusal<"finished" | "no_deadline" | "after_deadline" | "not_later" | "pending"> {
  if (!isOpen(state)) return { ok: false, reason: "finished" };
  if (state.dueOn === null || f.task.deadline.kind === "long_term") return { ok: false, reason: "no_deadline" };
  if (today > state.dueOn) return { ok: false, reason: "after_deadline" };
  if (requestedDueOn <= state.dueOn) return { ok: false, reason: "not_later" };
  if (f.extensions.some((x) => x.status === "pending")) return { ok: false, reason: "pending" };
  return { ok: true };
}

/** Sign-off (销号) verifies a completed task: there must be a completion awaiting verification. */
export function checkSignOff(state: TaskState): Refusal<"not_completed" | "already_closed"> {
  if (state.status === "closed") return { ok: false, reason: "already_closed" };
  if (state.status !== "awaiting_verification") return { ok: false, reason: "not_completed" };
  return { ok: true };
}

/** Only a closed task can rebound (反弹); a new deadline, when given, must not precede the reopening day. */
export function checkReopen(state: TaskState, { today, newDueOn }: { today: string; newDueOn: string | null }): Refusal<"not_closed" | "due_in_past"> {
  if (state.status !== "closed") return { ok: false, reason: "not_closed" };
  if (newDueOn !== null && newDueOn < today) return { ok: false, reason: "due_in_past" };
  return { ok: true };
}

/** Reports go to open tasks; a resubmission answers a returned report of the same task. */
export function checkReport(state: TaskState): Refusal<"finished"> {
  return isOpen(state) ? { ok: true } : { ok: false, reason: "finished" };
}

/** Which reminder the daily sweep sends for a state: due soon, overdue (a reopened task past its new deadline too), or none. */
export function reminderKindOf(state: TaskState): "due_soon" | "overdue" | null {
  if (state.status === "due_soon") return "due_soon";
  if (state.status === "overdue" || (state.status === "reopened" && state.daysOverdue > 0)) return "overdue";
  return null;
}

/** Today's date in Shanghai for a clock reading. */
export const todayOf = (now: Date) => toShanghaiDate(now);
