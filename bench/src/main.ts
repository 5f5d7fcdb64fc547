import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT } from "@ecogov/db";
import { sql } from "kysely";
import { bareCopyMs, copyBaseline } from "./baselines";
import { recomputeFull, recomputeIncremental } from "./compute";
import { pgliteVersion } from "./pglite-raw";
import { writeBenchFiles } from "./data";
import { measureHttp } from "./http";
import { NOTES } from "./notes";
import { importFile, parseOnly } from "./ingest";
import { markdown, printTable, tableRows, type ImportFigures, type ImportRound, type RunInfo, type TargetFigures } from "./report";
import { runChild } from "./run-child";
import { createTarget, openTarget } from "./targets";

/**
 * `pnpm bench [--quick] [--stations N] [--only postgres|pglite] [--server URL] [--requests N] [--no-write]`:
 * generates a year of hourly readings, then on PostgreSQL and on PGlite measures the import against bare COPY, the
 * full and the incremental recomputation, peak memory for two file sizes and a small HTTP baseline; prints a table
 * and writes BENCHMARKS.md at the repository root. Not a test: nothing is asserted.
 */
const { values } = parseArgs({
  options: {
    quick: { type: "boolean" },
    stations: { type: "string" },
    only: { type: "string" },
    server: { type: "string", default: "postgres://postgres@127.0.0.1:5432/postgres" },
    requests: { type: "string", default: "2000" },
    "no-write": { type: "boolean" },
  },
});
const quick = !!values.quick;
const stationCount = values.stations ? Number(values.stations) : quick ? 10 : 100;
const kinds = (values.only ? [values.only] : ["postgres", "pglite"]) as ("postgres" | "pglite")[];
const requests = Number(values.requests);
/** Rounds of (bare COPY, year import) whose medians give the headline ratio. */
const ROUNDS = quick ? 1 : 5;
/** V8 old-space cap of the memory-check imports. */
const HEAP_CAP_MB = 128;
const serverUrl = values.server!;
const started = performance.now();
const log = (m: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1)} s] ${m}\n`);

const dir = mkdtempSync(join(tmpdir(), "ecogov-bench-"));
const results: TargetFigures[] = [];
const notes: string[] = [...NOTES];
let info: RunInfo | null = null;
try {
  log(`generating ${stationCount} stations × 365 days of hourly readings in ${dir}`);
  const files = await writeBenchFiles(dir, stationCount);
  log(`${files.yearRows} rows (${(files.yearBytes / 2 ** 20).toFixed(1)} MB) in ${(files.generateMs / 1000).toFixed(1)} s`);
  const parse = await parseOnly(files.yearFile);
  log(`reading and validating the CSV alone: ${(parse.ms / 1000).toFixed(2)} s`);

  for (const kind of kinds) {
    log(`${kind}: preparing a database`);
    const main = await createTarget(kind, { serverUrl, label: "main" });
    const figures: Partial<TargetFigures> & { kind: typeof kind } = { kind, full: null, incremental: null, http: null, heapCapMb: HEAP_CAP_MB };
    try {
      let h = await openTarget(main);
      figures.version = await versionOf(h);
      await importFile(h, "stations", files.stationsFile);
      await h.close();

      log(`${kind}: COPY baselines`);
      figures.copy = await copyBaseline(main, files.yearFile);
      log(`${kind}: bare COPY ${(figures.copy.bareMs / 1000).toFixed(2)} s, COPY + upsert ${(figures.copy.upsertMs / 1000).toFixed(2)} s`);

      // Memory: both files under the same V8 heap cap, so the peak shows what the import holds, not how lazily V8
      // collects (uncapped, V8 lets garbage pile up in proportion to the work). The year goes into the main database
      // and is removed again; the quarter into a database of its own.
      log(`${kind}: memory check, the year under a ${HEAP_CAP_MB} MB heap cap`);
      figures.yearCapped = await runChild<ImportFigures>({ phase: "import", target: main, file: files.yearFile }, { heapMb: HEAP_CAP_MB });
      log(`${kind}: peak RSS ${Math.round(figures.yearCapped.memory.peakRssMb)} MB`);
      await truncateReadings(main);
      log(`${kind}: memory check, the quarter under the same cap`);
      const small = await createTarget(kind, { serverUrl, label: "quarter" });
      try {
        figures.quarter = await runChild<ImportFigures>({ phase: "import", target: small, stationsFile: files.stationsFile, file: files.quarterFile }, { heapMb: HEAP_CAP_MB });
      } finally {
        await small.drop();
      }
      log(`${kind}: peak RSS ${Math.round(figures.quarter.memory.peakRssMb)} MB`);

      // The headline ratio: a machine shared with other work swings ±30 % between runs, so the import and a bare
      // COPY are measured side by side in several rounds; the round with the median ratio is the headline (each
      // ratio pairs two measurements taken together; every round is in the table).
      const rounds: ImportRound[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        if (i > 0) await truncateReadings(main);
        const bareMs = await bareCopyMs(main, files.yearFile);
        log(`${kind}: round ${i + 1}/${ROUNDS}: bare COPY ${(bareMs / 1000).toFixed(2)} s; importing the year through the real import`);
        const year = await runChild<ImportFigures>({ phase: "import", target: main, file: files.yearFile });
        log(`${kind}: ${year.total} rows in ${(year.ms / 1000).toFixed(2)} s, peak RSS ${Math.round(year.memory.peakRssMb)} MB`);
        rounds.push({ bareMs, year });
      }
      figures.rounds = rounds;
      const headline = median(rounds, (r) => r.bareMs / r.year.ms);
      figures.year = headline.year;
      figures.copy.bareMs = headline.bareMs;

      h = await openTarget(main);
      try {
        log(`${kind}: full recomputation`);
        figures.full = await recomputeFull(h);
        log(`${kind}: daily ${(figures.full.dailyMs / 1000).toFixed(2)} s, period ${(figures.full.periodMs / 1000).toFixed(2)} s`);
        log(`${kind}: incremental recomputation`);
        figures.incremental = await recomputeIncremental(h, files.dayFile);
        log(`${kind}: import ${Math.round(figures.incremental.importMs)} ms, daily ${Math.round(figures.incremental.dailyMs)} ms, districts' period ${Math.round(figures.incremental.districtPeriodMs)} ms, all period ${Math.round(figures.incremental.periodMs)} ms`);
        log(`${kind}: HTTP baseline`);
        figures.http = await measureHttp(h, requests);
      } finally {
        await h.close();
      }
      results.push(figures as TargetFigures);
    } catch (e) {
      log(`${kind}: failed: ${(e as Error).stack ?? String(e)}`);
      if (figures.copy && figures.year && figures.yearCapped && figures.quarter) results.push({ ...(figures as TargetFigures), error: undefined });
      else results.push({ ...(figures as TargetFigures), version: figures.version ?? "?", error: (e as Error).message.split("\n")[0] });
    } finally {
      await main.drop();
    }
  }

  info = {
    date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
    machine: `${cpus().length} cores (${cpus()[0]?.model.trim() ?? "?"}), ${Math.round(totalmem() / 2 ** 30)} GB RAM, ${process.platform}`,
    node: process.version,
    stations: stationCount,
    yearRows: files.yearRows,
    yearMb: files.yearBytes / 2 ** 20,
    quarterRows: files.quarterRows,
    quarterMb: files.quarterBytes / 2 ** 20,
    dayRows: files.dayRows,
    generateMs: files.generateMs,
    parseMs: parse.ms,
    totalMs: performance.now() - started,
    quick,
  };
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (info) {
  const rows = results.flatMap((t) => (t.error ? [[`${t.kind}: failed`, t.error, "", "", ""]] : tableRows(info, t)));
  process.stdout.write(`\n${printTable(rows)}\n`);
  if (!values["no-write"]) {
    const path = join(REPO_ROOT, "BENCHMARKS.md");
    writeFileSync(path, markdown(info, results, notes));
    log(`wrote ${path}`);
  }
}

/** The middle item by `key` (the upper middle of an even count). */
function median<T>(items: T[], key: (t: T) => number): T {
  return [...items].sort((a, b) => key(a) - key(b))[items.length >> 1]!;
}

async function truncateReadings(target: Parameters<typeof openTarget>[0]) {
  const h = await openTarget(target);
  try {
    await sql`truncate air_readings`.execute(h.db);
    await sql`delete from import_batches`.execute(h.db);
  } finally {
    await h.close();
  }
}

async function versionOf(h: Awaited<ReturnType<typeof openTarget>>): Promise<string> {
  const r = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(h.db);
  const server = r.rows[0]?.v ?? "?";
  return h.kind === "pglite" ? `${pgliteVersion()} (PostgreSQL ${server})` : server;
}

