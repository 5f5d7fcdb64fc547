/** A message in both UI languages (the same shape as the domain's BilingualText; this package imports nothing of ours). */
export interface Bilingual {
  zh: string;
  en: string;
}

export type TableFileErrorCode =
  | "TABLE_EMPTY"
  | "TABLE_NO_ROWS"
  | "TABLE_MISSING_COLUMNS"
  | "TABLE_UNKNOWN_COLUMNS"
  | "TABLE_DUPLICATE_COLUMNS"
  | "TABLE_UNREADABLE"
  | "TABLE_UNSUPPORTED_FORMAT";

/**
 * The whole file cannot be read as a table (no header, missing or unknown columns, broken CSV quoting, not an
 * xlsx). Callers turn it into a 400 / exit code 1; nothing of the file should be kept.
 */
export class TableFileError extends Error {
  readonly code: TableFileErrorCode;
  readonly text: Bilingual;
  readonly missing: string[];
  readonly unknown: string[];

  constructor(opts: { code: TableFileErrorCode; text: Bilingual; missing?: string[]; unknown?: string[]; cause?: unknown }) {
    super(opts.text.en, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "TableFileError";
    this.code = opts.code;
    this.text = opts.text;
    this.missing = opts.missing ?? [];
    this.unknown = opts.unknown ?? [];
  }
}

export function isTableFileError(e: unknown): e is TableFileError {
  return e instanceof TableFileError;
}
