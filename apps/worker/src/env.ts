import { z } from "zod";

const POSTGRES_URL = /^postgres(ql)?:\/\/[^\s]+$/;

/** The only place apps/worker reads the environment; parsed once at startup. */
const EnvSchema = z.object({
  /** PostgreSQL connection string. Unset = embedded PGlite, where the API process hosts the worker. */
  DATABASE_URL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(POSTGRES_URL, { message: "must be a PostgreSQL connection string such as postgres://user:password@host:5432/ecogov" })
      .refine((v) => URL.canParse(v), { message: "is not a valid URL (check for unescaped characters in the password)" })
      .optional(),
  ),
  ECOGOV_DATA_DIR: z.string().min(1).default("./data"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});
export type Env = z.infer<typeof EnvSchema>;

/** Parses the environment, or throws one message listing every bad variable (values are never echoed: they may hold passwords). */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  return parsed.data;
}
