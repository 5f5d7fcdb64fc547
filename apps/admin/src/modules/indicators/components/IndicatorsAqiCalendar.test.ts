import type { AirCalendarDay } from "@ecogov/domain/air";
import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import { createAppI18n } from "../../../i18n";
import IndicatorsAqiCalendar from "./IndicatorsAqiCalendar.vue";

const day = (date: string, aqi: number | null, level: number | null, extra: Partial<AirCalendarDay> = {}): AirCalendarDay => ({
  date,
  aqi,
  aqiStatus: aqi === null ? "na" : "complete",
  level,
  primaryPollutants: aqi !== null && aqi > 50 ? ["pm25"] : [],
  ruleSet: date < "2026-03-01" ? "HJ633-2012" : "HJ633-2026",
  dataStatus: "audited",
  dust: false,
  ...extra,
});

const DAYS: AirCalendarDay[] = [
  day("2026-01-01", 42, 1),
  day("2026-01-02", 88, 2),
  day("2026-01-03", 104, 3, { dataStatus: "preliminary" }),
  day("2026-03-05", 240, 5, { dust: true, primaryPollutants: ["pm10"] }),
  day("2026-03-06", null, null),
];

function mountCalendar(locale: "zh-CN" | "en" = "zh-CN") {
  return mount(IndicatorsAqiCalendar, { props: { year: 2026, days: DAYS, title: "青山区 (QY01)" }, global: { plugins: [createAppI18n(locale)] } });
}

const cell = (w: ReturnType<typeof mountCalendar>, date: string) => w.get(`[data-date="${date}"]`);
const legendOf = (w: ReturnType<typeof mountCalendar>) =>
  w.findAll(".aqi-legend li").map((li) =>
    li
      .findAll("span")
      .map((s) => s.text())
      .filter(Boolean)
      .join(" "),
  );

describe("IndicatorsAqiCalendar", () => {
  it("draws one cell per day of the year, coloured by the HJ 633 level", () => {
    const w = mountCalendar();
    expect(w.findAll("[data-date]")).toHaveLength(365);
    expect(cell(w, "2026-01-01").get("rect").attributes("fill")).toBe("#00E400");
    expect(cell(w, "2026-01-02").get("rect").attributes("fill")).toBe("#FFFF00");
    expect(cell(w, "2026-01-03").get("rect").attributes("fill")).toBe("#FF7E00");
    expect(cell(w, "2026-03-05").get("rect").attributes("fill")).toBe("#99004C");
    // A day with a record but no valid AQI is grey; a day without any record stays white.
    expect(cell(w, "2026-03-06").get("rect").attributes("fill")).toBe("#e9eeeb");
    expect(cell(w, "2026-12-31").get("rect").attributes("fill")).toBe("#ffffff");
    expect(w.find('[data-date="2026-02-29"]').exists()).toBe(false);
  });

  it("marks preliminary days with hatching and dust days with a corner, not by colour alone", () => {
    const w = mountCalendar();
    expect(cell(w, "2026-01-03").findAll("rect")).toHaveLength(2);
    expect(cell(w, "2026-01-02").findAll("rect")).toHaveLength(1);
    expect(cell(w, "2026-03-05").find("path").exists()).toBe(true);
    expect(cell(w, "2026-01-01").find("path").exists()).toBe(false);
  });

  it("names every level with its day count in the legend and the accessible summary", () => {
    const w = mountCalendar();
    const legend = legendOf(w);
    expect(legend.slice(0, 6)).toEqual(["优 1 天", "良 1 天", "轻度污染 1 天", "中度污染 0 天", "重度污染 1 天", "严重污染 0 天"]);
    expect(legend[6]).toBe("无有效数据 1 天");
    expect(legend[7]).toBe("斜纹：实况数据 1 天");
    expect(legend[8]).toBe("角标：沙尘天 1 天");
    expect(w.get("svg").attributes("aria-label")).toBe("青山区 (QY01) 2026 年日 AQI 日历：优 1，良 1，轻度污染 1，中度污染 0，重度污染 1，严重污染 0；无有效 AQI 1 天");
  });

  it("spells out a tapped day: AQI, category, primary pollutant, data status, dust and rule set", async () => {
    const w = mountCalendar();
    await cell(w, "2026-03-05").trigger("click");
    expect(w.get("[data-testid=aqi-calendar-selected]").text()).toBe("2026-03-05 · AQI 240 · 重度污染 · 首要污染物 PM10 · 审核 · 沙尘天 · HJ633-2026");
    await cell(w, "2026-01-03").trigger("click");
    expect(w.get("[data-testid=aqi-calendar-selected]").text()).toContain("轻度污染 · 首要污染物 PM2.5 · 实况 · HJ633-2012");
    expect(cell(w, "2026-01-03").get("title").text()).toContain("AQI 104");
  });

  it("speaks English", async () => {
    const w = mountCalendar("en");
    expect(legendOf(w)[0]).toBe("Excellent 1 day");
    expect(legendOf(w)[3]).toBe("Moderately polluted 0 days");
    await cell(w, "2026-03-06").trigger("click");
    expect(w.get("[data-testid=aqi-calendar-selected]").text()).toBe("2026-03-06 · AQI — · No valid data · Audited · HJ633-2026");
    expect(w.get(".aqi-calendar__ticks").text()).toContain("Jan");
  });
});
