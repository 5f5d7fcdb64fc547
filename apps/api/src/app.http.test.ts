import { createTestDb } from "@ecogov/db/testing";
import { scryptHasher, seedDemo, type DbHandle } from "@ecogov/db";
import { systemClock } from "@ecogov/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app";
import { createApiDeps } from "./deps";
import { createLogger } from "@ecogov/jobs";
import { createHttpClient, expectError } from "./test-client";

const PASSWORD = "test-pass-2026";
let handle: DbHandle;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  handle = await createTestDb();
  await seedDemo(handle.db, { passwords: scryptHasher, password: PASSWORD });
  app = createApp({ deps: createApiDeps(handle, systemClock), clock: systemClock, logger: createLogger("silent"), staticDirs: null });
});
afterAll(async () => {
  await handle?.close();
});

async function loggedIn(username: string) {
  const c = createHttpClient(app);
  await c.client.auth.login.mutate({ username, password: PASSWORD });
  return c;
}

describe("health and headers", () => {
  it("reports the database in /healthz", async () => {
    const r = await app.request("/healthz");
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ status: "ok", database: { ok: true } });
  });

  it("sends secure headers and a request id", async () => {
    const r = await app.request("/healthz", { headers: { "x-request-id": "req-123" } });
    expect(r.headers.get("x-request-id")).toBe("req-123");
    expect(r.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("anonymous callers", () => {
  it("reach only public procedures", async () => {
    const { client } = createHttpClient(app);
    expect(await client.auth.me.query()).toBeNull();
    for (const call of [client.dashboard.summary.query(), client.users.list.query({}), client.audit.list.query({}), client.org.towns.query(), client.jobs.runs.query({})]) {
      const e = await expectError(call);
      expect(e.status).toBe(401);
      expect(e.code).toBe("AUTH_REQUIRED");
      expect(e.text.zh).toBe("请先登录");
    }
  });

  it("read the open-data API without personal data", async () => {
    const r = await app.request("/api/v1/district");
    expect(r.status).toBe(200);
    expect(r.headers.get("cache-control")).toContain("public");
    const body = (await r.json()) as { district: { name: string }; towns: unknown[] };
    expect(body.district.name).toBe("青山区");
    expect(body.towns).toHaveLength(8);
    expect(JSON.stringify(body)).not.toMatch(/username|password|phone|"id"/);
  });

  it("get an OpenAPI document listing every open-data route, and a docs page", async () => {
    const spec = (await (await app.request("/api/v1/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(["/api/v1/district", "/api/v1/districts", "/api/v1/modules"]));
    const docs = await app.request("/api/docs");
    expect(await docs.text()).toContain("/api/v1/openapi.json");
  });

  it("get a bilingual 404 for an unknown endpoint", async () => {
    const r = await app.request("/api/v1/nothing");
    expect(r.status).toBe(404);
    expect(await r.json()).toMatchObject({ error: { code: "NOT_FOUND", message: { zh: "接口不存在" } } });
  });
});

describe("login", () => {
  it("refuses a wrong password without saying which part was wrong", async () => {
    const { client } = createHttpClient(app);
    const e = await expectError(client.auth.login.mutate({ username: "leader", password: "nope" }));
    expect(e).toMatchObject({ status: 401, code: "AUTH_BAD_CREDENTIALS", text: { zh: "用户名或密码错误", en: "Wrong username or password" } });
  });

  it("names the missing field and the rule in both languages", async () => {
    const { client } = createHttpClient(app);
    const e = await expectError(client.auth.login.mutate({ password: "x" } as never));
    expect(e.status).toBe(400);
    expect(e.details.fieldErrors[0]).toMatchObject({ path: "username", rule: "required", message: { zh: '字段 "username" 为必填项', en: 'Field "username" is required' } });
  });

  it("sets an httpOnly SameSite session cookie and knows the actor", async () => {
    const c = createHttpClient(app);
    const r = await c.client.auth.login.mutate({ username: "leader", password: PASSWORD });
    expect(r.actor.role).toBe("leader");
    const set = c.log.at(-1)!.setCookie!;
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Lax/);
    expect((await c.client.auth.me.query())?.username).toBe("leader");
  });

  it("throttles after five failures, even with the right password", async () => {
    const { client } = createHttpClient(app);
    for (let i = 0; i < 5; i++) await expectError(client.auth.login.mutate({ username: "approvals", password: "wrong" }));
    const e = await expectError(client.auth.login.mutate({ username: "approvals", password: PASSWORD }));
    expect(e).toMatchObject({ status: 429, code: "AUTH_THROTTLED" });
  });

  it("logs out: the old cookie no longer works", async () => {
    const c = await loggedIn("monitoring");
    const cookie = c.getCookie();
    await c.client.auth.logout.mutate();
    const r = await app.request("/trpc/dashboard.summary", { headers: { cookie } });
    expect(r.status).toBe(401);
  });

  it("changes the password only with the current one", async () => {
    const c = await loggedIn("emergency");
    const e = await expectError(c.client.auth.changePassword.mutate({ currentPassword: "bad", newPassword: "another-pass-1" }));
    expect(e).toMatchObject({ status: 400, code: "AUTH_WRONG_CURRENT_PASSWORD" });
    await c.client.auth.changePassword.mutate({ currentPassword: PASSWORD, newPassword: "another-pass-1" });
    const fresh = createHttpClient(app);
    await fresh.client.auth.login.mutate({ username: "emergency", password: "another-pass-1" });
  });
});

describe("scopes", () => {
  it("lets a town officer see only their own town", async () => {
    const { client } = await loggedIn("officer-chengguan");
    const towns = await client.org.towns.query();
    expect(towns.map((t) => t.name)).toEqual(["城关街道"]);
    const units = await client.org.units.query();
    expect(units.every((u) => u.townId === towns[0]!.id)).toBe(true);
    const summary = await client.dashboard.summary.query();
    expect(summary.towns).toHaveLength(1);
    expect(summary.recentAudit).toBeNull();
  });

  it("lets a unit reporter see only their own unit", async () => {
    const { client } = await loggedIn("reporter-agri");
    const units = await client.org.units.query();
    expect(units.map((u) => u.name)).toEqual(["区农业农村局"]);
  });

  it("forbids user management and the audit trail to non-admins", async () => {
    for (const username of ["officer-qingshi", "reporter-water", "petitions"]) {
      const { client } = await loggedIn(username);
      expect((await expectError(client.users.list.query({}))).status).toBe(403);
      expect((await expectError(client.audit.list.query({}))).status).toBe(403);
    }
  });

  it("shows the whole district to bureau staff", async () => {
    const { client } = await loggedIn("supervision");
    expect(await client.org.towns.query()).toHaveLength(8);
  });
});

describe("user management", () => {
  it("rejects bad input field by field and writes nothing", async () => {
    const { client } = await loggedIn("admin");
    const before = (await client.users.list.query({})).length;
    const e = await expectError(client.users.create.mutate({ username: "A B", displayName: "", role: "town_officer", password: "short" }));
    expect(e.status).toBe(400);
    const paths = e.details.fieldErrors.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["username", "displayName", "password"]));
    expect((await client.users.list.query({})).length).toBe(before);
  });

  it("creates a user, audits it in the same request, and refuses a duplicate", async () => {
    const c = await loggedIn("admin");
    const towns = await c.client.org.towns.query();
    const created = await c.client.users.create.mutate({ username: "officer-baisha", displayName: "白沙环保员", role: "town_officer", townId: towns[4]!.id, password: "baisha-pass-1" });
    expect(created.townId).toBe(towns[4]!.id);
    const audit = await c.client.audit.list.query({ entityType: "user", entityId: created.id });
    expect(audit.items[0]).toMatchObject({ action: "user.create", actorName: expect.stringContaining("admin") });
    expect(JSON.stringify(audit.items[0]!.after)).not.toContain("baisha-pass-1");
    const dup = await expectError(c.client.users.create.mutate({ username: "officer-baisha", displayName: "x", role: "leader", password: "another-pass-1" }));
    expect(dup).toMatchObject({ status: 409, code: "USER_USERNAME_TAKEN" });
  });

  it("deactivating a user ends their sessions", async () => {
    const admin = await loggedIn("admin");
    const victim = await loggedIn("enforcement");
    const u = (await admin.client.users.list.query({ search: "enforcement" }))[0]!;
    await admin.client.users.update.mutate({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, townId: null, unitId: null, phone: null, active: false });
    expect((await expectError(victim.client.dashboard.summary.query())).status).toBe(401);
    expect((await expectError(createHttpClient(app).client.auth.login.mutate({ username: "enforcement", password: PASSWORD }))).status).toBe(401);
  });
});

describe("transport errors", () => {
  it("answers malformed JSON with a 400 and no stack trace", async () => {
    const r = await app.request("/trpc/auth.login", { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(r.status).toBe(400);
    const text = await r.text();
    expect(text).not.toMatch(/stack|at \//);
  });

  it("refuses a cross-site mutation", async () => {
    const r = await app.request("/trpc/auth.login", { method: "POST", headers: { "content-type": "application/json", origin: "https://evil.example", host: "ecogov.test" }, body: "{}" });
    expect(r.status).toBe(403);
  });

  it("answers an unknown procedure with 404", async () => {
    const r = await app.request("/trpc/nope.nothing");
    expect(r.status).toBe(404);
  });
});
