import { sql, type Kysely } from "kysely";

/**
 * Air monitoring stations and their hourly readings. Readings are partitioned by month (declarative
 * partitioning works on PostgreSQL and on PGlite alike); a default partition catches months not yet
 * created, and importers create the months they load (`ensure_air_readings_partition`).
 * Concentrations are `numeric`: standards round on decimals, so values must not pass through floats.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("air_stations")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("district_id", "uuid", (c) => c.notNull().references("districts.id"))
    .addColumn("lat", "double precision")
    .addColumn("lon", "double precision")
    // Evaluation stations (评价点位) enter the district's area mean; others are shown but not averaged.
    .addColumn("is_evaluation", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("air_stations_district").on("air_stations").column("district_id").execute();

  await sql`
    create table air_readings (
      station_id uuid not null references air_stations (id),
      time timestamptz not null,
      so2 numeric, no2 numeric, pm10 numeric, pm25 numeric, co numeric, o3 numeric,
      status text not null default 'preliminary' check (status in ('preliminary', 'audited')),
      import_id uuid,
      updated_at timestamptz not null default now(),
      primary key (station_id, time)
    ) partition by range (time)`.execute(db);
  await sql`create table air_readings_default partition of air_readings default`.execute(db);

  // Creates the month's partition if missing, moving any rows of that month out of the default one.
  await sql`
    create or replace function ensure_air_readings_partition(month_start date) returns void
    language plpgsql as $$
    declare
      part text := 'air_readings_' || to_char(month_start, 'YYYYMM');
      lo timestamptz := (month_start::timestamp at time zone 'Asia/Shanghai');
      hi timestamptz := ((month_start + interval '1 month')::timestamp at time zone 'Asia/Shanghai');
    begin
      if to_regclass(part) is not null then return; end if;
      execute format('create table %I (like air_readings including defaults including constraints)', part);
      execute format('insert into %I select * from air_readings_default where time > %L and time <= %L', part, lo, hi);
      execute format('delete from air_readings_default where time > %L and time <= %L', lo, hi);
      execute format('alter table air_readings attach partition %I for values from (%L) to (%L)', part, lo + interval '1 microsecond', hi + interval '1 microsecond');
    end $$`.execute(db);

  await db.schema
    .createTable("import_batches")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("file_sha256", "text", (c) => c.notNull())
    .addColumn("actor_id", "uuid")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("started_at", "timestamptz", (c) => c.notNull())
    .addColumn("finished_at", "timestamptz")
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('running', 'succeeded', 'failed')`))
    .addColumn("total_rows", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("inserted", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("unchanged", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("rejected", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("rejected_rows", "jsonb")
    .addColumn("summary", "jsonb")
    .addColumn("error", "text")
    .execute();
  await db.schema.createIndex("import_batches_started").on("import_batches").column("started_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("import_batches").execute();
  await sql`drop function if exists ensure_air_readings_partition(date)`.execute(db);
  await db.schema.dropTable("air_readings").execute();
  await db.schema.dropTable("air_stations").execute();
}
