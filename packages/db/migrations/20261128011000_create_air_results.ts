import { sql, type Kysely } from "kysely";

/**
 * Air results derived from air_readings (daily figures per station and per district), and what staff enter beside
 * them: dust-affected days (扣沙), officially published ranks, the year's targets and published-figure snapshots.
 * Daily figures are recomputed from the readings at any time, so each row records the rule set it used and a
 * fingerprint of its input; a published snapshot keeps what was announced so a later recomputation is visible.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const figures = (t: any) =>
    t
      .addColumn("date", "date", (c: any) => c.notNull())
      // Rounded 24-h means (µg/m³, CO mg/m³ to 0.1), O3 daily max 1-h and max 8-h (MDA8); null when not valid.
      // (o3_max1h / o3_max8h rather than o3_1h_max / o3_8h: the names must survive CamelCasePlugin both ways.)
      .addColumn("so2", "numeric")
      .addColumn("no2", "numeric")
      .addColumn("pm10", "numeric")
      .addColumn("pm25", "numeric")
      .addColumn("co", "numeric")
      .addColumn("o3_max1h", "numeric")
      .addColumn("o3_max8h", "numeric")
      .addColumn("aqi", "integer")
      .addColumn("aqi_status", "text", (c: any) => c.notNull().check(sql`aqi_status in ('complete', 'partial', 'na', 'aboveRange')`))
      .addColumn("level", "smallint", (c: any) => c.check(sql`level between 1 and 6`))
      .addColumn("primary_pollutants", "jsonb", (c: any) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn("rule_set", "text", (c: any) => c.notNull())
      .addColumn("data_status", "text", (c: any) => c.notNull().check(sql`data_status in ('preliminary', 'audited')`))
      .addColumn("input_fingerprint", "text", (c: any) => c.notNull())
      .addColumn("computed_at", "timestamptz", (c: any) => c.notNull());

  await figures(
    db.schema.createTable("air_station_days").addColumn("station_id", "uuid", (c) => c.notNull().references("air_stations.id").onDelete("cascade")),
  )
    // Valid hourly values per pollutant, rows received and valid O3 8-hour windows: why a figure is empty.
    .addColumn("valid_hours", "jsonb", (c: any) => c.notNull())
    .addPrimaryKeyConstraint("air_station_days_pk", ["station_id", "date"])
    .execute();
  await db.schema.createIndex("air_station_days_date").on("air_station_days").column("date").execute();

  await figures(
    db.schema.createTable("air_district_days").addColumn("district_id", "uuid", (c) => c.notNull().references("districts.id").onDelete("cascade")),
  )
    // Evaluation stations averaged per indicator (the area value is their mean, never the worst station).
    .addColumn("station_counts", "jsonb", (c: any) => c.notNull())
    .addPrimaryKeyConstraint("air_district_days_pk", ["district_id", "date"])
    .execute();
  await db.schema.createIndex("air_district_days_date").on("air_district_days").column("date").execute();

  await db.schema
    .createTable("air_dust_days")
    .addColumn("district_id", "uuid", (c) => c.notNull().references("districts.id").onDelete("cascade"))
    .addColumn("date", "date", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("entered_by_id", "uuid")
    .addColumn("entered_by", "text", (c) => c.notNull())
    .addColumn("entered_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("air_dust_days_pk", ["district_id", "date"])
    .execute();

  await db.schema
    .createTable("air_published_ranks")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("period_from", "date", (c) => c.notNull())
    .addColumn("period_to", "date", (c) => c.notNull())
    .addColumn("district_id", "uuid", (c) => c.notNull().references("districts.id").onDelete("cascade"))
    .addColumn("rank", "integer", (c) => c.notNull().check(sql`rank >= 1`))
    .addColumn("composite_index", "numeric")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("entered_by_id", "uuid")
    .addColumn("entered_by", "text", (c) => c.notNull())
    .addColumn("entered_at", "timestamptz", (c) => c.notNull())
    .addUniqueConstraint("air_published_ranks_period_district", ["period_from", "period_to", "district_id"])
    .addCheckConstraint("air_published_ranks_period", sql`period_to >= period_from`)
    .execute();

  await db.schema
    .createTable("air_targets")
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("district_id", "uuid", (c) => c.notNull().references("districts.id").onDelete("cascade"))
    // Percent, e.g. 85.0 for 85 % good days.
    .addColumn("good_days_ratio_target", "numeric")
    .addColumn("pm25_target", "numeric")
    .addColumn("pm10_target", "numeric")
    .addColumn("o3_target", "numeric")
    .addColumn("composite_index_target", "numeric")
    .addColumn("heavy_pollution_days_max", "integer")
    .addColumn("note", "text")
    .addColumn("entered_by_id", "uuid")
    .addColumn("entered_by", "text", (c) => c.notNull())
    .addColumn("entered_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("air_targets_pk", ["year", "district_id"])
    .execute();

  // What was announced for a period; compared with fresh figures so a recomputation never changes it silently.
  await db.schema
    .createTable("air_published_figures")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("period_from", "date", (c) => c.notNull())
    .addColumn("period_to", "date", (c) => c.notNull())
    .addColumn("dust_deducted", "boolean", (c) => c.notNull())
    .addColumn("figures", "jsonb", (c) => c.notNull())
    .addColumn("input_fingerprint", "text", (c) => c.notNull())
    .addColumn("published_by_id", "uuid")
    .addColumn("published_by", "text", (c) => c.notNull())
    .addColumn("published_at", "timestamptz", (c) => c.notNull())
    .addUniqueConstraint("air_published_figures_period", ["period_from", "period_to", "dust_deducted"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["air_published_figures", "air_targets", "air_published_ranks", "air_dust_days", "air_district_days", "air_station_days"]) {
    await db.schema.dropTable(t).execute();
  }
}
