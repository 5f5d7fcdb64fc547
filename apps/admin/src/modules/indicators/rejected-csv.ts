import type { BilingualText } from "@ecogov/domain";

/**
 * One CSV cell (RFC 4180). Text a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading
 * apostrophe, so a rejected row copied from a file cannot run in Excel when the report is opened.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const REJECTED_CSV_HEADER = ["line", "field", "reason_zh", "reason_en", "raw"] as const;

/** A rejected row of an air or water import (water rows name no column). */
export interface RejectedRowLike {
  line: number;
  field?: string | null;
  reason: BilingualText;
  raw?: string;
}

/** The rejected rows of an import as CSV: line, column at fault, the reason in both languages, the row as read. */
export function rejectedRowsCsv(rows: readonly RejectedRowLike[]): string {
  const lines = rows.map((r) => [r.line, r.field ?? null, r.reason.zh, r.reason.en, r.raw ?? null].map(csvCell).join(","));
  return `${[REJECTED_CSV_HEADER.join(","), ...lines].join("\r\n")}\r\n`;
}

/** A download link target; the byte-order mark makes Excel read the Chinese reasons as UTF-8. */
export function csvDataUrl(csv: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${csv}`)}`;
}
