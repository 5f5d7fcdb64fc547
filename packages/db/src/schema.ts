import type { ColumnType, Generated } from "kysely";

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

export interface Database {
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
  importBatches: ImportBatchesTable;
}
