export { createDb, migrateToLatest, type DbHandle, type DbKind, type DbOptions, type RawSql } from "./client";
export { createRepositories, createUnitOfWork, type Repositories } from "./repositories";
export type { TableStatistics } from "./system/statistics.repository";
export { createAirReadingsStaging } from "./air/air-readings-staging";
export { scryptHasher, tokenService } from "./security";
export { seedDemo, DEMO_PASSWORD, DEMO_USERS, DEMO_DISTRICTS, DEMO_TOWNS, DEMO_UNITS, DEMO_CITY, type SeedReport } from "./seed";
export type { Database } from "./schema";
export { resolveDataDir, REPO_ROOT } from "./data-dir";
export * from "./demo/index";
