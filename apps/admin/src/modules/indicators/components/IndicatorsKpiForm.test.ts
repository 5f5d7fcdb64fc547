import { QueryClient, VueQueryPlugin } from "@tanstack/vue-query";
import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createAppI18n } from "../../../i18n";
import IndicatorsKpiForm from "./IndicatorsKpiForm.vue";

const api = vi.hoisted(() => ({ create: vi.fn(), update: vi.fn() }));
vi.mock("../../../trpc", () => ({ trpc: { indicators: { kpis: { create: { mutate: api.create }, update: { mutate: api.update } } } } }));

function mountForm() {
  return mount(IndicatorsKpiForm, {
    props: { kpi: null, year: 2026 },
    attachTo: document.body,
    global: { plugins: [createAppI18n("zh-CN"), [VueQueryPlugin, { queryClient: new QueryClient() }]] },
  });
}

function errorUnder(w: ReturnType<typeof mountForm>, name: string): string | null {
  const ids = w.get(`[name="${name}"]`).attributes("aria-describedby")?.split(" ") ?? [];
  const id = ids.find((x) => x.endsWith("-error"));
  return id ? w.get(`#${id}`).text() : null;
}

describe("IndicatorsKpiForm", () => {
  beforeEach(() => {
    api.create.mockReset();
    document.body.innerHTML = "";
  });

  it("checks the entry with the domain schema before sending: required fields, code characters, decimals, period order", async () => {
    const w = mountForm();
    await w.get('[name="code"]').setValue("NH3N 减排");
    await w.get('[name="target"]').setValue("12,5");
    await w.get('[name="periodFrom"]').setValue("2026-12-31");
    await w.get('[name="periodTo"]').setValue("2026-01-01");
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(errorUnder(w, "code")).toBe("编码只能包含字母、数字、下划线、点和连字符");
    expect(errorUnder(w, "name")).toBe("字段 “指标名称” 为必填项");
    expect(errorUnder(w, "nameEn")).toBe("字段 “英文名称” 为必填项");
    expect(errorUnder(w, "target")).toBe("应为十进制数值");
    expect(errorUnder(w, "periodTo")).toBe("期间开始日期不能晚于结束日期");
    expect(w.get("[data-testid=form-error]").text()).toContain("请修正标出的字段");
    expect(api.create).not.toHaveBeenCalled();
  });

  it("sends exact decimal text and empty optional fields as null, and reports the saved KPI", async () => {
    api.create.mockResolvedValue({ id: "k1", name: "氨氮减排量" });
    const w = mountForm();
    await w.get('[name="code"]').setValue("NH3N-REDUCTION");
    await w.get('[name="name"]').setValue("氨氮减排量");
    await w.get('[name="nameEn"]').setValue("Ammonia nitrogen reduction");
    await w.get('[name="unit"]').setValue("t");
    await w.get('[name="target"]').setValue("120.50");
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(api.create).toHaveBeenCalledWith(
      expect.objectContaining({ code: "NH3N-REDUCTION", periodFrom: "2026-01-01", periodTo: "2026-12-31", target: "120.5", value: null, direction: "higher_better", source: null, note: null }),
    );
    expect(w.emitted("saved")?.[0]).toEqual([{ id: "k1", name: "氨氮减排量" }]);
  });

  it("puts the API's refusal next to the field", async () => {
    api.create.mockRejectedValue(
      Object.assign(new Error("conflict"), {
        data: {
          httpStatus: 409,
          domainError: {
            code: "KPI_DUPLICATE",
            text: { zh: "该指标在此期间已存在", en: "This KPI already exists for the period" },
            details: { fieldErrors: [{ path: "code", rule: "unique", message: { zh: "该指标在此期间已存在", en: "This KPI already exists for the period" } }] },
          },
        },
      }),
    );
    const w = mountForm();
    for (const [name, value] of Object.entries({ code: "COD", name: "化学需氧量减排量", nameEn: "COD reduction" })) await w.get(`[name="${name}"]`).setValue(value);
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(errorUnder(w, "code")).toBe("该指标在此期间已存在");
  });
});
