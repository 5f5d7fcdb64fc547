import { afterEach, describe, expect, it, vi } from "vitest";
import { DISTRICT_RESPONSE } from "../../testing/fixtures";
import { mockApi, mountPortal, settle } from "../../testing/mount-portal";
import { CLASSES_RESPONSE, SECTIONS_RESPONSE } from "./testing";
import { classesToCsv } from "./water-csv";
import WaterPage from "./WaterPage.vue";

const ok = {
  "/api/v1/district": { body: DISTRICT_RESPONSE },
  "/api/v1/water/sections": { body: SECTIONS_RESPONSE },
  "/api/v1/water/classes": { body: CLASSES_RESPONSE },
};

async function mountWater(locale: "zh-CN" | "en" = "zh-CN") {
  mockApi(ok);
  const mounted = await mountPortal(WaterPage, { path: "/water", locale });
  await settle();
  return mounted;
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = "";
});

describe("WaterPage", () => {
  it("shows our district's sections with the latest class against the target, in words", async () => {
    const { wrapper } = await mountWater();
    expect(wrapper.get("h1").text()).toBe("水环境质量");
    const cards = wrapper.findAll("[data-testid=section-list] > li");
    expect(cards.map((c) => c.attributes("data-code"))).toEqual(["QYW01", "QYW02", "QYW03"]);
    expect(cards[0]!.get("[data-testid=latest-class]").text()).toBe("Ⅲ类");
    expect(cards[0]!.get("[data-testid=meets]").text()).toBe("达到目标");
    expect(cards[0]!.text()).toContain("定类项目：氨氮、总磷");
    expect(cards[0]!.get(".status-label").text()).toBe("实况");
    expect(cards[1]!.get("[data-testid=meets]").text()).toBe("未达目标");
    expect(cards[1]!.get(".status-label").text()).toBe("审核");
    expect(cards[2]!.text()).toContain("暂无监测结果");
    expect(wrapper.get("[data-testid=water-summary]").text()).toBe("共 3 个断面：达到目标 1 个，未达目标 1 个；Ⅰ～Ⅲ类 1 个（按最近一次监测）。");
    // This year's samples, the preliminary one marked.
    expect(cards[0]!.findAll(".history li").map((li) => li.text())).toEqual(["10-11Ⅱ类", "11-07Ⅲ类实况"]);
  });

  it("lists the whole city's sections, and an automatic station's item set", async () => {
    const { wrapper } = await mountWater();
    await wrapper.get("[data-testid=scope-city]").trigger("click");
    const cards = wrapper.findAll("[data-testid=section-list] > li");
    expect(cards).toHaveLength(4);
    expect(cards[3]!.text()).toContain("按自动站五项");
    expect(cards[3]!.text()).toContain("湖库");
  });

  it("offers the sections and this year's samples as CSV, and links the API", async () => {
    const { wrapper } = await mountWater();
    const csv = decodeURIComponent(wrapper.get("[data-testid=sections-csv]").attributes("href")!.split(",").slice(1).join(",")).replace(/^\uFEFF/, "");
    const rows = csv.split("\r\n");
    expect(rows[0]).toBe("section_code,name,district_code,kind,waterbody,target_class,time,class,deciding,items,source,status,meets_target");
    expect(rows[2]).toBe("QYW02,青山河城关桥,QY01,national,river,III,2026-11-07T09:00:00+08:00,IV,codmn,manual_21,manual,audited,false");
    expect(rows[3]).toBe("QYW03,白沙溪青石桥,QY01,municipal,river,IV,,,,,,,");
    expect(wrapper.findAll("#water-downloads .endpoint a").map((a) => a.attributes("href"))[0]).toBe("/api/v1/water/sections");
  });

  it("speaks English", async () => {
    const { wrapper } = await mountWater("en");
    expect(wrapper.get("h1").text()).toBe("Water quality");
    expect(wrapper.get("[data-testid=latest-class]").text()).toBe("Class III");
    expect(wrapper.text()).toContain("Deciding: Ammonia nitrogen, Total phosphorus");
  });
});

describe("classesToCsv", () => {
  it("writes the command line's columns with CWQI to 4 decimals", () => {
    const rows = classesToCsv(CLASSES_RESPONSE.items as never).split("\r\n");
    expect(rows[0]).toBe("section_code,time,class,deciding,cwqi,items,source,status,target_class,meets_target");
    expect(rows[2]).toBe("QYW01,2026-11-07T09:00:00+08:00,III,nh3n;tp,5.6148,manual_21,manual,preliminary,III,true");
  });
});
