import type { AttachmentMeta, SupervisionAttachmentRepository } from "@ecogov/domain/supervision-tasks";
import type { Kysely, Selectable } from "kysely";
import type { Database } from "../schema";
import type { SupervisionAttachmentsTable } from "./supervision-task.tables";

export const ATTACHMENT_COLUMNS = [
  "id",
  "sha256",
  "sizeBytes",
  "contentType",
  "fileName",
  "uploadedBy",
  "uploadedByName",
  "uploaderUnitId",
  "uploadedAt",
  "taskId",
  "reportId",
  "signoffId",
] as const;

export const toAttachment = (row: Pick<Selectable<SupervisionAttachmentsTable>, (typeof ATTACHMENT_COLUMNS)[number]>): AttachmentMeta => ({ ...row });

export function createSupervisionAttachmentRepository(db: Kysely<Database>): SupervisionAttachmentRepository {
  return {
    insert: async (a) => toAttachment(await db.insertInto("supervisionAttachments").values(a).returning(ATTACHMENT_COLUMNS).executeTakeFirstOrThrow()),
    find: async (id) => {
      const row = await db.selectFrom("supervisionAttachments").select(ATTACHMENT_COLUMNS).where("id", "=", id).executeTakeFirst();
      return row ? toAttachment(row) : null;
    },
    findMany: async (ids) => (ids.length ? (await db.selectFrom("supervisionAttachments").select(ATTACHMENT_COLUMNS).where("id", "in", [...ids]).execute()).map(toAttachment) : []),
    async link(ids, to) {
      if (!ids.length) return;
      await db
        .updateTable("supervisionAttachments")
        .set({ taskId: to.taskId, reportId: to.reportId ?? null, signoffId: to.signoffId ?? null })
        .where("id", "in", [...ids])
        .execute();
    },
  };
}
