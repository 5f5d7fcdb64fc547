import { createRepositories, createUnitOfWork, scryptHasher, seedDemo, type DbHandle } from "@ecogov/db";
import { createTestDb } from "@ecogov/db/testing";
import { fixedClock } from "@ecogov/domain";
import { COMPOSITE_INDEX_2018, COMPOSITE_INDEX_2026_CANDIDATE, recomputeAirDays } from "@ecogov/domain/air";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app";
import { createApiDeps } from "./deps";
import { createLogger } from "@ecogov/jobs";
import { createHttpClient, expectError } from "./test-client";

const PASSWORD = "test-pass-2026";
const clock = fixedClock("2026-03-03T10:30:00+08:00");
let handle: DbHandle;
let app: ReturnType<typeof createApp>;
const district: Record<string, string> = {};

beforeAll(async () => {
  handle = await createTestDb();
  await seedDemo(handle.db, { passwords: scryptHasher, password: PASSWORD });
  for (const d of await handle.db.selectFrom("districts").select(["id", "code"]).execute()) district[d.code] = d.id;
  await handle.raw.executeSql("select ensure_air_readings_partition($1::date)", ["2026-02-01"]);
  await handle.raw.executeSql("select ensure_air_readings_partition($1::date)", ["2026-03-01"]);
  // Two stations in each of QY01 and QY02; readings for 2026-02-28 … 2026-03-03 10:00.
  const rows = [];
  for (const [code, pm25] of [["QY01", "52.5"], ["QY02", "20"]] as const) {
    for (const s of ["A", "B"]) {
      const stationId = (await handle.db.insertInto("airStations").values({ code: `HT-${code}${s}`, name: `${code}${s}站`, districtId: district[code]!, lat: 29.1, lon: 119.6 }).returning("id").executeTakeFirstOrThrow()).id;
      for (let h = 1; h <= 3 * 24 + 10; h++) {
        rows.push({ stationId, time: new Date(Date.parse("2026-02-28T00:00:00+08:00") + h * 3_600_000), so2: "8", no2: "24", pm10: "88", pm25, co: "0.85", o3: "120", status: h <= 24 ? ("audited" as const) : ("preliminary" as const) });
      }
    }
  }
  await handle.db.insertInto("airReadings").values(rows).execute();
  await recomputeAirDays({ uow: createUnitOfWork(handle.db), read: createRepositories(handle.db), clock }, { from: "2026-02-28", to: "2026-03-03" });
  app = createApp({ deps: createApiDeps(handle, clock), clock, logger: createLogger("silent"), staticDirs: null });
});
afterAll(async () => {
  await handle?.close();
});

async function loggedIn(username: string) {
  const c = createHttpClient(app);
  await c.client.auth.login.mutate({ username, password: PASSWORD });
  return c;
}

describe("indicators.air (staff)", () => {
  it("is closed to anonymous callers", async () => {
    const { client } = createHttpClient(app);
    expect((await expectError(client.indicators.air.dashboard.query({ year: 2026 }))).status).toBe(401);
  });

  it("gives the dashboard: figures against targets, rank, pollutants against limits, the calendar and station health", async () => {
    const monitoring = await loggedIn("monitoring");
    await monitoring.client.indicators.air.targets.set.mutate({ year: 2026, districtId: district.QY01!, goodDaysRatioTarget: 85, pm25Target: 30 });
    const { client } = await loggedIn("leader");
    const d = await client.indicators.air.dashboard.query({ year: 2026 });
    expect(d).toMatchObject({ from: "2026-01-01", to: "2026-03-02", district: { code: "QY01" }, target: { goodDaysRatioTarget: 85, pm25Target: 30 }, ruleSetIds: ["HJ633-2012", "HJ633-2026"] });
    expect(d.figures).toMatchObject({ compliance: { validDays: 3, goodDays: 3 }, rank: { rank: 2, of: 2, source: "computed" } });
    expect(d.pollutants.find((p) => p.pollutant === "pm25")).toMatchObject({ value: 52, limit: 30, averaging: "annual", exceeds: true, target: 30 });
    expect(d.goodDaysGap?.text.zh).toMatch(/还需 \d+ 个优良天/);

    const calendar = await client.indicators.air.calendar.query({ year: 2026 });
    expect(calendar.days.map((x) => [x.date, x.aqi, x.ruleSet, x.dataStatus])).toEqual([
      ["2026-02-28", 72, "HJ633-2012", "audited"],
      ["2026-03-01", 84, "HJ633-2026", "preliminary"],
      ["2026-03-02", 84, "HJ633-2026", "preliminary"],
      ["2026-03-03", null, "HJ633-2026", "preliminary"],
    ]);
    const stations = await client.indicators.air.stations.query({ silentHours: 3 });
    expect(stations.stations.find((s) => s.code === "HT-QY01A")).toMatchObject({ lastTime: "2026-03-03T10:00", silent: false, issues: expect.arrayContaining(["stuck"]) });
  });

  it("lets the monitoring section flag dust days and enter published ranks, audited; other sections only read", async () => {
    const petitions = await loggedIn("petitions");
    expect((await petitions.client.indicators.air.period.query({ from: "2026-02-28", to: "2026-03-02", stations: false })).districts.length).toBeGreaterThan(0);
    const refused = await expectError(petitions.client.indicators.air.dustDays.set.mutate({ districtId: district.QY01!, date: "2026-03-01", reason: "沙尘" }));
    expect(refused.status).toBe(403);

    const { client } = await loggedIn("monitoring");
    await client.indicators.air.dustDays.set.mutate({ districtId: district.QY01!, date: "2026-03-01", reason: "沙尘天气过程" });
    expect(await client.indicators.air.dustDays.list.query({ from: "2026-03-01", to: "2026-03-31" })).toHaveLength(1);
    const deducted = await client.indicators.air.period.query({ from: "2026-02-28", to: "2026-03-02", dustDeducted: true, stations: false });
    expect(deducted.districts.find((x) => x.code === "QY01")?.compliance).toMatchObject({ validDays: 2, dustDaysExcluded: 1 });
    const rank = await client.indicators.air.publishedRanks.enter.mutate({ periodFrom: "2026-02-01", periodTo: "2026-02-28", districtId: district.QY01!, rank: 3, source: "清源市2月空气质量通报" });
    expect(rank).toMatchObject({ rank: 3, enteredBy: "李监测 (monitoring)" });
    const bad = await expectError(client.indicators.air.publishedRanks.enter.mutate({ periodFrom: "2026-02-28", periodTo: "2026-02-01", districtId: district.QY01!, rank: 3, source: "x" }));
    expect(bad).toMatchObject({ status: 400, code: "VALIDATION_FAILED" });
    await client.indicators.air.dustDays.remove.mutate({ districtId: district.QY01!, date: "2026-03-01" });

    const audit = await createRepositories(handle.db).audit.query({ action: "air.dust_day.set", limit: 5, offset: 0 });
    expect(audit.total).toBe(1);
    expect((await createRepositories(handle.db).audit.query({ action: "air.published_rank.enter", limit: 5, offset: 0 })).total).toBe(1);
  });
});

describe("open data /api/v1/air", () => {
  it("lists stations with the latest hour's AQI, colour and preliminary label", async () => {
    const r = await app.request("/api/v1/air/stations");
    expect(r.status).toBe(200);
    const body = (await r.json()) as { asOf: string; items: Record<string, unknown>[] };
    expect(body.asOf).toBe("2026-03-03T10:00");
    expect(body.items.find((s) => s.code === "HT-QY02A")).toMatchObject({
      time: "2026-03-03T10:00",
      ruleSet: "HJ633-2026",
      colour: expect.stringMatching(/^#[0-9A-F]{6}$/),
      dataStatus: "preliminary",
      dataStatusLabel: { zh: "实况", en: "preliminary" },
      silent: false,
    });
    expect(JSON.stringify(body)).not.toMatch(/stationId|"id"/);
  });

  it("serves daily figures like the CLI, for an area", async () => {
    const r = await app.request("/api/v1/air/daily?from=2026-02-28&to=2026-03-01&area=QY01");
    expect(r.status).toBe(200);
    const body = (await r.json()) as { items: { kind: string; code: string; date: string; pm25: number; co: number; aqi: number; ruleSet: string; dataStatus: string }[] };
    expect(body.items.map((x) => [x.code, x.date, x.pm25, x.co, x.aqi, x.ruleSet, x.dataStatus])).toEqual([
      ["QY01", "2026-02-28", 52, 0.8, 72, "HJ633-2012", "audited"],
      ["HT-QY01A", "2026-02-28", 52, 0.8, 72, "HJ633-2012", "audited"],
      ["HT-QY01B", "2026-02-28", 52, 0.8, 72, "HJ633-2012", "audited"],
      ["QY01", "2026-03-01", 52, 0.8, 84, "HJ633-2026", "preliminary"],
      ["HT-QY01A", "2026-03-01", 52, 0.8, 84, "HJ633-2026", "preliminary"],
      ["HT-QY01B", "2026-03-01", 52, 0.8, 84, "HJ633-2026", "preliminary"],
    ]);
  });

  it("serves period figures with computed ranks and rule sets", async () => {
    const r = await app.request("/api/v1/air/period?from=2026-02-28&to=2026-03-02");
    expect(r.status).toBe(200);
    const body = (await r.json()) as { ruleSetIds: string[]; districts: { code: string; rank: number | null; rankSource: string; goodDays: number }[] };
    expect(body.ruleSetIds).toEqual(["HJ633-2012", "HJ633-2026"]);
    expect(body.districts.filter((d) => d.rank !== null).map((d) => [d.code, d.rank, d.rankSource])).toEqual([
      ["QY01", 2, "computed"],
      ["QY02", 1, "computed"],
    ]);
  });

  it("serves the period as CSV, each statistic and the year on year in a column of its own, same figures as the JSON", async () => {
    const url = "/api/v1/air/period?from=2026-02-28&to=2026-03-02";
    const json = (await (await app.request(url)).json()) as { districts: { code: string; rank: number | null; statistics: { pm25: { value: number | null } }; ruleSetIds: string[] }[] };
    const r = await app.request(`${url}&format=csv`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-disposition")).toBe('attachment; filename="air-period_2026-02-28_2026-03-02.csv"');
    const [header, ...rows] = (await r.text()).trimEnd().split("\r\n");
    const columns = header!.split(",");
    expect(columns).toEqual(expect.arrayContaining(["code", "name", "statistics.pm25.statistic", "statistics.pm25.value", "statistics.co.value", "publishedRank.rank", "yearOnYear.rankPlaces", "ruleSetIds"]));
    const at = (row: string, name: string) => row.split(",")[columns.indexOf(name)];
    expect(rows.map((row) => [at(row, "code"), at(row, "rank"), at(row, "statistics.pm25.value"), at(row, "ruleSetIds")])).toEqual(
      json.districts.map((d) => [d.code, d.rank === null ? "" : String(d.rank), d.statistics.pm25.value === null ? "" : String(d.statistics.pm25.value), d.ruleSetIds.join(";")]),
    );
    expect(rows.map((row) => at(row, "ruleSetIds"))).toContain("HJ633-2012;HJ633-2026");
  });

  it("answers a bad query with a bilingual 400 naming the field", async () => {
    const r = await app.request("/api/v1/air/daily?from=2026-02-30&to=2026-03-01");
    expect(r.status).toBe(400);
    const body = (await r.json()) as { error: { code: string; message: { zh: string; en: string }; fieldErrors: { path: string; rule: string }[] } };
    expect(body.error).toMatchObject({ code: "VALIDATION_FAILED", message: { zh: "参数 from 须为 YYYY-MM-DD 格式的有效日期", en: 'Parameter "from" must be a valid YYYY-MM-DD date' } });
    expect(body.error.fieldErrors[0]).toMatchObject({ path: "from", rule: "date_format" });
    const order = await app.request("/api/v1/air/period?from=2026-03-02&to=2026-03-01");
    expect(((await order.json()) as { error: { fieldErrors: { path: string; rule: string }[] } }).error.fieldErrors[0]).toMatchObject({ path: "to", rule: "period_order" });
    const missing = await app.request("/api/v1/air/period?from=2026-03-01");
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { fieldErrors: { path: string }[] } }).error.fieldErrors[0]?.path).toBe("to");
    const flag = await app.request("/api/v1/air/period?from=2026-03-01&to=2026-03-02&dustDeducted=maybe");
    expect(flag.status).toBe(400);
    const long = await app.request("/api/v1/air/daily?from=2025-01-01&to=2026-03-01");
    expect(((await long.json()) as { error: { fieldErrors: { rule: string }[] } }).error.fieldErrors[0]?.rule).toBe("period_length");
  });

  it("documents the air routes in the OpenAPI document", async () => {
    const spec = (await (await app.request("/api/v1/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(["/api/v1/air/stations", "/api/v1/air/daily", "/api/v1/air/period"]));
  });
});

describe("indicators.air.compositeIndexSettings", () => {
  const period = { from: "2026-02-28", to: "2026-03-02", stations: false };
  const qy01 = (f: { districts: { code: string; compositeIndex: { value: number; settingsId: string } | null }[] }) => f.districts.find((d) => d.code === "QY01")?.compositeIndex;

  it("stores settings in force from a date, which period figures and open data then use, audited", async () => {
    const { client } = await loggedIn("monitoring");
    // QY01 by default: 8/60 + 24/40 + 88/70 + 52/35 + 0.8/4 + 120/160 = 4.43.
    expect(qy01(await client.indicators.air.period.query(period))).toMatchObject({ value: 4.43, settingsId: COMPOSITE_INDEX_2018.id });
    const saved = await client.indicators.air.compositeIndexSettings.set.mutate({ effectiveFrom: "2026-02-01", settings: COMPOSITE_INDEX_2026_CANDIDATE, note: "市局排名办法" });
    expect(saved).toMatchObject({ effectiveFrom: "2026-02-01", note: "市局排名办法", enteredBy: "李监测 (monitoring)" });

    const leader = await loggedIn("leader");
    expect(await leader.client.indicators.air.compositeIndexSettings.list.query()).toMatchObject([{ effectiveFrom: "2026-02-01", settings: COMPOSITE_INDEX_2026_CANDIDATE }]);
    // 8/60 + 2·24/40 + 88/60 + 3·52/30 + 0.8/4 + 2·120/160 = 9.70.
    expect(qy01(await leader.client.indicators.air.period.query(period))).toMatchObject({ value: 9.7, settingsId: COMPOSITE_INDEX_2026_CANDIDATE.id });
    // A period starting before the entry keeps the default; settings passed with the query still override.
    expect(qy01(await leader.client.indicators.air.period.query({ ...period, from: "2026-01-31" }))).toMatchObject({ value: 4.43 });
    expect(qy01(await leader.client.indicators.air.period.query({ ...period, compositeIndexSettings: COMPOSITE_INDEX_2018 }))).toMatchObject({ value: 4.43 });
    const open = (await (await app.request("/api/v1/air/period?from=2026-02-28&to=2026-03-02")).json()) as { compositeIndexSettings: { id: string } };
    expect(open.compositeIndexSettings.id).toBe(COMPOSITE_INDEX_2026_CANDIDATE.id);

    const audit = await createRepositories(handle.db).audit.query({ action: "air.composite_index_settings.set", limit: 5, offset: 0 });
    expect(audit).toMatchObject({ total: 1, items: [{ entityType: "air_composite_index_settings", entityId: "2026-02-01", actorName: "李监测 (monitoring)", before: null }] });
    await client.indicators.air.compositeIndexSettings.remove.mutate({ effectiveFrom: "2026-02-01" });
    expect(qy01(await client.indicators.air.period.query(period))).toMatchObject({ value: 4.43, settingsId: COMPOSITE_INDEX_2018.id });
  });

  it("answers invalid settings with a bilingual 400 naming the field, and lets only monitoring staff and administrators write", async () => {
    const { client } = await loggedIn("monitoring");
    const custom = { ...COMPOSITE_INDEX_2018, id: "custom-2027" };
    const zero = await expectError(client.indicators.air.compositeIndexSettings.set.mutate({ effectiveFrom: "2027-01-01", settings: { ...custom, limits: { ...custom.limits, pm25: 0 } } }));
    expect(zero).toMatchObject({ status: 400, code: "VALIDATION_FAILED", details: { fieldErrors: [{ path: "settings.limits.pm25" }] } });
    expect(zero.text).toEqual({ zh: '字段 "settings.limits.pm25" 须为正数', en: 'Field "settings.limits.pm25" must be a positive number' });
    const date = await expectError(client.indicators.air.compositeIndexSettings.set.mutate({ effectiveFrom: "2027-02-30", settings: custom }));
    expect(date).toMatchObject({ status: 400, text: { zh: "参数 effectiveFrom 须为 YYYY-MM-DD 格式的有效日期", en: 'Parameter "effectiveFrom" must be a valid YYYY-MM-DD date' } });
    const relabelled = await expectError(client.indicators.air.compositeIndexSettings.set.mutate({ effectiveFrom: "2027-01-01", settings: { ...COMPOSITE_INDEX_2018, weights: COMPOSITE_INDEX_2026_CANDIDATE.weights } }));
    expect(relabelled).toMatchObject({ status: 400, details: { fieldErrors: [{ path: "settings.id", rule: "preset_values" }] } });

    const officer = await loggedIn("officer-chengguan");
    expect((await expectError(officer.client.indicators.air.compositeIndexSettings.set.mutate({ effectiveFrom: "2027-01-01", settings: custom }))).status).toBe(403);
    expect((await expectError(officer.client.indicators.air.compositeIndexSettings.list.query())).status).toBe(403);
    const leader = await loggedIn("leader");
    expect((await expectError(leader.client.indicators.air.compositeIndexSettings.remove.mutate({ effectiveFrom: "2027-01-01" }))).status).toBe(403);
    expect(await client.indicators.air.compositeIndexSettings.list.query()).toEqual([]);
  });
});
