import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { scryptHasher, seedDemo, type DbHandle } from "@ecogov/db";
import { createTestDb } from "@ecogov/db/testing";
import { writeXlsx } from "@ecogov/files";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./cli";

const dir = mkdtempSync(join(tmpdir(), "ecogov-air-cli-"));
let csvDb: DbHandle;
let xlsxDb: DbHandle;

beforeAll(async () => {
  csvDb = await createTestDb();
  xlsxDb = await createTestDb();
  for (const h of [csvDb, xlsxDb]) await seedDemo(h.db, { passwords: scryptHasher });
});
afterAll(async () => {
  await csvDb?.close();
  await xlsxDb?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(handle: DbHandle, argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    io: { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => "" },
    openDb: async () => ({ ...handle, close: async () => {} }),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const STATION_HEADER = ["station_code", "name", "district_code", "district_name", "lat", "lon"];
const STATIONS: string[][] = [
  ["QY0101", "城关", "QY01", "青山区", "29.10", "119.60"],
  ["QY0201", "东湖", "QY02", "", "29.20", "119.70"],
  ["QY9901", "新区一号", "QY99", "新区", "", ""],
];
const READING_HEADER = ["station_code", "time", "so2", "no2", "pm10", "pm2_5", "co", "o3"];
const pad = (n: number) => String(n).padStart(2, "0");
/**
 * Real-world shape: QY0101 has a day with 19 hours (hours 6, 11, 12, 17, 18 missing) and its 00:00 closing value,
 * QY0201 a gap and a duplicate, QY9901 missing pollutants, plus a bad time, a negative value, text in a number
 * column and an unknown station.
 */
const READINGS: string[][] = [
  ...[1, 2, 3, 4, 5, 7, 8, 9, 10, 13, 14, 15, 16, 19, 20, 21, 22, 23].map((h) => ["QY0101", `2026-03-01T${pad(h)}:00+08:00`, "8", "35", "60", "41.5", "0.8", String(40 + h)]),
  ["QY0101", "2026-03-02T00:00+08:00", "9", "36", "61", "42", "0.9", "40"],
  ["QY0201", "2026-03-01T01:00+08:00", "5", "20", "40", "30", "0.5", "60"],
  ["QY0201", "2026-03-01T04:00+08:00", "5", "20", "40", "30", "0.5", "61"],
  ["QY0201", "2026-03-01T01:00+08:00", "6", "21", "41", "31", "0.6", "62"],
  ["QY9901", "2026-03-01T01:00+08:00", "", "", "70", "", "", ""],
  ["QY9901", "2026-03-01 02:00", "1", "2", "3", "4", "0.1", "5"],
  ["QY9901", "2026-03-01T03:00+08:00", "1", "-2", "3", "4", "0.1", "5"],
  ["QY9901", "2026-03-01T04:00+08:00", "1", "2", "N/A", "4", "0.1", "5"],
  ["QY5555", "2026-03-01T04:00+08:00", "1", "2", "3", "4", "0.1", "5"],
];
const csv = (header: string[], rows: string[][]) => [header, ...rows].map((r) => r.join(",")).join("\r\n") + "\r\n";

async function snapshot(h: DbHandle) {
  const rows = await h.raw.executeSql(
    `select s.code, r.time::text as time, r.so2::text, r.no2::text, r.pm10::text, r.pm25::text, r.co::text, r.o3::text, r.status
     from air_readings r join air_stations s on s.id = r.station_id order by s.code, r.time`,
  );
  return rows.rows;
}

/** The rejected rows of READINGS as the command prints them, `offset` lines further down the file. */
function expectRejections(out: string, offset: number) {
  const at = (n: number) => n + offset;
  expect(out).toContain(`line ${at(21)}: 同一站点同一小时的数据重复，以后面的第 ${at(23)} 行为准 / Duplicate station and hour; line ${at(23)} further down replaces it`);
  expect(out).toMatch(new RegExp(`line ${at(25)} \\[time\\]: 时间“2026-03-01 02:00”缺少时区`));
  expect(out).toMatch(new RegExp(`line ${at(26)} \\[no2\\]: .*负值`));
  expect(out).toMatch(new RegExp(`line ${at(27)} \\[pm10\\]: .*不是数字`));
  expect(out).toMatch(new RegExp(`line ${at(28)} \\[station_code\\]: 站点“QY5555”不存在`));
}

describe("pnpm ecogov air import", () => {
  const stations = () => file("stations.csv", csv(STATION_HEADER, STATIONS));
  const readings = () => file("readings.csv", csv(READING_HEADER, READINGS));

  it("imports stations and readings, shows the rejected rows and writes them all to the report", async () => {
    const report = join(dir, "rejected.csv");
    const r = await run(csvDb, ["air", "import", "--stations", stations(), "--report", report, readings()]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("stations.csv: 3 rows — 3 inserted, 0 updated, 0 unchanged, 0 rejected");
    expect(r.out).toContain("created districts / 新建区县: QY99 新区");
    expect(r.out).toContain("readings.csv: 27 rows — 22 inserted, 0 updated, 0 unchanged, 5 rejected (1 duplicates, 0 audited values kept)");
    expect(r.out).toContain("共 27 行 — 新增 22，更新 0，未变 0，拒绝 5");
    expectRejections(r.out, 0);
    expect(r.out).toMatch(/Affected: 3 stations, 2026-03-01 … 2026-03-01/);
    expect(r.out).toMatch(/Recomputed 3 stations and \d+ districts, 2026-03-01 … 2026-03-01 \(HJ633-2026\)/);
    // Progress goes to stderr as plain lines when it is not a terminal.
    expect(r.err).toMatch(/readings\.csv: 100% .* rows\/s/);
    const lines = readFileSync(report, "utf8").replace(/^\uFEFF/, "").trim().split("\n");
    expect(lines[0]).toBe("file,line,field,reason_zh,reason_en,raw");
    expect(lines).toHaveLength(6);
    expect(lines.some((l) => l.startsWith("readings.csv,27,pm10,") && l.includes("N/A"))).toBe(true);
    const day = await csvDb.raw.executeSql(
      `select count(*)::int as n from air_readings r join air_stations s on s.id = r.station_id
       where s.code = 'QY0101' and r.time > '2026-03-01T00:00+08:00' and r.time <= '2026-03-02T00:00+08:00'`,
    );
    expect(day.rows[0]!.n).toBe(19);
  });

  it("changes nothing on a second run and says so", async () => {
    const r = await run(csvDb, ["air", "import", readings()]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("27 rows — 0 inserted, 0 updated, 22 unchanged, 5 rejected");
    expect(r.out).toContain("nothing to recompute");
  });

  it("gives the same result for the xlsx version of the same files", async () => {
    const xs = join(dir, "stations.xlsx");
    const xr = join(dir, "readings.xlsx");
    const sheet = (header: string[], rows: string[][]) => ({
      name: "data",
      columns: header.map((h) => ({ key: h, header: h })),
      // Numbers as numbers, like a spreadsheet user would type them; text stays text.
      rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] !== "" && /^-?\d+(\.\d+)?$/.test(r[i]!) && h !== "station_code" ? Number(r[i]) : r[i]]))),
    });
    await writeXlsx(xs, { sheets: [sheet(STATION_HEADER, STATIONS)] });
    await writeXlsx(xr, { sheets: [sheet(READING_HEADER, READINGS)] });
    const r = await run(xlsxDb, ["air", "import", "--stations", xs, xr]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("readings.xlsx: 27 rows — 22 inserted, 0 updated, 0 unchanged, 5 rejected");
    expect(await snapshot(xlsxDb)).toEqual(await snapshot(csvDb));
  });

  it("reads a file larger than one read the same way: plain lines by the fast path, every bad line with its reason", async () => {
    // 1,500 good May hours first (over 64 kB), so the rows above come after the header's chunk, 1,500 lines later.
    const may = Array.from({ length: 1500 }, (_, i) => ["QY0201", new Date(Date.UTC(2026, 4, 1, i + 1) - 8 * 3_600_000).toISOString().replace(".000Z", "Z"), "5", "20", "40", "30", "0.5", "60"]);
    const big = await createTestDb();
    try {
      await seedDemo(big.db, { passwords: scryptHasher });
      const report = join(dir, "rejected-big.csv");
      const r = await run(big, ["air", "import", "--stations", stations(), "--report", report, file("big.csv", csv(READING_HEADER, [...may, ...READINGS]))]);
      expect(r.code).toBe(0);
      expect(r.out).toContain("big.csv: 1527 rows — 1522 inserted, 0 updated, 0 unchanged, 5 rejected (1 duplicates, 0 audited values kept)");
      expectRejections(r.out, 1500);
      const lines = readFileSync(report, "utf8").replace(/^\uFEFF/, "").trim().split("\n");
      expect(lines.find((l) => l.startsWith("big.csv,1528,"))).toMatch(/,"QY5555,2026-03-01T04:00\+08:00,1,2,3,4,0\.1,5"$/);
      const march = (rows: Record<string, unknown>[]) => rows.filter((row) => String(row.time) < "2026-04");
      expect(march(await snapshot(big))).toEqual(march(await snapshot(csvDb)));
      expect((await snapshot(big)).length).toBe(1522);
    } finally {
      await big.close();
    }
  });

  it("fails a file with a bad header with exit code 1 and writes nothing from it", async () => {
    const before = await snapshot(csvDb);
    const bad = file("bad.csv", "station,time,so2\nQY0101,2026-03-05T01:00+08:00,1\n");
    const r = await run(csvDb, ["air", "import", bad]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("缺少必需的列：station_code、no2、pm10、pm2_5、co、o3");
    expect(r.err).toContain("nothing was imported");
    expect(await snapshot(csvDb)).toEqual(before);
    const missing = await run(csvDb, ["air", "import", join(dir, "nope.csv")]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("file not found");
  });

  it("asks for at least one file", async () => {
    expect((await run(csvDb, ["air", "import"])).code).toBe(2);
  });
});
