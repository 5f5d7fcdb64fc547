import type { LoginAttemptRepository } from "@ecogov/domain/auth";
import type { Kysely } from "kysely";
import type { Database } from "../schema";

export function createLoginAttemptRepository(db: Kysely<Database>): LoginAttemptRepository {
  return {
    async record(a) {
      await db.insertInto("loginAttempts").values(a).execute();
    },
    /** Failures for this username, or from this address, since the window start (whichever is larger). */
    async countRecentFailures({ username, ip, since }) {
      const base = db.selectFrom("loginAttempts").select((eb) => eb.fn.countAll<number>().as("n")).where("success", "=", false).where("at", ">=", since);
      const byUser = await base.where("username", "=", username).executeTakeFirstOrThrow();
      // A wider bound per address catches password spraying across usernames.
      const byIp = ip ? await base.where("ip", "=", ip).executeTakeFirstOrThrow() : { n: 0 };
      return Math.max(Number(byUser.n), Math.floor(Number(byIp.n) / 4));
    },
    async deleteOlderThan(before) {
      const r = await db.deleteFrom("loginAttempts").where("at", "<", before).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
