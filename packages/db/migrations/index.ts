import type { Migration } from "kysely";
import * as m0100 from "./20261128000100_create_org";
import * as m0200 from "./20261128000200_create_auth";
import * as m0300 from "./20261128000300_create_audit_events";
import * as m0400 from "./20261128000400_create_job_runs";
import * as m1000 from "./20261128010000_create_air_stations_and_readings";
import * as m1100 from "./20261128011000_create_air_results";
import * as m13000 from "./20261128013000_create_water_and_kpis";
import * as m20000 from "./20261128020000_create_supervision_tasks";
import * as m20100 from "./20261128020100_create_holiday_years";
import * as m30000 from "./20261128030000_lock_air_partition_creation";
import * as m40000 from "./20261128040000_create_air_composite_index_settings";

/** Every migration in order; a static list so bundles and tests need no file system scan. */
export const migrations: Record<string, Migration> = {
  "20261128000100_create_org": m0100,
  "20261128000200_create_auth": m0200,
  "20261128000300_create_audit_events": m0300,
  "20261128000400_create_job_runs": m0400,
  "20261128010000_create_air_stations_and_readings": m1000,
  "20261128011000_create_air_results": m1100,
  "20261128013000_create_water_and_kpis": m13000,
  "20261128020000_create_supervision_tasks": m20000,
  "20261128020100_create_holiday_years": m20100,
  "20261128030000_lock_air_partition_creation": m30000,
  "20261128040000_create_air_composite_index_settings": m40000,
};
