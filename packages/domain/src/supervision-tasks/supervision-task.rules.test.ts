import { describe, expect, it } from "vitest";
import { BUILTIN_CALENDAR as cal, buildCalendar, HOLIDAY_YEARS } from "../shared/calendar";
import {
  checkExtensionRequest,
  checkReopen,
  checkSignOff,
  deriveTaskState,
  isTaskInScope,
  periodEnds,
  publicStatusOf,
  reminderKindOf,
  reportingUnitOf,
  resolveDeadline,
  startOf,
} from "./supervision-task.rules";
import type { DeadlineSpec, ExtensionRequest, LifecycleEvent, TaskFacts, TaskStatus, WarningColour } from "./supervision-task.schema";
import { at, makeFacts, makeReport, UNIT_A, UNIT_B } from "./testing";

const signoff = (day: string): LifecycleEvent => ({ id: `s-${day}`, taskId: "", action: "signoff", note: "已验收", newDueOn: null, actorId: null, actorName: "王局长", at: at(day, 16) });
const reopen = (day: string, newDueOn: string | null = null): LifecycleEvent => ({ id: `r-${day}`, taskId: "", action: "reopen", note: "问题反弹", newDueOn, actorId: null, actorName: "刘督察", at: at(day, 16) });
const extension = (requestedDueOn: string, status: ExtensionRequest["status"], decidedOn: string | null): ExtensionRequest => ({
  id: `x-${requestedDueOn}`,
  taskId: "",
  reason: "工程量大",
  currentDueOn: "2026-06-30",
  requestedDueOn,
  status,
  requestedBy: null,
  requestedByName: "冯填报",
  requestedAt: at("2026-06-10"),
  decidedBy: null,
  decidedByName: decidedOn ? "王局长" : null,
  decidedAt: decidedOn ? at(decidedOn, 11) : null,
  decisionNote: null,
});

const started = [makeReport("2026-03-20")];

// The measure is due Tue 2026-06-30 (端午 2026-06-19..21); due soon within 5 working days, escalated after 5.
describe("deriveTaskState", () => {
  it.each<[string, Partial<TaskFacts>, string, TaskStatus, WarningColour | null]>([
    ["before its start, nothing reported", {}, "2026-03-01", "not_started", null],
    ["started but nothing reported yet", {}, "2026-04-01", "not_started", null],
    ["a progress report filed: on schedule (按时序推进)", { reports: started }, "2026-04-01", "on_schedule", null],
    ["6 working days left (Mon 06-22)", { reports: started }, "2026-06-22", "on_schedule", null],
    ["5 working days left (Tue 06-23): due soon, blue", { reports: started }, "2026-06-23", "due_soon", "blue"],
    ["due today: still due soon", { reports: started }, "2026-06-30", "due_soon", "blue"],
    ["the day after: overdue, yellow", { reports: started }, "2026-07-01", "overdue", "yellow"],
    ["4 working days overdue: yellow", { reports: started }, "2026-07-06", "overdue", "yellow"],
    ["5 working days overdue: escalated, red", { reports: started }, "2026-07-07", "overdue", "red"],
    ["nothing reported and past due: overdue all the same", {}, "2026-07-01", "overdue", "yellow"],
    [
      "completion accepted: awaiting verification",
      { reports: [makeReport("2026-06-25", { claimsCompletion: true, reviewed: { on: "2026-06-26", decision: "accepted" } })] },
      "2026-07-01",
      "awaiting_verification",
      null,
    ],
    [
      "completion returned: not completed",
      { reports: [makeReport("2026-06-25", { claimsCompletion: true, reviewed: { on: "2026-06-26", decision: "returned" } })] },
      "2026-07-01",
      "overdue",
      "yellow",
    ],
    [
      "acceptance after the day asked: not yet known",
      { reports: [makeReport("2026-06-29", { claimsCompletion: true, reviewed: { on: "2026-07-02", decision: "accepted" } })] },
      "2026-07-01",
      "overdue",
      "yellow",
    ],
    [
      "signed off: closed",
      { reports: [makeReport("2026-06-25", { claimsCompletion: true, reviewed: { on: "2026-06-26", decision: "accepted" } })], lifecycle: [signoff("2026-07-03")] },
      "2026-07-03",
      "closed",
      null,
    ],
    [
      "reopened after sign-off: reopened, red",
      { reports: [makeReport("2026-06-25", { claimsCompletion: true, reviewed: { on: "2026-06-26", decision: "accepted" } })], lifecycle: [signoff("2026-07-03"), reopen("2026-07-10", "2026-08-31")] },
      "2026-07-10",
      "reopened",
      "red",
    ],
    [
      "reopened, then completed again: awaiting verification",
      {
        reports: [
          makeReport("2026-06-25", { claimsCompletion: true, reviewed: { on: "2026-06-26", decision: "accepted" } }),
          makeReport("2026-08-20", { claimsCompletion: true, reviewed: { on: "2026-08-21", decision: "accepted" } }),
        ],
        lifecycle: [signoff("2026-07-03"), reopen("2026-07-10", "2026-08-31")],
      },
      "2026-08-21",
      "awaiting_verification",
      null,
    ],
    ["extension approved to 07-31: on schedule on 07-01", { reports: started, extensions: [extension("2026-07-31", "approved", "2026-06-20")] }, "2026-07-01", "on_schedule", null],
    ["extension refused: overdue", { reports: started, extensions: [extension("2026-07-31", "refused", "2026-06-20")] }, "2026-07-01", "overdue", "yellow"],
    ["extension still pending: overdue", { reports: started, extensions: [extension("2026-07-31", "pending", null)] }, "2026-07-01", "overdue", "yellow"],
  ])("%s", (_name, facts, asOf, status, warning) => {
    const s = deriveTaskState(makeFacts(facts), { asOf, calendar: cal });
    expect(s.status).toBe(status);
    expect(s.warning).toBe(warning);
  });

  it("counts days overdue in calendar and working days", () => {
    const s = deriveTaskState(makeFacts({ reports: started }), { asOf: "2026-07-07", calendar: cal });
    expect(s).toMatchObject({ dueOn: "2026-06-30", daysOverdue: 7, workingDaysOverdue: 5, escalated: true, workingDaysLeft: null });
  });

  it("keeps the original deadline beside the extended one, and counts on-time against either", () => {
    const f = makeFacts({
      extensions: [extension("2026-07-31", "approved", "2026-06-20")],
      reports: [makeReport("2026-07-15", { claimsCompletion: true, reviewed: { on: "2026-07-16", decision: "accepted" } })],
    });
    const effective = deriveTaskState(f, { asOf: "2026-07-20", calendar: cal });
    expect(effective).toMatchObject({ status: "awaiting_verification", originalDueOn: "2026-06-30", dueOn: "2026-07-31", completedOn: "2026-07-15", onTime: true, onTimeOriginal: false });
    const original = deriveTaskState(f, { asOf: "2026-07-20", calendar: cal, basis: "original" });
    expect(original.dueOn).toBe("2026-06-30");
    // Before the completion was accepted, on the original basis the task was overdue.
    expect(deriveTaskState(f, { asOf: "2026-07-10", calendar: cal, basis: "original" }).status).toBe("overdue");
  });

  it("drives a long-term task by its next unmet milestone", () => {
    const milestones = [
      { id: "m1", seq: 1, title: "2026年第1季度", nominalOn: "2026-03-31", dueOn: "2026-03-31", provisional: false, generated: true },
      { id: "m2", seq: 2, title: "2026年第2季度", nominalOn: "2026-06-30", dueOn: "2026-06-30", provisional: false, generated: true },
    ];
    const task = { deadline: { kind: "long_term" as const, start: "2026-01-01", every: "quarter" as const, count: 2 }, dueOn: null, startOn: "2026-01-01" };
    const unmet = deriveTaskState(makeFacts({ task, milestones, reports: started }), { asOf: "2026-04-02", calendar: cal });
    expect(unmet).toMatchObject({ status: "overdue", dueOn: "2026-03-31", nextMilestone: { id: "m1" } });
    const met = deriveTaskState(makeFacts({ task, milestones, reports: [makeReport("2026-03-30", { milestoneId: "m1", reviewed: { on: "2026-03-31", decision: "accepted" } })] }), {
      asOf: "2026-04-02",
      calendar: cal,
    });
    expect(met).toMatchObject({ status: "on_schedule", dueOn: "2026-06-30", nextMilestone: { id: "m2" } });
  });
});

describe("resolveDeadline", () => {
  it.each([
    ["a fixed date stands, even on a Sunday", { kind: "date" as const, date: "2026-05-31" }, "2026-05-31", false],
    ["20 working days skip 劳动节 (procedures.md D6)", { kind: "period" as const, start: "2026-04-28", amount: 20, unit: "working" as const }, "2026-05-28", false],
    ["20 calendar days (D6)", { kind: "period" as const, start: "2026-04-28", amount: 20, unit: "natural" as const }, "2026-05-18", false],
    ["30 calendar days ending on a Sunday roll to Monday (D4)", { kind: "period" as const, start: "2026-01-30", amount: 30, unit: "natural" as const }, "2026-03-02", false],
    // Without the 2027 notice, 2027-01-01 counts as a working day; entering it moves the date (next test).
    ["a period into a year without a notice is provisional", { kind: "period" as const, start: "2026-12-20", amount: 20, unit: "working" as const }, "2027-01-15", true],
  ])("%s", (_name, spec, due, provisional) => {
    expect(resolveDeadline(cal, spec)).toMatchObject({ dueOn: due, provisional });
  });

  it("is no longer provisional once the year's notice is entered", () => {
    const y2027 = { year: 2027, restDays: [{ date: "2027-01-01", name: { zh: "元旦", en: "New Year's Day" } }], workingDays: [] };
    const withNotice = buildCalendar([...HOLIDAY_YEARS, y2027]);
    expect(resolveDeadline(withNotice, { kind: "period", start: "2026-12-20", amount: 20, unit: "working" })).toMatchObject({ dueOn: "2027-01-18", provisional: false });
  });

  it("gives a long-term task periodic milestones rolled off rest days, and merges listed ones", () => {
    const r = resolveDeadline(cal, { kind: "long_term", start: "2026-04-15", every: "month", count: 3 }, [{ title: "中期评估", dueOn: "2026-05-20" }]);
    expect(r.dueOn).toBeNull();
    expect(r.milestones.map((m) => [m.seq, m.title, m.nominalOn, m.dueOn, m.generated])).toEqual([
      [1, "2026年4月", "2026-04-30", "2026-04-30", true],
      [2, "中期评估", "2026-05-20", "2026-05-20", false],
      // 05-31 is a Sunday.
      [3, "2026年5月", "2026-05-31", "2026-06-01", true],
      [4, "2026年6月", "2026-06-30", "2026-06-30", true],
    ]);
  });
});

describe("periodEnds", () => {
  it.each([
    ["quarters from mid-January", "2026-01-15", "quarter" as const, 3, ["2026-03-31", "2026-06-30", "2026-09-30"]],
    ["the start day itself is not counted", "2026-03-31", "quarter" as const, 2, ["2026-06-30", "2026-09-30"]],
    ["half-years across the year end", "2026-08-01", "half_year" as const, 3, ["2026-12-31", "2027-06-30", "2027-12-31"]],
    ["months through February of a leap year", "2028-01-10", "month" as const, 2, ["2028-01-31", "2028-02-29"]],
    ["years", "2026-12-31", "year" as const, 2, ["2027-12-31", "2028-12-31"]],
  ])("%s", (_name, start, every, count, ends) => {
    expect(periodEnds(start, every, count)).toEqual(ends);
  });
});

describe("extension, sign-off and reopening checks", () => {
  const open = makeFacts({ reports: started });
  const stateOn = (f: TaskFacts, day: string) => deriveTaskState(f, { asOf: day, calendar: cal });

  it.each([
    ["filed before the deadline for a later date", "2026-06-20", "2026-07-31", { ok: true }],
    ["filed on the last day: still in time", "2026-06-30", "2026-07-31", { ok: true }],
    ["filed after the deadline", "2026-07-01", "2026-07-31", { ok: false, reason: "after_deadline" }],
    ["asking for the same date", "2026-06-20", "2026-06-30", { ok: false, reason: "not_later" }],
  ])("%s", (_name, today, requestedDueOn, result) => {
    expect(checkExtensionRequest(open, stateOn(open, today), { today, requestedDueOn })).toEqual(result);
  });

  it("refuses a second request while one is pending, and requests on long-term or finished tasks", () => {
    const pending = makeFacts({ reports: started, extensions: [extension("2026-07-31", "pending", null)] });
    expect(checkExtensionRequest(pending, stateOn(pending, "2026-06-20"), { today: "2026-06-20", requestedDueOn: "2026-08-31" })).toEqual({ ok: false, reason: "pending" });
    const longTerm = makeFacts({ task: { deadline: { kind: "long_term", start: "2026-01-01", every: null, count: 4 }, dueOn: null } });
    expect(checkExtensionRequest(longTerm, stateOn(longTerm, "2026-06-20"), { today: "2026-06-20", requestedDueOn: "2026-08-31" })).toEqual({ ok: false, reason: "no_deadline" });
    const done = makeFacts({ reports: [makeReport("2026-06-01", { claimsCompletion: true, reviewed: { on: "2026-06-02", decision: "accepted" } })] });
    expect(checkExtensionRequest(done, stateOn(done, "2026-06-20"), { today: "2026-06-20", requestedDueOn: "2026-08-31" })).toEqual({ ok: false, reason: "finished" });
  });

  it("signs off only a completed task, reopens only a closed one", () => {
    const done = makeFacts({ reports: [makeReport("2026-06-01", { claimsCompletion: true, reviewed: { on: "2026-06-02", decision: "accepted" } })] });
    expect(checkSignOff(stateOn(open, "2026-06-03"))).toEqual({ ok: false, reason: "not_completed" });
    expect(checkSignOff(stateOn(done, "2026-06-03"))).toEqual({ ok: true });
    const closed = { ...done, lifecycle: [signoff("2026-06-05")] };
    expect(checkSignOff(stateOn(closed, "2026-06-06"))).toEqual({ ok: false, reason: "already_closed" });
    expect(checkReopen(stateOn(done, "2026-06-06"), { today: "2026-06-06", newDueOn: null })).toEqual({ ok: false, reason: "not_closed" });
    expect(checkReopen(stateOn(closed, "2026-06-06"), { today: "2026-06-06", newDueOn: "2026-06-01" })).toEqual({ ok: false, reason: "due_in_past" });
    expect(checkReopen(stateOn(closed, "2026-06-06"), { today: "2026-06-06", newDueOn: "2026-09-30" })).toEqual({ ok: true });
  });
});

describe("reminders and public status", () => {
  it.each<[TaskStatus, "due_soon" | "overdue" | null, string]>([
    ["not_started", null, "in_progress"],
    ["on_schedule", null, "in_progress"],
    ["due_soon", "due_soon", "in_progress"],
    ["overdue", "overdue", "overdue"],
    ["awaiting_verification", null, "completed_pending_verification"],
    ["closed", null, "completed"],
    ["reopened", null, "reopened"],
  ])("%s → reminder %s, public %s", (status, reminder, pub) => {
    const state = deriveTaskState(makeFacts(), { asOf: "2026-04-01", calendar: cal });
    expect(reminderKindOf({ ...state, status, daysOverdue: 0 })).toBe(reminder);
    expect(publicStatusOf(status)).toBe(pub);
  });
});

describe("scope", () => {
  const units = [
    { id: UNIT_A.id, townId: null },
    { id: UNIT_B.id, townId: UNIT_B.townId },
  ];
  it.each([
    ["bureau roles see every task", { kind: "all" as const }, true],
    ["the lead unit's reporter", { kind: "unit" as const, unitId: UNIT_A.id }, true],
    ["a co-unit's reporter", { kind: "unit" as const, unitId: UNIT_B.id }, true],
    ["another unit's reporter", { kind: "unit" as const, unitId: "00000000-0000-4000-8000-0000000000ff" }, false],
    ["the officer of a co-unit's town", { kind: "town" as const, townId: UNIT_B.townId }, true],
    ["another town's officer", { kind: "town" as const, townId: "00000000-0000-4000-8000-0000000000ee" }, false],
  ])("%s: %s", (_name, scope, visible) => {
    expect(isTaskInScope(scope, units)).toBe(visible);
  });

  it.each([
    ["a unit reporter reports for their own unit", { role: "unit_reporter" as const, unitId: UNIT_B.id }, null, UNIT_B.id],
    ["…but not for another unit of the task", { role: "unit_reporter" as const, unitId: UNIT_B.id }, UNIT_A.id, null],
    ["a reporter of an unrelated unit cannot report", { role: "unit_reporter" as const, unitId: "00000000-0000-4000-8000-0000000000ff" }, null, null],
    ["supervision staff report for the lead unit by default", { role: "supervision" as const, unitId: null }, null, UNIT_A.id],
    ["supervision staff may name a co-unit", { role: "supervision" as const, unitId: null }, UNIT_B.id, UNIT_B.id],
    ["a town officer cannot report", { role: "town_officer" as const, unitId: null }, null, null],
  ])("%s", (_name, actor, requested, unit) => {
    expect(reportingUnitOf(actor, makeFacts(), requested)).toBe(unit);
  });
});

describe("startOf", () => {
  it.each([
    [{ kind: "date", date: "2026-06-30" }, "2026-03-02", "2026-03-02"],
    [{ kind: "date", date: "2026-01-15" }, "2026-03-02", "2026-01-15"],
    [{ kind: "period", start: "2026-02-01", amount: 30, unit: "working" }, "2026-03-02", "2026-02-01"],
  ] as const)("starts %j entered on %s on %s", (spec, enteredOn, expected) => {
    expect(startOf(spec as DeadlineSpec, enteredOn)).toBe(expected);
  });
});
