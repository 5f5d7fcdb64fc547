import { describe, expect, it } from "vitest";
import { readEnv } from "./env";

describe("readEnv", () => {
  it("defaults to the embedded database folder and info logging", () => {
    expect(readEnv({})).toEqual({ ECOGOV_DATA_DIR: "./data", LOG_LEVEL: "info" });
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(readEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("accepts a PostgreSQL connection string", () => {
    expect(readEnv({ DATABASE_URL: "postgresql://app:app@127.0.0.1:5432/app" }).DATABASE_URL).toBe("postgresql://app:app@127.0.0.1:5432/app");
  });

  it("rejects a DATABASE_URL that is not a PostgreSQL connection string, naming the variable but not the value", () => {
    const read = () => readEnv({ DATABASE_URL: "mysql://root:s3cret@db/app" });
    expect(read).toThrow(/Invalid environment:\n {2}DATABASE_URL: must be a PostgreSQL connection string/);
    expect(read).not.toThrow(/s3cret/);
  });

  it("rejects an unknown LOG_LEVEL", () => {
    expect(() => readEnv({ LOG_LEVEL: "verbose" })).toThrow(/LOG_LEVEL/);
  });
});
