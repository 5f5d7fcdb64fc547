import { sql, type Kysely } from "kysely";

/**
 * Holiday notices entered by administrators (国务院办公厅关于部分节假日安排的通知), one row per year; they overlay the
 * notices shipped with the code, so a new year's holidays need no release.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("holiday_years")
    .addColumn("year", "integer", (c) => c.primaryKey().check(sql`year between 2000 and 2100`))
    // [{date, name: {zh, en}}] and [date]: validated by HolidayYearSchema before they are written.
    .addColumn("rest_days", "jsonb", (c) => c.notNull())
    .addColumn("working_days", "jsonb", (c) => c.notNull())
    .addColumn("entered_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("entered_by_name", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("holiday_years").execute();
}
