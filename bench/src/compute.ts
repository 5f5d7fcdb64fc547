import { createRepositories, type DbHandle } from "@ecogov/db";
import { systemClock } from "@ecogov/domain";
import { airPeriodFigures, datesBetween, recomputeAirDays } from "@ecogov/domain/air";
import { BENCH_FROM, BENCH_TO, INCREMENTAL_DAY } from "./data";
import { importFile } from "./ingest";
import { instrument, timedUnitOfWork, topTimers, type Timers } from "./instrument";

const depsOf = (handle: DbHandle, timers: Timers) => ({
  uow: timedUnitOfWork(handle.db, timers),
  read: instrument(createRepositories(handle.db), timers),
  clock: systemClock,
});

export interface FullRecompute {
  dailyMs: number;
  stationDays: number;
  districtDays: number;
  /** The year's period figures (every station and district, with year-on-year), computed from the stored days. */
  periodMs: number;
  /** Time inside the repository calls of the daily recomputation (reads overlap the computing, so they may add up to more). */
  timers: Record<string, number>;
  /** The daily recomputation's reads alone, one after the other: every station's hours, a month at a time, not parsed. */
  readsMs: number;
}

/** Recomputes every station-day and district-day of the benchmark year, then the year's period figures. */
export async function recomputeFull(handle: DbHandle): Promise<FullRecompute> {
  const timers: Timers = {};
  const deps = depsOf(handle, timers);
  let started = performance.now();
  const r = await recomputeAirDays(deps, { from: BENCH_FROM, to: BENCH_TO });
  const dailyMs = performance.now() - started;
  const daily = topTimers(timers);
  started = performance.now();
  await airPeriodFigures(deps, { from: BENCH_FROM, to: BENCH_TO });
  const periodMs = performance.now() - started;
  const readsMs = await readingsAlone(handle);
  return { dailyMs, stationDays: r.stationDays.written + r.stationDays.unchanged, districtDays: r.districtDays.written + r.districtDays.unchanged, periodMs, timers: daily, readsMs };
}

/**
 * What the daily recomputation's reads cost the database: the same repository call for the same chunks (every station,
 * one calendar month at a time), awaited one by one; the hours it returns are parsed lazily, so they are not here.
 */
async function readingsAlone(handle: DbHandle): Promise<number> {
  const repo = createRepositories(handle.db).airResults;
  const stationIds = (await repo.listStations()).map((s) => s.id);
  const months = new Map<string, string[]>();
  for (const date of datesBetween(BENCH_FROM, BENCH_TO)) months.set(date.slice(0, 7), [...(months.get(date.slice(0, 7)) ?? []), date]);
  const started = performance.now();
  for (const days of months.values()) await repo.loadStationDayHours({ stationIds, from: days[0]!, to: days.at(-1)! });
  return performance.now() - started;
}

export interface Incremental {
  importMs: number;
  rows: number;
  updated: number;
  /** Recomputation of the days the import changed (its `affected` stations and dates). */
  dailyMs: number;
  stationDays: number;
  /** The year's period figures of the districts (what the dashboard and the public pages ask for), after the change. */
  districtPeriodMs: number;
  /** The same with every station's figures too. */
  periodMs: number;
}

/** Re-imports one day with corrected values, recomputes what the import reports as affected, then the period. */
export async function recomputeIncremental(handle: DbHandle, dayFile: string): Promise<Incremental> {
  const deps = depsOf(handle, {});
  let started = performance.now();
  const summary = await importFile(handle, "readings", dayFile);
  const importMs = performance.now() - started;
  const { from, to, stationIds } = summary.affected;
  started = performance.now();
  const r = await recomputeAirDays(deps, { from: from ?? INCREMENTAL_DAY, to: to ?? INCREMENTAL_DAY, stationIds });
  const dailyMs = performance.now() - started;
  started = performance.now();
  await airPeriodFigures(deps, { from: BENCH_FROM, to: BENCH_TO, stations: false });
  const districtPeriodMs = performance.now() - started;
  started = performance.now();
  await airPeriodFigures(deps, { from: BENCH_FROM, to: BENCH_TO });
  const periodMs = performance.now() - started;
  return { importMs, rows: summary.total, updated: summary.updated, dailyMs, stationDays: r.stationDays.written + r.stationDays.unchanged, districtPeriodMs, periodMs };
}
