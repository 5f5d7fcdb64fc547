import { toCsvCell } from "../open-data/towns-csv";
import type { AirDay, Pollutant, StationNow } from "./air-api";

/** Pollutant codes as the import files and the command line's CSV name them. */
const CSV_POLLUTANT: Record<Pollutant, string> = { so2: "so2", no2: "no2", co: "co", o3: "o3", pm10: "pm10", pm25: "pm2_5" };

const lines = (rows: (string | number | null)[][]) => `${rows.map((r) => r.map(toCsvCell).join(",")).join("\r\n")}\r\n`;

export const STATIONS_CSV_HEADER = ["code", "name", "district_code", "lat", "lon", "time", "aqi", "level", "category_zh", "category_en", "primary", "data_status", "rules", "silent"];

/** Each station's latest hour; `time` is the end of the hour, Beijing time, as the API gives it. */
export function stationsToCsv(items: readonly StationNow[]): string {
  return lines([
    STATIONS_CSV_HEADER,
    ...items.map((s) => [
      s.code,
      s.name,
      s.districtCode,
      s.lat,
      s.lon,
      s.time,
      s.aqi ?? (s.aqiStatus === "aboveRange" ? ">500" : null),
      s.level,
      s.category?.zh ?? null,
      s.category?.en ?? null,
      s.primaryPollutants.map((p) => CSV_POLLUTANT[p]).join(";"),
      s.dataStatus,
      s.ruleSet,
      String(s.silent),
    ]),
  ]);
}

/** The columns of `pnpm ecogov air daily --format csv`, plus the data status (preliminary or audited). */
export const DAILY_CSV_HEADER = ["code", "date", "so2", "no2", "pm10", "pm2_5", "co", "o3_1h_max", "o3_8h", "aqi", "level", "primary", "rules", "data_status"];

export function dailyToCsv(days: readonly AirDay[]): string {
  return lines([
    DAILY_CSV_HEADER,
    ...days.map((d) => [
      d.code,
      d.date,
      d.so2,
      d.no2,
      d.pm10,
      d.pm25,
      d.co,
      d.o3Max1h,
      d.o3Max8h,
      d.aqi ?? (d.aqiStatus === "aboveRange" ? ">500" : null),
      d.level,
      d.primaryPollutants.map((p) => CSV_POLLUTANT[p]).join(";"),
      d.ruleSet,
      d.dataStatus,
    ]),
  ]);
}
