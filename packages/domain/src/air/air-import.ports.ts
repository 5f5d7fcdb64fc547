import type { BilingualText } from "../shared/domain-error";
import type { AuditLog } from "../shared/ports";
import type { Pollutant } from "./air.schema";
import type { ReadingStatus } from "./import.rules";

export type ImportKind = "air.readings" | "air.stations";

/** One line of an import file that was not applied, with the reason in both languages and the line's text. */
export interface RejectedRow {
  line: number;
  reason: BilingualText;
  /** The column at fault, or null for the row as a whole. */
  field: string | null;
  raw: string;
}

/** A valid reading bound for staging: its file line, the station's id and the end-of-hour instant (UTC ISO). */
export interface StagedReading {
  line: number;
  /** 'YYYY-MM-01': the Asia/Shanghai month of the reading's day (the 00:00 value closes the previous day). */
  month: string;
  stationId: string;
  timeUtc: string;
  values: Record<Pollutant, string | null>;
  status: ReadingStatus;
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
  /** Staged rows replaced by a later line of the file with the same station and hour. */
  superseded: SupersededRow[];
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
 * Storage for air imports. Readings go through per-import staging: `stageReadings` is called once per batch in its
 * own short transaction, `mergeStaged` once, in the transaction that also records the batch and the audit event, so
 * a file lands whole or not at all.
 */
export interface AirImportRepository {
  listStations(): Promise<{ id: string; code: string }[]>;
  listDistricts(): Promise<{ id: string; code: string; name: string }[]>;

  startBatch(batch: ImportBatchRecord): Promise<string>;
  finishBatch(id: string, result: ImportBatchResult): Promise<void>;
  failBatch(id: string, error: string, at: Date): Promise<void>;

  /** Prepares staging for one import (and drops staging left by imports that are no longer running). */
  createStaging(batchId: string): Promise<void>;
  /** Adds rows to the import's staging; repeated (station, hour) pairs are resolved by `mergeStaged`. */
  stageReadings(batchId: string, rows: readonly StagedReading[]): Promise<void>;
  /** Makes sure the month partitions exist; `months` are 'YYYY-MM-01' (Asia/Shanghai months of the rows' days). */
  ensureMonths(months: readonly string[]): Promise<void>;
  /**
   * Upserts the staged rows into the readings: per station and hour the row with the highest line wins (the others
   * are returned as superseded), new rows are inserted, differing rows updated, equal rows untouched. `months` lists
   * every month the staged rows fall in (partitions already ensured).
   */
  mergeStaged(batchId: string, opts: { at: Date; months: readonly string[] }): Promise<ReadingsMergeResult>;
  dropStaging(batchId: string): Promise<void>;

  createDistricts(districts: readonly { code: string; name: string; nameEn: string }[]): Promise<{ id: string; code: string }[]>;
  /** Inserts new stations and updates those whose name, district or coordinates differ; returns their ids. */
  upsertStations(stations: readonly StationUpsert[]): Promise<{ inserted: string[]; updated: string[]; unchanged: number }>;
}

export interface AirImportRepos {
  airImport: AirImportRepository;
  audit: AuditLog;
}
