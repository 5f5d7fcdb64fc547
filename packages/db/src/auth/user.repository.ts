import type { User, UserRepository, UserWithSecret } from "@ecogov/domain/auth";
import type { Role } from "@ecogov/domain/auth";
import type { Kysely, Selectable } from "kysely";
import type { Database, UsersTable } from "../schema";

const COLUMNS = ["id", "username", "displayName", "role", "townId", "unitId", "phone", "active", "lastLoginAt", "createdAt", "passwordHash"] as const;

function toUser(row: Pick<Selectable<UsersTable>, (typeof COLUMNS)[number]>): UserWithSecret {
  return { ...row, role: row.role as Role };
}

export function createUserRepository(db: Kysely<Database>): UserRepository {
  return {
    async findByUsername(username) {
      const row = await db.selectFrom("users").select(COLUMNS).where("username", "=", username.toLowerCase()).executeTakeFirst();
      return row ? toUser(row) : null;
    },
    async findById(id) {
      const row = await db.selectFrom("users").select(COLUMNS).where("id", "=", id).executeTakeFirst();
      return row ? toUser(row) : null;
    },
    async list(filter) {
      let q = db.selectFrom("users").select(COLUMNS).orderBy("role").orderBy("username");
      if (filter.role) q = q.where("role", "=", filter.role);
      if (filter.townId) q = q.where("townId", "=", filter.townId);
      if (filter.unitId) q = q.where("unitId", "=", filter.unitId);
      if (filter.search) {
        const like = `%${filter.search.replace(/[%_\\]/g, (c) => "\\" + c)}%`;
        q = q.where((eb) => eb.or([eb("username", "ilike", like), eb("displayName", "ilike", like)]));
      }
      return (await q.execute()).map((r) => stripSecret(toUser(r)));
    },
    async insert(input) {
      const row = await db
        .insertInto("users")
        .values({ ...input, username: input.username.toLowerCase() })
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
      return stripSecret(toUser(row));
    },
    async update(input) {
      const { id, ...rest } = input;
      const row = await db
        .updateTable("users")
        .set({ ...rest, username: rest.username.toLowerCase(), updatedAt: new Date() })
        .where("id", "=", id)
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
      return stripSecret(toUser(row));
    },
    async setPassword(id, passwordHash, at) {
      await db.updateTable("users").set({ passwordHash, passwordChangedAt: at, updatedAt: at }).where("id", "=", id).execute();
    },
    async touchLogin(id, at) {
      await db.updateTable("users").set({ lastLoginAt: at }).where("id", "=", id).execute();
    },
  };
}

function stripSecret({ passwordHash: _ignored, ...user }: UserWithSecret): User {
  return user;
}
