import type { Role, SessionRepository } from "@ecogov/domain/auth";
import type { Kysely } from "kysely";
import type { Database } from "../schema";

export function createSessionRepository(db: Kysely<Database>): SessionRepository {
  return {
    async create(s) {
      const row = await db
        .insertInto("sessions")
        .values({ ...s, lastSeenAt: s.createdAt })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async findActiveByTokenHash(tokenHash, now) {
      const row = await db
        .selectFrom("sessions as s")
        .innerJoin("users as u", "u.id", "s.userId")
        .select(["s.id", "s.userId", "s.expiresAt", "u.username", "u.displayName", "u.role", "u.townId", "u.unitId"])
        .where("s.tokenHash", "=", tokenHash)
        .where("s.expiresAt", ">", now)
        .where("u.active", "=", true)
        .executeTakeFirst();
      if (!row) return null;
      return {
        id: row.id,
        userId: row.userId,
        expiresAt: row.expiresAt,
        actor: { userId: row.userId, username: row.username, displayName: row.displayName, role: row.role as Role, townId: row.townId, unitId: row.unitId },
      };
    },
    async extend(id, expiresAt, now) {
      await db.updateTable("sessions").set({ expiresAt, lastSeenAt: now }).where("id", "=", id).execute();
    },
    async delete(id) {
      await db.deleteFrom("sessions").where("id", "=", id).execute();
    },
    async deleteForUser(userId, exceptId) {
      let q = db.deleteFrom("sessions").where("userId", "=", userId);
      if (exceptId) q = q.where("id", "!=", exceptId);
      const r = await q.executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async deleteExpired(now) {
      const r = await db.deleteFrom("sessions").where("expiresAt", "<=", now).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
