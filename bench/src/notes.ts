/** Reading notes for BENCHMARKS.md: what the figures mean, beyond the table. */
export const NOTES = [
  "**Import** (design in docs/adr/0002): validated rows are encoded in COPY's binary format and sent in bulk " +
    "(`staging.flush`, two flushes in flight, each on its own connection on PostgreSQL, while the next batch is read and " +
    "validated, so JS and the database keep both cores busy); a month without rows gets its staging table attached as its partition after its primary key, foreign " +
    "key and per-station counts are built (`prepareStaged`, each month as soon as the file has moved past it, on its own " +
    "connection while later months are staged) and `mergeStaged` attaches them; " +
    "months that already hold rows are upserted instead. The bench's year lands in partitions the memory check left " +
    "empty (a truncate), which the import replaces. The headline is the round with the median ratio of five, each round a " +
    "bare COPY then the import, because this machine's timings swing by a third from run to run.",
  "**What bounds the import**: the \"database floor\" row is the first-load path's database work alone (binary COPY " +
    "into a table as wide as the readings, then one primary-key build), with no JS at all; the real import adds reading and " +
    "validating every row in JS, which competes with the database for the two cores. \"COPY straight into " +
    "air_readings\" is the alternative of loading the keyed, foreign-keyed table directly (per-row key and foreign-key " +
    "checks), and \"COPY to staging + one upsert\" the previous design.",
  "**Recomputation**: \"time inside the results repository\" splits the daily recomputation into reading the hours, " +
    "writing station-days and district-days; a chunk is a month of days for all the stations, the next two chunks are " +
    "read while the current one is computed, so the parts may add up to more than the total. \"Its reads … alone\" runs " +
    "the same twelve month reads again one after the other, without parsing or computing: the database's share, which on " +
    "PGlite (one thread for the database and the computing) is most of the total. Period figures are computed on request " +
    "from the stored days.",
  "**Incremental**: the import reports the stations and days it changed (`affected`); the recomputation is run for " +
    "exactly those, as the `air.recompute` job does after an upload. The year's period figures are then asked for again: " +
    "the districts' (what the dashboard, the public pages and the open-data period endpoint read), then with every " +
    "station's as well (the station ranking table).",
  "**HTTP**: `/api/v1/district` does two repository reads per request and validates its response; the bare handler " +
    "returns the same body as a constant. Both run in process through `app.fetch`, one request at a time.",
  "**Memory**: uncapped, V8 lets garbage grow with the work, so the year's import peaks higher than the quarter's; under " +
    "the same heap cap both peak alike, so what the import keeps is bounded by its batch size, not the file. PGlite's RSS " +
    "includes its WASM heap (shared buffers, the data being written), which does not shrink.",
];
