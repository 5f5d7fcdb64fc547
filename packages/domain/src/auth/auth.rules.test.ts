import { describe, expect, it } from "vitest";
import { canBrowseAudit, canManageUsers, isBureauRole, isInScope, isLoginThrottled, scopeOf } from "./auth.rules";
import { CreateUserInputSchema, ROLES, type Role } from "./auth.schema";

const T1 = "11111111-1111-4111-8111-111111111111";
const T2 = "22222222-2222-4222-8222-222222222222";
const U1 = "33333333-3333-4333-8333-333333333333";

describe("scopeOf", () => {
  it.each<[Role, string | null, string | null, unknown]>([
    ["admin", null, null, { kind: "all" }],
    ["leader", null, null, { kind: "all" }],
    ["petitions", null, null, { kind: "all" }],
    ["town_officer", T1, null, { kind: "town", townId: T1 }],
    ["unit_reporter", null, U1, { kind: "unit", unitId: U1 }],
  ])("gives %s the scope %j", (role, townId, unitId, scope) => {
    expect(scopeOf({ role, townId, unitId })).toEqual(scope);
  });

  it("refuses a town officer without a town rather than widening the scope", () => {
    expect(() => scopeOf({ role: "town_officer", townId: null, unitId: null })).toThrow();
  });
});

describe("isInScope", () => {
  it.each([
    [{ kind: "all" } as const, { townId: T2 }, true],
    [{ kind: "town", townId: T1 } as const, { townId: T1 }, true],
    [{ kind: "town", townId: T1 } as const, { townId: T2 }, false],
    [{ kind: "town", townId: T1 } as const, { townId: null }, false],
    [{ kind: "unit", unitId: U1 } as const, { unitId: U1 }, true],
    [{ kind: "unit", unitId: U1 } as const, { townId: T1 }, false],
  ])("%j sees %j: %s", (scope, owner, expected) => {
    expect(isInScope(scope, owner)).toBe(expected);
  });
});

describe("role permissions", () => {
  it.each(ROLES.map((r) => [r]))("%s", (role) => {
    expect(canManageUsers(role)).toBe(role === "admin");
    expect(canBrowseAudit(role)).toBe(role === "admin" || role === "leader");
    expect(isBureauRole(role)).toBe(role !== "town_officer" && role !== "unit_reporter");
  });

  it("throttles from the fifth failure", () => {
    expect([0, 4, 5, 9].map(isLoginThrottled)).toEqual([false, false, true, true]);
  });
});

describe("CreateUserInputSchema", () => {
  const base = { username: "wang.wu", displayName: "王五", password: "abcdefgh12" };
  it.each<[string, Record<string, unknown>, boolean]>([
    ["leader without scope", { role: "leader" }, true],
    ["leader with a town", { role: "leader", townId: T1 }, false],
    ["town officer with a town", { role: "town_officer", townId: T1 }, true],
    ["town officer without a town", { role: "town_officer" }, false],
    ["town officer with a unit", { role: "town_officer", unitId: U1 }, false],
    ["unit reporter with a unit", { role: "unit_reporter", unitId: U1 }, true],
    ["bad mobile", { role: "leader", phone: "12345" }, false],
    ["good mobile", { role: "leader", phone: "13800138000" }, true],
    ["password without digits", { role: "leader", password: "abcdefghijk" }, false],
    ["uppercase username", { role: "leader", username: "Wang" }, false],
  ])("%s → valid: %s", (_name, input, ok) => {
    expect(CreateUserInputSchema.safeParse({ ...base, ...input }).success).toBe(ok);
  });
});

describe("bilingual messages of custom rules", () => {
  it("keeps the rule's Chinese and English text for username and mobile", async () => {
    const { validationError } = await import("../shared/domain-error");
    const r = CreateUserInputSchema.safeParse({ username: "Wang Wu", displayName: "王五", role: "leader", password: "abcdefgh12", phone: "123" });
    const fields = validationError(r.error!).details!.fieldErrors!;
    expect(fields.find((f) => f.path === "username")).toMatchObject({ rule: "username_chars", message: { zh: "用户名只能包含小写字母、数字、下划线、点和连字符" } });
    expect(fields.find((f) => f.path === "phone")).toMatchObject({ rule: "mobile_cn", message: { en: "Mobile number must be 11 digits starting with 1" } });
  });
});
