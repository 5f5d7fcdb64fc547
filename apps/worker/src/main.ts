import { hostname } from "node:os";
import { createDb, migrateToLatest } from "@ecogov/db";
import { systemClock } from "@ecogov/domain";
import { startJobRunner } from "@ecogov/jobs";
import { readEnv, type Env } from "./env";
import { createLogger } from "@ecogov/jobs";

let env: Env;
try {
  env = readEnv();
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
const logger = createLogger(env.LOG_LEVEL);
const force = process.argv.includes("--force");

if (!env.DATABASE_URL) {
  // A PGlite data folder is one Postgres session owned by one process: a second opener corrupts it or waits forever.
  process.stderr.write(
    "DATABASE_URL is not set, so EcoGov runs on the embedded database (PGlite) in " +
      `${env.ECOGOV_DATA_DIR}.\nIn embedded mode the API process hosts the job worker (one process per PGlite data folder); ` +
      "a separate worker is only for PostgreSQL.\nSet DATABASE_URL=postgres://… to run this worker, or pass --force to open the " +
      "data folder anyway (only while the API is not running).\n",
  );
  if (!force) process.exit(1);
  logger.warn("running on the embedded database because of --force", { dataDir: env.ECOGOV_DATA_DIR });
}

// pg-boss completes jobs without awaiting the statement; a database blip there must not end the worker.
process.on("unhandledRejection", (reason) => logger.error("unhandled rejection", { error: String(reason) }));

const workerName = `worker-${hostname()}-${process.pid}`;
const handle = await createDb({ url: env.DATABASE_URL ?? null, dataDir: env.DATABASE_URL ? null : env.ECOGOV_DATA_DIR });
let jobs: Awaited<ReturnType<typeof startJobRunner>>;
try {
  await migrateToLatest(handle);
  jobs = await startJobRunner({ handle, clock: systemClock, logger, workerName });
} catch (err) {
  logger.error("worker failed to start", { error: (err as Error).message, stack: (err as Error).stack });
  await handle.close().catch(() => undefined);
  process.exit(1);
}
logger.info("worker started", { worker: workerName, database: handle.kind });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) {
    logger.warn("second signal, exiting without waiting for running jobs", { signal });
    process.exit(1);
  }
  stopping = true;
  logger.info("shutting down", { signal });
  try {
    // Running jobs finish (or are failed by pg-boss after the timeout) before the database closes.
    await jobs.stop();
    await handle.close();
    logger.info("stopped");
    process.exit(0);
  } catch (err) {
    logger.error("shutdown failed", { error: (err as Error).message });
    process.exit(1);
  }
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
