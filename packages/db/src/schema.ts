import type { ColumnType, Generated } from "kysely";
import type { SupervisionTaskTables } from "./supervision-tasks/supervision-task.tables";

/**
 * Table types, written by hand beside the migrations (kysely-codegen does not support the pinned
 * Kysely 0.28); `schema.db.test.ts` compares them with the migrated schema so they cannot drift.
 * Names are camelCase: the runtime client uses CamelCasePlugin.
 */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T | null, string | null | undefined, string | null>;

export interface DistrictsTable {
  id: Generated<string>;
  code: string;
  name: string;
  nameEn: string;
  isHome: Generated<boolean>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface TownsTable {
  id: Generated<string>;
  districtId: string;
  code: string;
  name: string;
  nameEn: string;
  kind: "town" | "street";
  population: number | null;
  areaKm2: number | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface UnitsTable {
  id: Generated<string>;
  code: string;
  name: string;
  nameEn: string;
  kind: string;
  townId: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  displayName: string;
  role: string;
  townId: string | null;
  unitId: string | null;
  phone: string | null;
  passwordHash: string;
  active: Generated<boolean>;
  lastLoginAt: Date | null;
  passwordChangedAt: Date | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface SessionsTable {
  id: Generated<string>;
  tokenHash: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  lastSeenAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  username: string;
  ip: string | null;
  at: Date;
  success: boolean;
}

export interface AuditEventsTable {
  id: Generated<string>;
  at: Generated<Date>;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  before: Json;
  after: Json;
  requestId: string | null;
}

export interface JobRunsTable {
  id: Generated<string>;
  jobName: string;
  queueJobId: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  status: "running" | "succeeded" | "failed";
  summary: Json<Record<string, unknown>>;
  error: string | null;
  worker: string;
}

/** `numeric` columns come back as decimal strings (exact); write strings or numbers. */
type Numeric = ColumnType<string | null, string | number | null | undefined, string | number | null>;

export interface AirStationsTable {
  id: Generated<string>;
  code: string;
  name: string;
  districtId: string;
  lat: number | null;
  lon: number | null;
  isEvaluation: Generated<boolean>;
  active: Generated<boolean>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface AirReadingsTable {
  stationId: string;
  /** End of the averaged hour (the value stamped 01:00 covers 00:00–01:00). */
  time: Date;
  so2: Numeric;
  no2: Numeric;
  pm10: Numeric;
  pm25: Numeric;
  co: Numeric;
  o3: Numeric;
  status: ColumnType<"preliminary" | "audited", "preliminary" | "audited" | undefined, "preliminary" | "audited">;
  importId: string | null;
  updatedAt: UpdatedAt;
}

export interface ImportBatchesTable {
  id: Generated<string>;
  kind: string;
  fileName: string;
  fileSha256: string;
  actorId: string | null;
  actorName: string;
  startedAt: Date;
  finishedAt: Date | null;
  status: "running" | "succeeded" | "failed";
  totalRows: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  rejectedRows: Json<{ line: number; reason: { zh: string; en: string }; raw?: string }[]>;
  summary: Json<Record<string, unknown>>;
  error: string | null;
}

export interface WaterSectionsTable {
  id: Generated<string>;
  code: string;
  name: string;
  districtId: string;
  kind: "national" | "provincial" | "municipal";
  waterbody: "river" | "lake";
  targetClass: "I" | "II" | "III" | "IV" | "V" | null;
  lat: number | null;
  lon: number | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface WaterSamplesTable {
  sectionId: string;
  time: Date;
  source: "auto" | "manual";
  /** {parameter: decimal text | {nd: true, detectionLimit}}; read it as `values::text` (CamelCasePlugin renames nested keys). */
  values: ColumnType<unknown, string, string>;
  status: ColumnType<"preliminary" | "audited", "preliminary" | "audited" | undefined, "preliminary" | "audited">;
  importId: string | null;
  updatedAt: UpdatedAt;
}

export interface KpisTable {
  id: Generated<string>;
  code: string;
  name: string;
  nameEn: string;
  unit: string;
  /** 'YYYY-MM-DD' (the client parses `date` as text). */
  periodFrom: ColumnType<string, string, string>;
  periodTo: ColumnType<string, string, string>;
  target: Numeric;
  value: Numeric;
  direction: "higher_better" | "lower_better";
  source: string | null;
  note: string | null;
  enteredBy: string;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

type AirDayFigures = {
  date: string;
  so2: Numeric;
  no2: Numeric;
  pm10: Numeric;
  pm25: Numeric;
  co: Numeric;
  o3Max1h: Numeric;
  o3Max8h: Numeric;
  aqi: number | null;
  aqiStatus: "complete" | "partial" | "na" | "aboveRange";
  level: number | null;
  primaryPollutants: ColumnType<string[], string | undefined, string>;
  ruleSet: string;
  dataStatus: "preliminary" | "audited";
  inputFingerprint: string;
  computedAt: Date;
};

export interface AirStationDaysTable extends AirDayFigures {
  stationId: string;
  validHours: ColumnType<Record<string, number>, string, string>;
}

export interface AirDistrictDaysTable extends AirDayFigures {
  districtId: string;
  stationCounts: ColumnType<Record<string, number>, string, string>;
}

export interface AirDustDaysTable {
  districtId: string;
  date: string;
  reason: string;
  enteredById: string | null;
  enteredBy: string;
  enteredAt: Date;
}

export interface AirPublishedRanksTable {
  id: Generated<string>;
  periodFrom: string;
  periodTo: string;
  districtId: string;
  rank: number;
  compositeIndex: Numeric;
  source: string;
  enteredById: string | null;
  enteredBy: string;
  enteredAt: Date;
}

export interface AirTargetsTable {
  year: number;
  districtId: string;
  goodDaysRatioTarget: Numeric;
  pm25Target: Numeric;
  pm10Target: Numeric;
  o3Target: Numeric;
  compositeIndexTarget: Numeric;
  heavyPollutionDaysMax: number | null;
  note: string | null;
  enteredById: string | null;
  enteredBy: string;
  enteredAt: Date;
}

export interface AirPublishedFiguresTable {
  id: Generated<string>;
  periodFrom: string;
  periodTo: string;
  dustDeducted: boolean;
  figures: ColumnType<unknown, string, string>;
  inputFingerprint: string;
  publishedById: string | null;
  publishedBy: string;
  publishedAt: Date;
}

export interface AirCompositeIndexSettingsTable {
  /** 'YYYY-MM-DD'; the primary key. */
  effectiveFrom: string;
  settings: ColumnType<unknown, string, string>;
  note: string | null;
  enteredById: string | null;
  enteredBy: string;
  enteredAt: Date;
}

export interface Database extends SupervisionTaskTables {
  districts: DistrictsTable;
  towns: TownsTable;
  units: UnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  loginAttempts: LoginAttemptsTable;
  auditEvents: AuditEventsTable;
  jobRuns: JobRunsTable;
  airStations: AirStationsTable;
  airReadings: AirReadingsTable;
  airStationDays: AirStationDaysTable; airDistrictDays: AirDistrictDaysTable; airDustDays: AirDustDaysTable; airPublishedRanks: AirPublishedRanksTable; airTargets: AirTargetsTable; airPublishedFigures: AirPublishedFiguresTable;
  airCompositeIndexSettings: AirCompositeIndexSettingsTable;
  importBatches: ImportBatchesTable;
  waterSections: WaterSectionsTable;
  waterSamples: WaterSamplesTable;
  kpis: KpisTable;
}
