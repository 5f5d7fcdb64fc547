import { QueryClient, VueQueryPlugin } from "@tanstack/vue-query";
import { flushPromises, mount } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryHistory, createRouter } from "vue-router";
import { createAppI18n } from "../../i18n";
import IndicatorsImportPage from "./IndicatorsImportPage.vue";
import { FakeXhr, makeUploadSummary, makeWaterUploadSummary } from "./testing";

vi.mock("../../trpc", () => ({
  trpc: { auth: { me: { query: async () => ({ userId: "u1", username: "monitoring", displayName: "李监测", role: "monitoring", townId: null, unitId: null }) } } },
}));

async function mountPage() {
  const router = createRouter({
    history: createMemoryHistory("/admin/"),
    routes: ["indicators", "indicators-kpis", "indicators-entries", "indicators-import"].map((name) => ({ path: `/${name}`, name, component: { template: "<p />" } })),
  });
  await router.push("/indicators-import");
  const w = mount(IndicatorsImportPage, { attachTo: document.body, global: { plugins: [createAppI18n("zh-CN"), router, [VueQueryPlugin, { queryClient: new QueryClient() }]] } });
  await flushPromises();
  return w;
}

async function chooseFile(w: Awaited<ReturnType<typeof mountPage>>, file: File) {
  const input = w.get<HTMLInputElement>("input[type=file]");
  Object.defineProperty(input.element, "files", { value: [file], configurable: true });
  await input.trigger("change");
}

describe("IndicatorsImportPage", () => {
  beforeEach(() => vi.stubGlobal("XMLHttpRequest", FakeXhr));
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = "";
  });

  it("uploads the file with a progress bar, shows the server working, then the summary", async () => {
    const w = await mountPage();
    expect(w.findAll("nav a").map((a) => a.text())).toEqual(["监测总览", "上报指标", "数据录入", "数据导入"]);
    await chooseFile(w, new File(["station_code,time,so2,no2,pm10,pm2_5,co,o3\n"], "readings.csv"));
    await w.get("form").trigger("submit");
    await flushPromises();
    const xhr = FakeXhr.last!;
    expect(xhr.url).toBe("/api/uploads/air/readings?name=readings.csv");

    xhr.progress(21, 42);
    await flushPromises();
    const upload = w.get("[data-testid=upload-progress] [role=progressbar]");
    expect(upload.attributes("aria-valuenow")).toBe("50");
    expect(w.get("[data-testid=upload-progress]").text()).toContain("正在上传");
    expect(w.get("[data-testid=upload-progress]").text()).toContain("50%（21 B / 42 B）");
    expect(w.get("[data-testid=import-submit]").attributes("disabled")).toBeDefined();

    xhr.progress(42, 42);
    xhr.finishUpload();
    await flushPromises();
    expect(w.get("[data-testid=upload-progress]").text()).toContain("上传完成");
    expect(w.get("[data-testid=import-progress]").text()).toContain("服务器正在导入");
    expect(w.get("[data-testid=import-progress] [role=progressbar]").attributes("aria-valuenow")).toBeUndefined();

    xhr.respond(200, makeUploadSummary());
    await flushPromises();
    expect(w.get("[data-testid=import-progress]").text()).toContain("导入完成");
    expect(w.get("[data-testid=import-summary]").text()).toContain("第 4 行 no2 列不是有效数值：abc");
  });

  it("sends a stations file to the stations endpoint", async () => {
    const w = await mountPage();
    await w.get('input[type=radio][value="air.stations"]').setValue(true);
    await chooseFile(w, new File(["x"], "stations.xlsx"));
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(FakeXhr.last!.url).toBe("/api/uploads/air/stations?name=stations.xlsx");
  });

  it("offers air and water files, and imports water samples through the same progress and summary", async () => {
    const w = await mountPage();
    expect(w.findAll(".import__kind strong").map((s) => s.text())).toEqual(["空气 · 小时监测数据", "空气 · 站点清单", "地表水 · 监测断面清单", "地表水 · 样品监测数据"]);
    await w.get('input[type=radio][value="water.samples"]').setValue(true);
    expect(w.get("#import-file-hint").text()).toContain("请先导入断面清单");
    await chooseFile(w, new File(["section_code,time,source,ph\n"], "water-samples-2026-01.xlsx"));
    await w.get("form").trigger("submit");
    await flushPromises();
    const xhr = FakeXhr.last!;
    expect(xhr.url).toBe("/api/uploads/water/samples?name=water-samples-2026-01.xlsx");
    xhr.progress(10, 10);
    xhr.finishUpload();
    await flushPromises();
    expect(w.get("[data-testid=import-progress]").text()).toContain("服务器正在导入");

    xhr.respond(200, makeWaterUploadSummary());
    await flushPromises();
    const summary = w.get("[data-testid=import-summary]");
    expect(summary.get("[data-testid=count-total] dd").text()).toBe("5");
    expect(summary.get("[data-testid=count-inserted] dd").text()).toBe("3");
    expect(summary.get("[data-testid=ignored-columns]").text()).toBe("已忽略的列：水温");
    expect(summary.get("[data-testid=recompute]").text()).toContain("水质类别按样品数据即时计算");
    const cells = summary.findAll("[data-testid=rejected-table] tbody td").map((c) => c.text());
    expect(cells.slice(0, 3)).toEqual(["6", "—", "断面编码 ZZ-09 不存在（请先导入断面文件）"]);
    expect(summary.get("[data-testid=rejected-csv]").attributes("download")).toBe("water-samples-2026-01-rejected.csv");
  });

  it("sends a water sections file to its endpoint and lists the columns the server says are missing", async () => {
    const w = await mountPage();
    await w.get('input[type=radio][value="water.sections"]').setValue(true);
    await chooseFile(w, new File(["section_code,time\n"], "sections.csv"));
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(FakeXhr.last!.url).toBe("/api/uploads/water/sections?name=sections.csv");
    FakeXhr.last!.respond(400, {
      error: {
        code: "TABLE_MISSING_COLUMNS",
        message: { zh: "缺少必需的列：name、district_code", en: "Missing required columns: name, district_code" },
        missing: ["name", "district_code"],
        unknown: ["time"],
      },
    });
    await flushPromises();
    const alert = w.get("[data-testid=import-error]");
    expect(alert.text()).toContain("缺少列：name, district_code");
    expect(alert.text()).toContain("无法识别的列：time");
  });

  it("refuses a file that is neither CSV nor xlsx, and asks for a file before uploading", async () => {
    const w = await mountPage();
    FakeXhr.last = null;
    await w.get("form").trigger("submit");
    expect(w.get("[role=alert]").text()).toBe("请先选择要导入的文件");
    await chooseFile(w, new File(["x"], "data.txt"));
    expect(w.get("[role=alert]").text()).toBe("请选择 .csv 或 .xlsx 文件");
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(FakeXhr.last).toBeNull();
  });

  it("shows the server's reason when the file is refused", async () => {
    const w = await mountPage();
    await chooseFile(w, new File(["a,b\n"], "bad.csv"));
    await w.get("form").trigger("submit");
    await flushPromises();
    FakeXhr.last!.respond(400, { error: { code: "TABLE_MISSING_COLUMNS", message: { zh: "文件缺少必需的列", en: "Required columns are missing" }, missing: ["station_code", "time"], unknown: ["a", "b"] } });
    await flushPromises();
    const alert = w.get("[data-testid=import-error]");
    expect(alert.text()).toContain("导入失败，未写入任何数据");
    expect(alert.text()).toContain("文件缺少必需的列");
    expect(alert.text()).toContain("缺少列：station_code, time");
    expect(alert.text()).toContain("无法识别的列：a, b");
    expect(w.find("[data-testid=import-summary]").exists()).toBe(false);
  });
});
