import type { Actor } from "../auth/auth.schema";
import type { BilingualText } from "../shared/domain-error";
import type { Clock, UnitOfWork } from "../shared/ports";
import { hourSlotOf } from "./civil-date";
import type { AirImportRepos, AirReadingsStaging, ImportKind, PreparedMonth, ReadiedMonth, RejectedRow, SupersededRow } from "./air-import.ports";
import type { Pollutant } from "./air.schema";
import {
  AIR_READING_COLUMNS,
  AIR_READING_OPTIONAL_COLUMNS,
  AIR_STATION_COLUMNS,
  latin1Text,
  parseAirReadingRow,
  parseAirStationRow,
  type AirReadingLine,
  type AirReadingRow,
  type AirStationRow,
  type ReadingValues,
} from "./import.rules";

export interface AirImportDeps {
  uow: UnitOfWork<AirImportRepos>;
  clock: Clock;
  /** Where readings are appended before the merge (bulk, outside transactions); stations imports do not use it. */
  staging: AirReadingsStaging;
}

/** A row as a table reader yields it (see @ecogov/files `TableRow`): file line, cell texts by column, any defect. */
export interface RawImportRow {
  line: number;
  values: Record<string, string | undefined>;
  problem?: BilingualText;
}

export interface AirImportInput<Row = RawImportRow> {
  /** Rows one by one, or in arrays (a table reader's batches: one await per batch instead of per row). */
  rows: AsyncIterable<Row | readonly Row[]> | Iterable<Row | readonly Row[]>;
  file: { name: string; sha256: string };
  /** null = the command line / system. */
  actor: Actor | null;
  requestId?: string | null;
  /** Rows per staging write (default 20,000). */
  batchSize?: number;
  /** Rejected rows kept in the summary and the batch record (default 1,000); all of them go to `onRejected`. */
  maxRejectedRows?: number;
  /** Receives every rejected row, for a full report file. */
  onRejected?(row: RejectedRow): void | Promise<void>;
  plausibleMax?: Readonly<Record<Pollutant, string>>;
}

/**
 * What an import did. `total` counts data rows; total = inserted + updated + unchanged + rejected. `rejected`
 * includes rows replaced by a later line of the file (`duplicates`) and preliminary rows not applied over audited
 * values (`keptAudited`). `affected` names the stations and the Asia/Shanghai days (day D = values stamped D 01:00 …
 * D+1 00:00) whose stored readings changed; from/to are null when nothing changed.
 */
export interface AirImportSummary {
  batchId: string;
  kind: ImportKind;
  fileName: string;
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  duplicates: number;
  keptAudited: number;
  rejectedRows: RejectedRow[];
  rejectedRowsTruncated: boolean;
  createdDistricts: { code: string; name: string }[];
  affected: { stationIds: string[]; from: string | null; to: string | null };
}

export const AIR_IMPORT_BATCH_SIZE = 20_000;
/**
 * Staging writes at once. Measured on PostgreSQL 15, 2 cores, a year of 100 stations: with one, the server's one COPY
 * backend was the bottleneck and the machine stood idle a fifth of the time; two keep both cores busy. (PGlite queues them.)
 */
export const STAGING_WRITES_IN_FLIGHT = 2;
const MAX_REJECTED_ROWS = 1_000;

export const AIR_READINGS_TABLE_COLUMNS = { required: AIR_READING_COLUMNS, optional: AIR_READING_OPTIONAL_COLUMNS } as const;
export const AIR_STATIONS_TABLE_COLUMNS = { required: AIR_STATION_COLUMNS, optional: [] } as const;

const actorName = (a: Actor | null) => (a ? `${a.displayName} (${a.username})` : "command line");
/** The row's cells in file order (what the reader yields), joined as the line might have read. */
const rawText = (values: Record<string, string | undefined>) => Object.values(values).map((v) => v ?? "").join(",");

/** Collects rejected rows: every one goes to the callback, the first `max` are kept for the summary. */
function rejections(max: number, onRejected: AirImportInput["onRejected"]) {
  const kept: RejectedRow[] = [];
  let count = 0;
  return {
    get count() {
      return count;
    },
    kept,
    async add(row: RejectedRow) {
      count++;
      if (kept.length < max) kept.push(row);
      await onRejected?.(row);
    },
  };
}

/** Beijing hour stamp of a UTC instant, e.g. '2026-02-28T17:00:00.000Z' → '2026-03-01T01:00'. */
function beijingHour(utcIso: string): string {
  return `${new Date(Date.parse(utcIso) + 8 * 3_600_000).toISOString().slice(0, 13)}:00`;
}

/** 'YYYY-MM-01' of the day an hour stamp belongs to: only the 00:00 value of a month's 1st belongs to the month before. */
function monthOf(hour: string): string {
  if (hour.slice(8, 16) !== "01T00:00") return `${hour.slice(0, 7)}-01`;
  return `${hourSlotOf(hour).date.slice(0, 7)}-01`;
}

/**
 * Imports hourly air readings (issue 3 "Import") from a stream of raw rows. Valid rows are staged batch by batch in
 * short transactions (so on PGlite, one session shared with API requests, other requests run between batches); the
 * staged rows are then merged in ONE transaction that also records the import batch and one audit event — a file
 * lands whole or not at all. Within a file the last row for a station and hour wins and the earlier one is reported
 * as a duplicate; a preliminary value never replaces an audited one (reported too). Re-importing a file changes
 * nothing and reports every row unchanged. Throws (after recording the batch as failed) when the file cannot be read.
 */
export async function importAirReadings(deps: AirImportDeps, input: AirImportInput<RawImportRow | AirReadingLine>): Promise<AirImportSummary> {
  const { uow, clock } = deps;
  const batchSize = input.batchSize ?? AIR_IMPORT_BATCH_SIZE;
  const stations = await uow.run((r) => r.airImport.listStations());
  const idByCode = new Map(stations.map((s) => [s.code, s.id]));
  const codeById = new Map(stations.map((s) => [s.id, s.code]));
  const batchId = await uow.run((r) =>
    r.airImport.startBatch({ kind: "air.readings", fileName: input.file.name, fileSha256: input.file.sha256, actorId: input.actor?.userId ?? null, actorName: actorName(input.actor), startedAt: clock.now() }),
  );
  const rejected = rejections(input.maxRejectedRows ?? MAX_REJECTED_ROWS, input.onRejected);
  const rawOf = (stationId: string, timeUtc: string, valuesText: string) => `${codeById.get(stationId) ?? stationId},${beijingHour(timeUtc)}+08:00,${valuesText}`;
  let total = 0;
  let duplicates = 0;
  const months = new Set<string>();
  // Only the months holding a repeated station-hour are searched by the preparation (which keeps the highest line and
  // reports the others).
  const staged = new StagedRows();
  const duplicateMonths = new Set<string>();
  const prepare = (m: string) => uow.run((r) => r.airImport.prepareStaged(batchId, m, { checkDuplicates: duplicateMonths.has(m) }));
  const early = new EarlyPreparation(prepare, (m) => uow.run((r) => r.airImport.reopenStaged(batchId, m)));
  /** Staging writes not yet awaited, oldest first (each settles once it and every write before it have). */
  const inflight: Promise<void>[] = [];
  /** Writes still running, whatever became of those before them: the staging is dropped only after them. */
  const running = new Set<Promise<void>>();

  try {
    await uow.run((r) => r.airImport.createStaging(batchId));
    const writer = deps.staging.writer(batchId);
    // Staging writes run while the next rows are read, STAGING_WRITES_IN_FLIGHT at a time (on PostgreSQL each on its
    // own connection, so the server ingests on both cores while the importer validates). Once a write and every write
    // before it are done (they may end out of order), the months the file had moved past before it are readied for the
    // merge (see `EarlyPreparation`).
    const flush = async () => {
      if (!writer.pending) return;
      if (inflight.length >= STAGING_WRITES_IN_FLIGHT) await inflight.shift();
      const finished = early.finished();
      const write = writer.flush();
      running.add(write);
      void write.finally(() => running.delete(write)).catch(() => undefined);
      // The writes before this one still pending are those in flight (the last settles after all of them).
      const written = Promise.all([inflight.at(-1), write]).then(() => early.written(finished));
      // Handled when awaited; this only keeps a failure from being reported as unhandled in the meantime.
      written.catch(() => undefined);
      inflight.push(written);
    };
    const opts = input.plausibleMax ? { plausibleMax: input.plausibleMax } : {};

    let lastHour = "";
    let month = "";
    for await (const item of input.rows) {
      for (const row of isBatch(item) ? item : [item]) {
        total++;
        // A line the fast path read carries its values as spans of the file's bytes; a table row, as text.
        let v: AirReadingLine | AirReadingRow;
        let values: ReadingValues;
        if (isParsedLine(row)) v = values = row;
        else {
          if (row.problem) {
            await rejected.add({ line: row.line, field: null, reason: row.problem, raw: rawText(row.values) });
            continue;
          }
          const parsed = parseAirReadingRow(row.values, opts);
          if (!parsed.ok) {
            await rejected.add({ line: row.line, field: parsed.field, reason: parsed.reason, raw: rawText(row.values) });
            continue;
          }
          v = parsed.value;
          values = v.values;
        }
        const stationId = idByCode.get(v.stationCode);
        if (!stationId) {
          await rejected.add({
            line: row.line,
            field: "station_code",
            raw: isParsedLine(row) ? latin1Text(row.bytes, row.start, row.end) : rawText(row.values),
            reason: { zh: `站点“${v.stationCode}”不存在（请先导入站点文件）`, en: `Unknown station "${v.stationCode}" (import the stations file first)` },
          });
          continue;
        }
        // Rows of one hour share one parsed time (memoised), so the month is worked out once per hour.
        if (v.hour !== lastHour) {
          lastHour = v.hour;
          const m = monthOf(v.hour);
          if (m !== month) {
            if (month !== "" && m > month) early.movedPast(month);
            await early.reopenIfReadied(m);
            month = m;
            months.add(m);
          }
        }
        if (staged.add(stationId, month, v.epochHour)) duplicateMonths.add(month);
        writer.add({ line: row.line, month, stationId, epochHour: v.epochHour, values, status: v.status });
      }
      if (writer.pending >= batchSize) await flush();
    }
    await flush();
    await Promise.all(inflight);

    // The months not readied while reading (the last, and all of a file out of time order) are readied now, two at a
    // time (PostgreSQL builds their keys on both cores; PGlite queues them).
    const sortedMonths = [...months].sort();
    const readied = await inParallel(sortedMonths, 2, (m) => early.readied(m) ?? prepare(m));
    const superseded = [...early.supersededBeforeReopening, ...readied.flatMap((p) => p.superseded)];
    for (const s of superseded) staged.removed(s.stationId, monthOf(beijingHour(s.timeUtc)));
    const prepared = new Map<string, PreparedMonth>(sortedMonths.map((m, i) => [m, { stations: readied[i]!.attachable ? staged.monthRows(m) : null }]));

    return await uow.run(async (r) => {
      const now = clock.now();
      const merged = await r.airImport.mergeStaged(batchId, { at: now, months: sortedMonths, prepared });
      for (const s of superseded) {
        duplicates++;
        await rejected.add({ line: s.line, field: null, raw: rawOf(s.stationId, s.timeUtc, s.valuesText), reason: duplicateReason(s.supersededBy) });
      }
      for (const k of merged.keptAudited) {
        await rejected.add({
          line: k.line,
          field: "status",
          raw: rawOf(k.stationId, k.timeUtc, k.valuesText),
          reason: { zh: "该小时已有审核数据，实况数据不予覆盖", en: "An audited value is stored for this hour; a preliminary value does not replace it" },
        });
      }
      const summary = buildSummary({
        batchId,
        kind: "air.readings",
        fileName: input.file.name,
        total,
        inserted: merged.inserted,
        updated: merged.updated,
        unchanged: merged.unchanged,
        rejected,
        duplicates,
        keptAudited: merged.keptAudited.length,
        createdDistricts: [],
        affected: affectedDays(merged.changed),
      });
      await r.airImport.finishBatch(batchId, batchResult(summary, now));
      await r.audit.record({
        actorId: input.actor?.userId ?? null,
        actorName: actorName(input.actor),
        action: "air.readings.import",
        entityType: "import_batch",
        entityId: batchId,
        after: auditedCounts(summary),
        requestId: input.requestId ?? null,
      });
      return summary;
    });
  } catch (e) {
    await recordFailure(deps, batchId, e);
    throw e;
  } finally {
    await Promise.allSettled(running);
    await early.settled();
    await uow.run((r) => r.airImport.dropStaging(batchId)).catch(() => undefined);
  }
}

/**
 * Months readied for the merge while the file is still being read: on PostgreSQL a finished month's keys are built on
 * the other core while later months are staged (measured on 2 cores for a year of 100 stations: the readying that
 * followed the reading mostly disappears). A month is finished when the file has moved on to a later month and the
 * flush holding its last rows is written; one month is readied at a time. A row for a month already readied (a file
 * out of time order) reopens it — its keys are dropped and it is readied again after the reading — and stops early
 * readying for the rest of the import, so an unsorted file wastes at most the readyings done before it showed.
 */
class EarlyPreparation {
  private readonly state = new Map<string, "finishing" | "finished" | Promise<ReadiedMonth>>();
  private chain: Promise<unknown> = Promise.resolve();
  private enabled = true;
  /** Repeats removed by a readying that a reopening undid (they stay superseded). */
  readonly supersededBeforeReopening: SupersededRow[] = [];

  constructor(
    private readonly prepare: (month: string) => Promise<ReadiedMonth>,
    private readonly reopen: (month: string) => Promise<void>,
  ) {}

  /** The file moved on from `month` to a later one: its rows end with those now buffered. */
  movedPast(month: string): void {
    if (this.enabled && !this.state.has(month)) this.state.set(month, "finishing");
  }

  /** Called as a flush takes the buffered rows: the months whose last rows it holds. */
  finished(): string[] {
    const months = [...this.state].filter(([, s]) => s === "finishing").map(([m]) => m);
    for (const m of months) this.state.set(m, "finished");
    return months;
  }

  /** That flush is written: its finished months are readied (unless reopened meanwhile). */
  written(months: readonly string[]): void {
    for (const m of months) {
      if (this.state.get(m) !== "finished") continue;
      const p = this.chain.then(() => this.prepare(m));
      this.chain = p.catch(() => undefined);
      this.state.set(m, p);
    }
  }

  /** Before staging a row of `month`: a readied month is reopened, a finishing one is not finished after all. */
  async reopenIfReadied(month: string): Promise<void> {
    const s = this.state.get(month);
    if (s === undefined) return;
    this.enabled = false;
    this.state.delete(month);
    if (typeof s === "string") return;
    this.supersededBeforeReopening.push(...(await s).superseded);
    await this.reopen(month);
  }

  /** What readying `month` gave, if it was readied early. */
  readied(month: string): Promise<ReadiedMonth> | undefined {
    const s = this.state.get(month);
    return typeof s === "object" ? s : undefined;
  }

  /** Waits for every readying started (before staging is dropped, on success or failure). */
  async settled(): Promise<void> {
    await this.chain;
  }
}

/** `fn` over every item, at most `limit` at a time; results in item order. */
async function inParallel<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

const isBatch = <Row>(item: Row | readonly Row[]): item is readonly Row[] => Array.isArray(item);
/** A line the reader's `airReadingLineParser` parsed already (a table row has `values` text instead). */
const isParsedLine = (row: RawImportRow | AirReadingLine): row is AirReadingLine => (row as AirReadingLine).stationCode !== undefined;

/** Rows staged for one station in one month, and the first and last end-of-hour (hours since 1970). */
interface MonthRows {
  rows: number;
  first: number;
  last: number;
}

/**
 * What an import staged, kept compactly as it goes. One bit per station and hour, in blocks of 8,192 hours (a year of
 * a station is 1 kB): repeats are rare, and the bits find them without keeping any row. And per station and month, the
 * rows and their first and last hour: what the merge reports for a month attached whole, so nothing scans the month
 * for it.
 */
class StagedRows {
  private readonly stations = new Map<string, { blocks: Map<number, Uint8Array>; months: Map<string, MonthRows>; month: string; rows: MonthRows | null }>();

  /** Records a staged row; true when its station and hour were staged already. */
  add(stationId: string, month: string, epochHour: number): boolean {
    let station = this.stations.get(stationId);
    if (!station) this.stations.set(stationId, (station = { blocks: new Map(), months: new Map(), month: "", rows: null }));
    // Rows of a station mostly come month after month: the last month's count is kept at hand.
    if (station.month !== month) {
      station.month = month;
      station.rows = station.months.get(month) ?? null;
      if (!station.rows) station.months.set(month, (station.rows = { rows: 0, first: epochHour, last: epochHour }));
    }
    const rows = station.rows!;
    rows.rows++;
    if (epochHour < rows.first) rows.first = epochHour;
    if (epochHour > rows.last) rows.last = epochHour;
    const blockNo = Math.floor(epochHour / 8192);
    let block = station.blocks.get(blockNo);
    if (!block) station.blocks.set(blockNo, (block = new Uint8Array(1024)));
    const bit = epochHour - blockNo * 8192;
    const mask = 1 << (bit & 7);
    const seen = (block[bit >> 3]! & mask) !== 0;
    block[bit >> 3] = block[bit >> 3]! | mask;
    return seen;
  }

  /** A repeat the preparation removed no longer counts (the row that replaced it has the same station and hour). */
  removed(stationId: string, month: string): void {
    const rows = this.stations.get(stationId)?.months.get(month);
    if (rows) rows.rows--;
  }

  /** Per station, the rows `month` holds, with their first and last end-of-hour instants (UTC ISO). */
  monthRows(month: string): NonNullable<PreparedMonth["stations"]> {
    const out: NonNullable<PreparedMonth["stations"]> = [];
    for (const [stationId, s] of this.stations) {
      const r = s.months.get(month);
      if (r && r.rows > 0) out.push({ stationId, rows: r.rows, first: isoOfHour(r.first), last: isoOfHour(r.last) });
    }
    return out;
  }
}

const isoOfHour = (epochHour: number) => new Date(epochHour * 3_600_000).toISOString();

function duplicateReason(laterLine: number): BilingualText {
  return {
    zh: `同一站点同一小时的数据重复，以后面的第 ${laterLine} 行为准`,
    en: `Duplicate station and hour; line ${laterLine} further down replaces it`,
  };
}

/** Stations and the Asia/Shanghai days their changed hours belong to (the 00:00 value closes the previous day). */
function affectedDays(changed: readonly { stationId: string; first: string; last: string }[]): AirImportSummary["affected"] {
  if (!changed.length) return { stationIds: [], from: null, to: null };
  let from: string | null = null;
  let to: string | null = null;
  for (const c of changed) {
    const a = hourSlotOf(beijingHour(c.first)).date;
    const b = hourSlotOf(beijingHour(c.last)).date;
    if (from === null || a < from) from = a;
    if (to === null || b > to) to = b;
  }
  return { stationIds: changed.map((c) => c.stationId).sort(), from, to };
}

function buildSummary(s: Omit<AirImportSummary, "rejected" | "rejectedRows" | "rejectedRowsTruncated"> & { rejected: ReturnType<typeof rejections> }): AirImportSummary {
  const rows = [...s.rejected.kept].sort((a, b) => a.line - b.line);
  return { ...s, rejected: s.rejected.count, rejectedRows: rows, rejectedRowsTruncated: s.rejected.count > rows.length };
}

function auditedCounts(s: AirImportSummary) {
  return {
    fileName: s.fileName,
    total: s.total,
    inserted: s.inserted,
    updated: s.updated,
    unchanged: s.unchanged,
    rejected: s.rejected,
    createdDistricts: s.createdDistricts,
    affected: s.affected,
  };
}

function batchResult(s: AirImportSummary, at: Date) {
  const { rejectedRows, ...rest } = s;
  return {
    finishedAt: at,
    total: s.total,
    inserted: s.inserted,
    updated: s.updated,
    unchanged: s.unchanged,
    rejected: s.rejected,
    rejectedRows,
    summary: rest as unknown as Record<string, unknown>,
  };
}

async function recordFailure(deps: AirImportDeps, batchId: string, e: unknown) {
  const text = (e as { text?: BilingualText }).text;
  const message = text ? `${text.zh} / ${text.en}` : e instanceof Error ? e.message : String(e);
  await deps.uow.run((r) => r.airImport.failBatch(batchId, message, deps.clock.now())).catch(() => undefined);
}

/**
 * Imports a stations file (issue 3 "Import"): `station_code,name,district_code,district_name,lat,lon`. Districts it
 * names that do not exist yet are created in the deployment's city (name_en = name) and listed — how a new
 * deployment loads the whole city's network. One transaction for the file, one audit event; the last row per
 * station code wins and earlier ones are reported as duplicates. A stations file is small (a city has hundreds of
 * stations), so its rows are held in memory.
 */
export async function importAirStations(deps: AirImportDeps, input: AirImportInput): Promise<AirImportSummary> {
  const { uow, clock } = deps;
  const batchId = await uow.run((r) =>
    r.airImport.startBatch({ kind: "air.stations", fileName: input.file.name, fileSha256: input.file.sha256, actorId: input.actor?.userId ?? null, actorName: actorName(input.actor), startedAt: clock.now() }),
  );
  const rejected = rejections(input.maxRejectedRows ?? MAX_REJECTED_ROWS, input.onRejected);
  try {
    let total = 0;
    let duplicates = 0;
    const byCode = new Map<string, { line: number; raw: string; row: AirStationRow }>();
    for await (const item of input.rows) for (const row of isBatch(item) ? item : [item]) {
      total++;
      const raw = rawText(row.values);
      if (row.problem) {
        await rejected.add({ line: row.line, field: null, reason: row.problem, raw });
        continue;
      }
      const parsed = parseAirStationRow(row.values);
      if (!parsed.ok) {
        await rejected.add({ line: row.line, field: parsed.field, reason: parsed.reason, raw });
        continue;
      }
      const earlier = byCode.get(parsed.value.code);
      if (earlier) {
        duplicates++;
        await rejected.add({ line: earlier.line, field: "station_code", raw: earlier.raw, reason: { zh: `站点编码重复，以后面的第 ${row.line} 行为准`, en: `Duplicate station code; line ${row.line} further down replaces it` } });
        byCode.delete(parsed.value.code);
      }
      byCode.set(parsed.value.code, { line: row.line, raw, row: parsed.value });
    }

    return await uow.run(async (r) => {
      const now = clock.now();
      const districts = new Map((await r.airImport.listDistricts()).map((d) => [d.code, d.id]));
      const toCreate = new Map<string, string>();
      const accepted: { code: string; name: string; districtCode: string; lat: number | null; lon: number | null }[] = [];
      for (const { line, raw, row } of byCode.values()) {
        if (!districts.has(row.districtCode) && !toCreate.has(row.districtCode)) {
          if (!row.districtName) {
            await rejected.add({
              line,
              field: "district_name",
              raw,
              reason: { zh: `区县“${row.districtCode}”不存在，且未填写区县名称，无法新建`, en: `District "${row.districtCode}" does not exist and no district_name is given to create it` },
            });
            continue;
          }
          toCreate.set(row.districtCode, row.districtName);
        }
        accepted.push(row);
      }
      const createdDistricts = [...toCreate].map(([code, name]) => ({ code, name }));
      if (createdDistricts.length) {
        for (const d of await r.airImport.createDistricts(createdDistricts.map((d) => ({ ...d, nameEn: d.name })))) districts.set(d.code, d.id);
      }
      const result = await r.airImport.upsertStations(
        accepted.map((s) => ({ code: s.code, name: s.name, districtId: districts.get(s.districtCode)!, lat: s.lat, lon: s.lon })),
      );
      const summary = buildSummary({
        batchId,
        kind: "air.stations",
        fileName: input.file.name,
        total,
        inserted: result.inserted.length,
        updated: result.updated.length,
        unchanged: result.unchanged,
        rejected,
        duplicates,
        keptAudited: 0,
        createdDistricts,
        // A station's readings do not change with its record; its district's figures are the compute side's concern.
        affected: { stationIds: [], from: null, to: null },
      });
      await r.airImport.finishBatch(batchId, batchResult(summary, now));
      await r.audit.record({
        actorId: input.actor?.userId ?? null,
        actorName: actorName(input.actor),
        action: "air.stations.import",
        entityType: "import_batch",
        entityId: batchId,
        after: { ...auditedCounts(summary), insertedStations: result.inserted, updatedStations: result.updated },
        requestId: input.requestId ?? null,
      });
      return summary;
    });
  } catch (e) {
    await recordFailure(deps, batchId, e);
    throw e;
  }
}
