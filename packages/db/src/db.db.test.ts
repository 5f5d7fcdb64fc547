import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRepositories, createUnitOfWork, scryptHasher, seedDemo, tokenService, type DbHandle } from "./index";
import { createTestDb } from "./testing";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h?.close();
});

describe("createDb", () => {
  it("migrates and reads back typed rows, with int8 as number and date as text", async () => {
    const r = await sql<{ n: number; d: string }>`select count(*) as n, date '2026-03-01' as d from users`.execute(h.db);
    expect(r.rows[0]).toEqual({ n: 0, d: "2026-03-01" });
  });

  it("rolls a failed transaction back whole", async () => {
    const uow = createUnitOfWork(h.db);
    await expect(
      uow.run(async (r) => {
        await r.audit.record({ actorId: null, actorName: "t", action: "x", entityType: "t", entityId: "1" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const n = await h.db.selectFrom("auditEvents").select((eb) => eb.fn.countAll<number>().as("n")).where("action", "=", "x").executeTakeFirstOrThrow();
    expect(n.n).toBe(0);
  });

  it("serialises concurrent commands on one connection without interleaving transactions", async () => {
    const uow = createUnitOfWork(h.db);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => uow.run((r) => r.audit.record({ actorId: null, actorName: "t", action: "conc", entityType: "t", entityId: String(i) }))),
    );
    const n = await h.db.selectFrom("auditEvents").select((eb) => eb.fn.countAll<number>().as("n")).where("action", "=", "conc").executeTakeFirstOrThrow();
    expect(n.n).toBe(10);
  });

  it("runs raw multi-statement SQL through the same session", async () => {
    await h.raw.executeSql("create table raw_t (x int); insert into raw_t values (1), (2);");
    const r = await h.raw.executeSql("select sum(x)::int as s from raw_t where x > $1", [0]);
    expect(r.rows[0]).toEqual({ s: 3 });
  });
});

describe("seedDemo", () => {
  it("is idempotent and creates users of every role with working passwords", async () => {
    const first = await seedDemo(h.db, { passwords: scryptHasher, password: "test-pass-123" });
    expect(first).toMatchObject({ districts: 6, towns: 8 });
    expect(first.users).toBeGreaterThanOrEqual(10);
    const second = await seedDemo(h.db, { passwords: scryptHasher, password: "test-pass-123" });
    expect(second).toEqual({ districts: 0, towns: 0, units: 0, users: 0 });
    const repos = createRepositories(h.db);
    const officer = await repos.users.findByUsername("officer-chengguan");
    expect(officer?.townId).toBeTruthy();
    expect(await scryptHasher.verify(officer!.passwordHash, "test-pass-123")).toBe(true);
    expect(await scryptHasher.verify(officer!.passwordHash, "wrong")).toBe(false);
  });

  it("scopes towns and units to a town officer", async () => {
    const repos = createRepositories(h.db);
    const officer = (await repos.users.findByUsername("officer-chengguan"))!;
    const towns = await repos.org.listTowns({ kind: "town", townId: officer.townId! });
    expect(towns.map((t) => t.code)).toEqual(["QY01-01"]);
    const all = await repos.org.listTowns({ kind: "all" });
    expect(all).toHaveLength(8);
  });

  it("rejects a user whose scope does not match the role at the database too", async () => {
    await expect(
      h.db.insertInto("users").values({ username: "bad", displayName: "x", role: "town_officer", passwordHash: "x" }).execute(),
    ).rejects.toThrow(/users_scope_matches_role/);
  });
});

describe("tokenService", () => {
  it("stores only a hash of the token", () => {
    const t = tokenService.generate();
    expect(t.length).toBeGreaterThan(40);
    expect(tokenService.hash(t)).not.toContain(t);
    expect(tokenService.hash(t)).toBe(tokenService.hash(t));
  });
});
