/** Fixtures for the supervision-task rule tests (not exported from the module). */
import type { ProgressReport, TaskFacts } from "./supervision-task.schema";

let seq = 0;
const id = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, "0")}`;

/** Shanghai wall-clock time of a day (10:00 local = 02:00Z). */
export const at = (day: string, hour = 10) => new Date(`${day}T${String(hour).padStart(2, "0")}:00:00+08:00`);

export const UNIT_A = { id: "00000000-0000-4000-8000-0000000000a1", name: "区水务局", townId: null, role: "lead" as const };
export const UNIT_B = { id: "00000000-0000-4000-8000-0000000000b2", name: "区农业农村局", townId: "00000000-0000-4000-8000-0000000000c3", role: "co" as const };

/** A measure due 2026-06-30, started 2026-03-02, with the lead unit A and co-unit B; override anything. */
export function makeFacts(overrides: Partial<Omit<TaskFacts, "task">> & { task?: Partial<TaskFacts["task"]> } = {}): TaskFacts {
  const { task, ...rest } = overrides;
  return {
    task: {
      id: id(),
      sourceId: "00000000-0000-4000-8000-0000000000d4",
      problemId: null,
      kind: "measure",
      code: "1-1",
      rowKey: "1-1",
      title: "完成城中村截污纳管",
      target: "污水收集率达到 90%",
      leadUnitId: UNIT_A.id,
      coUnitIds: [UNIT_B.id],
      responsibleLeader: "张副区长",
      startOn: "2026-03-02",
      deadline: { kind: "date", date: "2026-06-30" },
      dueOn: "2026-06-30",
      dueProvisional: false,
      disclosed: true,
      createdAt: at("2026-03-02"),
      updatedAt: at("2026-03-02"),
      ...task,
    },
    source: { id: "00000000-0000-4000-8000-0000000000d4", kind: "rectification_plan", code: "PLAN-1", title: "整改方案", disclosed: true, dueSoonWorkingDays: 5, escalateAfterWorkingDays: 5 },
    problem: null,
    units: [UNIT_A, UNIT_B],
    milestones: [],
    reports: [],
    extensions: [],
    lifecycle: [],
    case: null,
    ...rest,
  };
}

/** A report submitted on `day`, optionally reviewed on `reviewedOn`. */
export function makeReport(day: string, o: { claimsCompletion?: boolean; reviewed?: { on: string; decision: "accepted" | "returned" }; milestoneId?: string } = {}): ProgressReport {
  return {
    id: id(),
    taskId: "",
    unitId: UNIT_A.id,
    milestoneId: o.milestoneId ?? null,
    body: "进展",
    figures: [],
    claimsCompletion: o.claimsCompletion ?? false,
    resubmissionOf: null,
    submittedBy: null,
    submittedByName: "填报员",
    submittedAt: at(day),
    review: o.reviewed ? { decision: o.reviewed.decision, reason: o.reviewed.decision === "returned" ? "材料不全" : null, reviewedBy: null, reviewedByName: "督察", reviewedAt: at(o.reviewed.on, 15) } : null,
    attachments: [],
  };
}
