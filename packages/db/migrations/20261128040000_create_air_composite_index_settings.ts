import { sql, type Kysely } from "kysely";

/**
 * Composite-index settings (S_i, weights, digits) in force from a date until the next entry's date: a period's composite
 * index uses the entry in force on its first day, else the built-in 2018 rule. The settings are validated by the domain
 * before they are stored; the check only keeps the column an object.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("air_composite_index_settings")
    .addColumn("effective_from", "date", (c) => c.primaryKey())
    .addColumn("settings", "jsonb", (c) => c.notNull().check(sql`jsonb_typeof(settings) = 'object'`))
    .addColumn("note", "text")
    .addColumn("entered_by_id", "uuid")
    .addColumn("entered_by", "text", (c) => c.notNull())
    .addColumn("entered_at", "timestamptz", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("air_composite_index_settings").execute();
}
