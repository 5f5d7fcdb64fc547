import { COMPOSITE_INDEX_2018, COMPOSITE_INDEX_2026_CANDIDATE, type AirCompositeIndexSettingsEntry, type CompositeIndexSettings } from "@ecogov/domain/air";
import { QueryClient, VueQueryPlugin } from "@tanstack/vue-query";
import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createAppI18n } from "../../../i18n";
import { useFlash } from "../../../shared/flash";
import IndicatorsCompositeIndexSettings from "./IndicatorsCompositeIndexSettings.vue";

const api = vi.hoisted(() => ({ set: vi.fn(), remove: vi.fn() }));
vi.mock("../../../trpc", () => ({
  trpc: { indicators: { air: { compositeIndexSettings: { set: { mutate: api.set }, remove: { mutate: api.remove } } } } },
}));

const entry = (effectiveFrom: string, settings: CompositeIndexSettings): AirCompositeIndexSettingsEntry => ({
  effectiveFrom,
  settings,
  note: null,
  enteredById: null,
  enteredBy: "李监测 (monitoring)",
  enteredAt: new Date(),
});

function mountWith(entries: AirCompositeIndexSettingsEntry[], locale: "zh-CN" | "en" = "zh-CN") {
  return mount(IndicatorsCompositeIndexSettings, {
    props: { entries, defaultFrom: "2027-01-01" },
    attachTo: document.body,
    global: { plugins: [createAppI18n(locale), [VueQueryPlugin, { queryClient: new QueryClient() }]] },
  });
}
const errorsOf = (w: ReturnType<typeof mountWith>) => w.findAll(".base-field__error").map((e) => e.text());

describe("IndicatorsCompositeIndexSettings", () => {
  beforeEach(() => {
    for (const f of Object.values(api)) f.mockReset();
    document.body.innerHTML = "";
  });

  it("lists the entries newest first by rule name, and sends a preset as it is", async () => {
    const w = mountWith([entry("2026-01-01", COMPOSITE_INDEX_2018), entry("2026-03-01", COMPOSITE_INDEX_2026_CANDIDATE)]);
    const rows = w.findAll("[data-testid=composite-index-settings] tbody tr").map((r) => r.findAll("td").map((c) => c.text()));
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ["2026-03-01", "2026 年候选规则（加权，尚未确认）"],
      ["2026-01-01", "2018 年规则（环办监测〔2018〕19号，不加权）"],
    ]);
    expect(rows[0]![3]).toContain("PM2.5 3");

    api.set.mockResolvedValue({});
    await w.get('[name="preset"]').setValue(COMPOSITE_INDEX_2026_CANDIDATE.id);
    await w.get('[name="note"]').setValue("市局排名办法");
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(api.set).toHaveBeenCalledWith({ effectiveFrom: "2027-01-01", settings: COMPOSITE_INDEX_2026_CANDIDATE, note: "市局排名办法" });
  });

  it("takes custom weights and S_i per pollutant, starting from the last preset, and names a bad one", async () => {
    const w = mountWith([]);
    expect(w.get("[data-testid=composite-index-settings]").text()).toContain("尚未录入设置");
    expect(w.find('[name="limits.pm25"]').exists()).toBe(false);
    await w.get('[name="preset"]').setValue("custom");
    expect((w.get('[name="limits.pm25"]').element as HTMLInputElement).value).toBe("35");
    await w.get('[name="limits.pm25"]').setValue("0");
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(errorsOf(w)).toEqual(["字段 “PM2.5 限值 S_i” 须为正数"]);
    expect(api.set).not.toHaveBeenCalled();

    api.set.mockResolvedValue({});
    await w.get('[name="limits.pm25"]').setValue("30");
    await w.get('[name="weights.pm25"]').setValue(" 1.5 ");
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(api.set).toHaveBeenCalledWith({
      effectiveFrom: "2027-01-01",
      settings: { id: "custom-2027-01-01", limits: { so2: "60", no2: "40", co: "4", o3: "160", pm10: "70", pm25: "30" }, weights: { so2: "1", no2: "1", co: "1", o3: "1", pm10: "1", pm25: "1.5" }, digits: 2 },
      note: null,
    });
  });

  it("removes an entry, and says so in English when that fails", async () => {
    const w = mountWith([entry("2026-03-01", COMPOSITE_INDEX_2026_CANDIDATE)], "en");
    expect(w.text()).toContain("2026 candidate (weighted, unconfirmed)");
    api.remove.mockResolvedValue(undefined);
    await w.get("[data-testid=composite-index-settings] tbody button").trigger("click");
    await flushPromises();
    expect(api.remove).toHaveBeenCalledWith({ effectiveFrom: "2026-03-01" });

    api.remove.mockRejectedValue({ data: { httpStatus: 404, domainError: { code: "AIR_ENTRY_NOT_FOUND", text: { zh: "综合指数设置不存在：2026-03-01", en: "No composite index settings from 2026-03-01" } } } });
    await w.get("[data-testid=composite-index-settings] tbody button").trigger("click");
    await flushPromises();
    expect(useFlash().current.value).toEqual({ tone: "danger", text: "No composite index settings from 2026-03-01" });
  });
});
