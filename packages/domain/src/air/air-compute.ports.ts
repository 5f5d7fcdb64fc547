import type { AuditLog } from "../shared/ports";
import type { DistrictDayFigures, StationDayFigures, StationDayHours } from "./air-compute.rules";
import type { Pollutant } from "./air.schema";
import type { CompositeIndexSettingsInForce } from "./composite-index.rules";

/** A monitoring station with its district, as the air results need it. */
export interface AirStationRef {
  id: string;
  code: string;
  name: string;
  districtId: string;
  districtCode: string;
  /** Evaluation stations (评价点位) enter their district's mean; others are shown but not averaged. */
  isEvaluation: boolean;
  active: boolean;
  lat: number | null;
  lon: number | null;
}

/** A district of the city: the ranking set. */
export interface AirDistrictRef {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  isHome: boolean;
}

export type StoredStationDay = StationDayFigures & { computedAt: Date };
export type StoredDistrictDay = DistrictDayFigures & { computedAt: Date };

/** What a replacement did: rows inserted or changed, rows left as they were (same figures and input), rows deleted. */
export interface ReplaceCounts {
  written: number;
  unchanged: number;
  deleted: number;
}

/** One hourly reading for data health and the latest-hour AQI; `time` is the local end-of-hour stamp 'YYYY-MM-DDTHH:00'. */
export interface AirHourReading {
  stationId: string;
  time: string;
  values: Record<Pollutant, string | null>;
  status: "preliminary" | "audited";
}

/** A sand-and-dust day (沙尘天气) flagged for a district, deducted in the 扣沙 figures. */
export interface AirDustDay {
  districtId: string;
  date: string;
  reason: string;
  enteredById: string | null;
  enteredBy: string;
  enteredAt: Date;
}

/** A rank published by an authority (e.g. the city's bulletin), entered with its source. */
export interface AirPublishedRank {
  id: string;
  periodFrom: string;
  periodTo: string;
  districtId: string;
  rank: number;
  compositeIndex: number | null;
  source: string;
  enteredById: string | null;
  enteredBy: string;
  enteredAt: Date;
}

/** The year's air targets of a district, shown against the figures on the dashboard. */
export interface AirTarget {
  year: number;
  districtId: string;
  /** Percent, e.g. 85.0. */
  goodDaysRatioTarget: number | null;
  pm25Target: number | null;
  pm10Target: number | null;
  o3Target: number | null;
  compositeIndexTarget: number | null;
  heavyPollutionDaysMax: number | null;
  note: string | null;
  enteredById: string | null;
  enteredBy: string;
  enteredAt: Date;
}

/** A snapshot of the district figures of a period as published. */
export interface AirPublishedFigures {
  id: string;
  periodFrom: string;
  periodTo: string;
  dustDeducted: boolean;
  figures: unknown;
  inputFingerprint: string;
  publishedById: string | null;
  publishedBy: string;
  publishedAt: Date;
}

/** Composite-index settings in force from `effectiveFrom` (a period uses those in force on its first day). */
export interface AirCompositeIndexSettingsEntry extends CompositeIndexSettingsInForce {
  note: string | null;
  enteredById: string | null;
  enteredBy: string;
  enteredAt: Date;
}

/** Storage of the air results (tables air_station_days, air_district_days, …) and the readings they come from. */
export interface AirResultsRepository {
  listStations(): Promise<AirStationRef[]>;
  listDistricts(): Promise<AirDistrictRef[]>;

  /**
   * Each station-day of the stations between the dates (inclusive) that has at least one reading, its hours in the 24
   * slots of the day (values stamped D 01:00 … D+1 00:00, Asia/Shanghai). Iterated once; an implementation may build
   * the days as they are taken (a year of a station's hours is tens of thousands of small objects).
   */
  loadStationDayHours(q: { stationIds: readonly string[]; from: string; to: string }): Promise<Iterable<StationDayHours>>;
  /**
   * Makes the stored station-days of these stations between the dates exactly `days`: upserts them (rows whose input
   * fingerprint and figures are unchanged are left alone, computedAt included) and deletes the others in the range.
   */
  replaceStationDays(days: readonly StationDayFigures[], scope: { stationIds: readonly string[]; from: string; to: string }, at: Date): Promise<ReplaceCounts>;
  replaceDistrictDays(days: readonly DistrictDayFigures[], scope: { districtIds: readonly string[]; from: string; to: string }, at: Date): Promise<ReplaceCounts>;
  listStationDays(q: { from: string; to: string; stationIds?: readonly string[] }): Promise<StoredStationDay[]>;
  listDistrictDays(q: { from: string; to: string; districtIds?: readonly string[] }): Promise<StoredDistrictDay[]>;

  /** Readings with time > since (instants), every station, ordered by station and time. */
  listReadingsSince(since: Date): Promise<AirHourReading[]>;
  /** The latest reading time of each station that has any ('YYYY-MM-DDTHH:00' local). */
  lastReadingTimes(): Promise<{ stationId: string; time: string }[]>;

  listDustDays(q: { from: string; to: string }): Promise<AirDustDay[]>;
  findDustDay(districtId: string, date: string): Promise<AirDustDay | null>;
  upsertDustDay(d: AirDustDay): Promise<AirDustDay>;
  deleteDustDay(districtId: string, date: string): Promise<void>;

  listPublishedRanks(q: { from?: string; to?: string }): Promise<AirPublishedRank[]>;
  findPublishedRank(q: { periodFrom: string; periodTo: string; districtId: string }): Promise<AirPublishedRank | null>;
  upsertPublishedRank(r: Omit<AirPublishedRank, "id">): Promise<AirPublishedRank>;
  deletePublishedRank(id: string): Promise<AirPublishedRank | null>;

  listTargets(year: number): Promise<AirTarget[]>;
  upsertTarget(t: AirTarget): Promise<AirTarget>;

  /** Every entry, oldest `effectiveFrom` first (a handful: one per change of rule). */
  listCompositeIndexSettings(): Promise<AirCompositeIndexSettingsEntry[]>;
  /** Inserts the entry, or replaces the one with the same `effectiveFrom`. */
  upsertCompositeIndexSettings(e: AirCompositeIndexSettingsEntry): Promise<AirCompositeIndexSettingsEntry>;
  /** Deletes the entry of that date and returns it; null when there is none. */
  deleteCompositeIndexSettings(effectiveFrom: string): Promise<AirCompositeIndexSettingsEntry | null>;

  findPublishedFigures(q: { periodFrom: string; periodTo: string; dustDeducted: boolean }): Promise<AirPublishedFigures | null>;
  upsertPublishedFigures(p: Omit<AirPublishedFigures, "id">): Promise<AirPublishedFigures>;
}

/** What the air compute use cases need from storage. */
export interface AirComputeRepos {
  airResults: AirResultsRepository;
  audit: AuditLog;
}
