import type { DbHandle } from "@ecogov/db";
import { createTestDb } from "@ecogov/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./cli";

let h: DbHandle;
const stations: Record<string, string> = {};

beforeAll(async () => {
  h = await createTestDb();
  for (const [code, n] of [["CL01", 1], ["CL02", 2]] as const) {
    const d = await h.db.insertInto("districts").values({ code, name: `区${n}`, nameEn: `D${n}` }).returning("id").executeTakeFirstOrThrow();
    for (const s of ["A", "B"]) stations[`${code}${s}`] = (await h.db.insertInto("airStations").values({ code: `${code}${s}`, name: `${code}${s}`, districtId: d.id }).returning("id").executeTakeFirstOrThrow()).id;
  }
  for (const m of ["2025-06-01", "2026-02-01", "2026-03-01"]) await h.raw.executeSql("select ensure_air_readings_partition($1::date)", [m]);
  const rows = [];
  const hour = (date: string, i: number) => new Date(Date.parse(`${date}T00:00:00+08:00`) + (i + 1) * 3_600_000);
  for (const date of ["2026-02-28", "2026-03-01"]) {
    for (let i = 0; i < 24; i++) {
      rows.push({ stationId: stations.CL01A!, time: hour(date, i), so2: "8", no2: "24", pm10: "88", pm25: "52.5", co: "0.85", o3: "120", status: "audited" as const });
      // CL01B: 19 hours of PM2.5 only (no valid 24-h mean), no O3 at all.
      rows.push({ stationId: stations.CL01B!, time: hour(date, i), so2: "12", no2: "36", pm10: "92", pm25: i < 19 ? "60" : null, co: "0.95", o3: null });
      rows.push({ stationId: stations.CL02A!, time: hour(date, i), so2: "5", no2: "20", pm10: "40", pm25: "20", co: "0.4", o3: "90" });
      rows.push({ stationId: stations.CL02B!, time: hour(date, i), so2: "5", no2: "20", pm10: "40", pm25: "20", co: "0.4", o3: "90" });
    }
  }
  await h.db.insertInto("airReadings").values(rows).execute();
});
afterAll(async () => {
  await h?.close();
});

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    io: { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => "" },
    openDb: async () => ({ ...h, close: async () => {} }),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("pnpm ecogov air", () => {
  it("recomputes, then prints the daily CSV with each day's rule set", async () => {
    const r = await run(["air", "recompute", "--from", "2026-02-28", "--to", "2026-03-01"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Station-days: 8 written, 0 unchanged, 0 deleted; district-days: 4 written/);
    const again = await run(["air", "recompute", "--from", "2026-02-28", "--to", "2026-03-01", "--station", "CL01A"]);
    expect(again.out).toMatch(/Station-days: 0 written, 2 unchanged/);

    const daily = await run(["air", "daily", "--from", "2026-02-28", "--to", "2026-03-01", "--area", "CL01", "--format", "csv"]);
    expect(daily.code).toBe(0);
    expect(daily.out.split("\n")).toEqual([
      "code,date,so2,no2,pm10,pm2_5,co,o3_1h_max,o3_8h,aqi,level,primary,rules",
      // District = mean of its stations: PM2.5 52 only (CL01B has 19 hours), PM10 (88+92)/2 = 90, CO 0.9.
      "CL01,2026-02-28,10,30,90,52,0.9,120,120,72,2,pm2_5,HJ633-2012",
      "CL01A,2026-02-28,8,24,88,52,0.8,120,120,72,2,pm2_5,HJ633-2012",
      "CL01B,2026-02-28,12,36,92,,1.0,,,,,,HJ633-2012",
      "CL01,2026-03-01,10,30,90,52,0.9,120,120,84,2,pm2_5,HJ633-2026",
      "CL01A,2026-03-01,8,24,88,52,0.8,120,120,84,2,pm2_5,HJ633-2026",
      "CL01B,2026-03-01,12,36,92,,1.0,,,,,,HJ633-2026",
    ]);
  });

  it("prints period figures as CSV and JSON, ranked among the districts", async () => {
    const csv = await run(["air", "period", "--from", "2026-02-28", "--to", "2026-03-01", "--format", "csv"]);
    expect(csv.code).toBe(0);
    const lines = csv.out.split("\n");
    expect(lines[0]).toBe("code,kind,district,valid_days,good_days,ratio,so2,no2,pm10,pm2_5,co,o3_8h,composite_index,rank,published_rank,index_yoy_pct,rank_change,ratio_yoy_pts,rules");
    expect(lines.find((l) => l.startsWith("CL02,"))).toMatch(/^CL02,district,CL02,2,2,100\.0,5,20,40,20,0\.4,90,[\d.]+,1,,,,,HJ633-2012;HJ633-2026$/);
    expect(lines.find((l) => l.startsWith("CL01,"))).toMatch(/,2,,,,,HJ633-2012;HJ633-2026$/);
    const json = JSON.parse((await run(["air", "period", "--from", "2026-02-28", "--to", "2026-03-01"])).out);
    expect(json.districts.find((d: { code: string }) => d.code === "CL01")).toMatchObject({ ratio: { numerator: 2, denominator: 2, percent: 100 }, rank: { rank: 2, source: "computed" } });
  });

  it("explains bad dates and unknown areas in both languages", async () => {
    const bad = await run(["air", "daily", "--from", "2026-02-30", "--to", "2026-03-01"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/from \[date_format\]/);
    expect(bad.err).toMatch(/须为 YYYY-MM-DD/);
    const area = await run(["air", "daily", "--from", "2026-02-28", "--to", "2026-03-01", "--area", "NOPE"]);
    expect(area.code).toBe(1);
    expect(area.err).toMatch(/NOPE/);
    expect((await run(["air", "daily", "--from", "2026-02-28"])).code).toBe(2);
    expect((await run(["air", "daily", "--from", "2026-02-28", "--to", "2026-03-01", "--format", "xml"])).code).toBe(2);
  });
});
