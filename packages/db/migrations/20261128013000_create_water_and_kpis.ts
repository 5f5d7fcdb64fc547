import { sql, type Kysely } from "kysely";

/**
 * Surface-water monitoring sections (断面) and their samples, and the registry of reported KPIs.
 * Sample values are jsonb of exact decimal text ({"tp": "0.21", "cu": {"nd": true, "detectionLimit": "0.01"}}):
 * GB 3838 compares with limits on decimals, and the text keeps the precision the laboratory reported.
 * Water volumes are small (monthly samples, a few hundred sections), so no partitioning.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("water_sections")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("district_id", "uuid", (c) => c.notNull().references("districts.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('national', 'provincial', 'municipal')`))
    // River or lake/reservoir picks the TP column of GB 3838 Table 1; never inferred from the name.
    .addColumn("waterbody", "text", (c) => c.notNull().check(sql`waterbody in ('river', 'lake')`))
    .addColumn("target_class", "text", (c) => c.check(sql`target_class in ('I', 'II', 'III', 'IV', 'V')`))
    .addColumn("lat", "double precision")
    .addColumn("lon", "double precision")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("water_sections_district").on("water_sections").column("district_id").execute();

  await db.schema
    .createTable("water_samples")
    .addColumn("section_id", "uuid", (c) => c.notNull().references("water_sections.id"))
    .addColumn("time", "timestamptz", (c) => c.notNull())
    // The source decides the item set of the class: automatic stations 5 items, manual monitoring 21.
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('auto', 'manual')`))
    .addColumn("values", "jsonb", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("preliminary").check(sql`status in ('preliminary', 'audited')`))
    .addColumn("import_id", "uuid")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("water_samples_pkey", ["section_id", "time", "source"])
    .execute();
  await db.schema.createIndex("water_samples_time").on("water_samples").column("time").execute();

  await db.schema
    .createTable("kpis")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("period_from", "date", (c) => c.notNull())
    .addColumn("period_to", "date", (c) => c.notNull())
    .addColumn("target", "numeric")
    .addColumn("value", "numeric")
    .addColumn("direction", "text", (c) => c.notNull().check(sql`direction in ('higher_better', 'lower_better')`))
    .addColumn("source", "text")
    .addColumn("note", "text")
    .addColumn("entered_by", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("kpis_code_period", ["code", "period_from", "period_to"])
    .addCheckConstraint("kpis_period_order", sql`period_from <= period_to`)
    .execute();
  await db.schema.createIndex("kpis_period").on("kpis").columns(["period_from", "period_to"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("kpis").execute();
  await db.schema.dropTable("water_samples").execute();
  await db.schema.dropTable("water_sections").execute();
}
