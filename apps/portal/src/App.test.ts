import { afterEach, describe, expect, it, vi } from "vitest";
import App from "./App.vue";
import { DISTRICT_RESPONSE, DISTRICTS_RESPONSE, MODULES_RESPONSE } from "./testing/fixtures";
import { mockApi, mountPortal, settle } from "./testing/mount-portal";

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = "";
});

const ok = { "/api/v1/district": { body: DISTRICT_RESPONSE }, "/api/v1/districts": { body: DISTRICTS_RESPONSE }, "/api/v1/modules": { body: MODULES_RESPONSE } };

describe("App shell", () => {
  it("has a skip link, the landmarks, the bureau named from the data and the disclosure note", async () => {
    mockApi(ok);
    const { wrapper } = await mountPortal(App);
    const skip = wrapper.get("a.skip-link");
    expect(skip.attributes("href")).toBe("#main");
    expect(wrapper.find("header").exists()).toBe(true);
    expect(wrapper.find("nav[aria-label]").exists()).toBe(true);
    expect(wrapper.find("main#main").exists()).toBe(true);
    expect(wrapper.find("footer").exists()).toBe(true);
    expect(wrapper.get(".site-brand__name").text()).toBe("青山区生态环境局");
    expect(wrapper.get("footer").text()).toContain("举报人信息严格保密");
    expect(document.title).toBe("首页 · 青山区生态环境局 · 公众服务平台");

    await skip.trigger("click");
    expect(document.activeElement).toBe(wrapper.get("main").element);
  });

  it("switches language from the header and back", async () => {
    mockApi(ok);
    const { wrapper } = await mountPortal(App);
    const button = wrapper.get("button.lang-switch");
    expect(button.text()).toBe("English");
    expect(button.attributes("lang")).toBe("en");
    await button.trigger("click");
    await settle();
    expect(document.documentElement.lang).toBe("en");
    expect(wrapper.get(".site-brand__name").text()).toBe("Qingshan District Ecology and Environment Bureau");
    expect(wrapper.get("h1").text()).toBe("Qingshan District");
    expect(wrapper.get("button.lang-switch").text()).toBe("中文");
    await wrapper.get("button.lang-switch").trigger("click");
    await settle();
    expect(document.documentElement.lang).toBe("zh-CN");
    localStorage.clear();
  });

  it("shows a page-not-found for unknown paths", async () => {
    mockApi(ok);
    const { wrapper } = await mountPortal(App, { path: "/no/such/page" });
    expect(wrapper.get("h1").text()).toBe("页面不存在");
  });
});
