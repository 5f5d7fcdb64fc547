import type { DemoAirStation, StationProfile } from "./demo-network";
import { hash3, hashNormal, hashString, hashUniform, mulberry32 } from "./prng";

/**
 * Generated but realistic hourly air readings for demo and benchmark data (deterministic: a seed, no
 * Math.random). Shapes follow what Chinese monitoring networks typically record:
 * - PM2.5/PM10 high in winter (heating season, stagnant air), low in summer; a night/morning maximum
 *   and an afternoon minimum (mixing layer); multi-day winter pollution episodes; spring dust days
 *   with very high PM10 and a low PM2.5/PM10 ratio; fireworks on Lunar New Year's Eve.
 * - O3 photochemical: an afternoon peak (14–16 h) that is large from May to September, titrated at
 *   night and at traffic sites; summer O3 episodes.
 * - NO2 and CO with morning and evening rush hours and a weekend dip; CO in mg/m³ (about 0.4–1.5).
 * - SO2 low (a few µg/m³), higher at industrial sites.
 * - A downward trend of about 5 % a year in the primary pollutants (not O3), so year-on-year figures mostly improve.
 * - Gaps: stations offline for a few hours, night-time calibration gaps of one gas, PM tape changes,
 *   plus the scripted cases in DEMO_AIR_SCENARIOS (a 19-hour day, an O3 day with fewer than 14 valid
 *   8-hour windows, stuck values, a glitch) when their dates fall in the range.
 * Values are decimal strings: µg/m³ integers (one district's analysers report gases to 0.1), CO to 0.1.
 * `time` is the END of the averaged hour with the +08:00 offset, so day D is D 01:00 … D+1 00:00.
 */

/** The columns of the hourly import file, in order. */
export const AIR_READINGS_HEADER = "station_code,time,so2,no2,pm10,pm2_5,co,o3";
/** The columns of the stations file, in order. */
export const AIR_STATIONS_HEADER = "station_code,name,district_code,district_name,lat,lon";
/** The seed of the demo data set. */
export const DEMO_SEED = 20250101;

export type AirValueColumn = "so2" | "no2" | "pm10" | "pm25" | "co" | "o3";

export interface AirReadingRow {
  stationCode: string;
  /** ISO 8601 with offset, end of the hour: `2025-01-01T01:00:00+08:00`. */
  time: string;
  so2: string | null;
  no2: string | null;
  pm10: string | null;
  pm25: string | null;
  co: string | null;
  o3: string | null;
}

/**
 * A scripted real-world case at one station and day. Hours are end-of-hour stamps 1…24 of that day
 * (24 = the next day's 00:00).
 */
export interface AirScenario {
  id: string;
  stationCode: string;
  date: string;
  description: { zh: string; en: string };
  /** Rows not delivered at all. */
  dropHours?: number[];
  /** Values left empty for these pollutants and hours. */
  blank?: { pollutants: AirValueColumn[]; hours: number[] };
  /** The analyser repeats its value at the first of these hours. */
  stuck?: { pollutant: AirValueColumn; hours: number[] };
  /** A single glitch value. */
  glitch?: { pollutant: AirValueColumn; hour: number; value: string };
  /** Keeps the pollutant at or below a value all day (e.g. a cloudy day, so the case stays what it shows). */
  cap?: { pollutant: AirValueColumn; max: number };
}

/** The scripted cases of the demo data, each shown by some page or export. */
export const DEMO_AIR_SCENARIOS: readonly AirScenario[] = [
  {
    id: "day-with-19-hours",
    stationCode: "QY01-A02",
    date: "2025-03-18",
    description: { zh: "通讯中断，当日仅 19 个小时值（日均值无效）", en: "Link down: only 19 hourly values that day (no valid daily mean)" },
    dropHours: [9, 10, 11, 12, 13],
  },
  {
    id: "o3-fewer-than-14-windows",
    stationCode: "QY01-A01",
    date: "2025-09-16",
    description: { zh: "臭氧分析仪故障 10–16 时，有效 8 小时滑动均值不足 14 个", en: "O3 analyser fault 10–16 h: fewer than 14 valid 8-hour means" },
    blank: { pollutants: ["o3"], hours: [10, 11, 12, 13, 14, 15, 16] },
    cap: { pollutant: "o3", max: 120 },
  },
  {
    id: "stuck-pm10",
    stationCode: "QY05-A02",
    date: "2025-11-05",
    description: { zh: "PM10 数值连续 12 小时不变（疑似仪器卡滞）", en: "PM10 repeats one value for 12 hours (stuck analyser)" },
    stuck: { pollutant: "pm10", hours: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14] },
  },
  {
    id: "co-glitch",
    stationCode: "QY04-A03",
    date: "2025-08-08",
    description: { zh: "CO 单小时异常值 38.6 mg/m³（超出合理范围）", en: "One implausible CO value, 38.6 mg/m³" },
    glitch: { pollutant: "co", hour: 14, value: "38.6" },
  },
  {
    id: "station-offline-half-day",
    stationCode: "QY03-A02",
    date: "2026-01-20",
    description: { zh: "站点断电 12 小时", en: "Power cut: station offline for 12 hours" },
    dropHours: [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18],
  },
];

export interface AirGeneratorOptions {
  stations: readonly DemoAirStation[];
  /** First day (YYYY-MM-DD); its first value is stamped `from`T01:00. */
  from: string;
  /** Last day, inclusive; its last value is stamped the next day T00:00. */
  to: string;
  seed?: number;
  /** Random outages and calibration gaps (default true). */
  gaps?: boolean;
  /** The scripted cases whose dates fall in the range (default DEMO_AIR_SCENARIOS; [] for none). */
  scenarios?: readonly AirScenario[];
  /** Stations that have sent nothing for the last N hours of the range (a silent station). */
  silentTail?: readonly { stationCode: string; hours: number }[];
}

// ---- calendar helpers (UTC arithmetic on civil dates; no time zones involved) ----

const DAY_MS = 86_400_000;
function dayNumber(date: string): number {
  return Math.round(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS);
}
function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
function dayOfYear(day: number): number {
  const d = dateOf(day);
  return day - dayNumber(`${d.slice(0, 4)}-01-01`) + 1;
}
const TREND_EPOCH = dayNumber("2025-01-01");
const HH = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, "0"));

// ---- city-wide weather and events (anchored on the seed and the date) ----

const K_MET = 11;
const K_CITY = 12;
const K_SUN = 13;
const K_RAIN = 14;
const MET_WEIGHTS = normalise([1, 0.8, 0.6, 0.4, 0.2]);
const HOURLY_WEIGHTS = normalise(Array.from({ length: 10 }, (_, j) => 0.8 ** j));

function normalise(w: number[]): number[] {
  const norm = Math.sqrt(w.reduce((s, x) => s + x * x, 0));
  return w.map((x) => x / norm);
}

/** Stagnation index of a day (about N(0,1), correlated over ~4 days): high = poor dispersion. */
function stagnation(seed: number, day: number): number {
  let s = 0;
  for (let j = 0; j < MET_WEIGHTS.length; j++) s += MET_WEIGHTS[j]! * hashNormal(seed ^ K_MET, day - j);
  return s;
}

/** Smooth noise (about N(0,1)) over hours, anchored on (key, hour). */
function smoothNoise(key: number, hour: number): number {
  let s = 0;
  for (let j = 0; j < HOURLY_WEIGHTS.length; j++) s += HOURLY_WEIGHTS[j]! * hashNormal(key, hour - j);
  return s;
}

export interface AirEvent {
  kind: "winter-episode" | "ozone-episode" | "dust" | "fireworks";
  /** First and last day touched. */
  from: string;
  to: string;
  /** Peak multiplier (episodes) or peak PM10 added in µg/m³ (dust). */
  intensity: number;
  startHour: number;
  hours: number;
}

// Lunar New Year's Eve nights (fireworks peak around midnight).
const NEW_YEARS_EVE: Record<number, string> = { 2024: "2024-02-09", 2025: "2025-01-28", 2026: "2026-02-16", 2027: "2027-02-05", 2028: "2028-01-25" };

/** The city's pollution episodes, dust events and fireworks of one year (seeded, so fixed per seed). */
export function airEventsOfYear(seed: number, year: number): AirEvent[] {
  const rand = mulberry32(seed ^ hashString(`events-${year}`));
  const jan1 = dayNumber(`${year}-01-01`);
  const events: AirEvent[] = [];
  const add = (kind: AirEvent["kind"], firstDoy: number, lastDoy: number, minDays: number, maxDays: number, intensity: () => number) => {
    const start = jan1 + firstDoy - 1 + Math.floor(rand() * (lastDoy - firstDoy));
    const days = minDays + rand() * (maxDays - minDays);
    const startHour = (start - jan1) * 24 + Math.floor(rand() * 24);
    const hours = Math.round(days * 24);
    events.push({ kind, from: dateOf(start), to: dateOf(start + Math.ceil((startHour % 24 + hours) / 24) - 1), intensity: intensity(), startHour: jan1 * 24 + startHour, hours });
  };
  // Heating season: two episodes in Jan–Feb, two in Nov–Dec.
  add("winter-episode", 5, 28, 3, 5.5, () => 2.3 + rand() * 1.0);
  add("winter-episode", 33, 56, 2.5, 4.5, () => 1.8 + rand() * 0.8);
  add("winter-episode", 312, 332, 2.5, 4.5, () => 1.6 + rand() * 0.7);
  add("winter-episode", 338, 358, 3, 5.5, () => 2.1 + rand() * 1.0);
  // Photochemical episodes in early and late summer.
  add("ozone-episode", 135, 170, 3, 5, () => 1.2 + rand() * 0.2);
  add("ozone-episode", 200, 250, 3, 5, () => 1.15 + rand() * 0.2);
  // Two or three spring dust events of one to two days.
  add("dust", 62, 85, 1, 2, () => 450 + rand() * 450);
  add("dust", 92, 118, 1, 1.8, () => 300 + rand() * 350);
  if (rand() < 0.6) add("dust", 70, 110, 0.8, 1.5, () => 250 + rand() * 250);
  const eve = NEW_YEARS_EVE[year];
  if (eve) events.push({ kind: "fireworks", from: eve, to: dateOf(dayNumber(eve) + 1), intensity: 1, startHour: dayNumber(eve) * 24 + 19, hours: 10 });
  return events;
}

/** Events touching [from, to] (inclusive dates). */
export function airEventsBetween(opts: { from: string; to: string; seed?: number }): AirEvent[] {
  const seed = opts.seed ?? DEMO_SEED;
  const out: AirEvent[] = [];
  for (let y = Number(opts.from.slice(0, 4)) - 1; y <= Number(opts.to.slice(0, 4)); y++) {
    for (const e of airEventsOfYear(seed, y)) if (e.to >= opts.from && e.from <= opts.to) out.push(e);
  }
  return out;
}

/** The days of [from, to] touched by a dust event (for flagging dust-affected days, 扣沙). */
export function dustDatesBetween(opts: { from: string; to: string; seed?: number }): string[] {
  const dates = new Set<string>();
  for (const e of airEventsBetween(opts)) {
    if (e.kind !== "dust") continue;
    for (let h = e.startHour; h < e.startHour + e.hours; h += 1) {
      const date = dateOf(Math.floor((h - 1) / 24));
      if (date >= opts.from && date <= opts.to) dates.add(date);
    }
  }
  return [...dates].sort();
}

/** 0 outside the event, rising to 1 at its middle: a smooth bump over its hours. */
function bump(e: AirEvent, hour: number): number {
  const pos = (hour - e.startHour) / e.hours;
  if (pos <= 0 || pos >= 1) return 0;
  return Math.sin(Math.PI * pos) ** 1.5;
}

// ---- station character ----

interface ProfileFactors {
  pm: number;
  no2: number;
  co: number;
  so2: number;
  o3: number;
  coarse: number;
}
const PROFILES: Record<StationProfile, ProfileFactors> = {
  urban: { pm: 1, no2: 1, co: 1, so2: 1, o3: 1, coarse: 1 },
  traffic: { pm: 1.07, no2: 1.45, co: 1.2, so2: 1.05, o3: 0.86, coarse: 1.3 },
  industrial: { pm: 1.12, no2: 1.1, co: 1.18, so2: 1.9, o3: 0.95, coarse: 1.5 },
  suburban: { pm: 0.93, no2: 0.72, co: 0.9, so2: 0.9, o3: 1.07, coarse: 0.9 },
  background: { pm: 0.74, no2: 0.45, co: 0.78, so2: 0.7, o3: 1.12, coarse: 0.6 },
};
const DISTRICT_LEVEL: Record<string, number> = { QY01: 1, QY02: 0.95, QY03: 0.86, QY04: 1.1, QY05: 1.04, QY06: 0.92 };
/** Districts whose analysers report SO2 and NO2 to 0.1 µg/m³ (a vendor difference seen in real exports). */
const DECIMAL_GAS_DISTRICTS = new Set(["QY04"]);

interface StationState {
  station: DemoAirStation;
  key: number;
  f: ProfileFactors;
  level: number;
  gasDecimals: boolean;
  /** Offline hours deliver an all-empty row instead of no row (exporter style). */
  emptyRowsWhenOffline: boolean;
  silentFrom: number;
  scenarios: Map<number, AirScenario[]>;
  stuckValue: Partial<Record<AirValueColumn, string>>;
}

const gauss = (x: number, mu: number, sigma: number) => Math.exp(-0.5 * ((x - mu) / sigma) ** 2);

// Diurnal shapes by end-of-hour stamp 1…24 (mid-hour m = stamp − 0.5).
const DIURNAL = (() => {
  const pm: number[] = [];
  const no2: number[] = [];
  const co: number[] = [];
  const so2: number[] = [];
  const o3: number[] = [];
  const coarse: number[] = [];
  for (let h = 1; h <= 24; h++) {
    const m = h - 0.5;
    pm.push(1 + 0.17 * Math.cos((2 * Math.PI * (m - 22)) / 24) + 0.1 * gauss(m, 8.5, 1.6));
    no2.push(0.82 + 0.38 * gauss(m, 8.5, 1.5) + 0.5 * gauss(m, 20, 2.3) + 0.3 * gauss(m, 23.5, 2.5) - 0.3 * gauss(m, 14, 2.8));
    co.push(0.9 + 0.22 * gauss(m, 8.5, 1.8) + 0.3 * gauss(m, 20.5, 2.8) - 0.15 * gauss(m, 14, 3));
    so2.push(0.85 + 0.35 * gauss(m, 11, 2.5));
    o3.push(gauss(m, 15, 3.1));
    coarse.push(0.6 + 0.8 * gauss(m, 11, 3.5));
  }
  return { pm, no2, co, so2, o3, coarse };
})();

const fmtInt = (x: number) => String(Math.max(1, Math.round(x)));
const fmt1 = (x: number) => Math.max(0.1, Math.round(x * 10) / 10).toFixed(1);

/**
 * Hourly readings, hour by hour and station by station within each hour (the order of a network's
 * hourly export). Lazily generated: a year of 100 stations streams in constant memory.
 */
export function* generateAirReadings(opts: AirGeneratorOptions): Generator<AirReadingRow> {
  const seed = opts.seed ?? DEMO_SEED;
  const gaps = opts.gaps ?? true;
  const first = dayNumber(opts.from);
  const last = dayNumber(opts.to);
  const lastHour = last * 24 + 24;
  const scenarios = opts.scenarios ?? DEMO_AIR_SCENARIOS;
  const states: StationState[] = opts.stations.map((station) => {
    const key = hashString(station.code) ^ Math.imul(seed, 0x27d4eb2d);
    const silent = opts.silentTail?.find((s) => s.stationCode === station.code);
    const own = new Map<number, AirScenario[]>();
    for (const s of scenarios) {
      if (s.stationCode !== station.code) continue;
      const d = dayNumber(s.date);
      own.set(d, [...(own.get(d) ?? []), s]);
    }
    return {
      station,
      key,
      f: PROFILES[station.profile],
      level: (DISTRICT_LEVEL[station.districtCode] ?? 1) * Math.exp(0.06 * hashNormal(key, 1)),
      gasDecimals: DECIMAL_GAS_DISTRICTS.has(station.districtCode),
      emptyRowsWhenOffline: hashUniform(key, 2) < 0.3,
      silentFrom: silent ? lastHour - silent.hours + 1 : Number.POSITIVE_INFINITY,
      scenarios: own,
      stuckValue: {},
    };
  });
  const events = airEventsBetween({ from: dateOf(first - 7), to: dateOf(last + 1), seed });

  for (let day = first; day <= last; day++) {
    const date = dateOf(day);
    const next = dateOf(day + 1);
    const doy = dayOfYear(day);
    const winter = Math.cos((2 * Math.PI * (doy - 15)) / 365.25);
    const summer = 0.5 + 0.5 * Math.cos((2 * Math.PI * (doy - 180)) / 365.25);
    const spring = gauss(doy, 95, 30);
    const rainChance = 0.14 + 0.16 * summer;
    const rain = hashUniform(seed ^ K_RAIN, day) < rainChance;
    const sun = Math.min(1.2, Math.max(0.3, 0.85 + 0.25 * hashNormal(seed ^ K_SUN, day))) * (rain ? 0.45 : 1);
    const weekday = (((day + 4) % 7) + 7) % 7; // 0 = Sunday (1970-01-01 was a Thursday)
    // Primary pollution falls about 5 % a year (the clean-air action plans), so year-on-year figures improve on average.
    const trend = Math.exp((-0.05 * (day - TREND_EPOCH)) / 365.25);
    const weekend = weekday === 0 || weekday === 6 ? 0.88 : 1;
    const sToday = stagnation(seed, day);
    const sNext = stagnation(seed, day + 1);
    const sPrev = stagnation(seed, day - 1);
    const dayEvents = events.filter((e) => e.startHour < day * 24 + 25 && e.startHour + e.hours > day * 24);

    // Per-station decisions for the day: an outage, a calibration gap, a PM tape change.
    const blanks = states.map((st) => {
      const b = new Map<number, { drop: boolean; cols: Set<AirValueColumn> }>();
      const mark = (h: number, drop: boolean, cols: AirValueColumn[]) => {
        const cur = b.get(h) ?? { drop: false, cols: new Set<AirValueColumn>() };
        cur.drop ||= drop;
        for (const c of cols) cur.cols.add(c);
        b.set(h, cur);
      };
      if (gaps) {
        if (hashUniform(st.key ^ 21, day) < 0.012) {
          const start = 1 + Math.floor(hashUniform(st.key ^ 22, day) * 22);
          const len = 2 + Math.floor(hashUniform(st.key ^ 23, day) * 6);
          for (let h = start; h < start + len && h <= 24; h++) mark(h, !st.emptyRowsWhenOffline, ["so2", "no2", "pm10", "pm25", "co", "o3"]);
        }
        if (hashUniform(st.key ^ 24, day) < 0.035) {
          const gas = (["so2", "no2", "co", "o3"] as const)[hash3(st.key ^ 25, day) & 3]!;
          const start = 2 + (hash3(st.key ^ 26, day) % 3);
          mark(start, false, [gas]);
          if (hashUniform(st.key ^ 27, day) < 0.5) mark(start + 1, false, [gas]);
        }
        if (hashUniform(st.key ^ 28, day) < 0.006) {
          const start = 8 + (hash3(st.key ^ 29, day) % 8);
          for (let h = start; h < start + 3 + (hash3(st.key ^ 30, day) % 4); h++) mark(h, false, ["pm10", "pm25"]);
        }
      }
      for (const s of st.scenarios.get(day) ?? []) {
        for (const h of s.dropHours ?? []) mark(h, true, []);
        for (const h of s.blank?.hours ?? []) mark(h, false, s.blank!.pollutants);
      }
      return b;
    });

    for (let h = 1; h <= 24; h++) {
      const hour = day * 24 + h;
      const time = h === 24 ? `${next}T00:00:00+08:00` : `${date}T${HH[h]}:00:00+08:00`;
      // Stagnation interpolated between day midpoints so the weather changes smoothly across midnight.
      const x = (h - 0.5) / 24 - 0.5;
      const stag = x < 0 ? sToday + (sToday - sPrev) * x : sToday + (sNext - sToday) * x;
      const cityNoise = smoothNoise(seed ^ K_CITY, hour);
      const met = Math.exp(0.36 * stag + 0.2 * cityNoise) * (rain ? 0.68 : 1);

      let pmEpisode = 1;
      let gasEpisode = 1;
      let o3Episode = 1;
      let dust = 0;
      let fireworks = 0;
      for (const e of dayEvents) {
        const b = bump(e, hour);
        if (b === 0) continue;
        if (e.kind === "winter-episode") {
          pmEpisode *= 1 + (e.intensity - 1) * b;
          gasEpisode *= 1 + (e.intensity - 1) * 0.35 * b;
        } else if (e.kind === "ozone-episode") o3Episode *= 1 + (e.intensity - 1) * b;
        else if (e.kind === "dust") dust += e.intensity * b;
        else fireworks += b * b;
      }

      for (let i = 0; i < states.length; i++) {
        const st = states[i]!;
        if (hour >= st.silentFrom) continue;
        const gap = blanks[i]!.get(h);
        if (gap?.drop) continue;
        const f = st.f;
        const k = st.key;
        const nPm = smoothNoise(k ^ 31, hour);
        const nComb = smoothNoise(k ^ 32, hour);
        const nO3 = smoothNoise(k ^ 33, hour);
        const white = hashNormal(k ^ 34, hour);

        let pm25 = 31 * trend * (1 + 0.45 * winter) * met * pmEpisode * DIURNAL.pm[h - 1]! * f.pm * st.level * Math.exp(0.22 * nPm + 0.06 * white);
        pm25 += fireworks * 160 * f.pm;
        let pm10 = pm25 * (1.5 + 0.25 * spring) + 14 * DIURNAL.coarse[h - 1]! * f.coarse * st.level * (rain ? 0.5 : 1) * Math.exp(0.3 * hashNormal(k ^ 35, hour));
        if (dust > 0) {
          const d = dust * st.level * Math.exp(0.15 * white);
          pm10 += d;
          pm25 += 0.2 * d;
        }
        const no2 = 26 * trend * (1 + 0.3 * winter) * met ** 0.7 * gasEpisode * DIURNAL.no2[h - 1]! * f.no2 * st.level * weekend * Math.exp(0.2 * nComb + 0.08 * white);
        // A regional background of about 0.3 mg/m³ under the local combustion share.
        const co = 0.28 + 0.4 * trend * (1 + 0.5 * winter) * met ** 0.6 * gasEpisode * DIURNAL.co[h - 1]! * f.co * Math.exp(0.18 * nComb);
        const so2 = 6.5 * trend * (1 + 0.35 * winter) * met ** 0.4 * DIURNAL.so2[h - 1]! * f.so2 * st.level * Math.exp(0.3 * nComb + 0.15 * hashNormal(k ^ 36, hour)) + fireworks * 25;
        const night = (24 + 20 * summer) * Math.exp(0.15 * nO3) * (1 - 0.35 * (f.no2 - 0.45) * DIURNAL.no2[h - 1]! * 0.5);
        const photo = (15 + 175 * summer ** 1.4) * sun * o3Episode * Math.exp(0.12 * stag * summer) * DIURNAL.o3[h - 1]! * f.o3 * Math.exp(0.1 * nO3);
        let o3 = Math.max(2, night + photo);

        const row: AirReadingRow = {
          stationCode: st.station.code,
          time,
          so2: st.gasDecimals ? fmt1(so2) : fmtInt(so2),
          no2: st.gasDecimals ? fmt1(no2) : fmtInt(no2),
          pm10: fmtInt(Math.max(pm10, pm25 + 1)),
          pm25: fmtInt(pm25),
          co: fmt1(co),
          o3: fmtInt(o3),
        };
        for (const s of st.scenarios.get(day) ?? []) {
          if (s.cap && Number(row[s.cap.pollutant]) > s.cap.max) row[s.cap.pollutant] = String(s.cap.max - (hour % 7));
          if (s.stuck?.hours.includes(h)) {
            const p = s.stuck.pollutant;
            st.stuckValue[p] ??= row[p] ?? "1";
            row[p] = st.stuckValue[p]!;
          }
          if (s.glitch?.hour === h) row[s.glitch.pollutant] = s.glitch.value;
        }
        if (gap) for (const c of gap.cols) row[c] = null;
        yield row;
      }
    }
  }
}

/** One CSV line (no newline) for a reading row; empty cells for missing values. */
export function airReadingLine(r: AirReadingRow): string {
  return `${r.stationCode},${r.time},${r.so2 ?? ""},${r.no2 ?? ""},${r.pm10 ?? ""},${r.pm25 ?? ""},${r.co ?? ""},${r.o3 ?? ""}`;
}

/**
 * The readings file as text chunks (the header, then roughly one chunk per day): feed it to
 * `Readable.from(...)` or a write stream. Memory stays flat whatever the range.
 */
export function* airReadingsCsvChunks(opts: AirGeneratorOptions): Generator<string> {
  yield `${AIR_READINGS_HEADER}\n`;
  let lines: string[] = [];
  const perChunk = Math.max(24, opts.stations.length * 24);
  for (const r of generateAirReadings(opts)) {
    lines.push(airReadingLine(r));
    if (lines.length >= perChunk) {
      yield `${lines.join("\n")}\n`;
      lines = [];
    }
  }
  if (lines.length) yield `${lines.join("\n")}\n`;
}

/** The whole readings file as one string (small ranges: tests and demo chunks). */
export function airReadingsCsv(opts: AirGeneratorOptions): string {
  return [...airReadingsCsvChunks(opts)].join("");
}

/** The stations file (`station_code,name,district_code,district_name,lat,lon`). */
export function airStationsCsv(stations: readonly DemoAirStation[]): string {
  return `${AIR_STATIONS_HEADER}\n${stations.map((s) => `${s.code},${s.name},${s.districtCode},${s.districtName},${s.lat},${s.lon}`).join("\n")}\n`;
}
