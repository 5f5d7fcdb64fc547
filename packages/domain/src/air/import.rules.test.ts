import { describe, expect, it } from "vitest";
import { hourSlotOf } from "./civil-date";
import { airReadingLineParser, latin1Text, parseAirReadingRow, parseAirStationRow, parseHourEndTime } from "./import.rules";

const row = (over: Record<string, string> = {}) => ({
  station_code: "1001A",
  time: "2026-03-01T01:00+08:00",
  so2: "8",
  no2: "35.5",
  pm10: "60",
  pm2_5: "41",
  co: "0.8",
  o3: "52",
  ...over,
});

describe("parseHourEndTime", () => {
  it.each([
    ["2026-03-01T01:00+08:00", "2026-02-28T17:00:00.000Z", "2026-03-01T01:00"],
    ["2026-03-01T00:00+08:00", "2026-02-28T16:00:00.000Z", "2026-03-01T00:00"],
    ["2026-02-28T17:00:00Z", "2026-02-28T17:00:00.000Z", "2026-03-01T01:00"],
    ["2026-02-28 17:00:00.000+00:00", "2026-02-28T17:00:00.000Z", "2026-03-01T01:00"],
    ["2026-02-28T24:00+08:00", "2026-02-28T16:00:00.000Z", "2026-03-01T00:00"],
    ["2026-03-01T06:30+05:30", "2026-03-01T01:00:00.000Z", "2026-03-01T09:00"],
    ["2026-03-01T01:00+0800", "2026-02-28T17:00:00.000Z", "2026-03-01T01:00"],
    ["2024-02-29T12:00-05:00", "2024-02-29T17:00:00.000Z", "2024-03-01T01:00"],
  ])("reads %s as the hour ending %s (Beijing %s)", (text, utc, hour) => {
    expect(parseHourEndTime(text)).toEqual({ ok: true, value: { timeUtc: utc, hour, epochHour: Date.parse(utc) / 3_600_000 } });
  });

  it("puts the 00:00 value into the previous day (day D = D 01:00 … D+1 00:00)", () => {
    const r = parseHourEndTime("2026-03-02T00:00+08:00");
    expect(r.ok && hourSlotOf(r.value.hour)).toEqual({ date: "2026-03-01", index: 23 });
  });

  it.each([
    ["", "为空", "empty"],
    ["2026-03-01T01:00", "缺少时区", "no offset"],
    ["2026-03-01 01:00:00", "缺少时区", "no offset"],
    ["01/03/2026 01:00", "不是带时区", "not an ISO 8601"],
    ["2026-02-30T01:00+08:00", "不是有效", "not a valid"],
    ["2026-03-01T25:00+08:00", "不是有效", "not a valid"],
    ["2026-03-01T24:30+08:00", "不是有效", "not a valid"],
    ["2026-03-01T01:30+08:00", "不在整点", "not on the hour"],
    ["2026-03-01T01:00:05+08:00", "不在整点", "not on the hour"],
    ["2026-03-01T01:00+15:00", "偏移无效", "invalid offset"],
  ])("rejects %j", (text, zh, en) => {
    const r = parseHourEndTime(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.field).toBe("time");
      expect(r.reason.zh).toContain(zh);
      expect(r.reason.en).toContain(en);
    }
  });
});

describe("parseAirReadingRow", () => {
  it("keeps the values as exact decimal text and missing ones as null", () => {
    const r = parseAirReadingRow(row({ co: "", o3: "0.10", pm2_5: " 41.25 " }));
    expect(r).toEqual({
      ok: true,
      value: {
        stationCode: "1001A",
        timeUtc: "2026-02-28T17:00:00.000Z",
        hour: "2026-03-01T01:00",
        epochHour: 492_305,
        values: { so2: "8", no2: "35.5", pm10: "60", pm25: "41.25", co: null, o3: "0.10" },
        status: "preliminary",
      },
    });
  });

  it.each([
    ["", "preliminary"],
    ["audited", "audited"],
    ["Audited", "audited"],
    ["审核", "audited"],
    ["实况", "preliminary"],
  ])("reads status %j as %s", (status, expected) => {
    const r = parseAirReadingRow(row({ status }));
    expect(r.ok && r.value.status).toBe(expected);
  });

  it.each([
    [{ station_code: "" }, "station_code", "站点编码", "empty"],
    [{ station_code: "S 1" }, "station_code", "只能由", "letters, digits"],
    [{ time: "2026-03-01T01:15+08:00" }, "time", "整点", "on the hour"],
    [{ so2: "-1" }, "so2", "负值", "negative"],
    [{ no2: "abc" }, "no2", "不是数字", "not a number"],
    [{ pm10: "1e3" }, "pm10", "不是数字", "not a number"],
    [{ pm10: "1,200" }, "pm10", "不是数字", "not a number"],
    [{ pm2_5: "5000.01" }, "pm2_5", "合理上限", "plausible maximum"],
    [{ co: "501" }, "co", "mg/m³", "mg/m³"],
    [{ so2: "", no2: "", pm10: "", pm2_5: "", co: "", o3: "" }, null, "均为空", "All six"],
    [{ status: "final" }, "status", "preliminary", "preliminary or audited"],
  ])("rejects %j in column %s with a reason in both languages", (over, field, zh, en) => {
    const r = parseAirReadingRow(row(over as Record<string, string>));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.field).toBe(field);
      expect(r.reason.zh).toContain(zh);
      expect(r.reason.en).toContain(en);
    }
  });

  it.each([
    ["5", true],
    ["5.", true],
    [".5", true],
    ["0", true],
    ["0.", true],
    ["007.50", true],
    ["4999.9999", true],
    ["05000", true],
    [".", false],
    ["+5", false],
    ["5.5.5", false],
    ["5 5", false],
    ["٥", false],
    ["0x10", false],
  ])("reads %j as a plain decimal: %s", (text, ok) => {
    const r = parseAirReadingRow(row({ pm2_5: text }));
    expect(r.ok).toBe(ok);
    if (r.ok) expect(r.value.values.pm25).toBe(text);
  });

  it("accepts a value exactly at the plausible bound and takes other bounds as a setting", () => {
    expect(parseAirReadingRow(row({ pm2_5: "5000.000" })).ok).toBe(true);
    const strict = { so2: "1", no2: "1000", pm10: "1000", pm25: "1000", co: "10", o3: "1000" };
    expect(parseAirReadingRow(row(), { plausibleMax: strict }).ok).toBe(false);
  });
});

describe("parseAirStationRow", () => {
  const station = { station_code: "QY0101", name: "城关站", district_code: "QY01", district_name: "青山区", lat: "29.1", lon: "119.6" };

  it("parses a station with coordinates, or without", () => {
    expect(parseAirStationRow(station)).toEqual({ ok: true, value: { code: "QY0101", name: "城关站", districtCode: "QY01", districtName: "青山区", lat: 29.1, lon: 119.6 } });
    const r = parseAirStationRow({ ...station, lat: "", lon: "", district_name: "" });
    expect(r.ok && [r.value.lat, r.value.lon, r.value.districtName]).toEqual([null, null, ""]);
  });

  it.each([
    [{ name: "" }, "name"],
    [{ district_code: "" }, "district_code"],
    [{ lat: "91" }, "lat"],
    [{ lon: "east" }, "lon"],
    [{ lon: "" }, "lon"],
  ])("rejects %j", (over, field) => {
    const r = parseAirStationRow({ ...station, ...over });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.field).toBe(field);
  });
});

describe("airReadingLineParser (the fast path of parseAirReadingRow)", () => {
  const HEADER = ["station_code", "time", "so2", "no2", "pm10", "pm2_5", "co", "o3"];
  /** The general path: the line split and trimmed as the table reader does, then the row rule. */
  const general = (header: string[], text: string) => {
    const cells = text.split(",");
    return parseAirReadingRow(Object.fromEntries(header.map((h, i) => [h, (cells[i] ?? "").trim()])));
  };
  /** ASCII text as the bytes a reader offers. */
  const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
  /**
   * Fast on a line embedded in a chunk of bytes (positions, not the whole chunk), as the row it stands for: its value
   * values read back as text, its position fields checked and dropped.
   */
  const fast = (header: string[], text: string) => {
    const parse = airReadingLineParser(header)!;
    const bytes = ascii(`junk\n${text}\nmore`);
    const r = parse(bytes, 5, 5 + text.length, 9);
    if (!r) return r;
    const { line, bytes: b, start, end, valuesStart, valuesEnd, ...row } = r;
    expect([line, b, latin1Text(b, start, end)]).toEqual([9, bytes, text]);
    const [so2, no2, pm10, pm25, co, o3] = latin1Text(b, valuesStart, valuesEnd)
      .split(",")
      .map((v) => (v === "" ? null : v));
    return { ...row, values: { so2, no2, pm10, pm25, co, o3 } };
  };

  it.each([
    [HEADER, true],
    [[...HEADER, "status"], true],
    [HEADER.map((h) => ` ${h.toUpperCase()} `), true],
    [HEADER.slice(1), false],
    [[...HEADER.slice(0, 7), "pm10"], false],
    [[...HEADER, "remark"], false],
  ])("takes header %j: %s", (header, ok) => {
    expect(airReadingLineParser(header) !== null).toBe(ok);
  });

  it.each([
    "1001A,2026-03-01T01:00+08:00,8,35.5,60,41,0.8,52",
    "1001A,2026-03-01T01:00+08:00,,,,41,,",
    "QY-01.b_2,2026-02-28T17:00Z,10000,0.0,.5,5.,007.50,3000",
    "1001A,2026-03-01 02:00+0800,1,2,3,4,499.999,3000",
  ])("reads %j exactly as the row rule does", (text) => {
    const g = general(HEADER, text);
    expect(g.ok).toBe(true);
    expect(fast(HEADER, text)).toEqual(g.ok && g.value);
  });

  it.each([
    ["1001A,2026-03-01T01:00+08:00,8,35,60,41,0.8,52,", "an empty extra field"],
    ["1001A,2026-03-01T01:00+08:00,8,35,60,41,0.8", "a field short"],
    ["1001A,2026-03-01T01:00+08:00, 8,35,60,41,0.8,52", "a space"],
    ["1001A,2026-03-01T01:00+08:00,-8,35,60,41,0.8,52", "a negative value"],
    ["1001A,2026-03-01T01:00+08:00,8,35,60,5000.01,0.8,52", "a value above its bound"],
    ["1001A,2026-03-01T01:00+08:00,8,35,60,41,501,52", "CO above its bound"],
    ["1001A,2026-03-01T01:15+08:00,8,35,60,41,0.8,52", "a time not on the hour"],
    ["1001A,2026-03-01T01:00,8,35,60,41,0.8,52", "a time without offset"],
    ["10 01A,2026-03-01T01:00+08:00,8,35,60,41,0.8,52", "a bad code"],
    ["1001A,2026-03-01T01:00+08:00,,,,,,", "no value"],
    ["1001A,2026-03-01T01:00+08:00,.,35,60,41,0.8,52", "a lone point"],
  ])("declines %j (%s), leaving it to the row rule", (text) => {
    expect(fast(HEADER, text)).toBeUndefined();
  });

  it.each([
    ["", "preliminary"],
    ["preliminary", "preliminary"],
    ["audited", "audited"],
    ["Audited", undefined],
    ["审核", undefined],
    ["final", undefined],
  ])("reads status %j as %s (other spellings go to the row rule)", (status, expected) => {
    const r = fast([...HEADER, "status"], `1001A,2026-03-01T01:00+08:00,8,35,60,41,0.8,52,${status}`);
    expect(r?.status).toBe(expected);
  });

  it("reads repeated codes and times from one parser's memory, and a different one afresh", () => {
    const parse = airReadingLineParser(HEADER)!;
    const lines = ["A1,2026-03-01T01:00+08:00,1,,,,,", "B2,2026-03-01T01:00+08:00,2,,,,,", "A1,2026-03-01T02:00+08:00,3,,,,,", "A2,2026-03-01T02:00Z,4,,,,,"];
    const read = lines.map((l) => parse(ascii(l), 0, l.length, 2)!);
    expect(read.map((r) => [r.stationCode, r.hour])).toEqual([
      ["A1", "2026-03-01T01:00"],
      ["B2", "2026-03-01T01:00"],
      ["A1", "2026-03-01T02:00"],
      ["A2", "2026-03-01T10:00"],
    ]);
    expect(read[2]!.stationCode).toBe(read[0]!.stationCode);
  });

  it("never accepts a line differently from the row rule (5,000 generated lines)", () => {
    const pieces = {
      code: ["1001A", "QY-01", "", "a b", "x".repeat(41), "Z9_."],
      time: ["2026-03-01T01:00+08:00", "2026-03-01T01:00+08:00", "2026-02-28T17:00Z", "2026-03-01T24:00+08:00", "2026-03-01T01:30+08:00", "2026-02-30T01:00+08:00", " 2026-03-01T03:00+08:00"],
      value: ["", "0", "8", "35.5", ".5", "5.", "007", "0.", "499.9", "500", "500.000", "2999.99", "3000", "5000", "10000", "10000.0"],
      odd: ["10000.01", "99999", "3000.1", "500.5", "-1", "1e3", "+2", ".", " 3", "4 ", "1.2.3", "abc"],
    };
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const pick = <T>(xs: T[]) => xs[next() % xs.length]!;
    const value = () => (next() % 10 === 0 ? pick(pieces.odd) : pick(pieces.value));
    const header = [...HEADER, "status"];
    let accepted = 0;
    for (let n = 0; n < 5000; n++) {
      const fields = [pick(pieces.code), pick(pieces.time), ...Array.from({ length: 6 }, value), pick(["", "audited", "preliminary", "AUDITED"])];
      const text = fields.join(",");
      const f = fast(header, text);
      if (f === undefined) continue;
      accepted++;
      const g = general(header, text);
      expect({ text, ok: g.ok }).toEqual({ text, ok: true });
      expect(f).toEqual(g.ok && g.value);
    }
    expect(accepted).toBeGreaterThan(200);
  });
});
