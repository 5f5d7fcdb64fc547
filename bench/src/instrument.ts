import { createRepositories, type Database, type Repositories } from "@ecogov/db";
import type { UnitOfWork } from "@ecogov/domain";
import type { AirReadingsStaging } from "@ecogov/domain/air";
import type { Kysely } from "kysely";

/** Milliseconds spent inside each repository method, by `repository.method`. */
export type Timers = Record<string, number>;

const TIMED: readonly (keyof Repositories)[] = ["airImport", "airResults"];

/** Wraps an object's methods so the time spent inside each (database round trip included) adds up as `name.method`. */
export function timed<T extends object>(target: T, timers: Timers, name = "staging"): T {
  const repo = target as unknown as Record<string, unknown>;
  const wrapped: Record<string, unknown> = {};
  for (const [key, fn] of Object.entries(repo)) {
    if (typeof fn !== "function") {
      wrapped[key] = fn;
      continue;
    }
    wrapped[key] = async (...args: unknown[]) => {
      const started = performance.now();
      try {
        return await (fn as (...a: unknown[]) => Promise<unknown>).apply(repo, args);
      } finally {
        const label = `${name}.${key}`;
        timers[label] = (timers[label] ?? 0) + performance.now() - started;
      }
    };
  }
  return wrapped as T;
}

/** The staging port with each writer's flushes timed as `staging.flush` (they overlap reading the file). */
export function timedStaging(staging: AirReadingsStaging, timers: Timers): AirReadingsStaging {
  return {
    writer(batchId) {
      const w = staging.writer(batchId);
      return {
        add: (r) => w.add(r),
        get pending() {
          return w.pending;
        },
        flush: timed({ flush: () => w.flush() }, timers).flush,
      };
    },
  };
}

/** The air repositories with every method timed (see `timed`). */
export function instrument(repos: Repositories, timers: Timers): Repositories {
  const out = { ...repos };
  for (const name of TIMED) (out as Record<string, unknown>)[name] = timed(repos[name], timers, name);
  return out;
}

/** `createUnitOfWork`, with every transaction's repositories instrumented. */
export function timedUnitOfWork(db: Kysely<Database>, timers: Timers): UnitOfWork<Repositories> {
  return { run: (fn) => db.transaction().execute((trx) => fn(instrument(createRepositories(trx), timers))) };
}

/** The biggest timers, rounded, for the report. */
export function topTimers(timers: Timers, n = 4): Record<string, number> {
  return Object.fromEntries(
    Object.entries(timers)
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => [k, Math.round(v)]),
  );
}
