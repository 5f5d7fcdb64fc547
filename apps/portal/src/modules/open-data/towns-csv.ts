import type { PublicTown } from "../../api";

/** The CSV columns are the API's field names, so the file and `/api/v1/district` read the same way. */
export const TOWN_CSV_COLUMNS = ["code", "name", "nameEn", "kind", "population", "areaKm2"] as const satisfies readonly (keyof PublicTown)[];

/**
 * One CSV cell (RFC 4180). Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR)
 * gets a leading apostrophe; numbers are written as they are; null is an empty cell.
 */
export function toCsvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The towns table as CSV text: a header row, one row per town, CRLF line ends. */
export function townsToCsv(towns: readonly PublicTown[]): string {
  const rows = [TOWN_CSV_COLUMNS.join(","), ...towns.map((town) => TOWN_CSV_COLUMNS.map((c) => toCsvCell(town[c])).join(","))];
  return `${rows.join("\r\n")}\r\n`;
}

/** A link target for the CSV. The byte-order mark makes Excel read the Chinese names as UTF-8. */
export function csvDataUrl(csv: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${csv}`)}`;
}
