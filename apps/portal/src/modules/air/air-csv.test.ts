import { describe, expect, it } from "vitest";
import type { AirDay, StationNow } from "./air-api";
import { DAILY_RESPONSE, STATIONS_RESPONSE } from "./testing";
import { dailyToCsv, stationsToCsv } from "./air-csv";

describe("air CSV", () => {
  it("writes each station's latest hour with its category in both languages", () => {
    const rows = stationsToCsv(STATIONS_RESPONSE.items as StationNow[]).split("\r\n");
    expect(rows[0]).toBe("code,name,district_code,lat,lon,time,aqi,level,category_zh,category_en,primary,data_status,rules,silent");
    expect(rows[1]).toBe("QY01-A01,青山区监测站,QY01,30.1215,114.8632,2026-11-29T00:00,130,3,轻度污染,Lightly polluted,pm2_5,preliminary,HJ633-2026,false");
    expect(rows.at(-2)).toBe("QY06-A03,溪口镇,QY06,30.0347,114.6781,,,,,,,,,true");
  });

  it("writes daily figures with the command line's columns, empty where not valid", () => {
    const rows = dailyToCsv(DAILY_RESPONSE.items as AirDay[]).split("\r\n");
    expect(rows[0]).toBe("code,date,so2,no2,pm10,pm2_5,co,o3_1h_max,o3_8h,aqi,level,primary,rules,data_status");
    expect(rows[1]).toBe("QY01,2026-10-29,6,25,50,28,0.7,30,28,50,1,,HJ633-2026,audited");
    expect(rows[3]).toBe("QY01,2026-10-31,6,25,50,28,0.7,30,28,104,3,pm2_5,HJ633-2026,audited");
    expect(rows).toContain("QY01,2026-11-27,,,,,,,,,,,HJ633-2026,preliminary");
  });
});
