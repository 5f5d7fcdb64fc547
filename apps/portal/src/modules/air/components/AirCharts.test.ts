import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import { createPortalI18n } from "../../../i18n";
import en from "../../../locales/en/air.json";
import zh from "../../../locales/zh-CN/air.json";
import type { AirDay, AreaPeriod, StationNow } from "../air-api";
import { DAILY_FROM, DAILY_RESPONSE, DAILY_TO, periodResponse, STATIONS_RESPONSE } from "../testing";
import AirStationMap from "./AirStationMap.vue";
import AirTrendChart from "./AirTrendChart.vue";
import AirYearChart from "./AirYearChart.vue";

function i18n(locale: "zh-CN" | "en" = "zh-CN") {
  const i = createPortalI18n(locale);
  i.global.mergeLocaleMessage("zh-CN", { air: zh } as never);
  i.global.mergeLocaleMessage("en", { air: en } as never);
  return i;
}
const stations = STATIONS_RESPONSE.items as StationNow[];
const days = DAILY_RESPONSE.items as AirDay[];

describe("AirStationMap", () => {
  const mountMap = (focusDistrict: string | null, list = stations) =>
    mount(AirStationMap, { props: { stations: list, focusDistrict, districtLabels: { QY01: "青山区", QY02: "东湖区", QY06: "云溪区" } }, global: { plugins: [i18n()] } });

  it("places stations by latitude and longitude: north is up, east is right", () => {
    const w = mountMap("QY01");
    const at = (code: string) => {
      const c = w.get(`[data-code="${code}"] .station-map__disc`);
      return { x: Number(c.attributes("cx")), y: Number(c.attributes("cy")) };
    };
    // 青石镇站 lies north-west of 滨江公园.
    expect(at("QY01-A04").y).toBeLessThan(at("QY01-A03").y);
    expect(at("QY01-A04").x).toBeLessThan(at("QY01-A03").x);
    for (const code of ["QY01-A01", "QY01-A02", "QY01-A03", "QY01-A04"]) {
      const p = at(code);
      expect(p.x).toBeGreaterThan(0);
      expect(p.x).toBeLessThan(360);
    }
  });

  it("writes the AQI in each disc in the level's colour, names our stations, and says the rest in words", () => {
    const w = mountMap("QY01");
    const station = w.get('[data-code="QY01-A01"]');
    expect(station.get(".station-map__disc").attributes("fill")).toBe("#FF7E00");
    expect(station.get(".station-map__aqi").text()).toBe("130");
    expect(station.get(".station-map__name").text()).toBe("青山区监测站");
    expect(station.get("title").text()).toBe("青山区监测站：AQI 130，轻度污染");
    // A station of another district is context: smaller, no name.
    expect(w.get('[data-code="QY02-A01"]').find(".station-map__name").exists()).toBe(false);
    // A silent station is grey with a dash, and its title says there is no data.
    const silent = w.get('[data-code="QY06-A03"]');
    expect(silent.get(".station-map__disc").attributes("fill")).toBe("#d5ddd8");
    expect(silent.get(".station-map__aqi").text()).toBe("—");
    expect(silent.get("title").text()).toBe("溪口镇：暂无数据");
    expect(w.get("svg").attributes("aria-label")).toContain("6 个空气监测站点");
  });

  it("keeps every name inside the map by putting it left of a disc near the right edge", () => {
    const w = mountMap("QY01", stations.slice(0, 4));
    for (const name of w.findAll(".station-map__name")) {
      const x = Number(name.attributes("x"));
      const width = name.text().length * 10;
      if (name.attributes("text-anchor") === "end") expect(x - width).toBeGreaterThanOrEqual(0);
      else expect(x + width).toBeLessThanOrEqual(360);
    }
  });

  it("reports a tapped station", async () => {
    const w = mountMap("QY01");
    await w.get('[data-code="QY01-A02"]').trigger("click");
    expect(w.emitted("select")).toEqual([["QY01-A02"]]);
  });
});

describe("AirTrendChart", () => {
  const mountChart = (locale: "zh-CN" | "en" = "zh-CN") => mount(AirTrendChart, { props: { days, from: DAILY_FROM, to: DAILY_TO, title: "近 30 天" }, global: { plugins: [i18n(locale)] } });

  it("draws one point per day with a valid AQI, higher AQI higher up, and breaks the line at a missing day", () => {
    const w = mountChart();
    const points = w.findAll("circle[data-date]");
    expect(points).toHaveLength(29);
    const y = (date: string) => Number(w.get(`circle[data-date="${date}"]`).attributes("cy"));
    const first = days[0]!;
    const third = days[2]!;
    expect(first.aqi).toBe(50);
    expect(third.aqi).toBe(104);
    expect(y(third.date)).toBeLessThan(y(first.date));
    expect(w.find(`circle[data-date="${DAILY_TO}"]`).exists()).toBe(false);
    expect(w.get(".trend-chart__line").attributes("d")!.startsWith("M")).toBe(true);
  });

  it("draws preliminary days hollow and audited ones in the level colour", () => {
    const w = mountChart();
    const audited = w.get('circle[data-status="audited"]');
    expect(audited.attributes("fill")).not.toBe("#ffffff");
    expect(w.get('circle[data-status="preliminary"]').attributes("fill")).toBe("#ffffff");
    expect(w.text()).toContain("实况数据（空心点）");
  });

  it("summarises the days per level for screen readers and lists every day in the data table", () => {
    const w = mountChart();
    expect(w.get("svg").attributes("aria-label")).toBe(`近 30 天（${DAILY_FROM} 至 ${DAILY_TO}）：优 9 天、良 10 天、轻度污染 5 天、中度污染 5 天`);
    const rows = w.findAll(".chart-data tbody tr");
    expect(rows).toHaveLength(30);
    expect(rows[2]!.text()).toContain("104");
    expect(rows[2]!.text()).toContain("轻度污染");
    expect(rows[29]!.text()).toContain("无有效数据");
  });

  it("speaks English, with plurals", () => {
    const w = mountChart("en");
    expect(w.get("svg").attributes("aria-label")).toContain("Excellent 9 days, Good 10 days");
  });
});

describe("AirYearChart", () => {
  const month = (m: string, ratio: number | null, preliminary = 0): { month: string; figures: AreaPeriod | null } => {
    const base = periodResponse(`${m}-01`, `${m}-28`).districts[0] as AreaPeriod;
    return { month: m, figures: ratio === null ? null : { ...base, ratioPercent: ratio, goodDays: Math.round(ratio * 0.3), validDays: 30, preliminaryDays: preliminary, yearOnYear: { compositeIndexPercent: null, rankPlaces: null, ratioPoints: 5 } } };
  };
  const months = [month("2025-12", 70), month("2026-01", 90), month("2026-02", null), month("2026-03", 100, 4)];

  it("draws a bar per month as tall as its share of good days, with last year's value as a tick", () => {
    const w = mount(AirYearChart, { props: { months, title: "近 12 个月" }, global: { plugins: [i18n()] } });
    const height = (m: string) => Number(w.get(`[data-month="${m}"] rect`).attributes("height"));
    expect(height("2026-03")).toBeCloseTo(height("2026-01") / 0.9, 5);
    expect(w.find('[data-month="2026-02"] rect').exists()).toBe(false);
    expect(w.get('[data-month="2026-01"] .year-chart__value').text()).toBe("90");
    expect(w.find('[data-month="2026-01"] .year-chart__previous').exists()).toBe(true);
    expect(w.find('[data-month="2026-01"] [data-preliminary]').exists()).toBe(false);
    expect(w.find('[data-month="2026-03"] [data-preliminary]').exists()).toBe(true);
    expect(w.get('[data-month="2026-01"] .year-chart__year').text()).toBe("2026");
  });

  it("lists the months with the good and valid days behind each share", () => {
    const w = mount(AirYearChart, { props: { months, title: "近 12 个月" }, global: { plugins: [i18n()] } });
    const rows = w.findAll(".chart-data tbody tr").map((r) => r.findAll("th, td").map((c) => c.text()));
    expect(rows[1]).toEqual(["2026-01", "90.0%", "27 / 30", "85.0%", "审核"]);
    expect(rows[2]).toEqual(["2026-02", "—", "—", "—", "—"]);
    expect(rows[3]![4]).toBe("含实况数据 4 天");
    expect(w.get("svg").attributes("aria-label")).toContain("2026-01 90.0%");
  });
});
