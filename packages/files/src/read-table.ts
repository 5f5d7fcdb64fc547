import { createReadStream, statSync } from "node:fs";
import { extname } from "node:path";
import { setImmediate } from "node:timers/promises";
import { PassThrough, Transform, type Readable, type TransformCallback } from "node:stream";
import ExcelJS from "exceljs";
import { cellText } from "./cell-text";
import { CsvSyntaxError, readCsvRecords, type PlainLineParser, type PlainLines } from "./csv-records";
import { TableFileError, type Bilingual } from "./table-file-error";

export type TableFormat = "csv" | "xlsx";

/** The columns a caller expects; matched case-insensitively after trimming, rows are keyed by these names. */
export interface TableColumns {
  required: readonly string[];
  optional?: readonly string[];
  /** Columns in the file that are neither required nor optional: an error (default) or dropped. */
  unknown?: "error" | "ignore";
}

export interface ReadTableOptions<T = never> {
  /** Default: from the file name's extension (.xlsx → xlsx, anything else → csv); required for a stream source. */
  format?: TableFormat;
  columns?: TableColumns;
  /** Called as bytes are consumed (compressed bytes for xlsx); `totalBytes` is null when unknown. */
  onProgress?(bytesRead: number, totalBytes: number | null): void;
  /** Size of a stream source, for progress; a path's size is read from the file system. */
  totalBytes?: number;
  /** xlsx: which worksheet (1-based position), default the first. */
  sheet?: number;
  /**
   * xlsx: the UTC offset a date-time cell was typed in (e.g. "+08:00"). Excel stores no time zone, so by default
   * such a cell reads as `YYYY-MM-DD HH:mm`; with this option it reads as ISO 8601 `YYYY-MM-DDTHH:mm+08:00`.
   * Text cells are never changed.
   */
  dateTimeOffset?: string;
  /**
   * CSV only, for bulk imports: given the header's cells, may return a parser for plain lines (no quotes), which is
   * offered every such line after the header's chunk; what it returns is yielded in the row's place (so it should
   * carry the line number), and a line it declines is read as an ordinary row. Lets a large file's common lines skip
   * building a row object per line (a readings file: about half of its reading time).
   */
  plainLines?: (header: readonly string[]) => PlainLineParser<T> | null;
}

/**
 * One data row: its line in the file (CSV: the physical line where the record starts, header = line 1; xlsx: the
 * sheet's row number) and its trimmed cell texts by column name. `problem` is set when the row itself is malformed
 * (CSV field count differs from the header); the caller rejects such a row with that reason.
 */
export interface TableRow {
  line: number;
  values: Record<string, string>;
  problem?: Bilingual;
}

interface RawRecord {
  line: number;
  cells: string[];
}

/**
 * Reads a CSV or xlsx table as a stream of rows, memory flat in file size: CSV records are tokenised chunk by chunk
 * (`readCsvRecords`, RFC 4180), exceljs's
 * streaming WorkbookReader streams worksheet rows (sheets stored before the shared strings are spooled to a temp
 * file by exceljs, not held in memory). The first non-blank row is the header (UTF-8 BOM removed, names trimmed);
 * blank rows are skipped. Throws `TableFileError` (bilingual) for a file that is not a table of the expected
 * columns — before the first row is yielded, so a caller can write nothing — and, at its end, for a header with no
 * data rows.
 */
export async function* readTable(source: string | Readable, opts: Omit<ReadTableOptions, "plainLines"> = {}): AsyncGenerator<TableRow> {
  for await (const batch of readTableBatches(source, opts)) yield* batch;
}

/**
 * `readTable` in batches (a CSV chunk's rows at a time): one await per batch instead of per row, which is most of the
 * reader's cost on a large file. Same rows, lines, problems and errors.
 */
export async function* readTableBatches<T = never>(source: string | Readable, opts: ReadTableOptions<T> = {}): AsyncGenerator<(TableRow | T)[]> {
  const format = opts.format ?? (typeof source === "string" ? formatOf(source) : null);
  if (!format) throw new TableFileError({ code: "TABLE_UNSUPPORTED_FORMAT", text: { zh: "未指定文件格式（csv 或 xlsx）", en: "File format not given (csv or xlsx)" } });
  const total = typeof source === "string" ? sizeOf(source) : (opts.totalBytes ?? null);
  const input = typeof source === "string" ? createReadStream(source, { highWaterMark: 64 * 1024 }) : source;
  const counted = countBytes(input, (n) => opts.onProgress?.(n, total));
  const plain: PlainLines<T> = { parse: null };
  const batches: AsyncGenerator<(RawRecord | T)[]> = format === "csv" ? readCsvRecords(counted, plain) : readXlsx(counted, opts.sheet ?? 1, opts.dateTimeOffset);

  let header: ReturnType<typeof mapHeader> | null = null;
  let dataRows = 0;
  try {
    for await (const batch of batches) {
      const rows: (TableRow | T)[] = [];
      for (const item of batch) {
        if (!isRecord(item)) {
          rows.push(item);
          continue;
        }
        const rec = item;
        if (isBlank(rec.cells)) continue;
        if (!header) {
          header = mapHeader(rec.cells, opts.columns);
          if (opts.plainLines && format === "csv") plain.parse = opts.plainLines(rec.cells.map((c) => c.replace(/^\uFEFF/, "").trim()));
          continue;
        }
        const row: TableRow = { line: rec.line, values: header.values(rec.cells) };
        if (format === "csv" && rec.cells.length !== header.width) {
          const extra = rec.cells.slice(header.width).some((c) => c.trim() !== "");
          if (rec.cells.length < header.width || extra) {
            row.problem = {
              zh: `该行有 ${rec.cells.length} 个字段，表头有 ${header.width} 个（可能含未加引号的逗号）`,
              en: `The row has ${rec.cells.length} fields but the header has ${header.width} (an unquoted comma?)`,
            };
          }
        }
        rows.push(row);
      }
      dataRows += rows.length;
      if (rows.length) yield rows;
      // Chunks already buffered resolve as microtasks, which never give the event loop its I/O phase: a consumer
      // writing to a socket meanwhile (an import's bulk COPY) would stall until the file ends.
      await setImmediate();
    }
  } catch (e) {
    if (e instanceof TableFileError) throw e;
    if (e instanceof CsvSyntaxError) {
      throw new TableFileError({
        code: "TABLE_UNREADABLE",
        text: { zh: `无法读取 CSV 文件：第 ${e.line} 行起引号格式错误`, en: `Cannot read the CSV file: ${e.message}` },
        cause: e,
      });
    }
    throw new TableFileError({
      code: "TABLE_UNREADABLE",
      text: {
        zh: `无法读取${format === "csv" ? " CSV" : " xlsx "}文件：${(e as Error).message}`,
        en: `Cannot read the ${format} file: ${(e as Error).message}`,
      },
      cause: e,
    });
  } finally {
    input.destroy();
  }
  if (!header) throw new TableFileError({ code: "TABLE_EMPTY", text: { zh: "文件为空，没有表头", en: "The file is empty: no header row" } });
  // A header alone is a file exported from the wrong sheet or cut short, not "nothing to change": said as such rather
  // than recorded as an import of 0 rows.
  if (dataRows === 0) throw new TableFileError({ code: "TABLE_NO_ROWS", text: { zh: "文件只有表头，没有数据行", en: "The file has a header but no data rows" } });
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch (e) {
    throw new TableFileError({ code: "TABLE_UNREADABLE", text: { zh: `无法打开文件：${path}`, en: `Cannot open the file: ${path}` }, cause: e });
  }
}

export function formatOf(fileName: string): TableFormat {
  return extname(fileName).toLowerCase() === ".xlsx" ? "xlsx" : "csv";
}

function countBytes(input: Readable, report: (bytes: number) => void): Readable {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      bytes += chunk.length;
      report(bytes);
      cb(null, chunk);
    },
  });
  input.on("error", (e) => counter.destroy(e));
  return input.pipe(counter);
}

/** A record of the CSV or xlsx reader, not what a `plainLines` parser returned (which never has `cells`). */
const isRecord = <T>(item: RawRecord | T): item is RawRecord => (item as RawRecord).cells !== undefined;

function isBlank(cells: string[]): boolean {
  for (const c of cells) if (c !== "" && c.trim() !== "") return false;
  return true;
}

async function* readXlsx(input: Readable, sheet: number, dateTimeOffset: string | undefined): AsyncGenerator<RawRecord[]> {
  // exceljs reads the zip with unzipper, which wants a plain stream it can pipe from.
  const stream = input.pipe(new PassThrough());
  input.on("error", (e) => stream.destroy(e));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", entries: "ignore" });
  let position = 0;
  for await (const worksheet of reader) {
    position++;
    if (position !== sheet) {
      // Drain a sheet we do not want so the zip stream moves on.
      for await (const _row of worksheet) void _row;
      continue;
    }
    // Rows in batches, as CSV chunks are: the consumer's per-batch work (and its yield to the event loop) is not per row.
    let batch: RawRecord[] = [];
    for await (const row of worksheet) {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        cells[col - 1] = cellText(cell.value, cell.numFmt, dateTimeOffset);
      });
      for (let i = 0; i < cells.length; i++) cells[i] ??= "";
      batch.push({ line: row.number, cells });
      if (batch.length === 2_000) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }
}

function mapHeader(cells: string[], columns: TableColumns | undefined) {
  const names = new Map<number, string>();
  const seen = new Map<string, number>();
  const duplicates: string[] = [];
  let width = cells.length;
  // Trailing empty header cells (a spreadsheet's formatted but unused columns) do not count.
  while (width > 0 && (cells[width - 1] ?? "").trim() === "") width--;
  const known = columns ? [...columns.required, ...(columns.optional ?? [])] : [];
  const byLower = new Map(known.map((k) => [k.toLowerCase(), k]));
  const unknown: string[] = [];
  for (let i = 0; i < width; i++) {
    const text = (cells[i] ?? "").replace(/^\uFEFF/, "").trim();
    if (!text) continue;
    const name = columns ? byLower.get(text.toLowerCase()) : text;
    if (!name) {
      unknown.push(text);
      continue;
    }
    if (seen.has(name)) duplicates.push(name);
    seen.set(name, i);
    names.set(i, name);
  }
  if (duplicates.length) {
    throw new TableFileError({
      code: "TABLE_DUPLICATE_COLUMNS",
      text: { zh: `表头中列重复：${duplicates.join("、")}`, en: `Duplicate columns in the header: ${duplicates.join(", ")}` },
    });
  }
  if (columns) {
    const missing = columns.required.filter((c) => !seen.has(c));
    if (missing.length) {
      throw new TableFileError({
        code: "TABLE_MISSING_COLUMNS",
        missing,
        unknown,
        text: {
          zh: `缺少必需的列：${missing.join("、")}（表头应为：${columns.required.join(",")}）`,
          en: `Missing required columns: ${missing.join(", ")} (the header must be: ${columns.required.join(",")})`,
        },
      });
    }
    if (unknown.length && (columns.unknown ?? "error") === "error") {
      throw new TableFileError({
        code: "TABLE_UNKNOWN_COLUMNS",
        unknown,
        text: {
          zh: `不认识的列：${unknown.join("、")}（可用的列：${known.join(",")}）`,
          en: `Unknown columns: ${unknown.join(", ")} (allowed: ${known.join(",")})`,
        },
      });
    }
  }
  return { names, values: rowFactory([...names.keys()], [...names.values()]), width };
}

/**
 * A function from a record's cells to its trimmed values by column name, compiled once per file as one object
 * literal: every row then shares one hidden class and no property is added by a computed key (a keyed store per cell
 * was a tenth of a large import's reading time, profiled). Names are embedded as JSON string literals, so a header's
 * text cannot become code.
 */
function rowFactory(indexes: number[], keys: string[]): (cells: string[]) => Record<string, string> {
  // A literal `"__proto__": v` would set the prototype; as a computed key it is a plain property like the others.
  const props = keys.map((k, i) => `${k === "__proto__" ? `[${JSON.stringify(k)}]` : JSON.stringify(k)}: t(c[${indexes[i]!}])`).join(", ");
  const make = new Function("t", `return (c) => ({ ${props} });`) as (t: (v: string | undefined) => string) => (cells: string[]) => Record<string, string>;
  return make((v) => (v === undefined ? "" : v.trim()));
}
