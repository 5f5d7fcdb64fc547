import type { UnitOfWork } from "@ecogov/domain";
import type { Kysely } from "kysely";
import { createAirImportRepository } from "./air/air-import.repository";
import { createAirResultsRepository } from "./air/air-results.repository";
import { createAuditRepository } from "./audit/audit.repository";
import { createLoginAttemptRepository } from "./auth/login-attempt.repository";
import { createSessionRepository } from "./auth/session.repository";
import { createUserRepository } from "./auth/user.repository";
import { createJobRunRepository } from "./jobs/job-run.repository";
import { createOrgRepository } from "./org/org.repository";
import { createKpiRepository } from "./kpis/kpi.repository";
import { createWaterImportBatchRepository } from "./water/water-import-batch.repository";
import { createWaterSampleRepository } from "./water/water-sample.repository";
import { createWaterSectionRepository } from "./water/water-section.repository";
import type { Database } from "./schema";
import { createSupervisionRepositories } from "./supervision-tasks/index";
import { createStatisticsRepository } from "./system/statistics.repository";

/** Every repository, bound to one client or transaction. A new module adds one line here. */
export function createRepositories(db: Kysely<Database>) {
  return {
    users: createUserRepository(db),
    sessions: createSessionRepository(db),
    loginAttempts: createLoginAttemptRepository(db),
    audit: createAuditRepository(db),
    org: createOrgRepository(db),
    jobRuns: createJobRunRepository(db),
    ...createSupervisionRepositories(db),
    waterSections: createWaterSectionRepository(db),
    waterSamples: createWaterSampleRepository(db),
    waterImportBatches: createWaterImportBatchRepository(db),
    kpis: createKpiRepository(db),
    airImport: createAirImportRepository(db),
    airResults: createAirResultsRepository(db),
    statistics: createStatisticsRepository(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;

/** One transaction per command: every repository in `fn` writes through it, audit included. */
export function createUnitOfWork(db: Kysely<Database>): UnitOfWork<Repositories> {
  return { run: (fn) => db.transaction().execute((trx) => fn(createRepositories(trx))) };
}
