import { overlayCalendar, type HolidayYearRepository, type StoredHolidayYear } from "@ecogov/domain/calendar";
import type { Kysely } from "kysely";
import type { Database } from "../schema";

const COLUMNS = ["year", "restDays", "workingDays", "enteredBy", "enteredByName", "updatedAt"] as const;

export function createHolidayYearRepository(db: Kysely<Database>): HolidayYearRepository {
  const list = async (): Promise<StoredHolidayYear[]> => db.selectFrom("holidayYears").select(COLUMNS).orderBy("year").execute();
  return {
    list,
    find: async (year) => (await db.selectFrom("holidayYears").select(COLUMNS).where("year", "=", year).executeTakeFirst()) ?? null,
    async save(y, by, at) {
      const values = { restDays: JSON.stringify(y.restDays), workingDays: JSON.stringify(y.workingDays), enteredBy: by.id, enteredByName: by.name, updatedAt: at };
      await db
        .insertInto("holidayYears")
        .values({ year: y.year, ...values, createdAt: at })
        .onConflict((oc) => oc.column("year").doUpdateSet(values))
        .execute();
    },
    loadCalendar: async () => overlayCalendar(await list()),
  };
}
