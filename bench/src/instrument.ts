import { createRepositories, type Database, type Repositories } from "@ecogov/db";
import type { UnitOfWork } from "@ecogov/domain";
import type { Kysely } from "kysely";

/** Milliseconds spent inside each repository method, by `repository.method`. */
export type Timers = Record<string, number>;

const TIMED: readonly (keyof Repositories)[] = ["airImport", "airResults"];

/** Wraps the air repositories' methods so the time spent inside each (database round trip included) adds up. */
export function instrument(repos: Repositories, timers: Timers): Repositories {
  const out = { ...repos };
  for (const name of TIMED) {
    const repo = repos[name] as unknown as Record<string, unknown>;
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
    (out as Record<string, unknown>)[name] = wrapped;
  }
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
