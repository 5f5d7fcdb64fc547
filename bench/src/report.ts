import type { CopyBaseline } from "./baselines";
import type { FullRecompute, Incremental } from "./compute";
import type { HttpFigures } from "./http";

export interface MemoryFigures {
  rssBeforeMb: number;
  peakRssMb: number;
  maxRssMb: number;
}

export interface ImportFigures {
  ms: number;
  total: number;
  inserted: number;
  rejected: number;
  memory: MemoryFigures;
  /** Time inside the import repository's calls, by method (the rest is reading and validating in JS). */
  timers: Record<string, number>;
}

/** One round of the headline measurement: a bare COPY of the year's CSV, then the year through the real import. */
export interface ImportRound {
  bareMs: number;
  year: ImportFigures;
}

export interface TargetFigures {
  kind: "postgres" | "pglite";
  version: string;
  /** `bareMs` is the bare COPY of the headline round (the one with the median ratio). */
  copy: CopyBaseline;
  rounds: ImportRound[];
  /** The year imported at full speed (no heap cap) in the headline round: the rows/s figure. */
  year: ImportFigures;
  /** The year and the quarter imported under the same V8 heap cap: the memory figures. */
  yearCapped: ImportFigures;
  quarter: ImportFigures;
  heapCapMb: number;
  full: FullRecompute | null;
  incremental: Incremental | null;
  http: HttpFigures | null;
  error?: string;
}

export interface RunInfo {
  date: string;
  machine: string;
  node: string;
  stations: number;
  yearRows: number;
  yearMb: number;
  quarterRows: number;
  quarterMb: number;
  dayRows: number;
  generateMs: number;
  /** Reading and validating the year's CSV in JS, no database: the floor of any row-by-row import. */
  parseMs: number;
  totalMs: number;
  quick: boolean;
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const msText = (ms: number) => `${Math.round(ms)} ms`;
const perSec = (rows: number, ms: number) => Math.round(rows / (ms / 1000));
const num = (n: number) => n.toLocaleString("en-US");
const pct = (x: number) => `${Math.round(x * 100)} %`;
const mb = (x: number) => `${Math.round(x)} MB`;
const mark = (ok: boolean) => (ok ? "met" : "**not met**");

/** Rows of the results table: figure, measured, baseline, ratio, target. */
export function tableRows(info: RunInfo, t: TargetFigures): string[][] {
  const name = t.kind === "postgres" ? "PostgreSQL" : "PGlite";
  const rows: string[][] = [];
  const imp = perSec(t.year.total, t.year.ms);
  const bare = perSec(info.yearRows, t.copy.bareMs);
  const upsert = perSec(info.yearRows, t.copy.upsertMs);
  const ratio = imp / bare;
  rows.push([
    `${name}: import ${num(t.year.total)} rows (CSV → \`importAirReadings\`)`,
    `${s(t.year.ms)} = ${num(imp)} rows/s`,
    `bare COPY ${s(t.copy.bareMs)} = ${num(bare)} rows/s`,
    pct(ratio),
    t.kind === "postgres" ? `≥ 50 % of COPY: ${mark(ratio >= 0.5)}` : "(PostgreSQL target)",
  ]);
  if (t.rounds.length > 1) {
    rows.push([
      `${name}: … the ${t.rounds.length} rounds (the median ratio above)`,
      t.rounds.map((r) => s(r.year.ms)).join(", "),
      `bare COPY ${t.rounds.map((r) => s(r.bareMs)).join(", ")}`,
      t.rounds.map((r) => pct(r.bareMs / r.year.ms)).join(", "),
      "each round: a bare COPY, then the import",
    ]);
  }
  const timerText = (t: Record<string, number>) =>
    Object.entries(t)
      .map(([k, v]) => `${k.replace(/^air(Import|Results)\./, "")} ${s(v)}`)
      .join(", ");
  rows.push([`${name}: … time inside the import's database calls`, timerText(t.year.timers), "", "", "flushes overlap reading and validating in JS"]);
  rows.push([
    `${name}: CSV read + row validation alone in JS (no database, same for both)`,
    `${s(info.parseMs)} = ${num(perSec(info.yearRows, info.parseMs))} rows/s`,
    "bare COPY",
    pct(perSec(info.yearRows, info.parseMs) / bare),
    "runs beside the COPY (other core)",
  ]);
  rows.push([
    `${name}: reference, COPY to staging + one upsert into air_readings`,
    `${s(t.copy.upsertMs)} = ${num(upsert)} rows/s`,
    `bare COPY`,
    pct(upsert / bare),
    "the design before this one",
  ]);
  const direct = perSec(info.yearRows, t.copy.directMs);
  rows.push([`${name}: COPY straight into air_readings (ids resolved; partitions, primary key, foreign key)`, `${s(t.copy.directMs)} = ${num(direct)} rows/s`, "bare COPY", pct(direct / bare), "the real table's own cost"]);
  if (t.copy.directNoFkMs !== null) {
    const noFk = perSec(info.yearRows, t.copy.directNoFkMs);
    rows.push([`${name}: the same without the foreign key to air_stations`, `${s(t.copy.directNoFkMs)} = ${num(noFk)} rows/s`, "bare COPY", pct(noFk / bare), ""]);
  }
  const k = t.copy.keyedLoad;
  const keyed = perSec(info.yearRows, k.copyMs + k.keyMs);
  rows.push([
    `${name}: database floor of the first-load path: binary COPY into an unkeyed table with the readings' columns, then build the primary key`,
    `${s(k.copyMs)} + ${s(k.keyMs)} = ${num(keyed)} rows/s`,
    "bare COPY",
    pct(keyed / bare),
    "the most any import into this table can reach",
  ]);
  if (t.full) {
    rows.push([
      `${name}: full recomputation, daily (${num(t.full.stationDays)} station-days, ${num(t.full.districtDays)} district-days)`,
      s(t.full.dailyMs),
      "",
      "",
      `≤ 5 s: ${mark(t.full.dailyMs + t.full.periodMs <= 5000)} (daily + period)`,
    ]);
    rows.push([`${name}: … time inside the results repository`, timerText(t.full.timers), "", "", "reads overlap computing"]);
    rows.push([`${name}: … its reads of the hourly readings alone, one after the other (not parsed)`, s(t.full.readsMs), "", "", "the database's share"]);
    rows.push([`${name}: period figures of the year (all stations and districts, year-on-year)`, s(t.full.periodMs), "", "", ""]);
  }
  if (t.incremental) {
    const i = t.incremental;
    rows.push([`${name}: re-import one day (${num(i.rows)} rows, ${num(i.updated)} updated)`, msText(i.importMs), "", "", ""]);
    rows.push([`${name}: incremental recomputation of that day (${num(i.stationDays)} station-days + districts)`, msText(i.dailyMs), "", "", `≤ 200 ms: ${mark(i.dailyMs <= 200)}`]);
    rows.push([`${name}: the districts' period figures of the year after it (dashboard, public pages, open data)`, msText(i.districtPeriodMs), "", "", `with the day: ${mark(i.dailyMs + i.districtPeriodMs <= 200)}`]);
    rows.push([`${name}: … with every station's too (the station ranking)`, msText(i.periodMs), "", "", `(with the day: ${mark(i.dailyMs + i.periodMs <= 200)})`]);
  }
  const growth = t.yearCapped.memory.peakRssMb / t.quarter.memory.peakRssMb;
  rows.push([
    `${name}: peak RSS importing ${info.yearMb.toFixed(0)} MB (${num(info.yearRows)} rows), V8 heap capped at ${t.heapCapMb} MB`,
    `${mb(t.yearCapped.memory.peakRssMb)} (idle ${mb(t.yearCapped.memory.rssBeforeMb)})`,
    `${info.quarterMb.toFixed(0)} MB file (${num(info.quarterRows)} rows), same cap: ${mb(t.quarter.memory.peakRssMb)} (idle ${mb(t.quarter.memory.rssBeforeMb)})`,
    `×${growth.toFixed(2)} for ×${(info.yearRows / info.quarterRows).toFixed(1)} rows`,
    `flat in file size: ${mark(growth <= 1.25)}`,
  ]);
  rows.push([
    `${name}: peak RSS of the full-speed import (no cap)`,
    `${mb(t.year.memory.peakRssMb)} (idle ${mb(t.year.memory.rssBeforeMb)})`,
    "",
    "",
    "V8 collects lazily without a cap",
  ]);
  if (t.http) {
    rows.push([
      `${name}: GET /api/v1/district through the real app (${num(t.http.requests)} requests, sequential)`,
      `${num(Math.round(t.http.appRps))} req/s`,
      `bare Hono handler ${num(Math.round(t.http.bareRps))} req/s`,
      pct(t.http.appRps / t.http.bareRps),
      "",
    ]);
  }
  return rows;
}

export function printTable(rows: string[][]): string {
  const header = ["figure", "measured", "baseline", "ratio", "target"];
  const all = [header, ...rows].map((r) => r.map((c) => c.replace(/\*\*/g, "").replace(/`/g, "")));
  const widths = header.map((_, i) => Math.min(70, Math.max(...all.map((r) => (r[i] ?? "").length))));
  return all.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")).join("\n");
}

export function markdown(info: RunInfo, targets: TargetFigures[], notes: string[]): string {
  const rows = targets.flatMap((t) => (t.error ? [[`${t.kind}: failed`, t.error, "", "", ""]] : tableRows(info, t)));
  const versions = targets.map((t) => `${t.kind === "postgres" ? "PostgreSQL" : "PGlite"} ${t.version}`).join(", ");
  return `# Benchmarks

Measured by \`pnpm bench${info.quick ? " --quick" : ""}\` (bench/src/main.ts) on ${info.date}.

- Machine: ${info.machine}; Node ${info.node}; ${versions}.
- Data: ${info.stations} stations × one year of hourly readings (${BENCH_NOTE}), ${num(info.yearRows)} rows, ${info.yearMb.toFixed(0)} MB of CSV,
  generated by \`airReadingsCsvChunks\` (@ecogov/db demo generator) in ${s(info.generateMs)}; the memory check also imports
  the first quarter (${num(info.quarterRows)} rows, ${info.quarterMb.toFixed(0)} MB); the incremental case re-imports one day (${num(info.dayRows)} rows) with other values.
- PostgreSQL runs in a throwaway database on the local server (dropped after); PGlite in a temp data folder (removed after).
  Each import runs in a fresh process, so its peak RSS is its own (PGlite's WASM heap is part of the process).
- Times are wall-clock, one run each, on a machine other work may share: read them as orders of magnitude.
  The whole run took ${s(info.totalMs)}.

| figure | measured | baseline | ratio | target |
|---|---|---|---|---|
${rows.map((r) => `| ${r.join(" | ")} |`).join("\n")}

## Notes

${notes.map((n) => `- ${n}`).join("\n")}
`;
}

const BENCH_NOTE = "2025-09-01 … 2026-08-31, across the 2026-03-01 rule change, no gaps";
