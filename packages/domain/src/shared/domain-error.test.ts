import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DomainError, parseOrThrow, refineMessage, validationError } from "./domain-error";

const Schema = z.object({
  name: z.string().min(2).max(5),
  count: z.number().int().min(1).max(9),
  kind: z.enum(["a", "b"]),
  email: z.email(),
  tags: z.array(z.string()).min(1),
  code: z.string().refine((v) => v.startsWith("Q"), refineMessage("starts_with_q", "编码须以 Q 开头", "Code must start with Q")),
  limits: z.record(z.enum(["pm25"]), z.number().refine((v) => v > 0, refineMessage("positive", "字段 {field} 须为正数", "Field {field} must be positive"))),
});
const valid = { name: "abc", count: 3, kind: "a", email: "a@b.cn", tags: ["x"], code: "Q1", limits: { pm25: 35 } };

function fieldError(input: Record<string, unknown>, path: string) {
  const err = validationError(Schema.safeParse({ ...valid, ...input }).error!);
  return err.details?.fieldErrors?.find((f) => f.path === path);
}

describe("describeIssue", () => {
  it.each([
    [{ name: undefined }, "name", "required", '字段 "name" 为必填项', 'Field "name" is required'],
    [{ name: 42 }, "name", "type", '字段 "name" 类型应为 string', 'Field "name" must be of type string'],
    [{ name: "a" }, "name", "min_length", '字段 "name" 至少 2 个字符', 'Field "name" must have at least 2 characters'],
    [{ name: "abcdef" }, "name", "max_length", '字段 "name" 最多 5 个字符', 'Field "name" must have at most 5 characters'],
    [{ count: 0 }, "count", "min", '字段 "count" 不得小于 1', 'Field "count" must be at least 1'],
    [{ count: 10 }, "count", "max", '字段 "count" 不得大于 9', 'Field "count" must be at most 9'],
    [{ kind: "c" }, "kind", "one_of", '字段 "kind" 取值应为：a、b', 'Field "kind" must be one of: a, b'],
    [{ email: "nope" }, "email", "format:email", '字段 "email" 格式不正确（应为 email）', 'Field "email" has an invalid format (expected email)'],
    [{ tags: [] }, "tags", "min_items", '字段 "tags" 至少 1 项', 'Field "tags" must have at least 1 items'],
    [{ code: "X1" }, "code", "starts_with_q", "编码须以 Q 开头", "Code must start with Q"],
    [{ limits: { pm25: 0 } }, "limits.pm25", "positive", '字段 "limits.pm25" 须为正数', 'Field "limits.pm25" must be positive'],
  ])("%o → %s breaks %s", (input, path, rule, zh, en) => {
    expect(fieldError(input, path)).toEqual({ path, rule, message: { zh, en } });
  });
});

describe("parseOrThrow", () => {
  it("returns the parsed value when valid", () => {
    expect(parseOrThrow(Schema, valid)).toEqual(valid);
  });

  it("throws an invalid DomainError listing every broken field, first one in the message", () => {
    try {
      parseOrThrow(Schema, { ...valid, name: "a", count: 0 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      const d = e as DomainError;
      expect(d.kind).toBe("invalid");
      expect(d.code).toBe("VALIDATION_FAILED");
      expect(d.details?.fieldErrors?.map((f) => f.path)).toEqual(["name", "count"]);
      expect(d.text.zh).toBe('字段 "name" 至少 2 个字符（另有 1 处错误）');
      expect(d.text.en).toBe('Field "name" must have at least 2 characters (and 1 more)');
    }
  });
});
