import { afterEach, describe, expect, it, vi } from "vitest";
import { DISTRICT_RESPONSE, OPENAPI_RESPONSE } from "../../testing/fixtures";
import { mockApi, mountPortal, settle } from "../../testing/mount-portal";
import OpenDataPage from "./OpenDataPage.vue";

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = "";
});

describe("OpenDataPage", () => {
  it("links the API docs and every documented endpoint, and offers the towns as CSV", async () => {
    mockApi({ "/api/v1/openapi.json": { body: OPENAPI_RESPONSE }, "/api/v1/district": { body: DISTRICT_RESPONSE } });
    const { wrapper, i18n } = await mountPortal(OpenDataPage, { path: "/open-data" });

    expect(wrapper.get("[data-testid=api-docs-link]").attributes("href")).toBe("/api/docs");
    const endpoints = wrapper.findAll(".endpoint");
    expect(endpoints.map((e) => e.get("a").attributes("href"))).toEqual(["/api/v1/district", "/api/v1/districts", "/api/v1/modules"]);
    expect(endpoints[0]!.text()).toContain("本区基本信息及所辖镇街");
    expect(endpoints[0]!.text()).not.toContain("Our district");

    const csv = wrapper.get("[data-testid=towns-csv]");
    expect(csv.attributes("download")).toBe("QY01-towns.csv");
    expect(csv.text()).toBe("镇街表（CSV，8 行）");
    const content = decodeURIComponent(csv.attributes("href")!.split(",").slice(1).join(","));
    expect(content.split("\r\n")).toHaveLength(10);

    i18n.global.locale.value = "en";
    await settle();
    expect(wrapper.findAll(".endpoint")[0]!.text()).toContain("Our district and its towns and streets");
  });
});
