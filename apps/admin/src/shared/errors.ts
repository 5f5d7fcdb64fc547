import { describeIssue, type BilingualText, type FieldError } from "@ecogov/domain";

/** An error as the UI shows it: a bilingual summary and, for bad input, one entry per field. */
export interface UiError {
  code: string;
  text: BilingualText;
  fieldErrors: FieldError[];
  httpStatus: number | null;
}

const NETWORK_TEXT: BilingualText = {
  zh: "无法连接服务器，请检查网络后重试。",
  en: "Cannot reach the server; check the connection and try again.",
};
const UNKNOWN_TEXT: BilingualText = { zh: "发生未知错误，请稍后再试。", en: "Something went wrong; please try again later." };

interface WireDomainError {
  code?: unknown;
  text?: { zh?: unknown; en?: unknown };
  details?: { fieldErrors?: unknown } | null;
}

function isBilingual(value: unknown): value is BilingualText {
  const v = value as { zh?: unknown; en?: unknown } | null;
  return !!v && typeof v.zh === "string" && typeof v.en === "string";
}

function isFieldError(value: unknown): value is FieldError {
  const v = value as Partial<FieldError> | null;
  return !!v && typeof v.path === "string" && typeof v.rule === "string" && isBilingual(v.message);
}

/**
 * Reads what the API put in `error.data.domainError` (code, bilingual text, field errors) from a
 * tRPC client error; anything else becomes a network or generic error, never a stack trace.
 */
export function toUiError(err: unknown): UiError {
  const data = (err as { data?: { domainError?: WireDomainError; httpStatus?: unknown } | null } | null)?.data;
  const domain = data?.domainError;
  const httpStatus = typeof data?.httpStatus === "number" ? data.httpStatus : null;
  if (domain && isBilingual(domain.text)) {
    const raw = domain.details?.fieldErrors;
    return {
      code: typeof domain.code === "string" ? domain.code : "UNKNOWN",
      text: { zh: domain.text.zh, en: domain.text.en },
      fieldErrors: Array.isArray(raw) ? raw.filter(isFieldError) : [],
      httpStatus,
    };
  }
  if (isNetworkFailure(err)) return { code: "NETWORK", text: NETWORK_TEXT, fieldErrors: [], httpStatus: null };
  return { code: "UNKNOWN", text: UNKNOWN_TEXT, fieldErrors: [], httpStatus };
}

function isNetworkFailure(err: unknown): boolean {
  const e = err as { cause?: unknown; message?: unknown } | null;
  if (err instanceof TypeError || e?.cause instanceof TypeError) return true;
  return typeof e?.message === "string" && /failed to fetch|networkerror|fetch failed|load failed/i.test(e.message);
}

/** Whether an error says the session is gone (the user has to log in again). */
export function isUnauthorized(err: unknown): boolean {
  return toUiError(err).code === "AUTH_REQUIRED";
}

/** Whether retrying could help: network failures and server errors, not bad input or missing rights. */
export function isRetryable(err: unknown): boolean {
  const ui = toUiError(err);
  return ui.code === "NETWORK" || (ui.httpStatus !== null && ui.httpStatus >= 500);
}

/**
 * Field errors keyed by field path, in one language. Domain messages name the field by its path
 * (`字段 "password" 至少 10 个字符`); where the form knows the field's label, the label replaces it.
 */
export function fieldErrorsByPath(
  fieldErrors: readonly FieldError[],
  lang: "zh-CN" | "en",
  labels: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const fe of fieldErrors) {
    const label = labels[fe.path];
    let message = lang === "en" ? fe.message.en : fe.message.zh;
    if (label) message = message.replace(`"${fe.path}"`, lang === "en" ? `"${label}"` : `“${label}”`);
    out[fe.path] = out[fe.path] ? `${out[fe.path]}${lang === "en" ? "; " : "；"}${message}` : message;
  }
  return out;
}

type Issue = Parameters<typeof describeIssue>[0];

/** The part of a zod schema forms need: `safeParse`. Keeps zod itself out of the app's imports. */
export interface SafeParser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } };
}

/** Validates form input with the same domain schema the API uses; failures come out as field errors. */
export function validateInput<T>(schema: SafeParser<T>, value: unknown): { ok: true; data: T } | { ok: false; fieldErrors: FieldError[] } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, fieldErrors: result.error.issues.map(describeFormIssue) };
}

/**
 * Like `describeIssue`, except that an empty required text field reads "required" (not "at least
 * 1 character"), which is how a form user sees it.
 */
function describeFormIssue(issue: Issue): FieldError {
  const i = issue as { code: string; origin?: string; minimum?: unknown; path: PropertyKey[] };
  if (i.code === "too_small" && i.origin === "string" && Number(i.minimum) === 1) {
    return describeIssue({ code: "invalid_type", expected: "string", path: i.path, input: undefined, message: "" } as Issue);
  }
  return describeIssue(issue);
}
