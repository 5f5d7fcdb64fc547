import { serve } from "@hono/node-server";
import { createAirReadingsStaging, createDb, DEMO_PASSWORD, DEMO_USERS, feedDemoAirReadings, migrateToLatest, scryptHasher, seedDemo, seedDemoIndicators } from "@ecogov/db";
import { systemClock } from "@ecogov/domain";
import { startJobRunner, startJobSender } from "@ecogov/jobs";
import { createApp, DEFAULT_STATIC_DIRS } from "./app";
import { createApiDeps } from "./deps";
import { readEnv } from "./env";
import { createLogger } from "@ecogov/jobs";

const env = readEnv();
const logger = createLogger(env.LOG_LEVEL);
const startedAt = performance.now();

const handle = await createDb({
  url: env.DATABASE_URL ?? null,
  dataDir: env.DATABASE_URL ? null : env.ECOGOV_DATA_DIR,
  onIdleError: (err) => logger.warn("idle database connection failed", { error: String(err) }),
});
await migrateToLatest(handle);
if (env.SEED_DEMO === "true") {
  const report = await seedDemo(handle.db, { passwords: scryptHasher });
  logger.info("demo seed applied", { ...report });
  if (env.SEED_DEMO_INDICATORS === "true") {
    logger.info("demo indicators", { ...(await seedDemoIndicators(handle, { clock: systemClock, log: (m) => logger.info(m) })) });
    // Today's hours too (the seed stops at yesterday); the demo.air-feed job keeps them current after that.
    logger.info("demo air feed", { ...(await feedDemoAirReadings({ db: handle.db, staging: createAirReadingsStaging(handle), clock: systemClock })) });
  }
}

// One PGlite data folder is opened by one process, so on PGlite the API hosts the worker.
const embeddedWorker = env.EMBEDDED_WORKER === "true" || (env.EMBEDDED_WORKER === "auto" && handle.kind === "pglite");
const jobs = embeddedWorker ? await startJobRunner({ handle, clock: systemClock, logger, workerName: `api-${process.pid}` }) : null;
// Beside separate workers the API still queues work (e.g. recomputation after an upload).
const sender = jobs ? null : await startJobSender({ handle, logger, workerName: `api-${process.pid}` });

const app = createApp({
  deps: createApiDeps(handle, systemClock, { attachmentsDir: env.ATTACHMENTS_DIR }),
  clock: systemClock,
  logger,
  cookieSecure: env.COOKIE_SECURE === "true",
  staticDirs: env.SERVE_STATIC === "true" ? DEFAULT_STATIC_DIRS : null,
  enqueue: (name: string, data: Record<string, unknown>) => (jobs ? jobs.boss.send(name, data) : sender!.send(name, data)),
});

const server = serve({ fetch: app.fetch, hostname: env.HOST, port: env.PORT }, (info) => {
  const base = `http://${env.HOST}:${info.port}`;
  const ms = Math.round(performance.now() - startedAt);
  logger.info("listening", { url: base, database: handle.kind, dataDir: handle.kind === "pglite" ? env.ECOGOV_DATA_DIR : undefined, embeddedWorker, startupMs: ms });
  if (env.SEED_DEMO === "true") {
    const users = DEMO_USERS.map((u) => `    ${u.username.padEnd(18)} ${u.role}`).join("\n");
    process.stdout.write(
      `\nEcoGov is running (${handle.kind === "pglite" ? `embedded database in ${env.ECOGOV_DATA_DIR}` : "PostgreSQL"}), started in ${ms} ms\n` +
        `  Admin app:        ${base}/admin/\n` +
        `  Public portal:    ${base}/\n` +
        `  Open-data API:    ${base}/api/docs  (OpenAPI: ${base}/api/v1/openapi.json)\n` +
        `  Health:           ${base}/healthz\n` +
        `  Demo logins (password "${DEMO_PASSWORD}"):\n${users}\n\n`,
    );
  }
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info("shutting down", { signal });
  // Stop accepting, let in-flight requests finish, then stop jobs and close the database.
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await jobs?.stop();
  await sender?.stop();
  await handle.close();
  logger.info("stopped");
  process.exit(0);
}
// pg-boss settles some statements without awaiting them; log such failures rather than let Node exit.
process.on("unhandledRejection", (reason) => logger.error("unhandled rejection", { error: String(reason) }));
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
