import { createAirReadingsStaging, createRepositories, createUnitOfWork, seedDemo, type DbHandle } from "@ecogov/db";
import { createTestDb } from "@ecogov/db/testing";
import { fixedClock } from "@ecogov/domain";
import type { Actor } from "@ecogov/domain/auth";
import { createSource, createTask } from "@ecogov/domain/supervision-tasks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobDeps } from "../job";
import { runAndRecord } from "../run-recorded";
import { createMemoryLogger } from "../testing";
import { sweepSupervisionDeadlinesJob } from "./sweep-supervision-deadlines.job";

let h: DbHandle;
const clock = fixedClock("2026-06-24T08:00:00+08:00");
const ctx = { queueJobId: null, worker: "test", data: {} };
let deps: JobDeps;

beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db, { passwords: { hash: async () => "x", verify: async () => false } });
  const repos = createRepositories(h.db);
  deps = { db: h.db, repos, uow: createUnitOfWork(h.db), airStaging: createAirReadingsStaging(h), clock, logger: createMemoryLogger() };
  const staff = (await repos.users.findByUsername("supervision"))!;
  const actor: Actor = { userId: staff.id, username: staff.username, displayName: staff.displayName, role: "supervision", townId: null, unitId: null };
  const plan = await createSource(deps, actor, { kind: "work_plan", code: "WP", title: "工作计划" });
  const water = (await repos.org.listUnits({ kind: "all" })).find((u) => u.code === "U-DEP-WAT")!;
  // Due Tue 2026-06-30: 4 working days left on Wed 06-24; escalated on Tue 07-07 (5 working days overdue).
  await createTask(deps, actor, { sourceId: plan.id, code: "T1", title: "任务一", leadUnitId: water.id, deadline: { kind: "date", date: "2026-06-30" } });
});
afterAll(async () => {
  await h?.close();
});

describe("sweepSupervisionDeadlinesJob", () => {
  it.each([
    ["2026-06-24", { dueSoon: 1, overdue: 0, escalated: 0, notifications: 1 }],
    ["2026-07-01", { dueSoon: 0, overdue: 1, escalated: 0, notifications: 1 }],
    ["2026-07-07", { dueSoon: 0, overdue: 1, escalated: 1, notifications: 1 }],
  ])("on %s reminds once, and a second run the same day sends nothing", async (day, summary) => {
    clock.set(`${day}T08:00:00+08:00`);
    expect(await runAndRecord({ job: sweepSupervisionDeadlinesJob, deps, ctx })).toMatchObject({ status: "succeeded", summary });
    expect(await runAndRecord({ job: sweepSupervisionDeadlinesJob, deps, ctx })).toMatchObject({ status: "succeeded", summary: { notifications: 0, messages: 0 } });
  });

  it("runs daily at 08:00 (Asia/Shanghai, the runner's time zone)", () => {
    expect(sweepSupervisionDeadlinesJob.schedule).toBe("0 8 * * *");
  });
});
