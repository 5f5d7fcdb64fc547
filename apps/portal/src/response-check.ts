import { describeIssue } from "@ecogov/domain/errors";
import { ApiError } from "./api-error";

/**
 * Small response checks for open-data endpoints whose public schemas live in the API rather than the domain
 * (so the portal cannot import them). Same contract as ./api-validation: a response that does not match is an
 * ApiError naming the field and the rule in both languages, never a blank table. No zod: this stays in the
 * page's own chunk, a few hundred bytes.
 */
type Issue = Parameters<typeof describeIssue>[0];
export type Check<T> = (value: unknown, path: PropertyKey[]) => T;

class Mismatch {
  constructor(readonly issue: Issue) {}
}

function mismatch(path: PropertyKey[], input: unknown, rule: { expected: string } | { values: string[] }): never {
  const code = "values" in rule ? "invalid_value" : "invalid_type";
  throw new Mismatch({ code, ...rule, path, input, message: "" } as unknown as Issue);
}

export const string: Check<string> = (v, p) => (typeof v === "string" ? v : mismatch(p, v, { expected: "string" }));
export const number: Check<number> = (v, p) => (typeof v === "number" && Number.isFinite(v) ? v : mismatch(p, v, { expected: "number" }));
export const boolean: Check<boolean> = (v, p) => (typeof v === "boolean" ? v : mismatch(p, v, { expected: "boolean" }));

export const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (v, p) =>
    v === null ? null : check(v, p);

export const oneOf =
  <const T extends readonly string[]>(values: T): Check<T[number]> =>
  (v, p) =>
    typeof v === "string" && values.includes(v) ? v : mismatch(p, v, { values: [...values] });

export const arrayOf =
  <T>(check: Check<T>): Check<T[]> =>
  (v, p) =>
    Array.isArray(v) ? v.map((item, i) => check(item, [...p, i])) : mismatch(p, v, { expected: "array" });

type Shape = Record<string, Check<unknown>>;
export type Checked<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

export const object =
  <S extends Shape>(shape: S): Check<Checked<S>> =>
  (v, p) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return mismatch(p, v, { expected: "object" });
    const record = v as Record<string, unknown>;
    return Object.fromEntries(Object.entries(shape).map(([key, check]) => [key, check(record[key], [...p, key])])) as Checked<S>;
  };

export const bilingual = object({ zh: string, en: string });

/** Checks a response; a mismatch becomes an INVALID_RESPONSE ApiError naming the URL and the field. */
export function checkResponse<T>(url: string, json: unknown, check: Check<T>): T {
  try {
    return check(json, []);
  } catch (e) {
    if (!(e instanceof Mismatch)) throw e;
    const field = describeIssue(e.issue);
    throw new ApiError({
      code: "INVALID_RESPONSE",
      text: {
        zh: `服务器返回的数据不符合接口约定（${url}）：${field.message.zh}`,
        en: `The server's response does not match the documented format (${url}): ${field.message.en}`,
      },
      fieldErrors: [field],
    });
  }
}
