import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "./client";
import type { Database } from "./schema";
import { SUPERVISION_TASK_COLUMNS } from "./supervision-tasks/supervision-task.tables";
import { createTestDb } from "./testing";

// Every column of every hand-written table type; the two type checks below fail compilation if this
// list and `Database` disagree, and the test fails if the list and the migrated schema disagree.
const COLUMNS = {
  ...SUPERVISION_TASK_COLUMNS,
  districts: ["id", "code", "name", "nameEn", "isHome", "createdAt", "updatedAt"],
  towns: ["id", "districtId", "code", "name", "nameEn", "kind", "population", "areaKm2", "createdAt", "updatedAt"],
  units: ["id", "code", "name", "nameEn", "kind", "townId", "createdAt", "updatedAt"],
  users: ["id", "username", "displayName", "role", "townId", "unitId", "phone", "passwordHash", "active", "lastLoginAt", "passwordChangedAt", "createdAt", "updatedAt"],
  sessions: ["id", "tokenHash", "userId", "createdAt", "expiresAt", "lastSeenAt", "ip", "userAgent"],
  loginAttempts: ["id", "username", "ip", "at", "success"],
  auditEvents: ["id", "at", "actorId", "actorName", "action", "entityType", "entityId", "before", "after", "requestId"],
  jobRuns: ["id", "jobName", "queueJobId", "startedAt", "finishedAt", "status", "summary", "error", "worker"],
  airStations: ["id", "code", "name", "districtId", "lat", "lon", "isEvaluation", "active", "createdAt", "updatedAt"],
  airReadings: ["stationId", "time", "so2", "no2", "pm10", "pm25", "co", "o3", "status", "importId", "updatedAt"],
  airStationDays: ["stationId", "date", "so2", "no2", "pm10", "pm25", "co", "o3Max1h", "o3Max8h", "aqi", "aqiStatus", "level", "primaryPollutants", "ruleSet", "dataStatus", "inputFingerprint", "computedAt", "validHours"], airDistrictDays: ["districtId", "date", "so2", "no2", "pm10", "pm25", "co", "o3Max1h", "o3Max8h", "aqi", "aqiStatus", "level", "primaryPollutants", "ruleSet", "dataStatus", "inputFingerprint", "computedAt", "stationCounts"], airDustDays: ["districtId", "date", "reason", "enteredById", "enteredBy", "enteredAt"], airPublishedRanks: ["id", "periodFrom", "periodTo", "districtId", "rank", "compositeIndex", "source", "enteredById", "enteredBy", "enteredAt"], airTargets: ["year", "districtId", "goodDaysRatioTarget", "pm25Target", "pm10Target", "o3Target", "compositeIndexTarget", "heavyPollutionDaysMax", "note", "enteredById", "enteredBy", "enteredAt"], airPublishedFigures: ["id", "periodFrom", "periodTo", "dustDeducted", "figures", "inputFingerprint", "publishedById", "publishedBy", "publishedAt"],
  airCompositeIndexSettings: ["effectiveFrom", "settings", "note", "enteredById", "enteredBy", "enteredAt"],
  importBatches: ["id", "kind", "fileName", "fileSha256", "actorId", "actorName", "startedAt", "finishedAt", "status", "totalRows", "inserted", "updated", "unchanged", "rejected", "rejectedRows", "summary", "error"],
  waterSections: ["id", "code", "name", "districtId", "kind", "waterbody", "targetClass", "lat", "lon", "createdAt", "updatedAt"],
  waterSamples: ["sectionId", "time", "source", "values", "status", "importId", "updatedAt"],
  kpis: ["id", "code", "name", "nameEn", "unit", "periodFrom", "periodTo", "target", "value", "direction", "source", "note", "enteredBy", "createdAt", "updatedAt"],
} as const satisfies { [T in keyof Database]: readonly (keyof Database[T])[] };

type Listed = typeof COLUMNS;
type Unlisted = { [T in keyof Database]: Exclude<keyof Database[T], Listed[T][number]> }[keyof Database];
const everyColumnListed: [Unlisted] extends [never] ? true : false = true;
const everyTableListed: [Exclude<keyof Database, keyof Listed>] extends [never] ? true : false = true;

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h?.close();
});

describe("hand-written table types", () => {
  it("match the migrated schema, table by table and column by column", async () => {
    expect(everyColumnListed && everyTableListed).toBe(true);
    const rows = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and table_name not like 'kysely_%'
        and table_name not in (select inhrelid::regclass::text from pg_inherits)`.execute(h.plain);
    const actual: Record<string, string[]> = {};
    for (const r of rows.rows) (actual[r.table_name] ??= []).push(r.column_name);
    const expected = Object.fromEntries(Object.entries(COLUMNS).map(([t, cols]) => [snake(t), [...cols].map(snake).sort()]));
    for (const t of Object.keys(actual)) actual[t]!.sort();
    expect(actual).toEqual(expected);
  });
});
