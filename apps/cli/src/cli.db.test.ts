import { createRepositories, migrateToLatest, type DbHandle } from "@ecogov/db";
import { createTestDb } from "@ecogov/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./cli";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

async function run(argv: string[], stdin = "") {
  const out: string[] = [];
  const err: string[] = [];
  // The command closes what it opens; hand it a handle whose close is a no-op so the test keeps the db.
  const code = await runCli(argv, {
    io: { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => stdin },
    openDb: async () => ({ ...handle, close: async () => {} }),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("ecogov CLI", () => {
  it("prints an overview and per-command help", async () => {
    expect((await run(["--help"])).out).toMatch(/user create/);
    const h = await run(["user", "create", "--help"]);
    expect(h.code).toBe(0);
    expect(h.out).toMatch(/--username VALUE/);
  });

  it("rejects unknown commands and options with usage", async () => {
    expect((await run(["frobnicate"])).code).toBe(2);
    const r = await run(["migrate", "--bogus"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bogus/);
  });

  it("migrates, seeds idempotently and creates a scoped user", async () => {
    expect((await run(["migrate"])).code).toBe(0);
    expect((await run(["seed", "--no-indicators"])).out).toMatch(/\+8 towns/);
    expect((await run(["seed", "--no-indicators"])).out).toMatch(/\+0 towns/);
    const r = await run(["user", "create", "--username", "officer-baisha", "--name", "白沙环保员", "--role", "town_officer", "--town", "QY01-05", "--password-stdin"], "baisha-pass-2026\n");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const u = await createRepositories(handle.db).users.findByUsername("officer-baisha");
    expect(u?.townId).toBeTruthy();
  });

  it("explains a rejected user in Chinese and English, naming the field and rule, and writes nothing", async () => {
    const r = await run(["user", "create", "--username", "x", "--name", "X", "--role", "leader", "--password", "short"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/username \[min_length\]/);
    expect(r.err).toMatch(/password/);
    expect(r.err).toMatch(/至少/);
    expect(await createRepositories(handle.db).users.findByUsername("x")).toBeNull();
  });

  it("requires the town for a town officer", async () => {
    const r = await run(["user", "create", "--username", "officer-x", "--name", "X", "--role", "town_officer", "--password", "abcdefgh1234"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/role \[scope_matches_role\]/);
  });

  it("resets a password and audits it", async () => {
    await migrateToLatest(handle);
    const r = await run(["user", "reset-password", "--username", "officer-baisha", "--password", "new-pass-2027"]);
    expect(r.code).toBe(0);
    const audit = await createRepositories(handle.db).audit.query({ action: "user.reset_password", limit: 5, offset: 0 });
    expect(audit.total).toBe(1);
    expect(JSON.stringify(audit.items)).not.toContain("new-pass-2027");
  });
});
