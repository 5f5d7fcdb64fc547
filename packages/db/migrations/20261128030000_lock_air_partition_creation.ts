import { sql, type Kysely } from "kysely";

/**
 * `ensure_air_readings_partition` takes the same lock as an import's merge before it looks for the month, so a month's
 * partition is created exactly once when imports (which may attach their staging as the partition) run concurrently.
 * SHARE UPDATE EXCLUSIVE conflicts with itself, not with reads or writes of the readings.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function ensure_air_readings_partition(month_start date) returns void
    language plpgsql as $$
    declare
      part text := 'air_readings_' || to_char(month_start, 'YYYYMM');
      lo timestamptz := (month_start::timestamp at time zone 'Asia/Shanghai');
      hi timestamptz := ((month_start + interval '1 month')::timestamp at time zone 'Asia/Shanghai');
    begin
      if to_regclass(part) is not null then return; end if;
      lock table air_readings in share update exclusive mode;
      if to_regclass(part) is not null then return; end if;
      execute format('create table %I (like air_readings including defaults including constraints)', part);
      execute format('insert into %I select * from air_readings_default where time > %L and time <= %L', part, lo, hi);
      execute format('delete from air_readings_default where time > %L and time <= %L', lo, hi);
      execute format('alter table air_readings attach partition %I for values from (%L) to (%L)', part, lo + interval '1 microsecond', hi + interval '1 microsecond');
    end $$`.execute(db);
}

/** The function as the first migration created it (without the lock). */
export async function down(db: Kysely<any>): Promise<void> {
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
}
