import { scryptHasher, seedDemo, type DbHandle } from "@ecogov/db";
import { createTestDb } from "@ecogov/db/testing";
import { systemClock } from "@ecogov/domain";
import { writeXlsx } from "@ecogov/files";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app";
import { createApiDeps } from "./deps";
import { createLogger } from "@ecogov/jobs";
import { createHttpClient } from "./test-client";
import { createUploadApp } from "./uploads";

const PASSWORD = "test-pass-2026";
let handle: DbHandle;
let app: ReturnType<typeof createApp>;
const queued: { name: string; data: Record<string, unknown> }[] = [];
const dir = mkdtempSync(join(tmpdir(), "ecogov-uploads-"));

beforeAll(async () => {
  handle = await createTestDb();
  await seedDemo(handle.db, { passwords: scryptHasher, password: PASSWORD });
  app = createApp({
    deps: createApiDeps(handle, systemClock),
    clock: systemClock,
    logger: createLogger("silent"),
    staticDirs: null,
    enqueue: async (name, data) => {
      queued.push({ name, data });
      return "job-1";
    },
  });
});
afterAll(async () => {
  await handle?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cookieOf(username: string) {
  const c = createHttpClient(app);
  await c.client.auth.login.mutate({ username, password: PASSWORD });
  return c.getCookie();
}

function post(path: string, body: string | Uint8Array, opts: { cookie?: string; type?: string; headers?: Record<string, string> } = {}) {
  return app.request(`http://ecogov.test${path}`, {
    method: "POST",
    body,
    headers: { "content-type": opts.type ?? "text/csv", ...(opts.cookie ? { cookie: opts.cookie } : {}), ...opts.headers },
  });
}

async function readingCount() {
  return Number((await handle.raw.executeSql("select count(*)::int as n from air_readings")).rows[0].n);
}

const STATIONS = `station_code,name,district_code,district_name,lat,lon
QY0101,城关,QY01,,29.10,119.60
QY0201,东湖,QY02,,29.20,119.70
`;
const H = "station_code,time,so2,no2,pm10,pm2_5,co,o3";
const READINGS = [
  H,
  "QY0101,2026-03-01T01:00+08:00,8,35,60,41.5,0.8,52",
  "QY0101,2026-03-01T02:00+08:00,9,36,61,42,0.9,50",
  "QY0101,2026-03-02T00:00+08:00,9,36,61,42,0.9,40",
  "QY0201,2026-03-01T01:00+08:00,5,20,40,30,0.5,60",
  "QY0201,2026-03-01T01:30+08:00,5,20,40,30,0.5,60",
  "QY0201,2026-03-01T02:00+08:00,5,abc,40,30,0.5,60",
  "QY0201,2026-03-01T03:00+08:00,5,20,-40,30,0.5,60",
  "QY9999,2026-03-01T03:00+08:00,5,20,40,30,0.5,60",
].join("\n");

type Summary = {
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejectedRows: { line: number; field: string | null; reason: { zh: string; en: string }; raw: string }[];
  affected: { stationIds: string[]; from: string | null; to: string | null };
  recompute: string;
};

describe("POST /api/uploads/air/*", () => {
  let monitoring: string;
  beforeAll(async () => {
    monitoring = await cookieOf("monitoring");
  });

  it("refuses anonymous callers with 401 and other roles with 403, in both languages", async () => {
    const anon = await post("/api/uploads/air/readings?name=r.csv", READINGS);
    expect(anon.status).toBe(401);
    expect(await anon.json()).toMatchObject({ error: { code: "AUTH_REQUIRED", message: { zh: "请先登录" } } });
    const leader = await post("/api/uploads/air/readings?name=r.csv", READINGS, { cookie: await cookieOf("leader") });
    expect(leader.status).toBe(403);
    expect(((await leader.json()) as { error: { message: { en: string } } }).error.message.en).toMatch(/monitoring staff/);
    const foreign = await post("/api/uploads/air/readings?name=r.csv", READINGS, { cookie: monitoring, headers: { origin: "https://evil.example" } });
    expect(foreign.status).toBe(403);
    expect(await readingCount()).toBe(0);
  });

  it("imports stations, then readings, reporting bad rows with their lines and reasons, and queues recomputation", async () => {
    const s = await post("/api/uploads/air/stations?name=stations.csv", STATIONS, { cookie: monitoring });
    expect(s.status).toBe(200);
    expect(await s.json()).toMatchObject({ inserted: 2, rejected: 0, recompute: "not_needed" });

    const r = await post("/api/uploads/air/readings?name=readings.csv", READINGS, { cookie: monitoring });
    expect(r.status).toBe(200);
    const body = (await r.json()) as Summary;
    expect(body).toMatchObject({ total: 8, inserted: 4, updated: 0, unchanged: 0, rejected: 4, recompute: "queued" });
    expect(body.rejectedRows.map((x) => [x.line, x.field])).toEqual([
      [6, "time"],
      [7, "no2"],
      [8, "pm10"],
      [9, "station_code"],
    ]);
    expect(body.rejectedRows[0]!.reason).toEqual({
      zh: "时间“2026-03-01T01:30+08:00”不在整点：小时均值以整点（该小时的结束时刻）标记",
      en: 'Time "2026-03-01T01:30+08:00" is not on the hour: hourly means are stamped at the full hour that ends them',
    });
    expect(body.rejectedRows[1]!.raw).toBe("QY0201,2026-03-01T02:00+08:00,5,abc,40,30,0.5,60");
    expect(body.affected).toMatchObject({ from: "2026-03-01", to: "2026-03-01" });
    expect(queued).toEqual([{ name: "air.recompute", data: { stationIds: body.affected.stationIds, from: "2026-03-01", to: "2026-03-01" } }]);
    const audit = await handle.raw.executeSql("select actor_name from audit_events where action = 'air.readings.import'");
    expect(audit.rows).toEqual([{ actor_name: "李监测 (monitoring)" }]);
  });

  it("changes nothing when the same file is uploaded again (xlsx this time) and queues nothing", async () => {
    const x = join(dir, "readings.xlsx");
    const [head, ...lines] = READINGS.split("\n");
    const cols = head!.split(",");
    await writeXlsx(x, { sheets: [{ name: "r", columns: cols.map((k) => ({ key: k, header: k })), rows: lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [cols[i]!, v]))) }] });
    const r = await post("/api/uploads/air/readings?name=readings.xlsx", readFileSync(x), { cookie: monitoring, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ total: 8, inserted: 0, updated: 0, unchanged: 4, rejected: 4, recompute: "not_needed" });
    expect(queued).toHaveLength(1);
  });

  it("counts a corrected value as an update and queues that day", async () => {
    const r = await post("/api/uploads/air/readings?name=fix.csv", [H, "QY0101,2026-03-02T00:00+08:00,9,36,61,42,0.9,44"].join("\n"), { cookie: monitoring, type: "application/vnd.ms-excel" });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ total: 1, inserted: 0, updated: 1, unchanged: 0, affected: { from: "2026-03-01", to: "2026-03-01" }, recompute: "queued" });
    expect(queued).toHaveLength(2);
  });

  it("reads a file larger than one read the same way, the bad lines after the first 64 kB reported with their text", async () => {
    // 2,000 good April hours first, then the same rows as above: plain lines past the first read take the fast path.
    const april = Array.from({ length: 2000 }, (_, i) => `QY0101,${new Date(Date.UTC(2026, 3, 1, i + 1) - 8 * 3_600_000).toISOString().replace(".000Z", "Z")},8,35,60,41.5,0.8,52`);
    const [head, ...rows] = READINGS.split("\n");
    const r = await post("/api/uploads/air/readings?name=big.csv", [head, ...april, ...rows].join("\n"), { cookie: monitoring });
    expect(r.status).toBe(200);
    const body = (await r.json()) as Summary;
    // The 00:00 value of 2 March goes back from the correction above (44) to this file's 40.
    expect(body).toMatchObject({ total: 2008, inserted: 2000, updated: 1, unchanged: 3, rejected: 4 });
    expect(body.rejectedRows.map((x) => [x.line, x.field, x.raw])).toEqual([
      [2006, "time", "QY0201,2026-03-01T01:30+08:00,5,20,40,30,0.5,60"],
      [2007, "no2", "QY0201,2026-03-01T02:00+08:00,5,abc,40,30,0.5,60"],
      [2008, "pm10", "QY0201,2026-03-01T03:00+08:00,5,20,-40,30,0.5,60"],
      [2009, "station_code", "QY9999,2026-03-01T03:00+08:00,5,20,40,30,0.5,60"],
    ]);
    expect(body.rejectedRows[3]!.reason.en).toBe('Unknown station "QY9999" (import the stations file first)');
  });

  it("rejects a file with a bad header with 400, naming the missing columns, and writes nothing", async () => {
    const before = await readingCount();
    const r = await post("/api/uploads/air/readings?name=bad.csv", "station,time,pm25\nQY0101,2026-03-03T01:00+08:00,5\n", { cookie: monitoring });
    expect(r.status).toBe(400);
    const body = (await r.json()) as { error: { code: string; message: { zh: string; en: string }; missing: string[] } };
    expect(body.error.code).toBe("TABLE_MISSING_COLUMNS");
    expect(body.error.missing).toEqual(["station_code", "so2", "no2", "pm10", "pm2_5", "co", "o3"]);
    expect(body.error.message.zh).toContain("缺少必需的列");
    expect(await readingCount()).toBe(before);
    const batch = await handle.raw.executeSql("select status from import_batches where file_name = 'bad.csv'");
    expect(batch.rows).toEqual([{ status: "failed" }]);
  });

  it("rejects a file with a header and no data rows with 400 in both languages, and records the batch as failed", async () => {
    const r = await post("/api/uploads/air/readings?name=header-only.csv", "station_code,time,so2,no2,pm10,pm2_5,co,o3\n\n", { cookie: monitoring });
    expect(r.status).toBe(400);
    const body = (await r.json()) as { error: { code: string; message: { zh: string; en: string } } };
    expect(body.error).toMatchObject({ code: "TABLE_NO_ROWS", message: { zh: "文件只有表头，没有数据行", en: "The file has a header but no data rows" } });
    const batch = await handle.raw.executeSql("select status from import_batches where file_name = 'header-only.csv'");
    expect(batch.rows).toEqual([{ status: "failed" }]);
  });

  it("refuses other content types with 415 and files over the limit with 413", async () => {
    expect((await post("/api/uploads/air/readings?name=r.json", "{}", { cookie: monitoring, type: "application/json" })).status).toBe(415);
    const small = createUploadApp(createApiDeps(handle, systemClock), { clock: systemClock, logger: createLogger("silent"), maxBytes: 64 });
    const r = await small.request("http://ecogov.test/air/readings?name=r.csv", { method: "POST", body: READINGS, headers: { "content-type": "text/csv", cookie: monitoring } });
    expect(r.status).toBe(413);
    expect(((await r.json()) as { error: { message: { zh: string } } }).error.message.zh).toContain("上限");
  });
});

const WATER_SECTIONS = `section_code,name,district_code,kind,waterbody,target_class,lat,lon
QS-01,青山河入境,QY01,national,river,III,30.12,120.01
QS-02,青山湖心,QY01,provincial,lake,III,30.15,120.05
DH-01,东湖出口,QY02,municipal,river,II,,
XX-01,无此区,QY99,municipal,river,III,,
`;
const WATER_HEADER = "section_code,time,source,ph,do,codmn,nh3n,tp";
const WATER_SAMPLES = [
  WATER_HEADER,
  "QS-01,2026-01-10T09:30:00+08:00,manual,7.8,5.6,4.8,0.62,0.21",
  "QS-02,2026-01-10T09:30:00+08:00,manual,7.6,6.2,3.9,0.48,0.12",
  "DH-01,2026-01-12,auto,7.2,7.2,3.1,0.21,0.08",
  "QS-01,2026-01-10T09:30:00+08:00,manual,7.9,5.6,4.8,0.62,0.21",
  "QS-02,2026-01-11T09:30:00+08:00,manual,abc,6.2,3.9,0.48,0.12",
  "ZZ-09,2026-01-10T09:30:00+08:00,manual,7.8,5.6,4.8,0.62,0.21",
].join("\n");

type WaterReport = {
  kind: string;
  fileName: string;
  totalRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejectedRows: { line: number; reason: { zh: string; en: string }; raw?: string }[];
};

async function waterSampleCount() {
  return Number((await handle.raw.executeSql("select count(*)::int as n from water_samples")).rows[0].n);
}

describe("POST /api/uploads/water/*", () => {
  let monitoring: string;
  beforeAll(async () => {
    monitoring = await cookieOf("monitoring");
  });

  it("refuses anonymous callers with 401 and other roles with 403, in both languages", async () => {
    const anon = await post("/api/uploads/water/sections?name=s.csv", WATER_SECTIONS);
    expect(anon.status).toBe(401);
    expect(await anon.json()).toMatchObject({ error: { code: "AUTH_REQUIRED", message: { zh: "请先登录", en: "Please log in first" } } });
    const officer = await post("/api/uploads/water/samples?name=w.csv", WATER_SAMPLES, { cookie: await cookieOf("officer-chengguan") });
    expect(officer.status).toBe(403);
    expect(await officer.json()).toMatchObject({ error: { code: "FORBIDDEN", message: { zh: expect.stringContaining("监测科"), en: expect.stringContaining("monitoring staff") } } });
    expect(await waterSampleCount()).toBe(0);
  });

  it("imports sections, then samples, reporting bad rows with their lines and reasons in both languages, audited", async () => {
    const s = await post("/api/uploads/water/sections?name=sections.csv", WATER_SECTIONS, { cookie: monitoring });
    expect(s.status).toBe(200);
    const sections = (await s.json()) as WaterReport;
    expect(sections).toMatchObject({ kind: "water.sections", fileName: "sections.csv", totalRows: 4, inserted: 3, updated: 0, unchanged: 0, rejected: 1 });
    expect(sections.rejectedRows).toEqual([{ line: 5, reason: { zh: "区县编码 QY99 不存在", en: "No district with code QY99" }, raw: "XX-01,无此区,QY99,municipal,river,III,," }]);

    const r = await post("/api/uploads/water/samples?name=samples.csv", WATER_SAMPLES, { cookie: monitoring });
    expect(r.status).toBe(200);
    const body = (await r.json()) as WaterReport;
    expect(body).toMatchObject({ kind: "water.samples", totalRows: 6, inserted: 3, updated: 0, unchanged: 0, rejected: 3 });
    expect(body.rejectedRows.map((x) => x.line)).toEqual([5, 6, 7]);
    expect(body.rejectedRows[0]!.reason).toEqual({ zh: "与第 2 行重复（同一断面、时间和来源）", en: "Repeats line 2 (same section, time and source)" });
    expect(body.rejectedRows[1]!.reason.zh).toContain('"abc" 不是数值');
    expect(body.rejectedRows[1]!.reason.en).toContain('ph: "abc" is not a number');
    expect(body.rejectedRows[2]!.reason).toEqual({ zh: "断面编码 ZZ-09 不存在（请先导入断面文件）", en: "No section with code ZZ-09 (import the sections file first)" });
    expect(await waterSampleCount()).toBe(3);
    const audit = await handle.raw.executeSql("select action, actor_name from audit_events where action like 'water.%.import' order by action");
    expect(audit.rows).toEqual([
      { action: "water.samples.import", actor_name: "李监测 (monitoring)" },
      { action: "water.sections.import", actor_name: "李监测 (monitoring)" },
    ]);
  });

  it("changes nothing when the same files are uploaded again (samples as xlsx this time)", async () => {
    const s = await post("/api/uploads/water/sections?name=sections.csv", WATER_SECTIONS, { cookie: monitoring });
    expect(await s.json()).toMatchObject({ totalRows: 4, inserted: 0, updated: 0, unchanged: 3, rejected: 1 });

    const x = join(dir, "samples.xlsx");
    const [head, ...lines] = WATER_SAMPLES.split("\n");
    const cols = head!.split(",");
    // Measured values as number cells, as a spreadsheet holds them.
    const cell = (v: string) => (/^\d+(\.\d+)?$/.test(v) ? Number(v) : v);
    await writeXlsx(x, { sheets: [{ name: "samples", columns: cols.map((k) => ({ key: k, header: k })), rows: lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [cols[i]!, cell(v)]))) }] });
    const r = await post("/api/uploads/water/samples?name=samples.xlsx", readFileSync(x), { cookie: monitoring, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    expect(r.status).toBe(200);
    const body = (await r.json()) as WaterReport;
    expect(body).toMatchObject({ fileName: "samples.xlsx", totalRows: 6, inserted: 0, updated: 0, unchanged: 3, rejected: 3 });
    expect(body.rejectedRows.map((x) => x.line)).toEqual([5, 6, 7]);
    expect(await waterSampleCount()).toBe(3);
  });

  it("rejects files without the required columns with 400, naming the columns in both languages, and writes nothing", async () => {
    const sections = await post("/api/uploads/water/sections?name=bad-sections.csv", "section_code,name,district\nQS-09,新断面,QY01\n", { cookie: monitoring });
    expect(sections.status).toBe(400);
    const a = (await sections.json()) as { error: { code: string; message: { zh: string; en: string }; missing: string[] } };
    expect(a.error.code).toBe("TABLE_MISSING_COLUMNS");
    expect(a.error.missing).toEqual(["district_code", "kind", "waterbody", "target_class"]);
    expect(a.error.message.zh).toContain("缺少必需的列：district_code、kind、waterbody、target_class");
    expect(a.error.message.en).toContain("Missing required columns: district_code, kind, waterbody, target_class");

    const samples = await post("/api/uploads/water/samples?name=bad-samples.csv", "section_code,date,ph\nQS-01,2026-02-01,7.1\n", { cookie: monitoring });
    expect(samples.status).toBe(400);
    const b = (await samples.json()) as { error: { code: string; message: { zh: string; en: string }; fieldErrors: { path: string }[] } };
    expect(b.error.code).toBe("WATER_IMPORT_COLUMNS_MISSING");
    expect(b.error.message).toEqual({ zh: "文件 bad-samples.csv 缺少必需的列：time、source", en: "File bad-samples.csv lacks required columns: time, source" });
    expect(b.error.fieldErrors.map((e) => e.path)).toEqual(["time", "source"]);

    expect(await waterSampleCount()).toBe(3);
    const batches = await handle.raw.executeSql("select file_name, status from import_batches where file_name like 'bad-%' and kind like 'water.%' order by file_name");
    expect(batches.rows).toEqual([
      { file_name: "bad-samples.csv", status: "failed" },
      { file_name: "bad-sections.csv", status: "failed" },
    ]);
  });
});
