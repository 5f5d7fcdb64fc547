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

  it("refuses other content types with 415 and files over the limit with 413", async () => {
    expect((await post("/api/uploads/air/readings?name=r.json", "{}", { cookie: monitoring, type: "application/json" })).status).toBe(415);
    const small = createUploadApp(createApiDeps(handle, systemClock), { clock: systemClock, logger: createLogger("silent"), maxBytes: 64 });
    const r = await small.request("http://ecogov.test/air/readings?name=r.csv", { method: "POST", body: READINGS, headers: { "content-type": "text/csv", cookie: monitoring } });
    expect(r.status).toBe(413);
    expect(((await r.json()) as { error: { message: { zh: string } } }).error.message.zh).toContain("上限");
  });
});
