import { join, resolve } from "node:path";
import { resolveDataDir } from "@ecogov/db";
import { z } from "zod";

/** The only place apps/api reads the environment; parsed once at startup. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  ECOGOV_DATA_DIR: z.string().default("./data"),
  /** Serve the built admin app and portal from this process (production mode). */
  SERVE_STATIC: z.enum(["true", "false"]).default("true"),
  /** Seed demo data at start (the README's start command turns it on). */
  SEED_DEMO: z.enum(["true", "false"]).default("false"),
  /** With SEED_DEMO: also load the generated monitoring data (a year and more of hourly air data; ~20–50 s on first start). */
  SEED_DEMO_INDICATORS: z.enum(["true", "false"]).default("true"),
  /** Run the job worker inside the API process; defaults to on for PGlite (one process per data folder). */
  EMBEDDED_WORKER: z.enum(["true", "false", "auto"]).default("auto"),
  /** Cookies get the Secure flag behind HTTPS. */
  COOKIE_SECURE: z.enum(["true", "false"]).default("false"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Where supervision-task attachments are stored by content hash; default `<data dir>/attachments`. */
  ATTACHMENTS_DIR: z.string().min(1).optional(),
});
export type Env = z.infer<typeof EnvSchema>;

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (parsed.success) parsed.data.ECOGOV_DATA_DIR = resolveDataDir(source.ECOGOV_DATA_DIR, source.INIT_CWD);
  if (parsed.success) parsed.data.ATTACHMENTS_DIR = source.ATTACHMENTS_DIR ? resolve(source.INIT_CWD ?? process.cwd(), source.ATTACHMENTS_DIR) : join(parsed.data.ECOGOV_DATA_DIR, "attachments");
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  return parsed.data;
}
