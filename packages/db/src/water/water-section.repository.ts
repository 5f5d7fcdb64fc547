import type { WaterSection, WaterSectionRepository } from "@ecogov/domain/water";
import type { Kysely } from "kysely";
import type { Database } from "../schema";

export function createWaterSectionRepository(db: Kysely<Database>): WaterSectionRepository {
  const select = () =>
    db
      .selectFrom("waterSections as s")
      .innerJoin("districts as d", "d.id", "s.districtId")
      .select([
        "s.id",
        "s.code",
        "s.name",
        "s.districtId",
        "d.code as districtCode",
        "d.name as districtName",
        "d.nameEn as districtNameEn",
        "s.kind",
        "s.waterbody",
        "s.targetClass",
        "s.lat",
        "s.lon",
      ]);
  const byId = async (id: string): Promise<WaterSection> => select().where("s.id", "=", id).executeTakeFirstOrThrow();
  return {
    list: () => select().orderBy("s.code").execute(),
    async insert(s, at) {
      const { id } = await db
        .insertInto("waterSections")
        .values({ ...s, createdAt: at, updatedAt: at })
        .returning("id")
        .executeTakeFirstOrThrow();
      return byId(id);
    },
    async update(id, s, at) {
      await db
        .updateTable("waterSections")
        .set({ ...s, updatedAt: at })
        .where("id", "=", id)
        .execute();
      return byId(id);
    },
  };
}
