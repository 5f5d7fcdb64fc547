import type { BilingualText, FieldError } from "@ecogov/domain/errors";

/** What went wrong talking to the API, in both languages; pages show the one the visitor reads. */
export class ApiError extends Error {
  readonly code: string;
  readonly text: BilingualText;
  readonly status: number | null;
  readonly fieldErrors: FieldError[];

  constructor(opts: { code: string; text: BilingualText; status?: number | null; fieldErrors?: FieldError[] }) {
    super(opts.text.en);
    this.name = "ApiError";
    this.code = opts.code;
    this.text = opts.text;
    this.status = opts.status ?? null;
    this.fieldErrors = opts.fieldErrors ?? [];
  }
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError({
    code: "UNEXPECTED",
    text: { zh: "页面出现意外错误，请刷新后重试", en: "Something unexpected went wrong; please reload the page" },
  });
}

export function isBilingual(v: unknown): v is BilingualText {
  return typeof v === "object" && v !== null && typeof (v as BilingualText).zh === "string" && typeof (v as BilingualText).en === "string";
}
