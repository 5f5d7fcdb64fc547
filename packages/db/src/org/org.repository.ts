import type { OrgRepository, Unit } from "@ecogov/domain/org";
import type { Kysely } from "kysely";
import type { Database } from "../schema";

const TOWN_COLUMNS = ["id", "districtId", "code", "name", "nameEn", "kind", "population", "areaKm2"] as const;
const UNIT_COLUMNS = ["id", "code", "name", "nameEn", "kind", "townId"] as const;

export function createOrgRepository(db: Kysely<Database>): OrgRepository {
  const districts = () => db.selectFrom("districts").select(["id", "code", "name", "nameEn", "isHome"]);
  return {
    listDistricts: () => districts().orderBy("code").execute(),
    homeDistrict: async () => (await districts().where("isHome", "=", true).executeTakeFirst()) ?? null,
    async listTowns(scope) {
      let q = db.selectFrom("towns").select(TOWN_COLUMNS).orderBy("code");
      if (scope.kind === "town") q = q.where("id", "=", scope.townId);
      if (scope.kind === "unit") q = q.where("id", "in", db.selectFrom("units").select("townId").where("id", "=", scope.unitId).where("townId", "is not", null) as any);
      return q.execute();
    },
    async listUnits(scope) {
      let q = db.selectFrom("units").select(UNIT_COLUMNS).orderBy("code");
      if (scope.kind === "town") q = q.where("townId", "=", scope.townId);
      if (scope.kind === "unit") q = q.where("id", "=", scope.unitId);
      return (await q.execute()) as Unit[];
    },
    findTown: async (id) => (await db.selectFrom("towns").select(TOWN_COLUMNS).where("id", "=", id).executeTakeFirst()) ?? null,
    findUnit: async (id) => ((await db.selectFrom("units").select(UNIT_COLUMNS).where("id", "=", id).executeTakeFirst()) as Unit | undefined) ?? null,
  };
}
