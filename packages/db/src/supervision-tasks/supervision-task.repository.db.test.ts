import { BUILTIN_CALENDAR, isYearCovered } from "@ecogov/domain/calendar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { createRepositories, type Repositories } from "../repositories";
import { DEMO_PASSWORD, seedDemo } from "../seed";
import { createTestDb } from "../testing";

let h: DbHandle;
let r: Repositories;
let units: Map<string, { id: string; townId: string | null }>;
let sourceId: string;
let waterTask: string;
let townTask: string;

const NOW = new Date("2026-03-02T09:00:00+08:00");

beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db, { passwords: { hash: async () => "x", verify: async () => false }, password: DEMO_PASSWORD });
  r = createRepositories(h.db);
  units = new Map((await r.org.listUnits({ kind: "all" })).map((u) => [u.code, { id: u.id, townId: u.townId }]));
  const round = await r.supervisionSources.insert({ kind: "inspection_round", parentId: null, code: "R1", title: "第二轮督察", level: "central", issuedOn: "2026-03-01", issuer: null, description: null, disclosed: true, dueSoonWorkingDays: 5, escalateAfterWorkingDays: 5, createdBy: null });
  const plan = await r.supervisionSources.insert({ kind: "rectification_plan", parentId: round.id, code: "P1", title: "整改方案", level: null, issuedOn: "2026-03-02", issuer: null, description: null, disclosed: true, dueSoonWorkingDays: 5, escalateAfterWorkingDays: 5, createdBy: null });
  sourceId = plan.id;
  const base = { sourceId, kind: "measure" as const, problemId: null, target: null, responsibleLeader: null, startOn: "2026-03-02", deadline: { kind: "date" as const, date: "2026-06-30" }, dueOn: "2026-06-30", dueProvisional: false, disclosed: true, createdBy: null, createdAt: NOW };
  waterTask = await r.supervisionTasks.insert({ ...base, code: "1", rowKey: "1", title: "截污纳管", leadUnitId: units.get("U-DEP-WAT")!.id, coUnitIds: [units.get("U-DEP-AGR")!.id] });
  townTask = await r.supervisionTasks.insert({ ...base, code: "2", rowKey: "2", title: "城关河道清淤", leadUnitId: units.get("U-GOV-QY01-01")!.id, coUnitIds: [] });
});
afterAll(async () => {
  await h?.close();
});

describe("supervision task repository", () => {
  it.each([
    ["bureau roles see every task", () => ({ kind: "all" as const }), ["1", "2"]],
    ["the lead unit sees its task", () => ({ kind: "unit" as const, unitId: units.get("U-DEP-WAT")!.id }), ["1"]],
    ["a co-unit sees the task it co-handles", () => ({ kind: "unit" as const, unitId: units.get("U-DEP-AGR")!.id }), ["1"]],
    ["an unrelated unit sees nothing", () => ({ kind: "unit" as const, unitId: units.get("U-DEP-TRA")!.id }), []],
    ["a town officer sees the tasks of their town's units", () => ({ kind: "town" as const, townId: units.get("U-GOV-QY01-01")!.townId! }), ["2"]],
  ])("scopes reads: %s", async (_name, scope, codes) => {
    expect((await r.supervisionTasks.listFacts(scope(), {})).map((f) => f.task.code)).toEqual(codes);
    for (const id of [waterTask, townTask]) {
      const visible = codes.includes(id === waterTask ? "1" : "2");
      expect(!!(await r.supervisionTasks.findFacts(scope(), id))).toBe(visible);
    }
    expect((await r.supervisionSources.list(scope(), {})).length > 0).toBe(codes.length > 0);
  });

  it("reads a task back with its units, deadline and records", async () => {
    const f = (await r.supervisionTasks.findFacts({ kind: "all" }, waterTask))!;
    expect(f.task).toMatchObject({ code: "1", deadline: { kind: "date", date: "2026-06-30" }, dueOn: "2026-06-30", leadUnitId: units.get("U-DEP-WAT")!.id });
    expect(f.units.map((u) => [u.name, u.role])).toEqual([
      ["区水务局", "lead"],
      ["区农业农村局", "co"],
    ]);
    expect(f.source).toMatchObject({ code: "P1", kind: "rectification_plan", dueSoonWorkingDays: 5 });
  });

  it("keeps milestone ids by sequence when milestones are replaced", async () => {
    const m = (seq: number, dueOn: string) => ({ seq, title: `节点${seq}`, nominalOn: dueOn, dueOn, provisional: false, generated: false });
    await r.supervisionTasks.replaceMilestones(waterTask, [m(1, "2026-04-30"), m(2, "2026-05-29")]);
    const before = (await r.supervisionTasks.findFacts({ kind: "all" }, waterTask))!.milestones;
    await r.supervisionTasks.replaceMilestones(waterTask, [m(1, "2026-04-29")]);
    const after = (await r.supervisionTasks.findFacts({ kind: "all" }, waterTask))!.milestones;
    expect(after).toEqual([{ ...before[0], dueOn: "2026-04-29", nominalOn: "2026-04-29" }]);
  });

  it("stores a notification and an outbox message once per dedupe key", async () => {
    const [reporter] = await r.supervisionNotifications.recipientsForUnits([units.get("U-DEP-WAT")!.id]);
    expect(reporter?.displayName).toContain("水务局");
    const n = { userId: reporter!.userId, taskId: waterTask, kind: "due_soon" as const, title: { zh: "即将到期", en: "Due soon" }, body: { zh: "b", en: "b" }, dedupeKey: "due_soon:x", createdAt: NOW };
    expect(await r.supervisionNotifications.notify(n)).toBe(true);
    expect(await r.supervisionNotifications.notify(n)).toBe(false);
    const m = { channel: "sms" as const, recipient: "13800000000", userId: reporter!.userId, subject: "s", body: "b", dedupeKey: "sms:due_soon:x", createdAt: NOW };
    expect(await r.supervisionNotifications.enqueue(m)).toBe(true);
    expect(await r.supervisionNotifications.enqueue(m)).toBe(false);
    expect(await r.supervisionNotifications.listOutbox({ status: "pending", limit: 10 })).toHaveLength(1);
    const mine = await r.supervisionNotifications.list(reporter!.userId, { unreadOnly: true, limit: 10 });
    expect(mine).toMatchObject({ unread: 1, items: [{ title: { zh: "即将到期" } }] });
    expect(await r.supervisionNotifications.markRead(reporter!.userId, "all", NOW)).toBe(1);
  });

  it("overlays entered holiday years on the built-in calendar", async () => {
    expect(isYearCovered(await r.holidayYears.loadCalendar(), 2027)).toBe(false);
    await r.holidayYears.save({ year: 2027, restDays: [{ date: "2027-01-01", name: { zh: "元旦", en: "New Year's Day" } }], workingDays: [] }, { id: null, name: "admin" }, NOW);
    const cal = await r.holidayYears.loadCalendar();
    expect(isYearCovered(cal, 2027)).toBe(true);
    expect(Object.keys(cal.years).length).toBe(Object.keys(BUILTIN_CALENDAR.years).length + 1);
    expect((await r.holidayYears.find(2027))?.restDays).toEqual([{ date: "2027-01-01", name: { zh: "元旦", en: "New Year's Day" } }]);
  });
});
