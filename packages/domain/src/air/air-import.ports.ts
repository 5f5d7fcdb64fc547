import type { BilingualText } from "../shared/domain-error";
import type { AuditLog } from "../shared/ports";
import type { ReadingStatus, ReadingValues } from "./import.rules";

export type ImportKind = "air.readings" | "air.stations";

/** One line of an import file that was not applied, with the reason in both languages and the line's text. */
export interface RejectedRow {
  line: number;
  reason: BilingualText;
  /** The column at fault, or null for the row as a whole. */
  field: string | null;
  raw: string;
}

/** A valid reading bound for staging: its file line, the station's id and the end-of-hour instant. */
export interface StagedReading {
  line: number;
  /** 'YYYY-MM-01': the Asia/Shanghai month of the reading's day (the 00:00 value closes the previous day). */
  month: string;
  stationId: string;
  /** The end-of-hour instant in whole hours since 1970-01-01T00:00Z. */
  epochHour: number;
  /** As text per pollutant, or (from the fast path) as spans of the file's bytes: see `ReadingValues`. */
  values: ReadingValues;
  status: ReadingStatus;
}

/** A month readied for the merge: the repeats it removed, and whether it may be attached whole as new rows. */
export interface ReadiedMonth {
  superseded: SupersededRow[];
  attachable: boolean;
}

/**
 * What the merge is told of a month: when it may be attached whole, its rows per station (counted by the importer as
 * it staged them, less the repeats removed; first and last end-of-hour instants as UTC ISO), so the merge transaction
 * need not scan it; null otherwise.
 */
export interface PreparedMonth {
  stations: { stationId: string; rows: number; first: string; last: string }[] | null;
}

/** A staged row replaced by a later line of the same file with the same station and hour. */
export interface SupersededRow {
  line: number;
  supersededBy: number;
  stationId: string;
  timeUtc: string;
  /** The replaced row's values as `so2,no2,pm10,pm2_5,co,o3,status` text. */
  valuesText: string;
}

export interface ReadingsMergeResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Lines whose preliminary values were not applied because the stored value is audited and differs. */
  keptAudited: { line: number; stationId: string; timeUtc: string; valuesText: string }[];
  /** Per station whose stored readings changed: the first and last changed end-of-hour instants (UTC ISO). */
  changed: { stationId: string; first: string; last: string }[];
}

export interface StationUpsert {
  code: string;
  name: string;
  districtId: string;
  lat: number | null;
  lon: number | null;
}

export interface ImportBatchRecord {
  kind: ImportKind;
  fileName: string;
  fileSha256: string;
  actorId: string | null;
  actorName: string;
  startedAt: Date;
}

export interface ImportBatchResult {
  finishedAt: Date;
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejectedRows: RejectedRow[];
  summary: Record<string, unknown>;
}

/**
 * Storage for air imports. Readings go through per-import staging: `AirReadingsStaging.stageReadings` appends each
 * batch outside any transaction, then `mergeStaged` runs once, in the transaction that also records the batch and the
 * audit event, so a file lands whole or not at all.
 */
export interface AirImportRepository {
  listStations(): Promise<{ id: string; code: string }[]>;
  listDistricts(): Promise<{ id: string; code: string; name: string }[]>;

  startBatch(batch: ImportBatchRecord): Promise<string>;
  finishBatch(id: string, result: ImportBatchResult): Promise<void>;
  failBatch(id: string, error: string, at: Date): Promise<void>;

  /** Prepares staging for one import (and drops staging left by imports that are no longer running). */
  createStaging(batchId: string): Promise<void>;
  /**
   * Readies one month's staging for the merge, outside the merge transaction (months may be prepared concurrently, and
   * while other months are still being staged):
   * removes repeated (station, hour) pairs when `checkDuplicates` (all but the highest line; returned as superseded)
   * and, where the month may become a partition, builds its keys.
   */
  prepareStaged(batchId: string, month: string, opts: { checkDuplicates: boolean }): Promise<ReadiedMonth>;
  /** Undoes `prepareStaged`'s keys on a month that receives more rows (its removed repeats stay removed). */
  reopenStaged(batchId: string, month: string): Promise<void>;
  /**
   * Moves the prepared staging into the readings: new rows are inserted, differing rows updated, equal rows untouched.
   * `months` lists every month ('YYYY-MM-01', Asia/Shanghai month of the rows' days) the staged rows fall in;
   * `prepared` says, by month, what each month that may be attached holds.
   */
  mergeStaged(batchId: string, opts: { at: Date; months: readonly string[]; prepared: ReadonlyMap<string, PreparedMonth> }): Promise<ReadingsMergeResult>;
  dropStaging(batchId: string): Promise<void>;

  createDistricts(districts: readonly { code: string; name: string; nameEn: string }[]): Promise<{ id: string; code: string }[]>;
  /** Inserts new stations and updates those whose name, district or coordinates differ; returns their ids. */
  upsertStations(stations: readonly StationUpsert[]): Promise<{ inserted: string[]; updated: string[]; unchanged: number }>;
}

/**
 * Bulk appends of valid readings to an import's staging, outside any unit of work (a bulk copy on PostgreSQL, queued
 * on PGlite's one session), so staging a large file never holds a transaction open.
 */
export interface AirReadingsStaging {
  /** A writer for one import's rows. */
  writer(batchId: string): AirStagingWriter;
}

/**
 * Buffers rows as they are validated (compactly: a large file's rows do not pile up as objects) and writes the buffer
 * in bulk. `flush` takes the buffered rows synchronously and returns when they are written, so the caller can keep
 * adding rows meanwhile; up to `STAGING_WRITES_IN_FLIGHT` flushes run at once (they may meet the same new month).
 */
export interface AirStagingWriter {
  add(row: StagedReading): void;
  /** Rows added since the last flush. */
  readonly pending: number;
  flush(): Promise<void>;
}

export interface AirImportRepos {
  airImport: AirImportRepository;
  audit: AuditLog;
}
