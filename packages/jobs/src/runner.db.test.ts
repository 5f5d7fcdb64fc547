import { createDb, type DbHandle } from "@ecogov/db";
import { createTestDb } from "@ecogov/db/testing";
import { systemClock } from "@ecogov/domain";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOBS, startJobRunner, startJobSender, type Job, type JobRunner } from "./index";
import { purgeExpiredSessionsJob } from "./system/purge-expired-sessions.job";
import { createMemoryLogger } from "./testing";

const alwaysFails: Job = {
  name: "test-always-fails",
  async run() {
    throw new Error("river gauge feed unreachable");
  },
};

describe("startJobRunner", () => {
  let h: DbHandle;
  let runner: JobRunner;
  const logger = createMemoryLogger();

  beforeAll(async () => {
    h = await createTestDb();
    runner = await startJobRunner({ handle: h, clock: systemClock, logger, workerName: "test-runner", schedule: false, jobs: [...JOBS, alwaysFails] });
  });
  afterAll(async () => {
    await runner?.stop();
    await h?.close();
  });

  it("runs a job through pg-boss on demand and records exactly one run", async () => {
    const run = await runner.runNow(purgeExpiredSessionsJob.name);

    expect(run).toMatchObject({ jobName: purgeExpiredSessionsJob.name, status: "succeeded", summary: { expiredSessions: 0, oldLoginAttempts: 0 }, worker: "test-runner", error: null });
    expect(run.queueJobId).toEqual(expect.any(String));
    const rows = await h.db.selectFrom("jobRuns").select(["id", "status"]).where("queueJobId", "=", run.queueJobId).execute();
    expect(rows).toEqual([{ id: run.id, status: "succeeded" }]);
    await expect.poll(async () => (await runner.boss.getJobById(purgeExpiredSessionsJob.name, run.queueJobId!, { includeArchive: true }))?.state).toBe("completed");
  });

  it("records a failing job as failed with its error, logs it, and keeps serving", async () => {
    const run = await runner.runNow(alwaysFails.name);

    expect(run).toMatchObject({ jobName: alwaysFails.name, status: "failed", error: "river gauge feed unreachable", summary: null });
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: "error", msg: "job failed", fields: expect.objectContaining({ job: alwaysFails.name, queueJobId: run.queueJobId }) }));
    await expect.poll(async () => (await runner.boss.getJobById(alwaysFails.name, run.queueJobId!, { includeArchive: true }))?.state).toBe("failed");
    // Failures are not retried: a retry would be a second run of the same queue job.
    const runs = await h.db.selectFrom("jobRuns").select("id").where("jobName", "=", alwaysFails.name).execute();
    expect(runs).toHaveLength(1);

    expect((await runner.runNow(purgeExpiredSessionsJob.name)).status).toBe("succeeded");
  });

  it("rejects an unknown job name", async () => {
    await expect(runner.runNow("no-such-job")).rejects.toThrow(/Unknown job "no-such-job"/);
  });
});

describe("cron schedules", () => {
  let h: DbHandle;
  const everyMinute: Job = { name: "test-every-minute", schedule: "* * * * *", run: async () => ({ ticks: 1 }) };

  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("queues a scheduled job from its cron in Asia/Shanghai time and records the run", async () => {
    const runner = await startJobRunner({ handle: h, clock: systemClock, logger: createMemoryLogger(), workerName: "cron", jobs: [...JOBS, everyMinute], pollingIntervalSeconds: 0.5 });
    try {
      const schedules = await runner.boss.getSchedules();
      expect(schedules.map((s) => [s.name, s.cron, (s as { timezone?: string }).timezone]).sort()).toEqual(
        [...JOBS, everyMinute].filter((j) => j.schedule).map((j) => [j.name, j.schedule, "Asia/Shanghai"]).sort(),
      );
      expect(schedules.map((s) => s.name)).toContain(purgeExpiredSessionsJob.name);
      // An every-minute cron is always due when pg-boss evaluates it (every poll here), then handed on to the queue.
      const runs = () => h.db.selectFrom("jobRuns").select(["status", "summary"]).where("jobName", "=", everyMinute.name).execute();
      await expect.poll(runs, { timeout: 20_000, interval: 250 }).toEqual([{ status: "succeeded", summary: { ticks: 1 } }]);
    } finally {
      await runner.stop();
    }
  });

  it("drops the schedule of a job that is no longer registered", async () => {
    const logger = createMemoryLogger();
    const runner = await startJobRunner({ handle: h, clock: systemClock, logger, workerName: "cron-2" });
    try {
      expect((await runner.boss.getSchedules()).map((s) => s.name).sort()).toEqual(JOBS.filter((j) => j.schedule).map((j) => j.name).sort());
      expect(logger.lines).toContainEqual(expect.objectContaining({ level: "warn", fields: expect.objectContaining({ job: everyMinute.name }) }));
    } finally {
      await runner.stop();
    }
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("several runners on one PostgreSQL database", () => {
  const N = 30;
  let h: DbHandle;
  const extra: DbHandle[] = [];
  let runners: JobRunner[] = [];
  const loggers = [createMemoryLogger(), createMemoryLogger(), createMemoryLogger()];

  const countMe: Job = {
    name: "test-count-me",
    policy: "standard",
    async run(_deps, ctx) {
      await new Promise((r) => setTimeout(r, 50));
      return { i: ctx.data.i };
    },
  };

  beforeAll(async () => {
    h = await createTestDb();
    extra.push(await createDb({ url: h.url }), await createDb({ url: h.url }));
    // Started together, so pg-boss's schema install and queue creation race as on a real deploy.
    runners = await Promise.all(
      [h, ...extra].map((handle, i) =>
        startJobRunner({ handle, clock: systemClock, logger: loggers[i]!, workerName: `w${i + 1}`, jobs: [...JOBS, countMe], pollingIntervalSeconds: 0.5 }),
      ),
    );
  });
  afterAll(async () => {
    await Promise.all(runners.map((r) => r.stop()));
    await Promise.all(extra.map((x) => x.close()));
    await h?.close();
  });

  it("runs each of 30 queued jobs exactly once across 3 workers", async () => {
    const ids = await Promise.all(Array.from({ length: N }, (_, i) => runners[i % runners.length]!.boss.send(countMe.name, { i })));
    expect(ids.every((id) => typeof id === "string")).toBe(true);

    const finished = () =>
      h.db.selectFrom("jobRuns").select((eb) => eb.fn.countAll<number>().as("n")).where("jobName", "=", countMe.name).where("status", "=", "succeeded").executeTakeFirstOrThrow();
    await expect.poll(async () => (await finished()).n, { timeout: 30_000, interval: 250 }).toBe(N);

    const perJob = await h.db
      .selectFrom("jobRuns")
      .select(["queueJobId", (eb) => eb.fn.countAll<number>().as("n")])
      .where("jobName", "=", countMe.name)
      .groupBy("queueJobId")
      .execute();
    expect(perJob).toHaveLength(N);
    expect(perJob.every((r) => r.n === 1)).toBe(true);
    expect(new Set(perJob.map((r) => r.queueJobId))).toEqual(new Set(ids));

    const workers = await h.db.selectFrom("jobRuns").select("worker").distinct().where("jobName", "=", countMe.name).execute();
    expect(workers.length).toBeGreaterThan(1);
  });

  it("registers each schedule once however many runners start", async () => {
    const rows = await sql<{ name: string; cron: string; timezone: string }>`select name, cron, timezone from pgboss.schedule order by name`.execute(h.db);
    const expected = JOBS.filter((j) => j.schedule).map((j) => ({ name: j.name, cron: j.schedule, timezone: "Asia/Shanghai" }));
    expect(rows.rows).toEqual(expected.sort((a, b) => a.name.localeCompare(b.name)));
  });

  it("lets runNow wait for a run that another process picks up", async () => {
    const runs = await Promise.all(runners.map((r) => r.runNow(countMe.name, { i: -1 })));
    expect(runs.map((r) => r.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(new Set(runs.map((r) => r.queueJobId)).size).toBe(3);
    expect(loggers.flatMap((l) => l.lines.filter((line) => line.level === "error"))).toEqual([]);
  });

  it("runs a job queued by a send-only client (the API beside separate workers)", async () => {
    const senderHandle = await createDb({ url: h.url });
    const sender = await startJobSender({ handle: senderHandle, logger: createMemoryLogger(), workerName: "api-sender" });
    try {
      const id = await sender.send("purge-expired-sessions", {});
      expect(typeof id).toBe("string");
      await expect
        .poll(async () => (await h.db.selectFrom("jobRuns").select("status").where("queueJobId", "=", id!).executeTakeFirst())?.status, { timeout: 30_000, interval: 250 })
        .toBe("succeeded");
      expect(() => sender.send("no-such-job", {})).toThrow(/Unknown job/);
    } finally {
      await sender.stop();
      await senderHandle.close();
    }
  });
});
