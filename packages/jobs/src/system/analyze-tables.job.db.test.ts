import { createAirReadingsStaging, createRepositories, createUnitOfWork, type DbHandle } from "@ecogov/db";
import { createTestDb } from "@ecogov/db/testing";
import { fixedClock } from "@ecogov/domain";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobDeps } from "../job";
import { runAndRecord } from "../run-recorded";
import { createMemoryLogger } from "../testing";
import { analyzeTablesJob } from "./analyze-tables.job";

let h: DbHandle;
let deps: JobDeps;
beforeAll(async () => {
  h = await createTestDb();
  const repos = createRepositories(h.db);
  deps = { db: h.db, repos, uow: createUnitOfWork(h.db), airStaging: createAirReadingsStaging(h), clock: fixedClock(new Date("2026-03-02T03:40:00+08:00")), logger: createMemoryLogger() };
});
afterAll(async () => {
  await h?.close();
});

async function run() {
  const outcome = await runAndRecord({ job: analyzeTablesJob, deps, ctx: { queueJobId: null, worker: "test", data: {} } });
  if (outcome.status !== "succeeded") throw new Error(`analyze-tables failed: ${outcome.error}`);
  return outcome.summary as { analyzed: number; tables?: string[]; skipped?: string };
}
const planned = async () => (await sql<{ rows: number }>`select reltuples::float8 as rows from pg_class where oid = 'analyze_probe'::regclass`.execute(h.db)).rows[0]!.rows;

describe("analyzeTablesJob", () => {
  it("reports PGlite as having no autovacuum", async () => {
    if (h.kind === "pglite") expect(await deps.repos.statistics.autovacuumRuns()).toBe(false);
  });

  it("analyses a table never analysed, then only once it has grown, where no autovacuum runs", async () => {
    await sql`create table analyze_probe (n int, note text)`.execute(h.db);
    await sql`insert into analyze_probe select g, repeat('x', 100) from generate_series(1, 2000) g`.execute(h.db);
    expect(await planned()).toBe(-1);
    if (await deps.repos.statistics.autovacuumRuns()) {
      expect(await run()).toMatchObject({ analyzed: 0, skipped: "autovacuum" });
      return;
    }
    const first = await run();
    expect(first.tables).toContain("public.analyze_probe (never)");
    expect(await planned()).toBe(2000);

    // Nothing changed: nothing is due (every table just analysed).
    expect(await run()).toMatchObject({ analyzed: 0, tables: [] });

    // Grown fivefold (on PGlite the change counters stay at zero; the size still shows it).
    await sql`insert into analyze_probe select g, repeat('x', 100) from generate_series(2001, 10000) g`.execute(h.db);
    const third = await run();
    expect(third.tables?.some((t) => t.startsWith("public.analyze_probe ("))).toBe(true);
    expect(await planned()).toBe(10000);
  });
});
