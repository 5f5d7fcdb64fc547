import { csvLine } from "@ecogov/files";
import { z } from "zod";

/**
 * Rows of a JSON list as a CSV table, its columns derived from the row's schema (so an empty list still has its header,
 * and a column never moves because a row lacks a value): a nested object — nullable or not — and a record keyed by an
 * enum spread into dotted columns (`statistics.pm25.value`, `category.zh`); a list stays one cell, its items joined by
 * ";"; null is an empty cell.
 */
export function csvColumns(schema: z.ZodType, prefix = ""): string[] {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([k, s]) => csvColumns(s, `${prefix}${k}.`));
  if (inner instanceof z.ZodRecord && unwrap(inner.keyType as z.ZodType) instanceof z.ZodEnum) {
    const keys = (unwrap(inner.keyType as z.ZodType) as z.ZodEnum).options as string[];
    return keys.flatMap((k) => csvColumns(inner.valueType as z.ZodType, `${prefix}${k}.`));
  }
  return [prefix.slice(0, -1)];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodNullable || s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  return s;
}

function cell(row: unknown, column: string): string {
  let v: unknown = row;
  for (const key of column.split(".")) v = v === null || v === undefined ? undefined : (v as Record<string, unknown>)[key];
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return v.map((x) => (typeof x === "object" && x !== null ? JSON.stringify(x) : String(x))).join(";");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/**
 * The table as CSV text for a spreadsheet: a UTF-8 byte-order mark (without it Excel reads the Chinese as mojibake),
 * CRLF line ends, cells quoted as RFC 4180 says and text that would start a formula escaped.
 */
export function csvTable(columns: readonly string[], rows: readonly unknown[]): string {
  const lines = [csvLine(columns), ...rows.map((r) => csvLine(columns.map((c) => cell(r, c))))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
