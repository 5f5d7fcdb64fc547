import { createAirReadingsStaging, createRepositories, createUnitOfWork, type DbHandle } from "@ecogov/db";
import { createTestDb } from "@ecogov/db/testing";
import { fixedClock } from "@ecogov/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobDeps } from "../job";
import { runAndRecord } from "../run-recorded";
import { createMemoryLogger } from "../testing";
import { LOGIN_ATTEMPT_RETENTION_DAYS, purgeExpiredSessionsJob } from "./purge-expired-sessions.job";

const NOW = new Date("2026-03-02T08:00:00+08:00");
const DAY = 24 * 60 * 60 * 1000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h?.close();
});

describe("purgeExpiredSessionsJob", () => {
  it("deletes only expired sessions and attempts past retention, and records a succeeded run", async () => {
    const repos = createRepositories(h.db);
    const { id: userId } = await h.db.insertInto("users").values({ username: "purge-test", displayName: "Purge", role: "admin", passwordHash: "x" }).returning("id").executeTakeFirstOrThrow();
    const session = (tokenHash: string, expiresAt: Date) => repos.sessions.create({ tokenHash, userId, createdAt: ago(DAY), expiresAt, ip: null, userAgent: null });
    await session("expired-long-ago", ago(DAY));
    await session("expires-right-now", NOW);
    await session("still-valid", new Date(NOW.getTime() + 60_000));
    const attempt = (username: string, at: Date) => repos.loginAttempts.record({ username, ip: "10.0.0.1", at, success: false });
    await attempt("too-old", ago((LOGIN_ATTEMPT_RETENTION_DAYS + 1) * DAY));
    await attempt("within-retention", ago((LOGIN_ATTEMPT_RETENTION_DAYS - 1) * DAY));
    await attempt("recent", ago(60_000));

    const logger = createMemoryLogger();
    const deps: JobDeps = { db: h.db, repos, uow: createUnitOfWork(h.db), airStaging: createAirReadingsStaging(h), clock: fixedClock(NOW), logger };
    const outcome = await runAndRecord({ job: purgeExpiredSessionsJob, deps, ctx: { queueJobId: null, worker: "test", data: {} } });

    expect(outcome).toMatchObject({ status: "succeeded", summary: { expiredSessions: 2, oldLoginAttempts: 1 } });
    const sessions = await h.db.selectFrom("sessions").select("tokenHash").execute();
    expect(sessions.map((s) => s.tokenHash)).toEqual(["still-valid"]);
    const attempts = await h.db.selectFrom("loginAttempts").select("username").orderBy("username").execute();
    expect(attempts.map((a) => a.username)).toEqual(["recent", "within-retention"]);

    const [run, ...others] = await repos.jobRuns.list({ jobName: purgeExpiredSessionsJob.name, limit: 10 });
    expect(others).toHaveLength(0);
    expect(run).toMatchObject({ id: outcome.runId, status: "succeeded", summary: { expiredSessions: 2, oldLoginAttempts: 1 }, error: null, worker: "test", queueJobId: null });
    expect(run?.startedAt).toEqual(NOW);
    expect(run?.finishedAt).toEqual(NOW);
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: "info", msg: "job succeeded", fields: expect.objectContaining({ expiredSessions: 2 }) }));
  });

  it("runs every 15 minutes", () => {
    expect(purgeExpiredSessionsJob.schedule).toBe("*/15 * * * *");
  });
});
