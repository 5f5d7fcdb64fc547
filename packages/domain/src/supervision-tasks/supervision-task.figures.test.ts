import { describe, expect, it } from "vitest";
import { BUILTIN_CALENDAR as cal } from "../shared/calendar";
import { computeFigures, figureSentences, rate } from "./supervision-task.figures";
import { deriveTaskState } from "./supervision-task.rules";
import type { CaseDetails, TaskFacts } from "./supervision-task.schema";
import { at, makeFacts, makeReport, UNIT_A, UNIT_B } from "./testing";

describe("rate", () => {
  it.each([
    [0, 0, null],
    [1, 3, "33.3"],
    [2, 3, "66.7"],
    [1, 8, "12.5"],
    [1, 16, "6.3"],
    [30, 30, "100.0"],
    [0, 5, "0.0"],
  ])("%i/%i = %s%", (n, d, percent) => {
    expect(rate(n, d).percent).toBe(percent);
  });
});

const accepted = (day: string) => makeReport(day, { claimsCompletion: true, reviewed: { on: day, decision: "accepted" } });
const P1 = { id: "00000000-0000-4000-8000-000000000101", code: "1", title: "问题一" };
const P2 = { id: "00000000-0000-4000-8000-000000000102", code: "2", title: "问题二" };
const caseOf = (outcome: CaseDetails["outcome"], outcomeOn: string | null): CaseDetails => ({
  caseNo: `C${Math.random()}`,
  receivedOn: "2026-03-05",
  category: "air",
  subject: "某厂",
  complaint: "夜间异味",
  outcome,
  outcomeOn,
  reply: null,
  publicSummary: null,
  outcomeRecordedAt: outcomeOn ? at(outcomeOn) : null,
});
const onUnitB = { task: { leadUnitId: UNIT_B.id }, units: [{ ...UNIT_B, role: "lead" as const }] };

// As of 2026-07-07: hand count below each fixture.
const FIXTURES: TaskFacts[] = [
  makeFacts({ problem: P1, task: { code: "1-1", problemId: P1.id }, reports: [accepted("2026-06-20")] }), // completed on time
  makeFacts({ problem: P1, task: { code: "1-2", problemId: P1.id }, reports: [accepted("2026-07-03")] }), // completed late
  makeFacts({ problem: P2, task: { code: "2-1", problemId: P2.id }, reports: [makeReport("2026-04-01")] }), // overdue, escalated (5 wd)
  makeFacts({ problem: P2, task: { code: "2-2", problemId: P2.id, dueOn: "2026-07-10", deadline: { kind: "date", date: "2026-07-10" } }, reports: [makeReport("2026-04-01")] }), // due soon
  makeFacts({ problem: P2, task: { code: "2-3", problemId: P2.id, dueOn: "2026-12-31", deadline: { kind: "date", date: "2026-12-31" } }, reports: [makeReport("2026-04-01")] }), // on schedule
  makeFacts({ ...onUnitB, problem: P2, task: { ...onUnitB.task, code: "2-4", problemId: P2.id, dueOn: "2026-12-31", deadline: { kind: "date", date: "2026-12-31" } } }), // not started
  makeFacts({ ...onUnitB, task: { ...onUnitB.task, kind: "case", code: "C1" }, case: caseOf("completed", "2026-05-01") }), // awaiting verification (case completed)
  makeFacts({ ...onUnitB, task: { ...onUnitB.task, kind: "case", code: "C2", dueOn: "2026-12-31", deadline: { kind: "date", date: "2026-12-31" } }, case: caseOf("staged", "2026-05-01") }), // not started
  makeFacts({ ...onUnitB, task: { ...onUnitB.task, kind: "case", code: "C3" }, case: caseOf("pending", null) }), // overdue
];

describe("computeFigures", () => {
  const items = FIXTURES.map((facts) => ({ facts, state: deriveTaskState(facts, { asOf: "2026-07-07", calendar: cal }) }));
  const f = computeFigures(items, { asOf: "2026-07-07", basis: "effective" });

  it("counts by status as by hand", () => {
    expect(f.total).toBe(9);
    expect(f.byStatus).toEqual({ not_started: 2, on_schedule: 1, due_soon: 1, overdue: 2, awaiting_verification: 3, closed: 0, reopened: 0 });
    expect(f.completed).toBe(3);
    expect(f.onSchedule).toBe(4);
    expect(f.completionRate).toEqual({ numerator: 3, denominator: 9, percent: "33.3" });
    // 1-1 and C1 on time, 1-2 late.
    expect(f.onTimeRate).toEqual({ numerator: 2, denominator: 3, percent: "66.7" });
    expect(f.warnings).toEqual({ blue: 1, yellow: 0, red: 2 });
  });

  it("lists the overdue tasks, longest first, with days overdue", () => {
    expect(f.overdueList.map((o) => [o.code, o.dueOn, o.daysOverdue, o.workingDaysOverdue, o.escalated])).toEqual([
      ["2-1", "2026-06-30", 7, 5, true],
      ["C3", "2026-06-30", 7, 5, true],
    ]);
  });

  it("groups by lead unit and by source", () => {
    expect(f.byUnit.map((u) => [u.unit.name, u.total, u.completed, u.overdue])).toEqual([
      [UNIT_A.name, 5, 2, 1],
      [UNIT_B.name, 4, 1, 1],
    ]);
    expect(f.bySource).toHaveLength(1);
    expect(f.bySource[0]!.total).toBe(9);
  });

  it("counts case outcomes and the closure rate (办结 + 阶段性办结)", () => {
    expect(f.cases).toEqual({ total: 3, completed: 1, staged: 1, pending: 1, closureRate: { numerator: 2, denominator: 3, percent: "66.7" } });
    expect(f.problems).toEqual({ total: 2, rectified: 1 });
  });

  it("writes the report sentences", () => {
    expect(f.sentences.map((s) => s.zh)).toEqual(["针对2个反馈问题制定整改措施6项，已完成整改任务2项，按时序推进3项，逾期1项。", "3件交办案件已办结1件、阶段性办结1件，办结率66.7%。"]);
  });

  it("sees only records up to the day asked", () => {
    const early = FIXTURES.map((facts) => ({ facts, state: deriveTaskState(facts, { asOf: "2026-06-21", calendar: cal }) }));
    const g = computeFigures(early, { asOf: "2026-06-21", basis: "effective" });
    expect(g.completed).toBe(2); // 1-1 and the case completed in May
    expect(g.cases.completed).toBe(1);
  });
});

describe("figureSentences", () => {
  it("matches the seed report's wording with a 100% closure rate and the work-task sentence", () => {
    const s = figureSentences({
      measures: computeFigures([], { asOf: "2026-06-30", basis: "effective" }),
      problems: 0,
      cases: { total: 12, completed: 10, staged: 2, pending: 0, closureRate: rate(12, 12) },
      workTasks: 45,
    });
    expect(s.map((x) => x.zh)).toEqual(["12件交办案件已办结10件、阶段性办结2件，办结率100%。", "明确45项工作任务区内牵头单位。"]);
  });
});

