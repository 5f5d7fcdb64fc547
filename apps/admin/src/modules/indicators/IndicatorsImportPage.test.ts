import { QueryClient, VueQueryPlugin } from "@tanstack/vue-query";
import { flushPromises, mount } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryHistory, createRouter } from "vue-router";
import { createAppI18n } from "../../i18n";
import IndicatorsImportPage from "./IndicatorsImportPage.vue";
import { FakeXhr, makeUploadSummary } from "./testing";

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
    await w.get("input[type=radio][value=stations]").setValue(true);
    await chooseFile(w, new File(["x"], "stations.xlsx"));
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(FakeXhr.last!.url).toBe("/api/uploads/air/stations?name=stations.xlsx");
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
