/**
 * Streaming tabular files: read CSV / xlsx as rows with header checks (`readTable`), write CSV and xlsx
 * (`writeCsv`, `writeXlsx`). Imports nothing of ours (tooling/lint/check-boundaries.mjs).
 */
export { readTable, readTableBatches, formatOf, type ReadTableOptions, type TableColumns, type TableFormat, type TableRow } from "./read-table";
export type { PlainLineParser } from "./csv-records";
export { writeCsv, writeXlsx, csvLine, type CellValue, type CsvOptions, type TableColumn, type TableRows, type XlsxSheet } from "./write-table";
export { TableFileError, isTableFileError, type Bilingual, type TableFileErrorCode } from "./table-file-error";
export { cellText } from "./cell-text";
export { sha256File } from "./hash-file";
