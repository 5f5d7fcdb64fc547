import type { Migration } from "kysely";
import * as m0100 from "./20261128000100_create_org";
import * as m0200 from "./20261128000200_create_auth";
import * as m0300 from "./20261128000300_create_audit_events";
import * as m0400 from "./20261128000400_create_job_runs";
import * as m1000 from "./20261128010000_create_air_stations_and_readings";

/** Every migration in order; a static list so bundles and tests need no file system scan. */
export const migrations: Record<string, Migration> = {
  "20261128000100_create_org": m0100,
  "20261128000200_create_auth": m0200,
  "20261128000300_create_audit_events": m0300,
  "20261128000400_create_job_runs": m0400,
  "20261128010000_create_air_stations_and_readings": m1000,
};
