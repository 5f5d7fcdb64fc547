import { createAirReadingsStaging, createRepositories, createUnitOfWork, type DbHandle } from "@ecogov/db";
import { createTestDb } from "@ecogov/db/testing";
import { fixedClock } from "@ecogov/domain";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOBS } from "../index";
import type { JobDeps } from "../job";
import { runAndRecord } from "../run-recorded";
import { createMemoryLogger } from "../testing";
import { recomputeAirDaysJob } from "./recompute-air-days.job";

let h: DbHandle;
let deps: JobDeps;
let stationId: string;

beforeAll(async () => {
  h = await createTestDb();
  deps = { db: h.db, repos: createRepositories(h.db), uow: createUnitOfWork(h.db), airStaging: createAirReadingsStaging(h), clock: fixedClock("2026-03-02T08:00:00+08:00"), logger: createMemoryLogger() };
  const d = await h.db.insertInto("districts").values({ code: "JB01", name: "作业区", nameEn: "Job District" }).returning("id").executeTakeFirstOrThrow();
  stationId = (await h.db.insertInto("airStations").values({ code: "JB01A", name: "作业站", districtId: d.id }).returning("id").executeTakeFirstOrThrow()).id;
  await sql`select ensure_air_readings_partition('2026-03-01'::date)`.execute(h.db);
  await h.db
    .insertInto("airReadings")
    .values(Array.from({ length: 24 }, (_, i) => ({ stationId, time: new Date(Date.parse("2026-03-01T01:00:00+08:00") + i * 3_600_000), pm25: "45", pm10: "70", so2: "8", no2: "25", co: "0.7", o3: "90" })))
    .execute();
});
afterAll(async () => {
  await h?.close();
});

const run = (data: Record<string, unknown>) => runAndRecord({ job: recomputeAirDaysJob, deps, ctx: { queueJobId: null, worker: "test", data } });

describe("air.recompute job", () => {
  it("is registered and recomputes the given days idempotently", async () => {
    expect(JOBS.map((j) => j.name)).toContain("air.recompute");
    const first = await run({ from: "2026-03-01", to: "2026-03-01", stationIds: [stationId] });
    expect(first).toMatchObject({ status: "succeeded", summary: { stationDays: { written: 1 }, districtDays: { written: 1 }, ruleSets: ["HJ633-2026"] } });
    const day = await h.db.selectFrom("airStationDays").select(["pm25", "aqi", "ruleSet"]).where("stationId", "=", stationId).executeTakeFirstOrThrow();
    expect(day).toEqual({ pm25: "45", aqi: 70, ruleSet: "HJ633-2026" });
    const again = await run({ from: "2026-03-01", to: "2026-03-01" });
    expect(again).toMatchObject({ status: "succeeded", summary: { stationDays: { written: 0, unchanged: 1 } } });
  });

  it("fails the run with the bilingual reason on a bad payload", async () => {
    const bad = await run({ from: "2026-02-30", to: "2026-03-01" });
    expect(bad.status).toBe("failed");
    expect(bad.status === "failed" && bad.error).toMatch(/VALIDATION_FAILED|from/);
  });
});
