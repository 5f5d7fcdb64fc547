import { API_BASE, getJson } from "../../api";
import { arrayOf, bilingual, boolean, checkResponse, nullable, number, object, oneOf, string, type Check } from "../../response-check";

/**
 * The air quality open data the portal shows (apps/api/src/open-data.air.ts): stations now, daily figures and
 * period figures. Checked field by field before a page sees them.
 */
export const POLLUTANTS = ["so2", "no2", "co", "o3", "pm10", "pm25"] as const;
export type Pollutant = (typeof POLLUTANTS)[number];
const DATA_STATUSES = ["preliminary", "audited"] as const;
export type DataStatus = (typeof DATA_STATUSES)[number];
const AQI_STATUSES = ["complete", "partial", "na", "aboveRange"] as const;
const RULE_SETS = ["HJ633-2012", "HJ633-2026"] as const;

const pollutant = oneOf(POLLUTANTS);
const concentration = nullable(number);

const StationNow = object({
  code: string,
  name: string,
  districtCode: string,
  lat: nullable(number),
  lon: nullable(number),
  time: nullable(string),
  aqi: nullable(number),
  aqiStatus: nullable(oneOf(AQI_STATUSES)),
  level: nullable(number),
  category: nullable(bilingual),
  colour: nullable(string),
  primaryPollutants: arrayOf(pollutant),
  ruleSet: nullable(oneOf(RULE_SETS)),
  dataStatus: nullable(oneOf(DATA_STATUSES)),
  silent: boolean,
});
export type StationNow = ReturnType<typeof StationNow>;

const StationsResponse = object({ asOf: string, items: arrayOf(StationNow) });
export type StationsNow = ReturnType<typeof StationsResponse>;

const AirDay = object({
  kind: oneOf(["station", "district"] as const),
  code: string,
  name: string,
  districtCode: string,
  date: string,
  so2: concentration,
  no2: concentration,
  pm10: concentration,
  pm25: concentration,
  co: concentration,
  o3Max1h: concentration,
  o3Max8h: concentration,
  aqi: nullable(number),
  aqiStatus: oneOf(AQI_STATUSES),
  level: nullable(number),
  primaryPollutants: arrayOf(pollutant),
  ruleSet: oneOf(RULE_SETS),
  dataStatus: oneOf(DATA_STATUSES),
});
export type AirDay = ReturnType<typeof AirDay>;
const DailyResponse = object({ from: string, to: string, items: arrayOf(AirDay) });

const Statistic = object({ statistic: oneOf(["mean", "p95", "p90"] as const), value: nullable(number), valid: boolean });
const statistics: Check<Record<Pollutant, ReturnType<typeof Statistic>>> = (v, p) =>
  object(Object.fromEntries(POLLUTANTS.map((k) => [k, Statistic])) as Record<Pollutant, typeof Statistic>)(v, p);

const AreaPeriod = object({
  code: string,
  name: string,
  validDays: number,
  goodDays: number,
  ratioPercent: nullable(number),
  heavyPollutionDays: number,
  statistics,
  compositeIndex: nullable(number),
  rank: nullable(number),
  tied: boolean,
  rankSource: oneOf(["computed"] as const),
  publishedRank: nullable(object({ rank: number, source: string })),
  yearOnYear: nullable(object({ compositeIndexPercent: nullable(number), rankPlaces: nullable(number), ratioPoints: nullable(number) })),
  ruleSetIds: arrayOf(oneOf(RULE_SETS)),
  auditedDays: number,
  preliminaryDays: number,
});
export type AreaPeriod = ReturnType<typeof AreaPeriod>;
/** One month of the year chart: our district's figures for it, or null when the month has none. */
export interface MonthFigures {
  month: string;
  figures: AreaPeriod | null;
}
const PeriodResponse = object({
  from: string,
  to: string,
  dustDeducted: boolean,
  ruleSetIds: arrayOf(oneOf(RULE_SETS)),
  compositeIndexSettings: object({ id: string, digits: number }),
  districts: arrayOf(AreaPeriod),
});
export type AirPeriod = ReturnType<typeof PeriodResponse>;

async function get<T>(url: string, check: Check<T>): Promise<T> {
  return checkResponse(url, await getJson(url), check);
}

export const airStationsUrl = () => `${API_BASE}/air/stations`;
export const airDailyUrl = (q: { from: string; to: string; area?: string }) =>
  `${API_BASE}/air/daily?${new URLSearchParams({ from: q.from, to: q.to, ...(q.area ? { area: q.area } : {}) }).toString()}`;
export const airPeriodUrl = (q: { from: string; to: string }) => `${API_BASE}/air/period?${new URLSearchParams(q).toString()}`;

/** `GET /api/v1/air/stations`: every station's latest hour with its AQI, colour and data status. */
export const fetchAirStations = () => get(airStationsUrl(), StationsResponse);
/** `GET /api/v1/air/daily`: daily figures of a district (its own row and its stations') or of everything. */
export const fetchAirDaily = (q: { from: string; to: string; area?: string }) => get(airDailyUrl(q), DailyResponse);
/** `GET /api/v1/air/period`: period figures, composite index and rank of every district. */
export const fetchAirPeriod = (q: { from: string; to: string }) => get(airPeriodUrl(q), PeriodResponse);
