import type { AirDustDay, AirTarget } from "@ecogov/domain/air";
import { QueryClient, VueQueryPlugin } from "@tanstack/vue-query";
import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Component } from "vue";
import { createAppI18n } from "../../../i18n";
import IndicatorsDustDays from "./IndicatorsDustDays.vue";
import IndicatorsPublishedRanks from "./IndicatorsPublishedRanks.vue";
import IndicatorsTargetForm from "./IndicatorsTargetForm.vue";

const api = vi.hoisted(() => ({ setTarget: vi.fn(), enterRank: vi.fn(), setDust: vi.fn() }));
vi.mock("../../../trpc", () => ({
  trpc: {
    indicators: {
      air: {
        targets: { set: { mutate: api.setTarget } },
        publishedRanks: { enter: { mutate: api.enterRank }, remove: { mutate: vi.fn() } },
        dustDays: { set: { mutate: api.setDust }, remove: { mutate: vi.fn() } },
      },
    },
  },
}));

const QY01 = "7d1f0a52-3c55-4a8e-9d6f-1b2c3d4e5f61";
const QY02 = "7d1f0a52-3c55-4a8e-9d6f-1b2c3d4e5f62";
const DISTRICTS = [
  { id: QY01, code: "QY01", name: "青山区", nameEn: "Qingshan District", isHome: true },
  { id: QY02, code: "QY02", name: "东湖区", nameEn: "Donghu District", isHome: false },
];

function mountWith(component: Component, props: Record<string, unknown>) {
  return mount(component, { props, attachTo: document.body, global: { plugins: [createAppI18n("zh-CN"), [VueQueryPlugin, { queryClient: new QueryClient() }]] } });
}
const errorsOf = (w: ReturnType<typeof mountWith>) => w.findAll(".base-field__error").map((e) => e.text());

describe("monitoring entries", () => {
  beforeEach(() => {
    for (const f of Object.values(api)) f.mockReset();
    document.body.innerHTML = "";
  });

  it("checks the year's targets with the domain schema and sends numbers, empty as no target", async () => {
    const current: AirTarget = {
      year: 2026, districtId: QY01, goodDaysRatioTarget: 86, pm25Target: 34, pm10Target: null, o3Target: null, compositeIndexTarget: null,
      heavyPollutionDaysMax: 3, note: null, enteredById: null, enteredBy: "command line", enteredAt: new Date(),
    };
    const w = mountWith(IndicatorsTargetForm, { year: 2026, districtId: QY01, districtName: "青山区", current });
    expect((w.get('[name="goodDaysRatioTarget"]').element as HTMLInputElement).value).toBe("86");
    await w.get('[name="goodDaysRatioTarget"]').setValue("120");
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(errorsOf(w)).toEqual(["字段 “优良天数比例目标（%）” 不得大于 100"]);
    expect(api.setTarget).not.toHaveBeenCalled();

    api.setTarget.mockResolvedValue(current);
    await w.get('[name="goodDaysRatioTarget"]').setValue("87.5");
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(api.setTarget).toHaveBeenCalledWith({ year: 2026, districtId: QY01, goodDaysRatioTarget: 87.5, pm25Target: 34, pm10Target: null, o3Target: null, compositeIndexTarget: null, heavyPollutionDaysMax: 3, note: null });
  });

  it("asks for a published rank's source before sending it", async () => {
    const w = mountWith(IndicatorsPublishedRanks, { year: 2026, ranks: [], districts: DISTRICTS, districtId: QY01, defaultTo: "2026-10-31" });
    expect(w.get("[data-testid=published-ranks]").text()).toContain("尚未录入官方公布的排名");
    await w.get('[name="rank"]').setValue("3");
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(errorsOf(w)).toEqual(["字段 “来源” 为必填项"]);
    api.enterRank.mockResolvedValue({});
    await w.get('[name="source"]').setValue("市生态环境局 10 月通报");
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(api.enterRank).toHaveBeenCalledWith({ periodFrom: "2026-01-01", periodTo: "2026-10-31", districtId: QY01, rank: 3, compositeIndex: null, source: "市生态环境局 10 月通报" });
  });

  it("lists the chosen district's dust days and flags a new one", async () => {
    const day = (districtId: string, date: string): AirDustDay => ({ districtId, date, reason: "沙尘天气过程", enteredById: null, enteredBy: "command line", enteredAt: new Date() });
    const w = mountWith(IndicatorsDustDays, { days: [day(QY01, "2026-03-24"), day(QY02, "2026-03-24"), day(QY01, "2026-04-17")], districts: DISTRICTS, districtId: QY01, defaultDate: "2026-11-27" });
    expect(w.findAll("[data-testid=dust-days] tbody tr").map((r) => r.find("td").text())).toEqual(["2026-04-17", "2026-03-24"]);
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(errorsOf(w)).toEqual(["字段 “依据” 为必填项"]);
    api.setDust.mockResolvedValue({});
    await w.get('[name="reason"]').setValue("省气象台沙尘天气公告");
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(api.setDust).toHaveBeenCalledWith({ districtId: QY01, date: "2026-11-27", reason: "省气象台沙尘天气公告" });
  });
});
