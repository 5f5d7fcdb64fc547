import type { UnitOfWork } from "@ecogov/domain";
import type { Kysely } from "kysely";
import { createAuditRepository } from "./audit/audit.repository";
import { createLoginAttemptRepository } from "./auth/login-attempt.repository";
import { createSessionRepository } from "./auth/session.repository";
import { createUserRepository } from "./auth/user.repository";
import { createJobRunRepository } from "./jobs/job-run.repository";
import { createOrgRepository } from "./org/org.repository";
import type { Database } from "./schema";

/** Every repository, bound to one client or transaction. A new module adds one line here. */
export function createRepositories(db: Kysely<Database>) {
  return {
    users: createUserRepository(db),
    sessions: createSessionRepository(db),
    loginAttempts: createLoginAttemptRepository(db),
    audit: createAuditRepository(db),
    org: createOrgRepository(db),
    jobRuns: createJobRunRepository(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;

/** One transaction per command: every repository in `fn` writes through it, audit included. */
export function createUnitOfWork(db: Kysely<Database>): UnitOfWork<Repositories> {
  return { run: (fn) => db.transaction().execute((trx) => fn(createRepositories(trx))) };
}
