import { toShanghaiDate } from "../shared/calendar/calendar";
import type { BilingualText } from "../shared/domain-error";
import {
  TASK_STATUSES,
  type DeadlineBasis,
  type NamedRef,
  type SourceKind,
  type TaskFacts,
  type TaskState,
  type TaskStatus,
} from "./supervision-task.schema";

/** A share with its parts; `percent` has one decimal, rounded half up, null when nothing is counted. */
export interface Rate {
  numerator: number;
  denominator: number;
  percent: string | null;
}

/** n/d as a percentage with one decimal, rounded half up on exact integers (no float drift at x.x5). */
export function rate(numerator: number, denominator: number): Rate {
  if (denominator === 0) return { numerator, denominator, percent: null };
  const tenths = Math.floor((numerator * 2000 + denominator) / (2 * denominator));
  return { numerator, denominator, percent: `${Math.floor(tenths / 10)}.${tenths % 10}` };
}

export type StatusCounts = Record<TaskStatus, number>;

export interface FigureGroup {
  total: number;
  byStatus: StatusCounts;
  /** Completed = awaiting verification + closed. */
  completed: number;
  closed: number;
  /** Completed on or before the deadline (on the chosen basis). */
  onTime: number;
  overdue: number;
  /** Open tasks that are not overdue: not started, on schedule, due soon (reported as 按时序推进). */
  onSchedule: number;
  completionRate: Rate;
  /** Of the completed tasks, the share completed on time. */
  onTimeRate: Rate;
  warnings: { blue: number; yellow: number; red: number };
}

export interface OverdueItem {
  taskId: string;
  code: string;
  title: string;
  leadUnit: NamedRef;
  source: { id: string; title: string };
  dueOn: string;
  daysOverdue: number;
  workingDaysOverdue: number;
  escalated: boolean;
}

/** 办结 / 阶段性办结 / not yet, and the closure rate (办结率) counting both kinds of 办结. */
export interface CaseFigures {
  total: number;
  completed: number;
  staged: number;
  pending: number;
  closureRate: Rate;
}

export interface Figures extends FigureGroup {
  asOf: string;
  basis: DeadlineBasis;
  overdueList: OverdueItem[];
  byUnit: (FigureGroup & { unit: NamedRef })[];
  bySource: (FigureGroup & { source: { id: string; kind: SourceKind; code: string; title: string } })[];
  cases: CaseFigures;
  /** Feedback problems behind the counted measures; rectified when all their measures are completed. */
  problems: { total: number; rectified: number };
  sentences: BilingualText[];
}

export interface Evaluated {
  facts: TaskFacts;
  state: TaskState;
}

const emptyCounts = (): StatusCounts => Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as StatusCounts;

/** Counts, rates and warnings of a group of evaluated tasks (what every figure group shows). */
export function summarize(items: readonly Evaluated[], basis: DeadlineBasis): FigureGroup {
  const byStatus = emptyCounts();
  const warnings = { blue: 0, yellow: 0, red: 0 };
  let onTime = 0;
  for (const { state } of items) {
    byStatus[state.status]++;
    if (state.warning) warnings[state.warning]++;
    if ((basis === "original" ? state.onTimeOriginal : state.onTime) === true) onTime++;
  }
  const completed = byStatus.awaiting_verification + byStatus.closed;
  return {
    total: items.length,
    byStatus,
    completed,
    closed: byStatus.closed,
    onTime,
    overdue: byStatus.overdue,
    onSchedule: byStatus.not_started + byStatus.on_schedule + byStatus.due_soon,
    completionRate: rate(completed, items.length),
    onTimeRate: rate(onTime, completed),
    warnings,
  };
}

function groupBy<K>(items: readonly Evaluated[], key: (e: Evaluated) => K): Map<K, Evaluated[]> {
  const m = new Map<K, Evaluated[]>();
  for (const e of items) {
    const k = key(e);
    const list = m.get(k);
    if (list) list.push(e);
    else m.set(k, [e]);
  }
  return m;
}

/** The case outcome as known on `asOf` (only the latest outcome is kept: a later one reads as not yet). */
function caseOutcomeOn(f: TaskFacts, asOf: string) {
  const c = f.case;
  if (!c || c.outcome === "pending" || !c.outcomeRecordedAt || toShanghaiDate(c.outcomeRecordedAt) > asOf) return "pending";
  return c.outcome;
}

/**
 * Figures for a set of tasks on one day: counts by status, completion rate, on-time rate (against the original or the
 * deadline in force), the overdue list with days overdue, per lead unit (牵头单位) and per source, assigned-case
 * outcomes and closure rate (办结率 = (办结 + 阶段性办结) / 交办, as bureaus report it), and the report sentences.
 */
export function computeFigures(items: readonly Evaluated[], { asOf, basis }: { asOf: string; basis: DeadlineBasis }): Figures {
  const overdueList: OverdueItem[] = items
    .filter((e) => e.state.status === "overdue")
    .map(({ facts, state }) => {
      const lead = facts.units.find((u) => u.role === "lead");
      return {
        taskId: facts.task.id,
        code: facts.task.code,
        title: facts.task.title,
        leadUnit: { id: lead?.id ?? facts.task.leadUnitId, name: lead?.name ?? "" },
        source: { id: facts.source.id, title: facts.source.title },
        dueOn: state.dueOn!,
        daysOverdue: state.daysOverdue,
        workingDaysOverdue: state.workingDaysOverdue,
        escalated: state.escalated,
      };
    })
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.code.localeCompare(b.code));

  const byUnit = [...groupBy(items, (e) => e.facts.task.leadUnitId).values()]
    .map((list) => {
      const lead = list[0]!.facts.units.find((u) => u.role === "lead");
      return { unit: { id: list[0]!.facts.task.leadUnitId, name: lead?.name ?? "" }, ...summarize(list, basis) };
    })
    .sort((a, b) => b.total - a.total || a.unit.name.localeCompare(b.unit.name));

  const bySource = [...groupBy(items, (e) => e.facts.source.id).values()]
    .map((list) => {
      const s = list[0]!.facts.source;
      return { source: { id: s.id, kind: s.kind, code: s.code, title: s.title }, ...summarize(list, basis) };
    })
    .sort((a, b) => a.source.code.localeCompare(b.source.code));

  const caseItems = items.filter((e) => e.facts.task.kind === "case");
  const outcomes = caseItems.map((e) => caseOutcomeOn(e.facts, asOf));
  const completedCases = outcomes.filter((o) => o === "completed").length;
  const stagedCases = outcomes.filter((o) => o === "staged").length;
  const cases: CaseFigures = {
    total: caseItems.length,
    completed: completedCases,
    staged: stagedCases,
    pending: caseItems.length - completedCases - stagedCases,
    closureRate: rate(completedCases + stagedCases, caseItems.length),
  };

  const measures = items.filter((e) => e.facts.task.kind === "measure");
  const byProblem = groupBy(
    measures.filter((e) => e.facts.problem),
    (e) => e.facts.problem!.id,
  );
  const problems = {
    total: byProblem.size,
    rectified: [...byProblem.values()].filter((list) => list.every((e) => e.state.status === "closed" || e.state.status === "awaiting_verification")).length,
  };

  const all = summarize(items, basis);
  const figures: Figures = { asOf, basis, ...all, overdueList, byUnit, bySource, cases, problems, sentences: [] };
  figures.sentences = figureSentences({
    measures: summarize(measures, basis),
    problems: problems.total,
    cases,
    workTasks: items.filter((e) => e.facts.task.kind === "work_task").length,
  });
  return figures;
}

const pct = (r: Rate) => (r.percent === null ? "—" : `${r.percent.replace(/\.0$/, "")}%`);

/**
 * The sentences a half-year or annual work report uses for this module (seed report, part 一(一) and (三)): measures of
 * the feedback problems completed and on schedule, assigned cases closed, work tasks given a lead unit.
 */
export function figureSentences(f: { measures: FigureGroup; problems: number; cases: CaseFigures; workTasks: number }): BilingualText[] {
  const out: BilingualText[] = [];
  const m = f.measures;
  if (m.total > 0) {
    const overdueZh = m.overdue > 0 ? `，逾期${m.overdue}项` : "";
    const overdueEn = m.overdue > 0 ? `, ${m.overdue} overdue` : "";
    const reopened = m.byStatus.reopened;
    out.push({
      zh: `针对${f.problems}个反馈问题制定整改措施${m.total}项，已完成整改任务${m.completed}项，按时序推进${m.onSchedule}项${overdueZh}${reopened ? `，反弹${reopened}项` : ""}。`,
      en: `For ${f.problems} feedback problems, ${m.total} rectification measures: ${m.completed} completed, ${m.onSchedule} on schedule${overdueEn}${reopened ? `, ${reopened} reopened` : ""}.`,
    });
  }
  const c = f.cases;
  if (c.total > 0) {
    out.push({
      zh: `${c.total}件交办案件已办结${c.completed}件、阶段性办结${c.staged}件，办结率${pct(c.closureRate)}。`,
      en: `Of ${c.total} assigned cases, ${c.completed} completed and ${c.staged} completed in stages: closure rate ${pct(c.closureRate)}.`,
    });
  }
  if (f.workTasks > 0) {
    out.push({ zh: `明确${f.workTasks}项工作任务区内牵头单位。`, en: `A lead unit in the district is named for each of ${f.workTasks} work tasks.` });
  }
  return out;
}
