import type { z } from "zod";

/** What went wrong, independent of transport; api-contract maps each kind to one HTTP/tRPC code. */
export type DomainErrorKind = "not_found" | "conflict" | "invalid" | "forbidden" | "unauthorized" | "rate_limited";

/** A message in both UI languages: Chinese is the default, English is always available. */
export interface BilingualText {
  zh: string;
  en: string;
}

/** One invalid field: its dotted path, the rule it broke, and a message naming both. */
export interface FieldError {
  path: string;
  rule: string;
  message: BilingualText;
}

export interface DomainErrorDetails {
  fieldErrors?: FieldError[];
  [key: string]: unknown;
}

/** The one error type rules and use cases throw; `message` is English, `text` carries both languages. */
export class DomainError extends Error {
  readonly code: string;
  readonly kind: DomainErrorKind;
  readonly text: BilingualText;
  readonly details: DomainErrorDetails | undefined;

  constructor(opts: {
    code: string;
    kind: DomainErrorKind;
    text: BilingualText;
    details?: DomainErrorDetails;
    cause?: unknown;
  }) {
    super(opts.text.en, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "DomainError";
    this.code = opts.code;
    this.kind = opts.kind;
    this.text = opts.text;
    this.details = opts.details;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

const pathOf = (path: ReadonlyArray<PropertyKey>) => (path.length ? path.map(String).join(".") : "(input)");

/** How a message names what broke the rule: a field of a form or command, or a parameter of a URL query. */
const SUBJECT = { field: { zh: "字段", en: "Field" }, parameter: { zh: "参数", en: "Parameter" } } as const;

/** Translates one zod issue into a bilingual field error naming the field (or query parameter) and the rule. */
export function describeIssue(issue: z.core.$ZodIssue, subject: keyof typeof SUBJECT = "field"): FieldError {
  const path = pathOf(issue.path);
  const f = `"${path}"`;
  const noun = SUBJECT[subject];
  switch (issue.code) {
    case "invalid_type": {
      // zod 4 omits the input unless asked (reportInput); its default message still says "received undefined".
      const withInput = issue as { input?: unknown };
      const missing = "input" in withInput ? withInput.input === undefined : /received undefined/.test(issue.message);
      return missing
        ? { path, rule: "required", message: { zh: `${noun.zh} ${f} 为必填项`, en: `${noun.en} ${f} is required` } }
        : {
            path,
            rule: "type",
            message: { zh: `${noun.zh} ${f} 类型应为 ${issue.expected}`, en: `${noun.en} ${f} must be of type ${issue.expected}` },
          };
    }
    case "too_small": {
      const min = String(issue.minimum);
      if (issue.origin === "string")
        return { path, rule: "min_length", message: { zh: `${noun.zh} ${f} 至少 ${min} 个字符`, en: `${noun.en} ${f} must have at least ${min} characters` } };
      if (issue.origin === "array")
        return { path, rule: "min_items", message: { zh: `${noun.zh} ${f} 至少 ${min} 项`, en: `${noun.en} ${f} must have at least ${min} items` } };
      return { path, rule: "min", message: { zh: `${noun.zh} ${f} 不得小于 ${min}`, en: `${noun.en} ${f} must be at least ${min}` } };
    }
    case "too_big": {
      const max = String(issue.maximum);
      if (issue.origin === "string")
        return { path, rule: "max_length", message: { zh: `${noun.zh} ${f} 最多 ${max} 个字符`, en: `${noun.en} ${f} must have at most ${max} characters` } };
      if (issue.origin === "array")
        return { path, rule: "max_items", message: { zh: `${noun.zh} ${f} 最多 ${max} 项`, en: `${noun.en} ${f} must have at most ${max} items` } };
      return { path, rule: "max", message: { zh: `${noun.zh} ${f} 不得大于 ${max}`, en: `${noun.en} ${f} must be at most ${max}` } };
    }
    case "invalid_format":
      return {
        path,
        rule: `format:${issue.format}`,
        message: { zh: `${noun.zh} ${f} 格式不正确（应为 ${issue.format}）`, en: `${noun.en} ${f} has an invalid format (expected ${issue.format})` },
      };
    case "invalid_value":
      return {
        path,
        rule: "one_of",
        message: {
          zh: `${noun.zh} ${f} 取值应为：${issue.values.map(String).join("、")}`,
          en: `${noun.en} ${f} must be one of: ${issue.values.map(String).join(", ")}`,
        },
      };
    case "unrecognized_keys":
      return {
        path,
        rule: "unknown_keys",
        message: { zh: `不认识的字段：${issue.keys.join("、")}`, en: `Unknown fields: ${issue.keys.join(", ")}` },
      };
    case "custom": {
      // Custom refinements put a bilingual message in params so the rule reads well in both languages; "{field}" in it
      // stands for the field's path, for a schema used under several names.
      const params = (issue.params ?? {}) as { rule?: string; zh?: string; en?: string };
      return {
        path,
        rule: params.rule ?? "custom",
        message: { zh: params.zh?.replaceAll("{field}", f) ?? `${noun.zh} ${f}：${issue.message}`, en: params.en?.replaceAll("{field}", f) ?? `${noun.en} ${f}: ${issue.message}` },
      };
    }
    default:
      return { path, rule: issue.code, message: { zh: `${noun.zh} ${f} 无效：${issue.message}`, en: `${noun.en} ${f} is invalid: ${issue.message}` } };
  }
}

/** Builds the `invalid` error for a failed zod parse, listing every field that broke a rule. */
export function validationError(error: z.ZodError): DomainError {
  const fieldErrors = error.issues.map((i) => describeIssue(i));
  const first = fieldErrors[0];
  const more = fieldErrors.length > 1 ? fieldErrors.length - 1 : 0;
  return new DomainError({
    code: "VALIDATION_FAILED",
    kind: "invalid",
    text: {
      zh: first ? first.message.zh + (more ? `（另有 ${more} 处错误）` : "") : "输入无效",
      en: first ? first.message.en + (more ? ` (and ${more} more)` : "") : "Invalid input",
    },
    details: { fieldErrors },
  });
}

/** Parses with a schema and throws the bilingual `invalid` error on failure. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/** Shorthand for a bilingual refinement message: `.refine(fn, refineMessage("rule", zh, en))`. */
export function refineMessage(rule: string, zh: string, en: string) {
  return { message: en, params: { rule, zh, en } };
}
