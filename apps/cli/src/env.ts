import { resolveDataDir } from "@ecogov/db";
import { z } from "zod";

/** The CLI uses the same database settings as the server: DATABASE_URL, else the embedded data folder. */
const EnvSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  ECOGOV_DATA_DIR: z.string().default("./data"),
});

export function readEnv(source: Record<string, string | undefined> = process.env) {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return { databaseUrl: parsed.data.DATABASE_URL ?? null, dataDir: resolveDataDir(source.ECOGOV_DATA_DIR, source.INIT_CWD) };
}
