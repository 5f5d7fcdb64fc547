import { afterEach, describe, expect, it, vi } from "vitest";
import { DISTRICT_RESPONSE, DISTRICTS_RESPONSE, MODULES_RESPONSE } from "../../testing/fixtures";
import { mockApi, mountPortal, settle } from "../../testing/mount-portal";
import HomePage from "./HomePage.vue";

const ok = { "/api/v1/district": { body: DISTRICT_RESPONSE }, "/api/v1/districts": { body: DISTRICTS_RESPONSE }, "/api/v1/modules": { body: MODULES_RESPONSE } };

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = "";
});

describe("HomePage", () => {
  it("shows the district, its towns and streets, the city's districts and the modules, in Chinese", async () => {
    const fetchMock = mockApi(ok);
    const { wrapper } = await mountPortal(HomePage);

    expect(wrapper.get("h1").text()).toBe("青山区");
    expect(wrapper.text()).toContain("青山区生态环境局依法公开的生态环境信息。");
    expect(wrapper.text()).toContain("下辖 8 个镇街：5 个镇、3 个街道。");

    const rows = wrapper.findAll("#towns tbody tr");
    expect(rows).toHaveLength(8);
    expect(rows[0]!.findAll("th, td").map((c) => c.text())).toEqual(["城关街道", "街道", "186,000", "21.4"]);
    expect(rows[3]!.findAll("th, td").map((c) => c.text())).toEqual(["青石镇", "镇", "64,800", "88.5"]);
    expect(wrapper.find("#towns caption").text()).toBe("青山区所辖镇街");
    // Totals are computed from the rows, not invented: 655,000 people, 601.8 km².
    expect(wrapper.find("#towns tfoot").text()).toContain("655,000");
    expect(wrapper.find("#towns tfoot").text()).toContain("601.8");

    const districts = wrapper.findAll("#districts li");
    expect(districts.map((d) => d.find(".district-list__name").text())).toEqual(["青山区", "东湖区", "西岭区", "南港区", "北塘区", "云溪区"]);
    expect(districts[0]!.text()).toContain("本区");
    expect(districts[1]!.text()).not.toContain("本区");

    const modules = wrapper.findAll("#modules .module-card");
    expect(modules).toHaveLength(3);
    expect(modules[0]!.text()).toContain("督察整改");
    expect(modules[0]!.text()).toContain("即将上线");
    expect(modules[0]!.text()).toContain("督察整改进展公开");
    expect(modules[1]!.text()).toContain("已上线");

    // One request per endpoint.
    expect(fetchMock.mock.calls.map(([url]) => String(url)).sort()).toEqual(["/api/v1/district", "/api/v1/districts", "/api/v1/modules"]);
  });

  it("switches every text, data included, to English", async () => {
    mockApi(ok);
    const { wrapper, i18n } = await mountPortal(HomePage);
    i18n.global.locale.value = "en";
    await settle();

    expect(wrapper.get("h1").text()).toBe("Qingshan District");
    expect(wrapper.text()).toContain("Qingshan District Ecology and Environment Bureau");
    expect(wrapper.text()).toContain("8 towns and streets: 5 towns and 3 streets.");
    expect(wrapper.findAll("#towns tbody th").map((c) => c.text())).toContain("Chengguan Street");
    expect(wrapper.find("#towns tbody tr").text()).toContain("Street");
    expect(wrapper.find("#modules .module-card").text()).toContain("Coming");
    expect(wrapper.find("#modules .module-card").text()).toContain("Rectification progress of inspection findings");
    expect(document.documentElement.lang).toBe("en");
  });

  it("shows a dash, read out as 'no data', for a missing figure and leaves the total out", async () => {
    const towns = DISTRICT_RESPONSE.towns.map((t, i) => (i === 1 ? { ...t, population: null } : t));
    mockApi({ ...ok, "/api/v1/district": { body: { ...DISTRICT_RESPONSE, towns } } });
    const { wrapper } = await mountPortal(HomePage);
    const cell = wrapper.findAll("#towns tbody tr")[1]!.findAll("td")[1]!;
    expect(cell.text()).toContain("—");
    expect(cell.find(".sr-only").text()).toBe("无数据");
    expect(wrapper.find("#towns tfoot").text()).not.toContain("655,000");
  });
});

describe("HomePage error states", () => {
  it("names the field and the rule when the district response fails validation, in the visitor's language, and retries", async () => {
    const bad = { ...DISTRICT_RESPONSE, towns: DISTRICT_RESPONSE.towns.map((t, i) => (i === 2 ? { ...t, population: "lots" } : t)) };
    let served: unknown = bad;
    const fetchMock = mockApi({ ...ok, "/api/v1/district": () => ({ body: served }) });
    const { wrapper, i18n } = await mountPortal(HomePage);

    const alert = wrapper.get("#towns [role=alert]");
    expect(alert.text()).toContain("数据暂时无法加载");
    expect(alert.text()).toContain('服务器返回的数据不符合接口约定（/api/v1/district）：字段 "towns.2.population" 类型应为 number');
    expect(alert.text()).toContain("INVALID_RESPONSE");
    expect(wrapper.find("#towns table").exists()).toBe(false);
    // The rest of the page still works.
    expect(wrapper.findAll("#districts li")).toHaveLength(6);

    i18n.global.locale.value = "en";
    await settle();
    expect(wrapper.get("#towns [role=alert]").text()).toContain('Field "towns.2.population" must be of type number');

    served = DISTRICT_RESPONSE;
    await wrapper.get("#towns [role=alert] button").trigger("click");
    await settle();
    expect(wrapper.find("#towns [role=alert]").exists()).toBe(false);
    expect(wrapper.findAll("#towns tbody tr")).toHaveLength(8);
    expect(fetchMock.mock.calls.filter(([url]) => String(url) === "/api/v1/district")).toHaveLength(2);
  });

  it("shows the API's own bilingual error message", async () => {
    mockApi({
      ...ok,
      "/api/v1/districts": { status: 500, body: { error: { code: "INTERNAL", message: { zh: "服务器内部错误，请稍后再试", en: "Internal server error; please try again later" } } } },
    });
    const { wrapper } = await mountPortal(HomePage);
    const alert = wrapper.get("#districts [role=alert]");
    expect(alert.text()).toContain("服务器内部错误，请稍后再试");
    expect(alert.text()).toContain("INTERNAL");
  });

  it("explains a network failure and a non-JSON answer", async () => {
    mockApi({ ...ok, "/api/v1/modules": "network-error", "/api/v1/districts": { raw: "<html>proxy error</html>" } });
    const { wrapper } = await mountPortal(HomePage);
    expect(wrapper.get("#modules [role=alert]").text()).toContain("无法连接服务器，请检查网络后重试");
    expect(wrapper.get("#districts [role=alert]").text()).toContain("服务器返回的不是有效的 JSON");
  });

  it("names a missing field as required", async () => {
    mockApi({ ...ok, "/api/v1/district": { body: { district: DISTRICT_RESPONSE.district } } });
    const { wrapper } = await mountPortal(HomePage);
    expect(wrapper.get("#towns [role=alert]").text()).toContain('字段 "towns" 为必填项');
  });

  it("rejects a module with an unknown status, naming the field", async () => {
    const items = [{ ...MODULES_RESPONSE.items[0]!, status: "beta" }];
    mockApi({ ...ok, "/api/v1/modules": { body: { items } } });
    const { wrapper } = await mountPortal(HomePage);
    expect(wrapper.get("#modules [role=alert]").text()).toContain('字段 "items.0.status" 取值应为：available、planned');
  });
});
