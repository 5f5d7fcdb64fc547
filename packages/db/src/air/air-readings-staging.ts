import { isReadingSpans, type AirReadingsStaging, type ReadingStatus } from "@ecogov/domain/air";
import { sql } from "kysely";
import type { DbHandle } from "../client";
import { boundsConstraint, isEmpty, monthBounds, partitionName, stagingName } from "./air-import.repository";
import { BinaryCopyBuffer, DECIMAL_ROOM, uuidBytes } from "./copy-binary";

const COPY_COLUMNS = ["line", "station_id", "time", "so2", "no2", "pm10", "pm25", "co", "o3", "status"] as const;

/**
 * Appends an import's valid readings to its staging tables (one per month, see `air-import.repository.ts`) with one
 * bulk COPY per flush and month, on its own connection (PostgreSQL: the server parses and writes while the importer
 * reads the next batch) or queued on PGlite's session.
 *
 * A month's staging table has the readings' own columns (plus `line`); rows go in COPY's binary format, so the server
 * parses nothing (see `copy-binary.ts`). It is created logged when the month has no partition yet, or an empty one — the merge can then attach it as the partition
 * (WAL written once, as any insert would) — and unlogged otherwise, as it is only read by the merge's upsert.
 */
export function createAirReadingsStaging(handle: DbHandle): AirReadingsStaging {
  const db = handle.db;

  /**
   * `created` is the writer's own: one import's tables, gone with it (the API's staging lives for the process). It holds
   * the creation itself, so two flushes that meet a new month at once create its table once.
   */
  function ensureTable(batchId: string, month: string, created: Map<string, Promise<string>>): Promise<string> {
    const name = stagingName(batchId, month);
    let table = created.get(name);
    if (!table) {
      table = createTable(batchId, month, name);
      created.set(name, table);
      table.catch(() => created.delete(name));
    }
    return table;
  }

  async function createTable(batchId: string, month: string, name: string): Promise<string> {
    const exists = (await sql<{ t: string | null }>`select to_regclass(${name})::text as t`.execute(db)).rows[0]?.t;
    if (!exists) {
      const part = partitionName(month);
      const fresh = !(await sql<{ t: string | null }>`select to_regclass(${part})::text as t`.execute(db)).rows[0]?.t || (await isEmpty(db, part));
      await db.transaction().execute(async (trx) => {
        await sql`create ${sql.raw(fresh ? "" : "unlogged")} table ${sql.table(name)} (like air_readings including defaults including constraints)`.execute(trx);
        await sql`alter table ${sql.table(name)} add column line integer not null, alter column import_id set default ${sql.lit(batchId)}`.execute(trx);
        if (fresh) {
          // Checked row by row as COPY writes (two comparisons), so attaching the table as the partition needs no scan.
          const b = await monthBounds(trx, month);
          await sql`alter table ${sql.table(name)} add constraint ${sql.id(boundsConstraint(name))}
            check (time >= ${sql.lit(b.from)}::timestamptz and time < ${sql.lit(b.to)}::timestamptz)`.execute(trx);
        }
      });
    }
    return name;
  }

  return {
    writer(batchId) {
      const created = new Map<string, Promise<string>>();
      let months = new Map<string, BinaryCopyBuffer>();
      let pending = 0;
      // New buffers start at the size the last flush needed, so a steady import does not regrow them.
      let lastSize = 256 * 1024;
      return {
        get pending() {
          return pending;
        },
        add(r) {
          let buf = months.get(r.month);
          if (!buf) months.set(r.month, (buf = new BinaryCopyBuffer(lastSize)));
          const v = r.values;
          // The six values' text is at most the span's length (commas included) or the texts' lengths.
          const spans = isReadingSpans(v);
          const text = spans ? v.valuesEnd - v.valuesStart : len(v.so2) + len(v.no2) + len(v.pm10) + len(v.pm25) + len(v.co) + len(v.o3);
          buf.row(COPY_COLUMNS.length, ROW_ROOM + text).int4(r.line).raw(idBytes(r.stationId)).timestamptz(r.epochHour * HOUR_MS);
          if (spans) buf.decimalList(v.bytes, v.valuesStart, v.valuesEnd);
          else buf.decimal(v.so2).decimal(v.no2).decimal(v.pm10).decimal(v.pm25).decimal(v.co).decimal(v.o3);
          buf.raw(STATUS_BYTES[r.status]);
          pending++;
        },
        async flush() {
          const taken = months;
          months = new Map();
          pending = 0;
          for (const [month, buf] of taken) {
            const bytes = buf.bytes();
            lastSize = Math.max(lastSize, bytes.length);
            await handle.copyIn(await ensureTable(batchId, month, created), COPY_COLUMNS, bytes, "binary");
          }
        },
      };
    },
  };
}

const HOUR_MS = 3_600_000;
/** A row's bytes besides its decimals' text: line 8, station 20, time 12, status ≤ 15, six decimals' headers. */
const ROW_ROOM = 8 + 20 + 12 + 15 + 6 * DECIMAL_ROOM;
const len = (t: string | null) => (t === null ? 0 : t.length);
const STATUS_BYTES: Record<ReadingStatus, Uint8Array> = { preliminary: Buffer.from("preliminary"), audited: Buffer.from("audited") };

/** Station ids as bytes, kept per id (a district's network is a few hundred stations). */
const idCache = new Map<string, Uint8Array>();
function idBytes(id: string): Uint8Array {
  let b = idCache.get(id);
  if (!b) {
    if (idCache.size >= 100_000) idCache.clear();
    idCache.set(id, (b = uuidBytes(id)));
  }
  return b;
}
