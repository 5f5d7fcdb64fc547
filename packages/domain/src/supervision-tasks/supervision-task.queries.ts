import { z } from "zod";
import type { DataScope } from "../auth/auth.rules";
import { scopeOf } from "../auth/auth.rules";
import type { Actor } from "../auth/auth.schema";
import { toShanghaiDate, type HolidayCalendar } from "../shared/calendar/calendar";
import { parseOrThrow } from "../shared/domain-error";
import type { Clock } from "../shared/ports";
import { supervisionErrors as errors } from "./supervision-task.errors";
import { computeFigures, summarize, type Evaluated, type FigureGroup, type Figures } from "./supervision-task.figures";
import type { SupervisionRepos, TaskQuery } from "./supervision-task.ports";
import { canDecide, canManageTasks, canReport, canRequestExtension, deriveTaskState, isOpen, reportingUnitOf, todayOf } from "./supervision-task.rules";
import {
  FiguresQuerySchema,
  SourceKindSchema,
  TaskFilterSchema,
  TaskListQuerySchema,
  type AttachmentMeta,
  type CaseDetails,
  type DeadlineBasis,
  type ExtensionRequest,
  type LifecycleEvent,
  type Milestone,
  type Notification,
  type Problem,
  type ProgressReport,
  type PublicRound,
  type PublicRoundSummary,
  type SavedView,
  type Source,
  type TaskFilter,
  type TaskView,
} from "./supervision-task.schema";
import { buildPublicRound, buildTimeline, exportTable, publicRoundSummary, toTaskView, type Cell, type TimelineEntry } from "./supervision-task.views";

/** What the queries need: repositories outside a transaction (reads) and the clock. */
export interface SupervisionReadDeps {
  read: SupervisionRepos;
  clock: Clock;
}

const ALL: DataScope = { kind: "all" };
const isUuid = (v: string) => z.uuid().safeParse(v).success;

/** The day states are derived for: the asked day, never later than today (figures cannot see the future). */
function asOfDay(clock: Clock, asked?: string): string {
  const today = todayOf(clock.now());
  return asked && asked < today ? asked : today;
}

async function evaluate(read: SupervisionRepos, scope: DataScope, q: TaskQuery, asOf: string, basis: DeadlineBasis = "effective"): Promise<{ calendar: HolidayCalendar; items: Evaluated[] }> {
  const [calendar, facts] = await Promise.all([read.holidayYears.loadCalendar(), read.supervisionTasks.listFacts(scope, q)]);
  return { calendar, items: facts.map((f) => ({ facts: f, state: deriveTaskState(f, { asOf, calendar, basis }) })) };
}

/** A source and the plans under it (a round's page shows its plans' measures too). */
async function sourceIdsWithChildren(read: SupervisionRepos, scope: DataScope, id: string): Promise<string[]> {
  const children = await read.supervisionSources.list(scope, { parentId: id });
  return [id, ...children.map((c) => c.id)];
}

async function taskQueryOf(read: SupervisionRepos, scope: DataScope, f: Pick<TaskFilter, "sourceId" | "unitId" | "kind">): Promise<TaskQuery> {
  return {
    ...(f.sourceId ? { sourceIds: await sourceIdsWithChildren(read, scope, f.sourceId) } : {}),
    ...(f.unitId ? { unitId: f.unitId } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
  };
}

function matches(e: Evaluated, f: TaskFilter): boolean {
  const s = e.state;
  if (f.status?.length && !f.status.includes(s.status)) return false;
  if (f.warning?.length && (!s.warning || !f.warning.includes(s.warning))) return false;
  if ((f.dueFrom || f.dueTo) && (!s.dueOn || (f.dueFrom && s.dueOn < f.dueFrom) || (f.dueTo && s.dueOn > f.dueTo))) return false;
  if (f.search) {
    const needle = f.search.toLowerCase();
    const t = e.facts.task;
    const hay = [t.code, t.title, t.target ?? "", e.facts.problem?.title ?? "", e.facts.case?.caseNo ?? "", e.facts.case?.subject ?? ""].join("\n").toLowerCase();
    if (!hay.includes(needle)) return false;
  }
  return true;
}

const naturalCode = (a: Evaluated, b: Evaluated) => a.facts.task.code.localeCompare(b.facts.task.code, "zh-CN", { numeric: true });
const SORTS = {
  due: (a: Evaluated, b: Evaluated) => (a.state.dueOn ?? "9999").localeCompare(b.state.dueOn ?? "9999") || naturalCode(a, b),
  code: naturalCode,
  overdue: (a: Evaluated, b: Evaluated) => b.state.daysOverdue - a.state.daysOverdue || naturalCode(a, b),
  created: (a: Evaluated, b: Evaluated) => b.facts.task.createdAt.getTime() - a.facts.task.createdAt.getTime() || naturalCode(a, b),
};

// ---------------------------------------------------------------------------------------------------------------
// Tasks
// ---------------------------------------------------------------------------------------------------------------

/** The task list within the actor's scope, filtered by source, unit, kind, status, warning, due range and text. */
export async function listTasks(deps: SupervisionReadDeps, actor: Actor, raw: unknown): Promise<{ asOf: string; total: number; items: TaskView[] }> {
  const q = parseOrThrow(TaskListQuerySchema, raw ?? {});
  const scope = scopeOf(actor);
  const asOf = asOfDay(deps.clock);
  const { items } = await evaluate(deps.read, scope, await taskQueryOf(deps.read, scope, q), asOf);
  const filtered = items.filter((e) => matches(e, q)).sort(SORTS[q.sort]);
  return { asOf, total: filtered.length, items: filtered.slice(q.offset, q.offset + q.limit).map((e) => toTaskView(e.facts, e.state)) };
}

/** What the actor may do on a task now (the UI shows the matching buttons; the commands check again). */
export interface TaskPermissions {
  edit: boolean;
  report: boolean;
  review: boolean;
  requestExtension: boolean;
  decideExtension: boolean;
  signOff: boolean;
  reopen: boolean;
  recordOutcome: boolean;
}

export interface TaskDetail {
  asOf: string;
  task: TaskView;
  milestones: (Milestone & { metOn: string | null })[];
  reports: ProgressReport[];
  extensions: ExtensionRequest[];
  lifecycle: LifecycleEvent[];
  case: CaseDetails | null;
  timeline: TimelineEntry[];
  can: TaskPermissions;
}

/** One task with its milestones, reports and reviews, extensions, sign-offs, case details and timeline. */
export async function getTask(deps: SupervisionReadDeps, actor: Actor, id: string): Promise<TaskDetail> {
  const asOf = asOfDay(deps.clock);
  const [facts, calendar] = await Promise.all([deps.read.supervisionTasks.findFacts(scopeOf(actor), id), deps.read.holidayYears.loadCalendar()]);
  if (!facts) throw errors.taskNotFound(id);
  const state = deriveTaskState(facts, { asOf, calendar });
  const audit = await deps.read.audit.query({ entityType: "supervision_task", entityId: id, limit: 200, offset: 0 });
  const metOn = new Map<string, string>();
  for (const r of facts.reports)
    if (r.milestoneId && r.review?.decision === "accepted" && !metOn.has(r.milestoneId)) metOn.set(r.milestoneId, toShanghaiDate(r.submittedAt));
  const open = isOpen(state);
  const manage = canManageTasks(actor.role);
  return {
    asOf,
    task: toTaskView(facts, state),
    milestones: facts.milestones.map((m) => ({ ...m, metOn: metOn.get(m.id) ?? null })),
    reports: [...facts.reports].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime()),
    extensions: facts.extensions,
    lifecycle: facts.lifecycle,
    case: facts.case,
    timeline: buildTimeline(facts, state, [...audit.items].reverse(), { asOf, calendar }),
    can: {
      edit: manage,
      report: open && canReport(actor.role) && reportingUnitOf(actor, facts, null) !== null,
      review: manage && facts.reports.some((r) => r.review === null),
      requestExtension: open && canReport(actor.role) && canRequestExtension(actor, facts) && state.dueOn !== null && facts.task.deadline.kind !== "long_term",
      decideExtension: canDecide(actor.role) && facts.extensions.some((x) => x.status === "pending"),
      signOff: canDecide(actor.role) && state.status === "awaiting_verification",
      reopen: manage && state.status === "closed",
      recordOutcome: manage && facts.case !== null,
    },
  };
}

export interface Board {
  asOf: string;
  overdue: TaskView[];
  dueSoon: TaskView[];
  reopened: TaskView[];
  awaitingSignOff: TaskView[];
  pendingReviews: { task: TaskView; report: ProgressReport }[];
  pendingExtensions: { task: TaskView; extension: ExtensionRequest }[];
}

/** The leader's board: overdue (longest first) and due-soon tasks, reopened ones, and what waits for a decision. */
export async function board(deps: SupervisionReadDeps, actor: Actor): Promise<Board> {
  const asOf = asOfDay(deps.clock);
  const { items } = await evaluate(deps.read, scopeOf(actor), {}, asOf);
  const views = (list: Evaluated[], sort: (a: Evaluated, b: Evaluated) => number) => [...list].sort(sort).map((e) => toTaskView(e.facts, e.state));
  const byStatus = (s: string) => items.filter((e) => e.state.status === s);
  return {
    asOf,
    overdue: views(byStatus("overdue"), SORTS.overdue),
    dueSoon: views(byStatus("due_soon"), SORTS.due),
    reopened: views(byStatus("reopened"), SORTS.due),
    awaitingSignOff: views(byStatus("awaiting_verification"), SORTS.due),
    pendingReviews: items.flatMap((e) => e.facts.reports.filter((r) => r.review === null).map((report) => ({ task: toTaskView(e.facts, e.state), report }))),
    pendingExtensions: items.flatMap((e) => e.facts.extensions.filter((x) => x.status === "pending").map((extension) => ({ task: toTaskView(e.facts, e.state), extension }))),
  };
}

/**
 * Figures within the actor's scope for any day and deadline range: counts by status, completion and on-time rates
 * (on the original or the deadline in force), overdue list, per lead unit and per source, case outcomes, sentences.
 */
export async function taskFigures(deps: SupervisionReadDeps, actor: Actor, raw: unknown): Promise<Figures> {
  const q = parseOrThrow(FiguresQuerySchema, raw ?? {});
  const scope = scopeOf(actor);
  const asOf = asOfDay(deps.clock, q.asOf);
  const { items } = await evaluate(deps.read, scope, await taskQueryOf(deps.read, scope, q), asOf, q.basis);
  const counted = items.filter(
    (e) =>
      toShanghaiDate(e.facts.task.createdAt) <= asOf &&
      (!(q.dueFrom || q.dueTo) || (e.state.dueOn !== null && (!q.dueFrom || e.state.dueOn >= q.dueFrom) && (!q.dueTo || e.state.dueOn <= q.dueTo))),
  );
  return computeFigures(counted, { asOf, basis: q.basis });
}

/** Rows for the .xlsx export of a filtered list (the same filters as the list; scoped). */
export async function exportTasks(deps: SupervisionReadDeps, actor: Actor, raw: unknown): Promise<{ asOf: string; format: "tasks" | "cases"; headers: string[]; rows: Cell[][] }> {
  const f = parseOrThrow(TaskFilterSchema, raw ?? {});
  const scope = scopeOf(actor);
  const asOf = asOfDay(deps.clock);
  const { items } = await evaluate(deps.read, scope, await taskQueryOf(deps.read, scope, f), asOf);
  return { asOf, ...exportTable(items.filter((e) => matches(e, f)).sort(SORTS.code)) };
}

// ---------------------------------------------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------------------------------------------

export const SourceListQuerySchema = z.object({ kind: SourceKindSchema.optional(), parentId: z.uuid().optional() });

/** Sources in the actor's scope with headline figures (unit reporters see the sources holding their tasks). */
export async function listSources(deps: SupervisionReadDeps, actor: Actor, raw: unknown): Promise<(Source & { figures: FigureGroup })[]> {
  const q = parseOrThrow(SourceListQuerySchema, raw ?? {});
  const scope = scopeOf(actor);
  const asOf = asOfDay(deps.clock);
  const [sources, { items }] = await Promise.all([deps.read.supervisionSources.list(scope, q), evaluate(deps.read, scope, {}, asOf)]);
  return sources.map((s) => {
    const own = items.filter((e) => e.facts.source.id === s.id || sources.some((c) => c.parentId === s.id && c.id === e.facts.source.id));
    return { ...s, figures: summarize(own, "effective") };
  });
}

export interface SourceDetail {
  source: Source;
  parent: Source | null;
  plans: Source[];
  problems: (Problem & { measures: number; completed: number })[];
  figures: Figures;
}

/** A source's page: the source, its round or plans, its feedback problems and its figures (tasks via `listTasks`). */
export async function getSource(deps: SupervisionReadDeps, actor: Actor, id: string): Promise<SourceDetail> {
  const scope = scopeOf(actor);
  const source = await deps.read.supervisionSources.find(scope, id);
  if (!source) throw errors.sourceNotFound(id);
  const asOf = asOfDay(deps.clock);
  const roundId = source.kind === "inspection_round" ? source.id : source.kind === "rectification_plan" ? source.parentId : null;
  const [parent, plans, problems, { items }] = await Promise.all([
    source.parentId ? deps.read.supervisionSources.find(scope, source.parentId) : Promise.resolve(null),
    source.kind === "inspection_round" ? deps.read.supervisionSources.list(scope, { parentId: source.id }) : Promise.resolve([]),
    roundId ? deps.read.supervisionSources.listProblems(roundId) : Promise.resolve([]),
    evaluate(deps.read, scope, { sourceIds: await sourceIdsWithChildren(deps.read, scope, id) }, asOf),
  ]);
  return {
    source,
    parent,
    plans,
    problems: problems.map((p) => {
      const measures = items.filter((e) => e.facts.task.problemId === p.id);
      return { ...p, measures: measures.length, completed: measures.filter((e) => !isOpen(e.state)).length };
    }),
    figures: computeFigures(items, { asOf, basis: "effective" }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Public disclosure
// ---------------------------------------------------------------------------------------------------------------

async function evaluateRound(read: SupervisionRepos, round: Source, asOf: string) {
  const plans = (await read.supervisionSources.list(ALL, { parentId: round.id })).filter((p) => p.kind === "rectification_plan");
  const [problems, { items }] = await Promise.all([read.supervisionSources.listProblems(round.id), evaluate(read, ALL, { sourceIds: [round.id, ...plans.map((p) => p.id)] }, asOf)]);
  return { plans, problems, items };
}

/** Disclosed inspection rounds with their headline progress (public; no personal data). */
export async function publicRounds(deps: SupervisionReadDeps): Promise<PublicRoundSummary[]> {
  const asOf = asOfDay(deps.clock);
  const rounds = await deps.read.supervisionSources.listDisclosedRounds();
  const out: PublicRoundSummary[] = [];
  for (const round of rounds) {
    const { problems, items } = await evaluateRound(deps.read, round, asOf);
    out.push(publicRoundSummary(round, problems, items.filter((e) => e.facts.task.disclosed), asOf));
  }
  return out;
}

/** One disclosed round's rectification progress by problem and measure, and its cases (public; no personal data). */
export async function publicRound(deps: SupervisionReadDeps, code: string): Promise<PublicRound> {
  const round = (await deps.read.supervisionSources.listDisclosedRounds()).find((r) => r.code === code);
  if (!round) throw errors.sourceNotFound(code);
  const asOf = asOfDay(deps.clock);
  const { plans, problems, items } = await evaluateRound(deps.read, round, asOf);
  return buildPublicRound(round, plans, problems, items.filter((e) => e.facts.task.disclosed), asOf);
}

// ---------------------------------------------------------------------------------------------------------------
// The actor's own things
// ---------------------------------------------------------------------------------------------------------------

export function listViews(deps: SupervisionReadDeps, actor: Actor): Promise<SavedView[]> {
  return deps.read.supervisionTasks.listViews(actor.userId);
}

export function listNotifications(deps: SupervisionReadDeps, actor: Actor, q: { unreadOnly: boolean; limit: number }): Promise<{ items: Notification[]; unread: number }> {
  return deps.read.supervisionNotifications.list(actor.userId, q);
}

/**
 * An attachment the actor may download: their own upload, or one on a task in their scope (a unit reporter never
 * reaches another unit's files). Anything else reads as missing.
 */
export async function attachmentForDownload(deps: SupervisionReadDeps, actor: Actor, id: string): Promise<AttachmentMeta> {
  if (!isUuid(id)) throw errors.attachmentNotFound(id);
  const a = await deps.read.supervisionAttachments.find(id);
  if (!a) throw errors.attachmentNotFound(id);
  if (a.uploadedBy === actor.userId) return a;
  if (!a.taskId || !(await deps.read.supervisionTasks.findFacts(scopeOf(actor), a.taskId))) throw errors.attachmentNotFound(id);
  return a;
}
