import { CreateUserInputSchema } from "@ecogov/domain/auth";
import { describe, expect, it } from "vitest";
import { fieldErrorsByPath, isRetryable, isUnauthorized, toUiError, validateInput } from "./errors";

/** What @trpc/client throws for an API error: the server's error shape is on `data`. */
function trpcError(domainError: unknown, httpStatus = 400) {
  return Object.assign(new Error("boom"), { name: "TRPCClientError", data: { code: "BAD_REQUEST", httpStatus, domainError } });
}

describe("toUiError", () => {
  it("reads the bilingual text and field errors of a domain error", () => {
    const err = trpcError({
      code: "USER_USERNAME_TAKEN",
      text: { zh: "用户名 li 已被使用", en: "Username li is already taken" },
      details: { fieldErrors: [{ path: "username", rule: "unique", message: { zh: "用户名 li 已被使用", en: "Username li is already taken" } }] },
    }, 409);
    const ui = toUiError(err);
    expect(ui.code).toBe("USER_USERNAME_TAKEN");
    expect(ui.text.zh).toBe("用户名 li 已被使用");
    expect(ui.fieldErrors).toHaveLength(1);
    expect(ui.fieldErrors[0]!.path).toBe("username");
    expect(ui.httpStatus).toBe(409);
  });

  it("drops malformed field errors instead of failing", () => {
    const ui = toUiError(trpcError({ code: "X", text: { zh: "错", en: "wrong" }, details: { fieldErrors: [{ path: 1 }, null] } }));
    expect(ui.fieldErrors).toEqual([]);
  });

  it("turns a failed fetch into a network error in both languages", () => {
    const ui = toUiError(Object.assign(new Error("Failed to fetch"), { cause: new TypeError("Failed to fetch") }));
    expect(ui.code).toBe("NETWORK");
    expect(ui.text.zh).toContain("无法连接服务器");
    expect(isRetryable(new TypeError("Failed to fetch"))).toBe(true);
  });

  it("turns anything else into a generic error without internals", () => {
    const ui = toUiError(new Error("Unexpected token < in JSON at position 0"));
    expect(ui.code).toBe("UNKNOWN");
    expect(ui.text.en).not.toContain("JSON");
  });

  it("recognises a lost session and does not retry bad input", () => {
    expect(isUnauthorized(trpcError({ code: "AUTH_REQUIRED", text: { zh: "请先登录", en: "Please log in" } }, 401))).toBe(true);
    expect(isRetryable(trpcError({ code: "VALIDATION_FAILED", text: { zh: "x", en: "x" } }, 400))).toBe(false);
    expect(isRetryable(trpcError({ code: "INTERNAL", text: { zh: "x", en: "x" } }, 500))).toBe(true);
  });
});

describe("fieldErrorsByPath", () => {
  const errors = [
    { path: "password", rule: "min_length", message: { zh: '字段 "password" 至少 10 个字符', en: 'Field "password" must have at least 10 characters' } },
    { path: "password", rule: "password_mix", message: { zh: "密码须同时包含字母和数字", en: "Password must contain both letters and digits" } },
    { path: "phone", rule: "mobile_cn", message: { zh: "手机号应为 11 位数字，以 1 开头", en: "Mobile number must be 11 digits starting with 1" } },
  ];

  it("puts each message under its field, naming the field by its label", () => {
    const zh = fieldErrorsByPath(errors, "zh-CN", { password: "初始密码" });
    expect(zh.password).toBe("字段 “初始密码” 至少 10 个字符；密码须同时包含字母和数字");
    expect(zh.phone).toBe("手机号应为 11 位数字，以 1 开头");
  });

  it("uses the English messages in English", () => {
    const en = fieldErrorsByPath(errors, "en", { password: "Initial password" });
    expect(en.password).toBe('Field "Initial password" must have at least 10 characters; Password must contain both letters and digits');
  });
});

describe("validateInput", () => {
  const valid = { username: "li.si", displayName: "李四", role: "monitoring", password: "greenwater2026" };

  it("accepts input the API would accept", () => {
    const r = validateInput(CreateUserInputSchema, valid);
    expect(r.ok).toBe(true);
  });

  it("reports a short password and an empty name as field errors", () => {
    const r = validateInput(CreateUserInputSchema, { ...valid, password: "abc1", displayName: "" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = fieldErrorsByPath(r.fieldErrors, "zh-CN", { password: "初始密码", displayName: "姓名" });
    expect(byPath.password).toBe("字段 “初始密码” 至少 10 个字符");
    expect(byPath.displayName).toBe("字段 “姓名” 为必填项");
  });

  it("states a pattern rule in the schema's own words in both languages", () => {
    const r = validateInput(CreateUserInputSchema, { ...valid, username: "Li Si", phone: "123" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const zh = fieldErrorsByPath(r.fieldErrors, "zh-CN", { username: "用户名", phone: "手机号" });
    expect(zh.username).toBe("用户名只能包含小写字母、数字、下划线、点和连字符");
    expect(zh.phone).toBe("手机号应为 11 位数字，以 1 开头");
    const en = fieldErrorsByPath(r.fieldErrors, "en", { phone: "Mobile" });
    expect(en.phone).toBe("Mobile number must be 11 digits starting with 1");
  });

  it("reports a town officer without a town at the role, with the rule's own words", () => {
    const r = validateInput(CreateUserInputSchema, { ...valid, role: "town_officer" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fieldErrors[0]).toMatchObject({ path: "role", rule: "scope_matches_role" });
    expect(r.fieldErrors[0]!.message.zh).toContain("镇街环保员须指定所属镇街");
  });
});
