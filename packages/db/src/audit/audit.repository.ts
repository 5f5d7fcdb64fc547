import { redactForAudit, type AuditRepository } from "@ecogov/domain/audit";
import type { Kysely } from "kysely";
import type { Database } from "../schema";

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(redactForAudit(v)));

export function createAuditRepository(db: Kysely<Database>): AuditRepository {
  return {
    async record(e) {
      await db
        .insertInto("auditEvents")
        .values({
          actorId: e.actorId,
          actorName: e.actorName,
          action: e.action,
          entityType: e.entityType,
          entityId: e.entityId,
          before: json(e.before),
          after: json(e.after),
          requestId: e.requestId ?? null,
        })
        .execute();
    },
    async query(q) {
      let base = db.selectFrom("auditEvents");
      if (q.entityType) base = base.where("entityType", "=", q.entityType);
      if (q.entityId) base = base.where("entityId", "=", q.entityId);
      if (q.actorId) base = base.where("actorId", "=", q.actorId);
      if (q.action) base = base.where("action", "=", q.action);
      if (q.from) base = base.where("at", ">=", q.from);
      if (q.to) base = base.where("at", "<", q.to);
      const [count, items] = await Promise.all([
        base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
        base
          .select(["id", "at", "actorId", "actorName", "action", "entityType", "entityId", "before", "after", "requestId"])
          .orderBy("at", "desc")
          .orderBy("id")
          .limit(q.limit)
          .offset(q.offset)
          .execute(),
      ]);
      return { total: Number(count.n), items };
    },
  };
}
