import { createRepositories, createUnitOfWork, scryptHasher, seedDemo, type DbHandle } from "@ecogov/db";
import { createTestDb } from "@ecogov/db/testing";
import { systemClock } from "@ecogov/domain";
import { importWaterSamples, importWaterSections, type TableRow } from "@ecogov/domain/water";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app";
import { createApiDeps } from "./deps";
import { createLogger } from "@ecogov/jobs";
import { createHttpClient, expectError } from "./test-client";

const PASSWORD = "test-pass-2026";
let handle: DbHandle;
let app: ReturnType<typeof createApp>;

async function* rows(text: string): AsyncIterable<TableRow> {
  const lines = text.trim().split("\n");
  const header = lines[0]!.split(",");
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i]!.split(",");
    yield { line: i + 1, values: Object.fromEntries(header.map((c, j) => [c, cells[j] ?? ""])) };
  }
}

const SECTIONS = `section_code,name,district_code,kind,waterbody,target_class,lat,lon
QS-01,青山河入境,QY01,national,river,III,30.12,120.01
QS-02,青山湖心,QY01,provincial,lake,III,30.15,120.05
DH-01,东湖出口,QY02,municipal,river,II,,`;
const HEADER = "section_code,time,source,ph,do,codmn,cod,bod5,nh3n,tp,cu,zn,f,se,as,hg,cd,cr6,pb,cn,volatile_phenol,petroleum,las,sulfide";
const W1 = "7.8,5.6,4.8,18,3.5,0.62,0.21,0.004,0.03,0.42,0.0004,0.0012,0.00002,0.0002,0.004,0.002,0.002,0.0015,0.02,0.05,0.01";
const SAMPLES = `${HEADER}
QS-01,2026-01-10T09:30:00+08:00,manual,${W1}
QS-02,2026-01-10T09:30:00+08:00,manual,${W1}
QS-01,2026-01-10T12:00:00+08:00,auto,7.6,6.2,3.9,,,0.48,0.12,,,,,,,,,,,,,
DH-01,2025-01-12,manual,7.2,7.2,3.1,12,2.1,0.21,0.08,0.001L,0.03,0.42,0.0004,0.0012,<0.00004,0.0002,0.004,0.002,0.004L,0.0015,0.02,0.05,0.01`;

beforeAll(async () => {
  handle = await createTestDb();
  await seedDemo(handle.db, { passwords: scryptHasher, password: PASSWORD });
  const deps = { uow: createUnitOfWork(handle.db), clock: systemClock };
  await importWaterSections(deps, null, { fileName: "sections.csv", fileSha256: "s", rows: rows(SECTIONS) });
  await importWaterSamples(deps, null, { fileName: "samples.csv", fileSha256: "x", rows: rows(SAMPLES) }, { status: "audited" });
  app = createApp({ deps: createApiDeps(handle, systemClock), clock: systemClock, logger: createLogger("silent"), staticDirs: null });
});
afterAll(async () => {
  await handle?.close();
});

async function loggedIn(username: string) {
  const c = createHttpClient(app);
  await c.client.auth.login.mutate({ username, password: PASSWORD });
  return c.client;
}

const JANUARY = { from: "2026-01-01", to: "2026-01-31" };
const KPI = { code: "MANURE_USE", name: "畜禽粪污综合利用率", nameEn: "Livestock manure utilisation rate", unit: "%", periodFrom: "2026-01-01", periodTo: "2026-12-31", target: "90", value: "88.6", direction: "higher_better" as const, source: "区农业农村局" };

describe("indicators.water and indicators.kpis (staff)", () => {
  it("refuse anonymous callers", async () => {
    const { client } = createHttpClient(app);
    for (const call of [
      client.indicators.water.sections.query(),
      client.indicators.water.classes.query(JANUARY),
      client.indicators.water.period.query(JANUARY),
      client.indicators.kpis.list.query({}),
      client.indicators.kpis.create.mutate(KPI),
    ]) {
      expect(await expectError(call)).toMatchObject({ status: 401, code: "AUTH_REQUIRED" });
    }
  });

  it("refuse town officers, who read water quality on the portal", async () => {
    const officer = await loggedIn("officer-chengguan");
    expect(await expectError(officer.indicators.water.sections.query())).toMatchObject({ status: 403, code: "AUTH_FORBIDDEN" });
    expect(await expectError(officer.indicators.kpis.create.mutate(KPI))).toMatchObject({ status: 403 });
  });

  it("give leaders the period figures: classes vs targets, district CWQI and rank, I–III share year on year", async () => {
    const leader = await loggedIn("leader");
    const sections = await leader.indicators.water.sections.query();
    expect(sections.map((s) => [s.code, s.latest?.waterClass, s.latest?.itemSet, s.latest?.meetsTarget])).toEqual([
      ["DH-01", "II", "manual_21", true],
      ["QS-01", "III", "auto_5", true],
      ["QS-02", "worse_than_V", "manual_21", false],
    ]);
    const period = await leader.indicators.water.period.query(JANUARY);
    const home = period.districts.find((d) => d.code === "QY01")!;
    expect(home).toMatchObject({ isHome: true, sectionCount: 2, rank: 1, goodShare: { count: 0, total: 2 } });
    const east = period.districts.find((d) => d.code === "QY02")!;
    expect(east).toMatchObject({ cwqi: null, rank: null, baseGoodShare: { count: 1, total: 1, percent: 100 } });
    expect(period.districts).toHaveLength(6);
    const classes = await leader.indicators.water.classes.query(JANUARY);
    expect(classes.map((c) => [c.sectionCode, c.waterClass, c.itemSet])).toEqual([
      ["QS-01", "IV", "manual_21"],
      ["QS-01", "III", "auto_5"],
      ["QS-02", "worse_than_V", "manual_21"],
    ]);
  });

  it("answer a bad period with a bilingual 400 naming the field and rule", async () => {
    const leader = await loggedIn("leader");
    const e = await expectError(leader.indicators.water.period.query({ from: "2026-02-01", to: "2026-01-01" }));
    expect(e).toMatchObject({ status: 400, code: "VALIDATION_FAILED", text: { zh: "开始日期不能晚于结束日期" } });
    expect(e.details.fieldErrors[0]).toMatchObject({ path: "to", rule: "period_order" });
  });

  it("let section staff enter and correct KPIs, audited; leaders may only read them", async () => {
    const monitoring = await loggedIn("monitoring");
    const k = await monitoring.indicators.kpis.create.mutate(KPI);
    expect(k).toMatchObject({ enteredBy: "李监测 (monitoring)", progress: { status: "not_met", gap: "1.4" } });
    const u = await monitoring.indicators.kpis.update.mutate({ ...KPI, id: k.id, value: "90.5" });
    expect(u.progress.status).toBe("met");
    const audit = await createRepositories(handle.db).audit.query({ entityType: "kpi", entityId: k.id, limit: 5, offset: 0 });
    expect(audit.items.map((a) => a.action)).toEqual(["kpi.update", "kpi.create"]);

    const leader = await loggedIn("leader");
    expect((await leader.indicators.kpis.list.query({ year: 2026 })).map((x) => x.code)).toEqual(["MANURE_USE"]);
    expect(await expectError(leader.indicators.kpis.create.mutate({ ...KPI, code: "OTHER" }))).toMatchObject({ status: 403 });

    const dup = await expectError(monitoring.indicators.kpis.create.mutate(KPI));
    expect(dup).toMatchObject({ status: 409, code: "KPI_DUPLICATE" });
    const bad = await expectError(monitoring.indicators.kpis.create.mutate({ ...KPI, code: "X", periodTo: "2025-01-01", target: "many" }));
    expect(bad.status).toBe(400);
    expect(bad.details.fieldErrors.map((f: { path: string; rule: string }) => [f.path, f.rule])).toEqual([["target", "decimal"], ["periodTo", "period_order"]]);
    expect(bad.text.zh).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("open data: /api/v1/water and /api/v1/kpis", () => {
  it("lists sections with their latest class, target and whether it is met, without internal ids", async () => {
    const r = await app.request("/api/v1/water/sections");
    expect(r.status).toBe(200);
    const body = (await r.json()) as { items: { code: string; targetClass: string; latest: { class: string; items: string; meetsTarget: boolean; time: string } | null }[] };
    expect(body.items.find((s) => s.code === "QS-02")).toMatchObject({ targetClass: "III", latest: { class: "劣V", items: "manual_21", meetsTarget: false, time: "2026-01-10T09:30:00+08:00" } });
    expect(JSON.stringify(body)).not.toMatch(/"id"|sectionId|importId/);
  });

  it("serves the same per-sample classes as the CLI", async () => {
    const r = await app.request("/api/v1/water/classes?from=2026-01-01&to=2026-01-31");
    expect(r.status).toBe(200);
    const body = (await r.json()) as { items: { sectionCode: string; time: string; class: string; deciding: string[]; cwqi: number | null; items: string }[] };
    const csvLike = body.items.map((i) => [i.sectionCode, i.time, i.class, i.deciding.join(";"), i.cwqi === null ? "" : i.cwqi.toFixed(4), i.items].join(","));
    expect(csvLike).toEqual(["QS-01,2026-01-10T09:30:00+08:00,IV,tp,7.4259,manual_21", "QS-01,2026-01-10T12:00:00+08:00,III,tp,,auto_5", "QS-02,2026-01-10T09:30:00+08:00,劣V,tp,10.5759,manual_21"]);
  });

  it("serves the same classes as CSV for a spreadsheet: BOM, header from the schema, lists joined by ';'", async () => {
    const r = await app.request("/api/v1/water/classes?from=2026-01-01&to=2026-01-31&format=csv");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(r.headers.get("content-disposition")).toBe('attachment; filename="water-classes_2026-01-01_2026-01-31.csv"');
    const bytes = new Uint8Array(await r.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = new TextDecoder().decode(bytes).trimEnd().split("\r\n");
    const columns = header!.split(",");
    expect(columns.slice(0, 3)).toEqual(["sectionCode", "sectionName", "districtCode"]);
    const at = (row: string, name: string) => row.split(",")[columns.indexOf(name)];
    expect(rows.map((row) => [at(row, "sectionCode"), at(row, "class"), at(row, "deciding"), at(row, "items")])).toEqual([
      ["QS-01", "IV", "tp", "manual_21"],
      ["QS-01", "III", "tp", "auto_5"],
      ["QS-02", "劣V", "tp", "manual_21"],
    ]);
    // The parameter's case does not matter ("CSV" as a user may type it).
    expect((await app.request("/api/v1/water/classes?from=2026-01-01&to=2026-01-31&format=CSV")).headers.get("content-type")).toBe("text/csv; charset=utf-8");
    // An empty period still has its header.
    const empty = await (await app.request("/api/v1/water/classes?from=2020-01-01&to=2020-01-31&format=csv")).text();
    expect(empty).toBe(`${header}\r\n`);
  });

  it("answers bad queries with a bilingual 400", async () => {
    for (const [url, rule] of [
      ["/api/v1/water/classes?from=2026-01-01", "required"],
      ["/api/v1/water/classes?from=2026-13-01&to=2026-12-31", "date_format"],
      ["/api/v1/kpis?year=soon", "type"],
      ["/api/v1/kpis?format=xls", "one_of"],
    ] as const) {
      const r = await app.request(url);
      expect(r.status, url).toBe(400);
      const body = (await r.json()) as { error: { code: string; message: { zh: string; en: string }; fieldErrors: { rule: string }[] } };
      expect(body.error.code).toBe("VALIDATION_FAILED");
      expect(body.error.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(body.error.fieldErrors[0]!.rule).toBe(rule);
    }
    // A query names its parameters as parameters.
    const format = (await (await app.request("/api/v1/kpis?format=xls")).json()) as { error: { message: { zh: string; en: string } } };
    expect(format.error.message).toEqual({ zh: '参数 "format" 取值应为：json、csv', en: 'Parameter "format" must be one of: json, csv' });
  });

  it("publishes KPIs against their targets without who entered them", async () => {
    const r = await app.request("/api/v1/kpis?year=2026");
    expect(r.status).toBe(200);
    const body = (await r.json()) as { year: number; items: { code: string; target: string; value: string; progress: { status: string } }[] };
    expect(body).toMatchObject({ year: 2026, items: [{ code: "MANURE_USE", target: "90", value: "90.5", progress: { status: "met" } }] });
    expect(JSON.stringify(body)).not.toMatch(/enteredBy|李监测|"id"/);
    expect(((await (await app.request("/api/v1/kpis?year=2024")).json()) as { items: unknown[] }).items).toEqual([]);
  });

  it("documents the routes in the OpenAPI document", async () => {
    const spec = (await (await app.request("/api/v1/openapi.json")).json()) as { paths: Record<string, { get: { parameters: { name: string }[] } }> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(["/api/v1/water/sections", "/api/v1/water/classes", "/api/v1/kpis"]));
    expect(spec.paths["/api/v1/water/classes"]!.get.parameters.map((p) => p.name)).toEqual(["from", "to", "format"]);
  });
});
