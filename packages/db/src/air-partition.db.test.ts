import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "./client";
import { seedDemo } from "./seed";
import { scryptHasher } from "./security";
import { createTestDb } from "./testing";

let h: DbHandle;
let stationId: string;
beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db, { passwords: scryptHasher });
  const d = await h.db.selectFrom("districts").select("id").where("isHome", "=", true).executeTakeFirstOrThrow();
  stationId = (await h.db.insertInto("airStations").values({ code: "S1", name: "站点一", districtId: d.id }).returning("id").executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await h?.close();
});

describe("air_readings partitions", () => {
  it("routes an hour to its Asia/Shanghai month, moving rows out of the default partition", async () => {
    // 2026-03-01T00:00+08:00 closes the last hour of February (end-of-hour stamps).
    await h.db.insertInto("airReadings").values([
      { stationId, time: new Date("2026-03-01T00:00:00+08:00"), pm25: "35.5" },
      { stationId, time: new Date("2026-03-01T01:00:00+08:00"), pm25: "12" },
    ]).execute();
    await sql`select ensure_air_readings_partition('2026-02-01'::date)`.execute(h.db);
    await sql`select ensure_air_readings_partition('2026-03-01'::date)`.execute(h.db);
    await sql`select ensure_air_readings_partition('2026-03-01'::date)`.execute(h.db);
    const rows = await sql<{ part: string; pm25: string }>`select tableoid::regclass::text as part, pm25 from air_readings order by time`.execute(h.db);
    expect(rows.rows).toEqual([
      { part: "air_readings_202602", pm25: "35.5" },
      { part: "air_readings_202603", pm25: "12" },
    ]);
  });

  it("keeps one row per station and hour", async () => {
    await expect(h.db.insertInto("airReadings").values({ stationId, time: new Date("2026-03-01T01:00:00+08:00"), pm25: "13" }).execute()).rejects.toThrow();
  });
});
