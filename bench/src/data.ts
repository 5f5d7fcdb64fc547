import { createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { airReadingsCsvChunks, airStationsCsv, benchAirStations, type DemoAirStation } from "@ecogov/db";
import { writeFile } from "node:fs/promises";

/** A benchmark year that crosses 2026-03-01, so the recomputation runs both rule sets (HJ 633-2012 and -2026). */
export const BENCH_FROM = "2025-09-01";
export const BENCH_TO = "2026-08-31";
/** The smaller file for the memory check: the first quarter of the same year. */
export const QUARTER_TO = "2025-11-30";
/** The day re-imported with corrected values for the incremental recomputation. */
export const INCREMENTAL_DAY = "2026-03-10";

export interface BenchFiles {
  stations: DemoAirStation[];
  stationsFile: string;
  yearFile: string;
  yearRows: number;
  yearBytes: number;
  quarterFile: string;
  quarterRows: number;
  quarterBytes: number;
  dayFile: string;
  dayRows: number;
  generateMs: number;
}

async function writeReadings(path: string, stations: DemoAirStation[], from: string, to: string, seed?: number): Promise<{ rows: number; bytes: number }> {
  let rows = -1;
  const counted = (function* () {
    for (const chunk of airReadingsCsvChunks({ stations, from, to, seed, gaps: false, scenarios: [] })) {
      for (let i = chunk.indexOf("\n"); i !== -1; i = chunk.indexOf("\n", i + 1)) rows++;
      yield chunk;
    }
  })();
  await pipeline(Readable.from(counted), createWriteStream(path));
  return { rows, bytes: (await stat(path)).size };
}

/**
 * Writes the benchmark files: `count` stations with a full year of hourly rows (no gaps, so exactly
 * count × 8,760), the first quarter of it, and one day again with other values (a corrected re-delivery).
 */
export async function writeBenchFiles(dir: string, count: number): Promise<BenchFiles> {
  const started = performance.now();
  const stations = benchAirStations(count);
  const stationsFile = join(dir, "stations.csv");
  await writeFile(stationsFile, airStationsCsv(stations));
  const yearFile = join(dir, "readings-year.csv");
  const year = await writeReadings(yearFile, stations, BENCH_FROM, BENCH_TO);
  const quarterFile = join(dir, "readings-quarter.csv");
  const quarter = await writeReadings(quarterFile, stations, BENCH_FROM, QUARTER_TO);
  const dayFile = join(dir, "readings-day.csv");
  const day = await writeReadings(dayFile, stations, INCREMENTAL_DAY, INCREMENTAL_DAY, 7);
  return {
    stations,
    stationsFile,
    yearFile,
    yearRows: year.rows,
    yearBytes: year.bytes,
    quarterFile,
    quarterRows: quarter.rows,
    quarterBytes: quarter.bytes,
    dayFile,
    dayRows: day.rows,
    generateMs: performance.now() - started,
  };
}
