import { basename } from "node:path";
import { createAirReadingsStaging, createUnitOfWork, type DbHandle } from "@ecogov/db";
import { timedStaging, timedUnitOfWork, type Timers } from "./instrument";
import { systemClock } from "@ecogov/domain";
import { AIR_READINGS_TABLE_COLUMNS, AIR_STATIONS_TABLE_COLUMNS, airReadingPlainLines, importAirReadings, importAirStations, parseAirReadingRow, type AirImportSummary } from "@ecogov/domain/air";
import { readTableBatches, sha256File } from "@ecogov/files";

/** The real import path, as `pnpm ecogov air import` runs it: hash the file, stream its rows, import them. */
export async function importFile(handle: DbHandle, kind: "stations" | "readings", file: string, timers?: Timers): Promise<AirImportSummary> {
  const staging = createAirReadingsStaging(handle);
  const deps = {
    uow: timers ? timedUnitOfWork(handle.db, timers) : createUnitOfWork(handle.db),
    clock: systemClock,
    staging: timers ? timedStaging(staging, timers) : staging,
  };
  const input = { actor: null, file: { name: basename(file), sha256: await sha256File(file) } };
  return kind === "stations"
    ? importAirStations(deps, { ...input, rows: readTableBatches(file, { columns: AIR_STATIONS_TABLE_COLUMNS }) })
    : importAirReadings(deps, { ...input, rows: readTableBatches(file, { columns: AIR_READINGS_TABLE_COLUMNS, plainLines: airReadingPlainLines }) });
}

/**
 * The import's work before any database call: read the CSV and validate every row (no station lookup, no writes), as
 * the import reads it (plain lines by the fast path, the rest by the row rule).
 */
export async function parseOnly(file: string): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  let rows = 0;
  for await (const batch of readTableBatches(file, { columns: AIR_READINGS_TABLE_COLUMNS, plainLines: airReadingPlainLines })) {
    for (const r of batch) if ("values" in r && !("stationCode" in r)) parseAirReadingRow(r.values);
    rows += batch.length;
  }
  return { ms: performance.now() - started, rows };
}
