import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DISTRICT_RESPONSE, DISTRICTS_RESPONSE } from "../../testing/fixtures";
import { mockApi, mountPortal, settle } from "../../testing/mount-portal";
import AirPage from "./AirPage.vue";
import { DAILY_RESPONSE, periodResponse, STATIONS_RESPONSE } from "./testing";

const ok = {
  "/api/v1/district": { body: DISTRICT_RESPONSE },
  "/api/v1/districts": { body: DISTRICTS_RESPONSE },
  "/api/v1/air/stations": { body: STATIONS_RESPONSE },
  "/api/v1/air/daily": { body: DAILY_RESPONSE },
  "/api/v1/air/period": { body: periodResponse("2026-01-01", "2026-11-28") },
};

async function mountAir(locale: "zh-CN" | "en" = "zh-CN", routes: Parameters<typeof mockApi>[0] = ok) {
  const fetchMock = mockApi(routes);
  const mounted = await mountPortal(AirPage, { path: "/air", locale });
  await settle();
  await settle();
  return { ...mounted, fetchMock };
}

// The fixtures' last day is 2026-11-27: "yesterday" when it is noon of 28 November in Beijing.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-28T04:00:00Z"));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.body.innerHTML = "";
});

describe("AirPage", () => {
  it("shows our district's stations now: AQI, category in words, primary pollutant and data status", async () => {
    const { wrapper } = await mountAir();
    expect(wrapper.get("h1").text()).toBe("空气质量");
    const cards = wrapper.findAll("[data-testid=station-list] li");
    expect(cards.map((c) => c.attributes("data-code"))).toEqual(["QY01-A01", "QY01-A02", "QY01-A03", "QY01-A04"]);
    expect(cards[0]!.get("[data-testid=station-aqi]").text()).toBe("130");
    expect(cards[0]!.get("[data-testid=station-category]").text()).toBe("轻度污染 · 首要污染物：PM2.5");
    expect(cards[0]!.text()).toContain("11月29日 00:00");
    expect(cards[0]!.get(".status-label").text()).toBe("实况");
    expect(cards[3]!.get(".status-label").text()).toBe("审核");
    // Colour is never alone: the AQI box carries the standard's colour, the category is written beside it.
    expect(cards[0]!.get(".station-card__aqi").attributes("style")).toContain("background: #FF7E00");
    expect(wrapper.get("[data-testid=status-note]").text()).toContain("尚未审核");
    expect(wrapper.findAll("[data-testid=station-map] [data-code]")).toHaveLength(4);
  });

  it("switches to the whole city, a silent station saying it has no data", async () => {
    const { wrapper } = await mountAir();
    await wrapper.get("[data-testid=scope-city]").trigger("click");
    const cards = wrapper.findAll("[data-testid=station-list] li");
    expect(cards).toHaveLength(6);
    const silent = cards.find((c) => c.attributes("data-code") === "QY06-A03")!;
    expect(silent.get("[data-testid=station-aqi]").text()).toBe("—");
    expect(silent.get("[data-testid=station-category]").text()).toBe("近 24 小时未收到数据");
  });

  it("keeps a quiet station's last value, marked as not updated on time", async () => {
    const items = STATIONS_RESPONSE.items.map((s) => (s.code === "QY01-A02" ? { ...s, silent: true } : s));
    const { wrapper } = await mountAir("zh-CN", { ...ok, "/api/v1/air/stations": { body: { ...STATIONS_RESPONSE, items } } });
    const card = wrapper.get('[data-testid=station-list] [data-code="QY01-A02"]');
    expect(card.get("[data-testid=station-aqi]").text()).toBe("88");
    expect(card.get("[data-testid=station-category]").text()).toContain("良");
    expect(card.text()).toContain("数据未及时更新");
    const dot = wrapper.get('[data-testid=station-map] [data-code="QY01-A02"]');
    expect(dot.classes()).toContain("is-stale");
    expect(dot.get("title").text()).toBe("城关子站：AQI 88，良（数据未及时更新）");
  });

  it("selects a station tapped on the map in the list", async () => {
    const { wrapper } = await mountAir();
    await wrapper.get('[data-testid=station-map] [data-code="QY01-A02"]').trigger("click");
    await settle();
    expect(wrapper.get('[data-testid=station-list] [data-code="QY01-A02"]').attributes("aria-current")).toBe("true");
  });

  it("draws the last 30 days and the last 12 months, and the year's statistics with computed and published rank", async () => {
    const { wrapper, fetchMock } = await mountAir();
    expect(wrapper.findAll("[data-testid=trend-chart] circle[data-date]")).toHaveLength(29);
    expect(wrapper.findAll("[data-testid=year-chart] [data-month]")).toHaveLength(12);
    expect(wrapper.get("[data-testid=period-ratio]").text()).toBe("82.8%");
    expect(wrapper.get("[data-testid=period-rank]").text()).toBe("第 4 名");
    expect(wrapper.get("[data-testid=period-figures]").text()).toContain("本平台计算");
    expect(wrapper.get("[data-testid=published-rank]").text()).toBe("官方公布：第 3 名（市生态环境局 2026 年 10 月通报）");
    expect(wrapper.get("[data-testid=period-status]").text()).toContain("其中审核数据 273 天、实况数据 58 天");
    const ranking = wrapper.findAll("[data-testid=ranking] tbody tr").map((r) => r.find("th").text());
    expect(ranking[0]).toBe("西岭区");
    expect(ranking[3]).toContain("青山区");
    // The 30 days are asked for our district only; the months one request each.
    const urls = fetchMock.mock.calls.map(([u]) => String(u));
    expect(urls.some((u) => u.startsWith("/api/v1/air/daily?") && u.includes("area=QY01"))).toBe(true);
    expect(urls.filter((u) => u.startsWith("/api/v1/air/period?"))).toHaveLength(13);
  });

  it("offers CSV downloads and links the open-data endpoints", async () => {
    const { wrapper } = await mountAir();
    const csv = wrapper.get("[data-testid=stations-csv]");
    expect(csv.attributes("download")).toBe("air-stations-2026-11-29T0200.csv");
    const content = decodeURIComponent(csv.attributes("href")!.split(",").slice(1).join(","));
    expect(content.replace(/^\uFEFF/, "").split("\r\n")).toHaveLength(8);
    expect(wrapper.get("[data-testid=daily-csv]").attributes("download")).toBe("air-daily-QY01-2026-10-29-2026-11-27.csv");
    const hrefs = wrapper.findAll("#downloads .endpoint a").map((a) => a.attributes("href"));
    expect(hrefs[0]).toBe("/api/v1/air/stations");
    expect(hrefs[1]).toBe("/api/v1/air/daily?from=2026-10-29&to=2026-11-27&area=QY01");
    expect(hrefs[2]).toBe("/api/v1/air/period?from=2026-01-01&to=2026-11-27");
  });

  it("speaks English, station names staying the official Chinese ones", async () => {
    const { wrapper } = await mountAir("en");
    expect(wrapper.get("h1").text()).toBe("Air quality");
    const first = wrapper.get("[data-testid=station-list] li");
    expect(first.get("[data-testid=station-category]").text()).toBe("Lightly polluted · Primary pollutant: PM2.5");
    expect(first.get(".status-label").text()).toBe("Preliminary");
    expect(first.get("h3 span").attributes("lang")).toBe("zh-CN");
    expect(wrapper.get("[data-testid=period-rank]").text()).toBe("No. 4");
  });

  it("names the field when a response does not match, and the other sections still load", async () => {
    const items = STATIONS_RESPONSE.items.map((s, i) => (i === 1 ? { ...s, aqi: "high" } : s));
    const { wrapper } = await mountAir("zh-CN", { ...ok, "/api/v1/air/stations": { body: { ...STATIONS_RESPONSE, items } } });
    expect(wrapper.get("#now [role=alert]").text()).toContain('字段 "items.1.aqi" 类型应为 number');
    expect(wrapper.get("[data-testid=period-ratio]").text()).toBe("82.8%");
  });
});
