import type { WaterImportBatchRepository } from "@ecogov/domain/water";
import type { Kysely } from "kysely";
import type { Database } from "../schema";

/** The water imports' rows in `import_batches` (shared with air imports, told apart by `kind`). */
export function createWaterImportBatchRepository(db: Kysely<Database>): WaterImportBatchRepository {
  return {
    async start(b) {
      const row = await db
        .insertInto("importBatches")
        .values({ kind: b.kind, fileName: b.fileName, fileSha256: b.fileSha256, actorId: b.actorId, actorName: b.actorName, startedAt: b.startedAt, status: "running" })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async finish(id, r) {
      await db
        .updateTable("importBatches")
        .set({
          status: r.status,
          finishedAt: r.finishedAt,
          totalRows: r.totalRows,
          inserted: r.inserted,
          updated: r.updated,
          unchanged: r.unchanged,
          rejected: r.rejected,
          rejectedRows: JSON.stringify(r.rejectedRows),
          summary: r.summary === null ? null : JSON.stringify(r.summary),
          error: r.error,
        })
        .where("id", "=", id)
        .execute();
    },
  };
}
