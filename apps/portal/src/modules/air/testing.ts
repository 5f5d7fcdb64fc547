import { addDays, datesFrom } from "./air-dates";

/** Open-data responses shaped like the demo city's (packages/db/src/demo), for unit tests only. */
const station = (code: string, name: string, lat: number, lon: number, aqi: number | null, level: number | null, extra: Record<string, unknown> = {}) => ({
  code,
  name,
  districtCode: code.slice(0, 4),
  lat,
  lon,
  time: aqi === null ? null : "2026-11-29T00:00",
  aqi,
  aqiStatus: aqi === null ? null : "complete",
  level,
  category: level === null ? null : [null, { zh: "优", en: "Excellent" }, { zh: "良", en: "Good" }, { zh: "轻度污染", en: "Lightly polluted" }, { zh: "中度污染", en: "Moderately polluted" }][level]!,
  colour: level === null ? null : ["", "#00E400", "#FFFF00", "#FF7E00", "#FF0000"][level]!,
  primaryPollutants: aqi !== null && aqi > 50 ? ["pm25"] : [],
  ruleSet: aqi === null ? null : "HJ633-2026",
  dataStatus: aqi === null ? null : "preliminary",
  dataStatusLabel: aqi === null ? null : { zh: "实况", en: "preliminary" },
  silent: aqi === null,
  ...extra,
});

export const STATIONS_RESPONSE = {
  asOf: "2026-11-29T02:00",
  items: [
    station("QY01-A01", "青山区监测站", 30.1215, 114.8632, 130, 3),
    station("QY01-A02", "城关子站", 30.1296, 114.8519, 88, 2),
    station("QY01-A03", "滨江公园", 30.1073, 114.8799, 45, 1, { primaryPollutants: [] }),
    station("QY01-A04", "青石镇站", 30.158, 114.8211, 163, 4, { dataStatus: "audited", dataStatusLabel: { zh: "审核", en: "audited" } }),
    station("QY02-A01", "东湖区监测站", 30.1348, 114.9641, 72, 2),
    station("QY06-A03", "溪口镇", 30.0347, 114.6781, null, null),
  ],
};

const TO = "2026-11-27";
const FROM = addDays(TO, -29);
export const DAILY_FROM = FROM;
export const DAILY_TO = TO;

export const DAILY_RESPONSE = {
  from: FROM,
  to: TO,
  items: datesFrom(FROM, TO).map((date, i) => {
    const aqi = date === TO ? null : [50, 65, 104, 160, 88, 42][i % 6]!;
    const level = aqi === null ? null : aqi <= 50 ? 1 : aqi <= 100 ? 2 : aqi <= 150 ? 3 : 4;
    const na = aqi === null;
    return {
      kind: "district",
      code: "QY01",
      name: "青山区",
      districtCode: "QY01",
      date,
      so2: na ? null : 6,
      no2: na ? null : 25,
      pm10: na ? null : 50,
      pm25: na ? null : 28,
      co: na ? null : 0.7,
      o3Max1h: na ? null : 30,
      o3Max8h: na ? null : 28,
      aqi,
      aqiStatus: na ? "na" : "complete",
      level,
      primaryPollutants: aqi !== null && aqi > 50 ? ["pm25"] : [],
      ruleSet: "HJ633-2026",
      dataStatus: date >= "2026-11-20" ? "preliminary" : "audited",
    };
  }),
};

const stats = (pm25: number) => ({
  so2: { statistic: "mean", value: 6, valid: true },
  no2: { statistic: "mean", value: 25, valid: true },
  co: { statistic: "p95", value: 1, valid: true },
  o3: { statistic: "p90", value: 164, valid: true },
  pm10: { statistic: "mean", value: 68, valid: true },
  pm25: { statistic: "mean", value: pm25, valid: true },
});

const area = (code: string, name: string, rank: number, ci: number, ratio: number, extra: Record<string, unknown> = {}) => ({
  code,
  name,
  validDays: 331,
  goodDays: Math.round((ratio * 331) / 100),
  ratioPercent: ratio,
  heavyPollutionDays: 2,
  statistics: stats(30 + rank),
  compositeIndex: ci,
  rank,
  tied: false,
  rankSource: "computed",
  publishedRank: null,
  yearOnYear: { compositeIndexPercent: 2.3, rankPlaces: 0, ratioPoints: -3.3 },
  ruleSetIds: ["HJ633-2012", "HJ633-2026"],
  auditedDays: 273,
  preliminaryDays: 58,
  ...extra,
});

export function periodResponse(from: string, to: string) {
  return {
    from,
    to,
    dustDeducted: false,
    ruleSetIds: ["HJ633-2012", "HJ633-2026"],
    compositeIndexSettings: { id: "huanban-jiance-2018-19", digits: 2 },
    districts: [
      area("QY01", "青山区", 4, 3.94, 82.8, { publishedRank: { rank: 3, source: "市生态环境局 2026 年 10 月通报" }, yearOnYear: { compositeIndexPercent: 2.3, rankPlaces: -1, ratioPoints: -3.3 } }),
      area("QY02", "东湖区", 3, 3.65, 84),
      area("QY03", "西岭区", 1, 3.28, 81.6),
      area("QY04", "南港区", 6, 4.66, 77),
      area("QY05", "北塘区", 5, 4.17, 77.7),
      area("QY06", "云溪区", 2, 3.54, 81),
    ],
  };
}
