import { dailyMaxEightHourO3, hourSlotOf } from "@ecogov/domain/air";
import { describe, expect, it } from "vitest";
import {
  AIR_READINGS_HEADER,
  airReadingsCsv,
  airStationsCsv,
  DEMO_AIR_SCENARIOS,
  dustDatesBetween,
  generateAirReadings,
  type AirReadingRow,
} from "./air-readings.generator";
import { benchAirStations, DEMO_AIR_STATIONS } from "./demo-network";

const station = (code: string) => DEMO_AIR_STATIONS.find((s) => s.code === code)!;
const slot = (r: AirReadingRow) => hourSlotOf(r.time.slice(0, 16));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const values = (rows: AirReadingRow[], p: keyof AirReadingRow) => rows.map((r) => r[p]).filter((v): v is string => v !== null).map(Number);

describe("the demo network", () => {
  it("has 3–5 stations in each of the six districts, with unique codes inside the city", () => {
    const perDistrict = new Map<string, number>();
    for (const s of DEMO_AIR_STATIONS) perDistrict.set(s.districtCode, (perDistrict.get(s.districtCode) ?? 0) + 1);
    expect([...perDistrict.keys()].sort()).toEqual(["QY01", "QY02", "QY03", "QY04", "QY05", "QY06"]);
    for (const n of perDistrict.values()) expect(n).toBeGreaterThanOrEqual(3), expect(n).toBeLessThanOrEqual(5);
    expect(new Set(DEMO_AIR_STATIONS.map((s) => s.code)).size).toBe(DEMO_AIR_STATIONS.length);
    for (const s of DEMO_AIR_STATIONS) {
      expect(s.code).toMatch(/^QY0\d-A0\d$/);
      expect(Math.abs(s.lat - 30.1)).toBeLessThan(0.2);
      expect(Math.abs(s.lon - 114.85)).toBeLessThan(0.2);
    }
  });

  it("builds any number of benchmark stations over the same districts", () => {
    const stations = benchAirStations(100);
    expect(new Set(stations.map((s) => s.code)).size).toBe(100);
    expect(new Set(stations.map((s) => s.districtCode)).size).toBe(6);
    expect(stations[0]).toMatchObject({ code: "QY01-B001", districtName: "青山区" });
  });

  it("writes the stations file in the import format", () => {
    const lines = airStationsCsv(DEMO_AIR_STATIONS.slice(0, 2)).trimEnd().split("\n");
    expect(lines).toEqual([
      "station_code,name,district_code,district_name,lat,lon",
      "QY01-A01,青山区监测站,QY01,青山区,30.1215,114.8632",
      "QY01-A02,城关子站,QY01,青山区,30.1296,114.8519",
    ]);
  });
});

describe("generateAirReadings", () => {
  it("is deterministic: the same options give the same file, another seed another", () => {
    const opts = { stations: DEMO_AIR_STATIONS.slice(0, 3), from: "2025-01-01", to: "2025-01-03" };
    expect(airReadingsCsv(opts)).toBe(airReadingsCsv(opts));
    expect(airReadingsCsv({ ...opts, seed: 7 })).not.toBe(airReadingsCsv(opts));
  });

  it("anchors values on station and hour, whatever the range or the other stations", () => {
    const wide = [...generateAirReadings({ stations: DEMO_AIR_STATIONS, from: "2025-02-01", to: "2025-02-10" })];
    const narrow = [...generateAirReadings({ stations: [station("QY02-A02")], from: "2025-02-05", to: "2025-02-06" })];
    const fromWide = wide.filter((r) => r.stationCode === "QY02-A02" && ["2025-02-05", "2025-02-06"].includes(slot(r).date));
    expect(narrow).toEqual(fromWide);
  });

  it("stamps the END of each hour with +08:00: day D runs from D 01:00 to D+1 00:00", () => {
    const rows = [...generateAirReadings({ stations: [station("QY01-A01")], from: "2025-06-30", to: "2025-07-01", gaps: false })];
    expect(rows).toHaveLength(48);
    expect(rows[0]!.time).toBe("2025-06-30T01:00:00+08:00");
    expect(rows[23]!.time).toBe("2025-07-01T00:00:00+08:00");
    expect(rows.at(-1)!.time).toBe("2025-07-02T00:00:00+08:00");
  });

  it("writes µg/m³ as integers (one district's gas analysers to 0.1) and CO in mg/m³ to 0.1", () => {
    const csv = airReadingsCsv({ stations: [station("QY01-A01"), station("QY04-A01")], from: "2025-01-10", to: "2025-01-11", gaps: false });
    const [header, ...lines] = csv.trimEnd().split("\n");
    expect(header).toBe(AIR_READINGS_HEADER);
    for (const line of lines) {
      const [code, , so2, no2, pm10, pm25, co, o3] = line.split(",");
      const gas = code === "QY04-A01" ? /^\d+\.\d$/ : /^\d+$/;
      expect(so2).toMatch(gas);
      expect(no2).toMatch(gas);
      for (const v of [pm10, pm25, o3]) expect(v).toMatch(/^\d+$/);
      expect(co).toMatch(/^\d+\.\d$/);
      expect(Number(pm10)).toBeGreaterThan(Number(pm25));
    }
  });

  it("has seasonal and diurnal shapes: winter PM, summer-afternoon O3, rush-hour NO2, CO about 0.4–1.5", () => {
    const stations = DEMO_AIR_STATIONS.slice(0, 4);
    const jan = [...generateAirReadings({ stations, from: "2025-01-01", to: "2025-01-31" })];
    const jul = [...generateAirReadings({ stations, from: "2025-07-01", to: "2025-07-31" })];
    expect(mean(values(jan, "pm25"))).toBeGreaterThan(2 * mean(values(jul, "pm25")));
    const at = (rows: AirReadingRow[], hours: number[]) => rows.filter((r) => hours.includes(Number(r.time.slice(11, 13))));
    expect(mean(values(at(jul, [14, 15, 16]), "o3"))).toBeGreaterThan(2.5 * mean(values(at(jul, [3, 4, 5]), "o3")));
    expect(mean(values(at(jul, [14, 15, 16]), "o3"))).toBeGreaterThan(1.8 * mean(values(at(jan, [14, 15, 16]), "o3")));
    expect(mean(values(at(jan, [9, 20]), "no2"))).toBeGreaterThan(1.2 * mean(values(at(jan, [15]), "no2")));
    const co = values([...jan, ...jul], "co").sort((a, b) => a - b);
    expect(co[Math.floor(co.length * 0.05)]).toBeGreaterThanOrEqual(0.3);
    expect(co[Math.floor(co.length * 0.95)]).toBeLessThanOrEqual(1.6);
  });

  it("raises PM10 far above PM2.5 on spring dust days", () => {
    const dust = dustDatesBetween({ from: "2025-01-01", to: "2025-12-31" });
    expect(dust.length).toBeGreaterThanOrEqual(2);
    expect(dust.every((d) => d >= "2025-03-01" && d <= "2025-05-10")).toBe(true);
    const peak = dust[0]!;
    const rows = [...generateAirReadings({ stations: [station("QY01-A01")], from: peak, to: peak })];
    const pm10 = Math.max(...values(rows, "pm10"));
    expect(pm10).toBeGreaterThan(300);
    const worst = rows.find((r) => Number(r.pm10) === pm10)!;
    expect(Number(worst.pm25) / pm10).toBeLessThan(0.45);
  });

  it("leaves realistic gaps over a year: missing rows and empty cells, but almost every day valid", () => {
    const rows = [...generateAirReadings({ stations: DEMO_AIR_STATIONS, from: "2025-01-01", to: "2025-12-31", scenarios: [] })];
    const full = DEMO_AIR_STATIONS.length * 365 * 24;
    expect(rows.length).toBeLessThan(full);
    expect(rows.length).toBeGreaterThan(full * 0.99);
    expect(rows.some((r) => r.o3 === null && r.pm25 !== null)).toBe(true);
    expect(rows.some((r) => r.so2 === null && r.no2 === null && r.pm25 === null && r.o3 === null)).toBe(true);
  });

  it("falls silent for the last hours of a station given in silentTail", () => {
    const rows = [...generateAirReadings({ stations: [station("QY06-A03"), station("QY06-A01")], from: "2026-03-01", to: "2026-03-03", gaps: false, silentTail: [{ stationCode: "QY06-A03", hours: 30 }] })];
    expect(rows.filter((r) => r.stationCode === "QY06-A01")).toHaveLength(72);
    const silent = rows.filter((r) => r.stationCode === "QY06-A03");
    expect(silent).toHaveLength(42);
    expect(silent.at(-1)!.time).toBe("2026-03-02T18:00:00+08:00");
  });
});

describe("DEMO_AIR_SCENARIOS", () => {
  const day = (id: string) => {
    const s = DEMO_AIR_SCENARIOS.find((x) => x.id === id)!;
    return [...generateAirReadings({ stations: [station(s.stationCode)], from: s.date, to: s.date })];
  };

  it("has a day with 19 hourly values (no valid daily mean)", () => {
    expect(day("day-with-19-hours")).toHaveLength(19);
  });

  it("has an O3 day with fewer than 14 valid 8-hour means and no exception", () => {
    const rows = day("o3-fewer-than-14-windows");
    const o3 = Array<string | null>(24).fill(null);
    for (const r of rows) o3[slot(r).index] = r.o3;
    const mda8 = dailyMaxEightHourO3(o3);
    expect(mda8.validWindows).toBeLessThan(14);
    expect(mda8.valid).toBe(false);
    expect(rows.filter((r) => r.pm25 !== null)).toHaveLength(24);
  });

  it("has a stuck PM10 analyser and an implausible CO value", () => {
    const stuck = day("stuck-pm10").slice(2, 14).map((r) => r.pm10);
    expect(new Set(stuck).size).toBe(1);
    expect(day("co-glitch").map((r) => r.co)).toContain("38.6");
  });
});
