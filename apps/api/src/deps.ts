import type { ApiDeps } from "@ecogov/api-contract";
import { createAirReadingsStaging, createRepositories, createUnitOfWork, scryptHasher, tokenService, type DbHandle } from "@ecogov/db";
import type { Clock } from "@ecogov/domain";
import { sql } from "kysely";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDiskAttachmentStore } from "./attachments";

/** Wires the real repositories and services into the ports the procedures use. */
export function createApiDeps(handle: DbHandle, clock: Clock, opts: { attachmentsDir?: string } = {}): ApiDeps {
  const uow = createUnitOfWork(handle.db);
  return {
    auth: { uow, clock, passwords: scryptHasher, tokens: tokenService },
    uow,
    read: createRepositories(handle.db),
    airStaging: createAirReadingsStaging(handle),
    attachments: createDiskAttachmentStore(opts.attachmentsDir ?? join(tmpdir(), "ecogov-attachments")),
    dbInfo: async () => {
      try {
        await sql`select 1`.execute(handle.db);
        return { kind: handle.kind, ok: true };
      } catch {
        return { kind: handle.kind, ok: false };
      }
    },
  };
}
