import type { PollutantAgainstLimit } from "@ecogov/domain/air";
import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import { createAppI18n } from "../../../i18n";
import IndicatorsPollutantChart from "./IndicatorsPollutantChart.vue";

const row = (p: Partial<PollutantAgainstLimit> & Pick<PollutantAgainstLimit, "pollutant">): PollutantAgainstLimit => ({
  statistic: "mean",
  value: null,
  limit: null,
  averaging: "annual",
  ratio: null,
  exceeds: null,
  target: null,
  ...p,
});

const POLLUTANTS = [
  row({ pollutant: "so2", value: 6, limit: 60, ratio: 0.1, exceeds: false }),
  row({ pollutant: "pm25", value: 34, limit: 30, ratio: 1.13, exceeds: true, target: 33 }),
  row({ pollutant: "o3", statistic: "p90", averaging: "8h", value: null, limit: 160 }),
];

function mountChart(locale: "zh-CN" | "en" = "zh-CN") {
  return mount(IndicatorsPollutantChart, { props: { pollutants: POLLUTANTS }, global: { plugins: [createAppI18n(locale)] } });
}

describe("IndicatorsPollutantChart", () => {
  it("scales every bar to one axis with the limit line at the same place", () => {
    const w = mountChart();
    // Full scale is 1.5 × the limit (the worst ratio, 1.13 × 1.1, is below that).
    const bar = (p: string) => w.get(`[data-pollutant=${p}] .pollutant-chart__bar`).attributes("style");
    expect(bar("so2")).toContain("width: 6.67%");
    expect(bar("pm25")).toContain("width: 75.33%");
    expect(bar("o3")).toContain("width: 0%");
    for (const p of ["so2", "pm25", "o3"]) expect(w.get(`[data-pollutant=${p}] .pollutant-chart__limit`).attributes("style")).toContain("left: 66.67%");
    expect(w.get("[data-pollutant=pm25] .pollutant-chart__target").attributes("style")).toContain("left: 73.33%");
  });

  it("says in words whether each statistic exceeds its limit and meets its target", () => {
    const w = mountChart();
    const text = (p: string) => w.get(`[data-pollutant=${p}]`).text();
    expect(text("so2")).toContain("6 µg/m³");
    expect(text("so2")).toContain("限值 60");
    expect(text("so2")).toContain("为限值的 10%");
    expect(text("so2")).toContain("达标");
    expect(text("pm25")).toContain("超标");
    expect(text("pm25")).toContain("目标 33");
    expect(text("pm25")).toContain("未达年度目标");
    expect(w.get("[data-pollutant=pm25]").classes()).toContain("pollutant-chart__row--exceeds");
    expect(text("o3")).toContain("日最大8小时平均第90百分位数");
    expect(text("o3")).toContain("无有效统计值");
  });

  it("widens the scale when a statistic is far above its limit", () => {
    const w = mount(IndicatorsPollutantChart, {
      props: { pollutants: [row({ pollutant: "pm10", value: 200, limit: 70, ratio: 2.86, exceeds: true })] },
      global: { plugins: [createAppI18n("en")] },
    });
    expect(w.get(".pollutant-chart__bar").attributes("style")).toContain("width: 90.91%");
    expect(w.text()).toContain("Exceeds");
  });
});
