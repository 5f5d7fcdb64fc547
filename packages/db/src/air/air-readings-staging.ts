import type { AirReadingsStaging } from "@ecogov/domain/air";
import { sql } from "kysely";
import type { DbHandle } from "../client";
import { isEmpty, partitionName, stagingName } from "./air-import.repository";

const COPY_COLUMNS = ["line", "station_id", "time", "so2", "no2", "pm10", "pm25", "co", "o3", "status"] as const;

/**
 * Appends an import's valid readings to its staging tables (one per month, see `air-import.repository.ts`) with one
 * bulk COPY per flush and month, on its own connection (PostgreSQL: the server parses and writes while the importer
 * reads the next batch) or queued on PGlite's session.
 *
 * A month's staging table has the readings' own columns (plus `line`) and typed values, so parsing happens once, in
 * COPY. It is created logged when the month has no partition yet, or an empty one — the merge can then attach it as the partition
 * (WAL written once, as any insert would) — and unlogged otherwise, as it is only read by the merge's upsert.
 * Values in COPY text need no escaping: ids are uuids, times ISO instants, values validated decimals.
 */
export function createAirReadingsStaging(handle: DbHandle): AirReadingsStaging {
  const db = handle.db;

  /** `created` is the writer's own: names of one import's tables, gone with it (the API's staging lives for the process). */
  async function ensureTable(batchId: string, month: string, created: Set<string>): Promise<string> {
    const name = stagingName(batchId, month);
    if (created.has(name)) return name;
    const exists = (await sql<{ t: string | null }>`select to_regclass(${name})::text as t`.execute(db)).rows[0]?.t;
    if (!exists) {
      const part = partitionName(month);
      const fresh = !(await sql<{ t: string | null }>`select to_regclass(${part})::text as t`.execute(db)).rows[0]?.t || (await isEmpty(db, part));
      await db.transaction().execute(async (trx) => {
        await sql`create ${sql.raw(fresh ? "" : "unlogged")} table ${sql.table(name)} (like air_readings including defaults including constraints)`.execute(trx);
        await sql`alter table ${sql.table(name)} add column line integer not null, alter column import_id set default ${sql.lit(batchId)}`.execute(trx);
      });
    }
    created.add(name);
    return name;
  }

  return {
    writer(batchId) {
      const created = new Set<string>();
      let months = new Map<string, CopyBuffer>();
      let pending = 0;
      // New buffers start at the size the last flush needed, so a steady import does not regrow them.
      let lastSize = 256 * 1024;
      return {
        get pending() {
          return pending;
        },
        add(r) {
          let buf = months.get(r.month);
          if (!buf) months.set(r.month, (buf = new CopyBuffer(lastSize)));
          const v = r.values;
          buf.write(`${r.line}\t${r.stationId}\t${r.timeUtc}\t${nul(v.so2)}\t${nul(v.no2)}\t${nul(v.pm10)}\t${nul(v.pm25)}\t${nul(v.co)}\t${nul(v.o3)}\t${r.status}\n`);
          pending++;
        },
        async flush() {
          const taken = months;
          months = new Map();
          pending = 0;
          for (const [month, buf] of taken) {
            const bytes = buf.bytes();
            lastSize = Math.max(lastSize, bytes.length);
            await handle.copyIn(await ensureTable(batchId, month, created), COPY_COLUMNS, bytes);
          }
        },
      };
    },
  };
}

const nul = (v: string | null) => (v === null ? "\\N" : v);

/**
 * COPY text collected in a growing byte buffer: a batch of rows lives outside the JS heap instead of as thousands of
 * strings that would outlive the young generation and be promoted (measured: major GCs took most of a year's import).
 */
class CopyBuffer {
  private buf: Buffer;
  private used = 0;
  // Lines are joined 256 at a time (one flat string, not a rope of appends) and written with one Buffer.write.
  private lines: string[] = [];
  constructor(size = 256 * 1024) {
    this.buf = Buffer.allocUnsafe(size);
  }
  write(line: string): void {
    if (this.lines.push(line) === 256) this.spill();
  }
  bytes(): Buffer {
    this.spill();
    return this.buf.subarray(0, this.used);
  }
  private spill(): void {
    if (!this.lines.length) return;
    const text = this.lines.join("");
    this.lines.length = 0;
    // COPY lines here are ASCII (ids, ISO instants, decimals, status words), so one byte per character.
    if (this.used + text.length > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.used + text.length));
      this.buf.copy(next, 0, 0, this.used);
      this.buf = next;
    }
    this.used += this.buf.write(text, this.used, "latin1");
  }
}
