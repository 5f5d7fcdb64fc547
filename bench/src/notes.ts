/** Reading notes for BENCHMARKS.md: what the figures mean, beyond the table. */
export const NOTES = [
  "**Import**: the rows \"time inside the import repository\" split the real import: staging (`stageReadings`, batches " +
    "of rows sent with `unnest`) and the merge into `air_readings` (`mergeStaged`); the remainder is CSV parsing and the " +
    "row rules in JS, which wait while a batch is written (parsing and writing alternate, so one of the 2 cores idles).",
  "**What bounds the import**: \"COPY straight into air_readings\" is the cost of the real table itself (month " +
    "partitions, primary key, the foreign key to `air_stations`), with no parsing or staging at all; \"without the foreign " +
    "key\" shows what that key's per-row check costs. \"CSV read + row validation alone\" is what the JS side costs before " +
    "any database work. Together they bound what a row-by-row import can reach against bare COPY.",
  "**Recomputation**: \"time inside the results repository\" splits the daily recomputation into reading the hours, " +
    "writing station-days and district-days; reading the next chunk overlaps computing the current one, so the parts may " +
    "add up to more than the total. Period figures are computed on request from the stored days.",
  "**Incremental**: the import reports the stations and days it changed (`affected`); the recomputation is run for " +
    "exactly those, as the `air.recompute` job does after an upload. The year's period figures are then asked for again.",
  "**HTTP**: `/api/v1/district` does two repository reads per request and validates its response; the bare handler " +
    "returns the same body as a constant. Both run in process through `app.fetch`, one request at a time.",
  "**Memory**: uncapped, V8 lets garbage grow with the work, so the year's import peaks higher than the quarter's; under " +
    "the same heap cap both peak alike, so what the import keeps is bounded by its batch size, not the file. PGlite's RSS " +
    "includes its WASM heap (shared buffers, the data being written), which does not shrink.",
];
