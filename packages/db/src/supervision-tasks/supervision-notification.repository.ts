import type { Role } from "@ecogov/domain/auth";
import type { Notification, NotificationKind, OutboxMessage, Recipient, SupervisionNotificationRepository } from "@ecogov/domain/supervision-tasks";
import type { Kysely } from "kysely";
import type { Database } from "../schema";

const RECIPIENT_COLUMNS = ["id as userId", "displayName", "role", "unitId", "phone"] as const;
const OUTBOX_COLUMNS = ["id", "channel", "recipient", "userId", "subject", "body", "dedupeKey", "status", "attempts", "createdAt", "sentAt", "lastError"] as const;

export function createSupervisionNotificationRepository(db: Kysely<Database>): SupervisionNotificationRepository {
  const recipients = async (q: ReturnType<typeof base>): Promise<Recipient[]> => (await q.orderBy("username").execute()).map((r) => ({ ...r, role: r.role as Role }));
  const base = () => db.selectFrom("users").select(RECIPIENT_COLUMNS).where("active", "=", true);
  return {
    recipientsForUnits: (unitIds) => (unitIds.length ? recipients(base().where("role", "=", "unit_reporter").where("unitId", "in", [...unitIds])) : Promise.resolve([])),
    leaders: () => recipients(base().where("role", "=", "leader")),
    async notify(n) {
      const row = await db
        .insertInto("supervisionNotifications")
        .values({ userId: n.userId, taskId: n.taskId, kind: n.kind, titleZh: n.title.zh, titleEn: n.title.en, bodyZh: n.body.zh, bodyEn: n.body.en, dedupeKey: n.dedupeKey, createdAt: n.createdAt })
        .onConflict((oc) => oc.column("dedupeKey").doNothing())
        .returning("id")
        .executeTakeFirst();
      return !!row;
    },
    async enqueue(m) {
      const row = await db.insertInto("supervisionOutbox").values(m).onConflict((oc) => oc.column("dedupeKey").doNothing()).returning("id").executeTakeFirst();
      return !!row;
    },
    async list(userId, q) {
      let items = db
        .selectFrom("supervisionNotifications")
        .select(["id", "userId", "taskId", "kind", "titleZh", "titleEn", "bodyZh", "bodyEn", "createdAt", "readAt"])
        .where("userId", "=", userId)
        .orderBy("createdAt", "desc")
        .orderBy("id")
        .limit(q.limit);
      if (q.unreadOnly) items = items.where("readAt", "is", null);
      const rows = await items.execute();
      const unread = await db.selectFrom("supervisionNotifications").select((eb) => eb.fn.countAll<number>().as("n")).where("userId", "=", userId).where("readAt", "is", null).executeTakeFirstOrThrow();
      return {
        unread: Number(unread.n),
        items: rows.map(
          (r): Notification => ({
            id: r.id,
            userId: r.userId,
            taskId: r.taskId,
            kind: r.kind as NotificationKind,
            title: { zh: r.titleZh, en: r.titleEn },
            body: { zh: r.bodyZh, en: r.bodyEn },
            createdAt: r.createdAt,
            readAt: r.readAt,
          }),
        ),
      };
    },
    async markRead(userId, ids, at) {
      let q = db.updateTable("supervisionNotifications").set({ readAt: at }).where("userId", "=", userId).where("readAt", "is", null);
      if (ids !== "all") {
        if (!ids.length) return 0;
        q = q.where("id", "in", [...ids]);
      }
      return Number((await q.executeTakeFirst()).numUpdatedRows);
    },
    async listOutbox(q) {
      let query = db.selectFrom("supervisionOutbox").select(OUTBOX_COLUMNS).orderBy("createdAt").orderBy("dedupeKey").limit(q.limit);
      if (q.status) query = query.where("status", "=", q.status);
      return (await query.execute()) as OutboxMessage[];
    },
  };
}
