import { compare, parseDecimal } from "../shared/decimal";
import type { BilingualText } from "../shared/domain-error";
import type { Pollutant } from "./air.schema";
import { parseCivilDate } from "./civil-date";

/**
 * Rules for one row of an air import file (issue 3 "Import"): stations `station_code,name,district_code,
 * district_name,lat,lon`; hourly readings `station_code,time,so2,no2,pm10,pm2_5,co,o3[,status]` in µg/m³ (CO mg/m³).
 * Each rule returns the parsed row or the first reason it is rejected, in both languages, naming the column.
 */

export const AIR_STATION_COLUMNS = ["station_code", "name", "district_code", "district_name", "lat", "lon"] as const;
export const AIR_READING_COLUMNS = ["station_code", "time", "so2", "no2", "pm10", "pm2_5", "co", "o3"] as const;
export const AIR_READING_OPTIONAL_COLUMNS = ["status"] as const;

/** File column → pollutant key (the file says pm2_5, the schema pm25). */
export const AIR_READING_VALUE_COLUMNS = { so2: "so2", no2: "no2", pm10: "pm10", pm2_5: "pm25", co: "co", o3: "o3" } as const satisfies Record<string, Pollutant>;

export const READING_STATUSES = ["preliminary", "audited"] as const;
export type ReadingStatus = (typeof READING_STATUSES)[number];

export type RowRuleResult<T> = { ok: true; value: T } | { ok: false; reason: BilingualText; field: string | null };

/**
 * Plausible upper bounds for an hourly value; above them a value is taken as an instrument or unit error (µg/m³
 * entered as mg/m³, a mis-scaled logger) and the row is rejected. Not from a standard: chosen well above the last
 * HJ 633 breakpoints (SO2 2620, NO2 3840, PM10 600, PM2.5 500, CO 150 mg/m³, O3 1200) and above hourly values
 * recorded in severe episodes (PM10 in sandstorms above 9000), so real extremes are kept. Callers may pass others.
 */
export const AIR_PLAUSIBLE_MAX: Readonly<Record<Pollutant, string>> = {
  so2: "10000",
  no2: "5000",
  pm10: "20000",
  pm25: "5000",
  co: "500",
  o3: "3000",
};

export interface AirStationRow {
  code: string;
  name: string;
  districtCode: string;
  /** Empty when the file leaves it blank; needed only to create a district that does not exist yet. */
  districtName: string;
  lat: number | null;
  lon: number | null;
}

export interface AirReadingRow {
  stationCode: string;
  /** The instant that ends the averaged hour, UTC ISO text ('2026-02-28T17:00:00.000Z' for 01:00 Beijing time). */
  timeUtc: string;
  /** The same instant as a Beijing hour stamp 'YYYY-MM-DDTHH:00' (`hourSlotOf` gives its day). */
  hour: string;
  /** The same instant in whole hours since 1970-01-01T00:00Z (a compact key for the hour). */
  epochHour: number;
  /** Exact decimal text as in the file (no float conversion); null = missing. */
  values: Record<Pollutant, string | null>;
  status: ReadingStatus;
}

const CODE = /^[A-Za-z0-9_.-]{1,40}$/;
/** ISO 8601 date-time with an offset; `T` or a space between date and time (RFC 3339 allows the space). */
const ISO_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;

type RowFail = { ok: false; reason: BilingualText; field: string | null };
const fail = (field: string | null, zh: string, en: string): RowFail => ({
  ok: false,
  reason: { zh, en },
  field,
});

function codeRule(field: string, text: string | undefined, what: { zh: string; en: string }): RowRuleResult<string> {
  const code = (text ?? "").trim();
  if (!code) return fail(field, `${what.zh}（${field}）为空`, `${what.en} (${field}) is empty`);
  if (!CODE.test(code)) {
    return fail(field, `${what.zh}（${field}）“${code}”只能由字母、数字、_ . - 组成，最长 40 个字符`, `${what.en} (${field}) "${code}" may hold only letters, digits, _ . - (at most 40)`);
  }
  return { ok: true, value: code };
}

function coordinate(field: "lat" | "lon", text: string | undefined): RowRuleResult<number | null> {
  const t = (text ?? "").trim();
  if (!t) return { ok: true, value: null };
  const limit = field === "lat" ? 90 : 180;
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(t) || Math.abs(Number(t)) > limit) {
    const zhName = field === "lat" ? "纬度" : "经度";
    return fail(field, `${zhName}（${field}）“${t}”应为 -${limit} 到 ${limit} 之间的十进制度数`, `${field} "${t}" must be decimal degrees between -${limit} and ${limit}`);
  }
  return { ok: true, value: Number(t) };
}

/** Parses one row of a stations file (issue 3: `station_code,name,district_code,district_name,lat,lon`). */
export function parseAirStationRow(values: Record<string, string | undefined>): RowRuleResult<AirStationRow> {
  const code = codeRule("station_code", values.station_code, { zh: "站点编码", en: "Station code" });
  if (!code.ok) return code;
  const name = (values.name ?? "").trim();
  if (!name) return fail("name", "站点名称（name）为空", "Station name (name) is empty");
  if (name.length > 100) return fail("name", "站点名称（name）最长 100 个字符", "Station name (name) may have at most 100 characters");
  const district = codeRule("district_code", values.district_code, { zh: "区县编码", en: "District code" });
  if (!district.ok) return district;
  const districtName = (values.district_name ?? "").trim();
  if (districtName.length > 100) return fail("district_name", "区县名称（district_name）最长 100 个字符", "District name (district_name) may have at most 100 characters");
  const lat = coordinate("lat", values.lat);
  if (!lat.ok) return lat;
  const lon = coordinate("lon", values.lon);
  if (!lon.ok) return lon;
  if ((lat.value === null) !== (lon.value === null)) return fail(lat.value === null ? "lat" : "lon", "经纬度须同时填写或同时留空", "Give both lat and lon, or neither");
  return { ok: true, value: { code: code.value, name, districtCode: district.value, districtName, lat: lat.value, lon: lon.value } };
}

type HourEnd = Pick<AirReadingRow, "timeUtc" | "hour" | "epochHour">;

/**
 * Parses an ISO 8601 time with an offset into the hour it ends, on the hour (issue 3: `time` marks the END of the
 * averaged hour). `24:00` is read as 00:00 of the next day, as ISO 8601 allows and end-of-hour exports often write.
 */
export function parseHourEndTime(text: string): RowRuleResult<HourEnd> {
  const t = text.trim();
  if (!t) return fail("time", "时间（time）为空", "Time (time) is empty");
  const m = ISO_TIME.exec(t);
  if (!m) {
    const noOffset = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(t);
    return noOffset
      ? fail("time", `时间“${t}”缺少时区，请写成 2026-03-01T01:00+08:00`, `Time "${t}" has no offset; write it as 2026-03-01T01:00+08:00`)
      : fail("time", `时间“${t}”不是带时区的 ISO 8601 时间（如 2026-03-01T01:00+08:00）`, `Time "${t}" is not an ISO 8601 time with an offset (e.g. 2026-03-01T01:00+08:00)`);
  }
  const [, dateText = "", hh = "", mm = "", ss = "0", frac = "", zone = ""] = m;
  const date = parseCivilDate(dateText);
  const hour = Number(hh);
  const minute = Number(mm);
  const second = Number(ss);
  if (!date || hour > 24 || minute > 59 || second > 59 || (hour === 24 && (minute || second || /[1-9]/.test(frac)))) {
    return fail("time", `时间“${t}”不是有效的日期时间`, `Time "${t}" is not a valid date and time`);
  }
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== "Z") {
    const digits = zone.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || "0");
    if (oh > 14 || om > 59) return fail("time", `时间“${t}”的时区偏移无效`, `Time "${t}" has an invalid offset`);
    offsetMinutes = (zone.startsWith("-") ? -1 : 1) * (oh * 60 + om);
  }
  // Date.UTC on parsed fields is pure arithmetic (no clock, no locale), exact for the proleptic Gregorian calendar.
  const utcMs = Date.UTC(date.year, date.month - 1, date.day, hour, minute) - offsetMinutes * 60_000;
  if (second !== 0 || /[1-9]/.test(frac) || utcMs % HOUR_MS !== 0) {
    return fail("time", `时间“${t}”不在整点：小时均值以整点（该小时的结束时刻）标记`, `Time "${t}" is not on the hour: hourly means are stamped at the full hour that ends them`);
  }
  const beijing = new Date(utcMs + 8 * HOUR_MS).toISOString();
  return { ok: true, value: { timeUtc: new Date(utcMs).toISOString(), hour: `${beijing.slice(0, 13)}:00`, epochHour: utcMs / HOUR_MS } };
}

const HOUR_MS = 3_600_000;

/**
 * Whether `t` is a plain non-negative decimal (`\d+(\.\d*)?|\.\d+`) and, in the same pass, the count of digits before
 * the point (leading zeros not counted, "007.5" → 1), or -1 when it is not. A character loop, not the regex: it runs six times per row of a
 * year-long file (profiled: the regex and a second scan for the digits were a fifth of the row rule's time).
 */
function decimalIntegerDigits(t: string): number {
  const n = t.length;
  let i = 0;
  let c = 0;
  while (i < n && (c = t.charCodeAt(i)) === 48) i++;
  const start = i;
  while (i < n && (c = t.charCodeAt(i)) >= 48 && c <= 57) i++;
  const digits = i - start;
  if (i === n) return n > 0 ? digits : -1;
  if (c !== 46) return -1;
  const point = i++;
  while (i < n && (c = t.charCodeAt(i)) >= 48 && c <= 57) i++;
  if (i !== n) return -1;
  // "." alone has digits on neither side.
  return point === 0 && n === 1 ? -1 : digits;
}

/** Exact `value > bound` on decimal text; the integer digit count decides most cases without BigInt work. */
function isAbove(value: string, valueDigits: number, bound: string): boolean {
  const b = decimalIntegerDigits(bound);
  if (valueDigits !== b) return valueDigits > b;
  return compare(parseDecimal(value), parseDecimal(bound)) > 0;
}

// Files sorted by hour repeat each time text once per station; a small memo skips re-parsing it, and the last text
// is compared first (a string compare costs less than hashing a fresh string for the map).
const timeMemo = new Map<string, RowRuleResult<HourEnd>>();
let lastTime: { text: string; result: RowRuleResult<HourEnd> } | null = null;
function memoHourEndTime(text: string): RowRuleResult<HourEnd> {
  if (lastTime !== null && lastTime.text === text) return lastTime.result;
  let r = timeMemo.get(text);
  if (!r) {
    r = parseHourEndTime(text);
    if (timeMemo.size >= 1024) timeMemo.clear();
    timeMemo.set(text, r);
  }
  lastTime = { text, result: r };
  return r;
}

const POLLUTANT_LABEL: Record<Pollutant, string> = { so2: "SO2", no2: "NO2", pm10: "PM10", pm25: "PM2.5", co: "CO", o3: "O3" };

/**
 * Parses one row of an hourly readings file (issue 3 "Import"): station code, an on-the-hour end time with offset,
 * six concentrations as exact decimal text (empty = missing, at least one present, none negative or above the
 * plausible bound) and an optional status (preliminary 实况 by default, or audited 审核).
 */
export function parseAirReadingRow(
  values: Record<string, string | undefined>,
  opts: { plausibleMax?: Readonly<Record<Pollutant, string>> } = {},
): RowRuleResult<AirReadingRow> {
  const code = codeRule("station_code", values.station_code, { zh: "站点编码", en: "Station code" });
  if (!code.ok) return code;
  const time = memoHourEndTime(values.time ?? "");
  if (!time.ok) return time;
  const max = opts.plausibleMax ?? AIR_PLAUSIBLE_MAX;
  // Column by column with named properties (not a loop over column names: keyed access at one site is megamorphic).
  const so2 = concentration(values.so2, "so2", "so2", max.so2);
  if (so2 !== null && typeof so2 !== "string") return so2;
  const no2 = concentration(values.no2, "no2", "no2", max.no2);
  if (no2 !== null && typeof no2 !== "string") return no2;
  const pm10 = concentration(values.pm10, "pm10", "pm10", max.pm10);
  if (pm10 !== null && typeof pm10 !== "string") return pm10;
  const pm25 = concentration(values.pm2_5, "pm2_5", "pm25", max.pm25);
  if (pm25 !== null && typeof pm25 !== "string") return pm25;
  const co = concentration(values.co, "co", "co", max.co);
  if (co !== null && typeof co !== "string") return co;
  const o3 = concentration(values.o3, "o3", "o3", max.o3);
  if (o3 !== null && typeof o3 !== "string") return o3;
  if (so2 === null && no2 === null && pm10 === null && pm25 === null && co === null && o3 === null) {
    return fail(null, "六项污染物均为空，该行没有数据", "All six pollutants are empty: the row holds no data");
  }
  const statusText = (values.status ?? "").trim().toLowerCase();
  let status: ReadingStatus;
  if (statusText === "" || statusText === "preliminary" || statusText === "实况") status = "preliminary";
  else if (statusText === "audited" || statusText === "审核") status = "audited";
  else return fail("status", `状态（status）“${values.status?.trim()}”应为 preliminary（实况）或 audited（审核）`, `Status "${values.status?.trim()}" must be preliminary or audited`);
  const t = time.value;
  return { ok: true, value: { stationCode: code.value, timeUtc: t.timeUtc, hour: t.hour, epochHour: t.epochHour, values: { so2, no2, pm10, pm25, co, o3 }, status } };
}

/** One concentration cell: its decimal text, null when empty, or why it is rejected. */
function concentration(cell: string | undefined, column: string, pollutant: Pollutant, max: string): string | null | RowFail {
  const text = cell === undefined ? "" : cell.trim();
  if (text === "") return null;
  const digits = decimalIntegerDigits(text);
  if (digits < 0) {
    return /^-\s*(\d+(\.\d*)?|\.\d+)$/.test(text)
      ? fail(column, `${POLLUTANT_LABEL[pollutant]}（${column}）为负值“${text}”，浓度不能小于 0`, `${POLLUTANT_LABEL[pollutant]} (${column}) is negative ("${text}"); a concentration cannot be below 0`)
      : fail(column, `${POLLUTANT_LABEL[pollutant]}（${column}）“${text}”不是数字（缺测请留空）`, `${POLLUTANT_LABEL[pollutant]} (${column}) "${text}" is not a number (leave it empty when missing)`);
  }
  if (isAbove(text, digits, max)) {
    const unit = pollutant === "co" ? "mg/m³" : "µg/m³";
    return fail(
      column,
      `${POLLUTANT_LABEL[pollutant]}（${column}）${text} ${unit} 超过合理上限 ${max} ${unit}，疑为单位或仪器错误`,
      `${POLLUTANT_LABEL[pollutant]} (${column}) ${text} ${unit} is above the plausible maximum ${max} ${unit} (a unit or instrument error?)`,
    );
  }
  return text;
}

/**
 * A readings line as `airReadingLineParser` reads it: the row `parseAirReadingRow` would give, with its file line,
 * its concentrations left in the file's bytes (`ReadingSpans`) rather than cut out as text.
 */
export interface AirReadingLine extends Omit<AirReadingRow, "values">, ReadingSpans {
  line: number;
  /** The line is bytes[start, end) (ASCII; only cut out as text when the row is rejected). */
  start: number;
  end: number;
}

/**
 * Six concentrations as they stand in a file's bytes: bytes[valuesStart, valuesEnd) is the line's `so2,no2,pm10,
 * pm2_5,co,o3` — six plain decimals (`\d+(\.\d*)?|\.\d+`, exactly as written) or empty (missing), separated by
 * five commas, each one the rule accepts.
 */
export interface ReadingSpans {
  bytes: Uint8Array;
  valuesStart: number;
  valuesEnd: number;
}

/** A reading's concentrations as text (`AirReadingRow.values`), or as spans of the file's bytes (the fast path). */
export type ReadingValues = AirReadingRow["values"] | ReadingSpans;

export const isReadingSpans = (v: ReadingValues): v is ReadingSpans => (v as ReadingSpans).bytes !== undefined;

/** bytes[start, end) as text, one character per byte (Latin-1; the same as UTF-8 for ASCII). */
export function latin1Text(bytes: Uint8Array, start: number, end: number): string {
  let out = "";
  for (let i = start; i < end; i += 4096) out += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 4096)));
  return out;
}

/**
 * The fast path of `parseAirReadingRow` for the plain lines of a large CSV file (a reader's `plainLines` hook): reads
 * fields straight from the file's bytes, without a row object, a string per cell or the rule's result objects
 * (profiled: most of a year-long file's reading time). Given the file's header, it returns null unless the columns are
 * exactly `station_code,time,so2,no2,pm10,pm2_5,co,o3[,status]` in that order (any case).
 *
 * It only ever ACCEPTS: a line is returned exactly as `parseAirReadingRow` would parse it, or declined (undefined)
 * — anything unusual (spaces, a field too many or too few, a status other than preliminary/audited, a value at or
 * above its plausible bound's digit count) and every line the rule rejects. A declined line is read as an ordinary
 * row and goes through `parseAirReadingRow`, which gives the reason; a test checks the two agree on many lines.
 */
export function airReadingLineParser(
  header: readonly string[],
  opts: { plausibleMax?: Readonly<Record<Pollutant, string>> } = {},
): ((bytes: Uint8Array, start: number, end: number, line: number) => AirReadingLine | undefined) | null {
  const names = header.map((h) => h.trim().toLowerCase());
  const withStatus = names.length === AIR_READING_COLUMNS.length + 1 && names[AIR_READING_COLUMNS.length] === "status";
  if ((names.length !== AIR_READING_COLUMNS.length && !withStatus) || AIR_READING_COLUMNS.some((c, i) => names[i] !== c)) return null;
  const max = opts.plausibleMax ?? AIR_PLAUSIBLE_MAX;
  const bound = (p: Pollutant) => ({ text: max[p], digits: decimalIntegerDigits(max[p]) });
  const [so2Bound, no2Bound, pm10Bound, pm25Bound, coBound, o3Bound] = POLLUTANT_ORDER.map(bound) as [Bound, Bound, Bound, Bound, Bound, Bound];
  // The last time field's bytes and what they parsed to: a file sorted by hour repeats each time once per station.
  let lastTimeBytes = new Uint8Array(64);
  let lastTimeLength = -1;
  let lastTime: HourEnd | null = null;
  const codes = new CodeTexts();

  // One pass over the line, field by field; a value's check finds the comma that ends it.
  return (bytes, start, end, line) => {
    // Station code, hashed as it is checked (see `CodeTexts`).
    let i = start;
    let c = 0;
    let hash = FNV_OFFSET;
    while (i < end && (c = bytes[i]!) !== 44) {
      if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45)) return undefined;
      hash = Math.imul(hash ^ c, FNV_PRIME);
      i++;
    }
    const c1 = i;
    if (c1 === end || c1 === start || c1 - start > 40) return undefined;
    // Time, compared with the last line's as it is read.
    const t0 = ++i;
    let same = lastTime !== null;
    while (i < end && (c = bytes[i]!) !== 44) {
      if (same && (i - t0 >= lastTimeLength || lastTimeBytes[i - t0] !== c)) same = false;
      i++;
    }
    const c2 = i;
    if (c2 === end) return undefined;
    let time: HourEnd;
    if (same && c2 - t0 === lastTimeLength) time = lastTime!;
    else {
      const r = memoHourEndTime(latin1Text(bytes, t0, c2));
      if (!r.ok) return undefined;
      if (c2 - t0 > lastTimeBytes.length) lastTimeBytes = new Uint8Array(c2 - t0);
      lastTimeBytes.set(bytes.subarray(t0, c2));
      lastTimeLength = c2 - t0;
      lastTime = time = r.value;
    }
    // Six values, each ended by a comma but the last (ended by the line, or by the status column's comma).
    let e = plainValueEnd(bytes, c2 + 1, end, so2Bound);
    if (e < 0 || e === end) return undefined;
    e = plainValueEnd(bytes, e + 1, end, no2Bound);
    if (e < 0 || e === end) return undefined;
    e = plainValueEnd(bytes, e + 1, end, pm10Bound);
    if (e < 0 || e === end) return undefined;
    e = plainValueEnd(bytes, e + 1, end, pm25Bound);
    if (e < 0 || e === end) return undefined;
    e = plainValueEnd(bytes, e + 1, end, coBound);
    if (e < 0 || e === end) return undefined;
    const last = plainValueEnd(bytes, e + 1, end, o3Bound);
    if (last < 0) return undefined;
    // Six empty values (five commas and nothing else): the rule rejects a row without data.
    if (last - c2 === 6) return undefined;
    let status: ReadingStatus = "preliminary";
    if (!withStatus) {
      if (last !== end) return undefined;
    } else {
      if (last === end) return undefined;
      const len = end - last - 1;
      if (len === 11 && sameText(bytes, last + 1, "preliminary")) status = "preliminary";
      else if (len === 7 && sameText(bytes, last + 1, "audited")) status = "audited";
      else if (len !== 0) return undefined;
    }
    return {
      line,
      bytes,
      start,
      end,
      stationCode: codes.text(bytes, start, c1, hash),
      timeUtc: time.timeUtc,
      hour: time.hour,
      epochHour: time.epochHour,
      valuesStart: c2 + 1,
      valuesEnd: last,
      status,
    };
  };
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** A table reader's `plainLines` hook for readings files, with the default plausible bounds. */
export const airReadingPlainLines = (header: readonly string[]) => airReadingLineParser(header);

/**
 * Station codes as text, one string per distinct code: a file repeats a network's few hundred codes on every hour,
 * so a code's bytes are hashed and matched against the text made the first time (FNV-1a; a clash just makes text).
 */
class CodeTexts {
  private byHash = new Map<number, string>();

  /** The text of bytes[start, end), whose FNV-1a hash (from `FNV_OFFSET` by `FNV_PRIME`) is `h`. */
  text(bytes: Uint8Array, start: number, end: number, h: number): string {
    const known = this.byHash.get(h);
    if (known !== undefined && known.length === end - start && sameText(bytes, start, known)) return known;
    const text = latin1Text(bytes, start, end);
    if (this.byHash.size >= 100_000) this.byHash.clear();
    this.byHash.set(h, text);
    return text;
  }
}

/** Whether bytes from `start` spell `text` (ASCII). */
function sameText(bytes: Uint8Array, start: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (bytes[start + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** The file's value columns in order, as pollutants. */
const POLLUTANT_ORDER: readonly Pollutant[] = ["so2", "no2", "pm10", "pm25", "co", "o3"];

/** A concentration's plausible bound, and its integer digit count. */
interface Bound {
  text: string;
  digits: number;
}

/**
 * Checks the concentration starting at bytes[i] as far as the comma (or `end`) that ends it, and returns where it
 * ends; -1 declines. Accepted: empty (missing), or a plain decimal below its bound's digit count (or not above the
 * bound), exactly as `concentration` would; anything else is left to it, and to its reasons.
 */
function plainValueEnd(bytes: Uint8Array, i: number, end: number, bound: Bound): number {
  const start = i;
  while (i < end && bytes[i] === 48) i++;
  const lead = i;
  let c = 0;
  while (i < end && (c = bytes[i]!) >= 48 && c <= 57) i++;
  const digits = i - lead;
  if (i < end && c === 46) {
    const point = i++;
    while (i < end && (c = bytes[i]!) >= 48 && c <= 57) i++;
    // "." alone has digits on neither side.
    if (point === start && i === point + 1) return -1;
  }
  if (i < end && bytes[i] !== 44) return -1;
  if (digits > bound.digits) return -1;
  if (digits === bound.digits && isAbove(latin1Text(bytes, start, i), digits, bound.text)) return -1;
  return i;
}
