import { createWriteStream } from "node:fs";
import { once } from "node:events";
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";

export interface TableColumn {
  key: string;
  header: string;
  /** xlsx column width in characters (default from the header). */
  width?: number;
}

export type CellValue = string | number | boolean | Date | null | undefined;
export type TableRows = Iterable<Record<string, CellValue>> | AsyncIterable<Record<string, CellValue>>;

export interface CsvOptions {
  columns: readonly TableColumn[];
  rows: TableRows;
  /** Prefix a UTF-8 BOM so Excel opens Chinese text correctly (default false: machine consumers dislike it). */
  bom?: boolean;
  /** Line ending, default "\n". */
  eol?: "\n" | "\r\n";
  /**
   * Neutralise cells a spreadsheet would run as a formula (=, @, or +/- not starting a number) with a leading
   * apostrophe, since reports echo what users uploaded (OWASP CSV injection). Default true.
   */
  escapeFormulas?: boolean;
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function cellString(v: CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/** One CSV record per RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled. */
export function csvLine(values: readonly CellValue[], opts: { escapeFormulas?: boolean } = {}): string {
  return values
    .map((v) => {
      let s = cellString(v);
      if ((opts.escapeFormulas ?? true) && typeof v === "string" && /^[=@+\-\t\r]/.test(s) && !NUMBER_TEXT.test(s)) s = `'${s}`;
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(",");
}

async function write(out: Writable, text: string) {
  if (!out.write(text)) await once(out, "drain");
}

/** Writes a CSV file (or stream) with a header row, honouring back-pressure; rows may be an async stream. */
export async function writeCsv(target: string | Writable, opts: CsvOptions): Promise<void> {
  const out = typeof target === "string" ? createWriteStream(target) : target;
  const eol = opts.eol ?? "\n";
  const esc = { escapeFormulas: opts.escapeFormulas ?? true };
  try {
    await write(out, (opts.bom ? "\uFEFF" : "") + csvLine(opts.columns.map((c) => c.header), esc) + eol);
    for await (const row of opts.rows) await write(out, csvLine(opts.columns.map((c) => row[c.key]), esc) + eol);
  } finally {
    if (typeof target === "string") {
      out.end();
      await once(out, "close");
    }
  }
}

export interface XlsxSheet {
  name: string;
  columns: readonly TableColumn[];
  rows: TableRows;
}

/**
 * Writes an xlsx workbook with exceljs's streaming writer (each row is committed as it is written, so memory stays
 * flat). Numbers are written as numbers, dates as dates; strings as inline strings (no shared-string table to hold).
 */
export async function writeXlsx(target: string | Writable, opts: { sheets: readonly XlsxSheet[] }): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    ...(typeof target === "string" ? { filename: target } : { stream: target }),
    useSharedStrings: false,
    useStyles: true,
  });
  for (const sheet of opts.sheets) {
    // Excel limits sheet names to 31 characters without []:*?/\ .
    const ws = workbook.addWorksheet(sheet.name.replace(/[[\]:*?/\\]/g, "_").slice(0, 31));
    ws.columns = sheet.columns.map((c) => ({ key: c.key, header: c.header, width: c.width ?? Math.max(10, c.header.length + 2) }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for await (const row of sheet.rows) {
      const values: Record<string, CellValue> = {};
      for (const c of sheet.columns) values[c.key] = row[c.key] ?? null;
      ws.addRow(values).commit();
    }
    ws.commit();
  }
  await workbook.commit();
}
