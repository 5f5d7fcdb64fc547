import { TASK_STATUSES, WARNING_COLOURS } from "@ecogov/domain/supervision-tasks";
import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import { createAppI18n } from "../../../i18n";
import SupervisionStatusBadge from "./SupervisionStatusBadge.vue";
import SupervisionWarningBadge from "./SupervisionWarningBadge.vue";

const mountWith = (component: object, props: Record<string, unknown>, locale: "zh-CN" | "en" = "zh-CN") =>
  mount(component, { props, global: { plugins: [createAppI18n(locale)] } });

describe("SupervisionStatusBadge", () => {
  it("names every derived status in words, in Chinese and English", () => {
    const zh = TASK_STATUSES.map((s) => mountWith(SupervisionStatusBadge, { status: s }).text());
    expect(zh).toEqual(["未启动", "按时序推进", "即将到期", "已逾期", "已完成待销号", "已销号", "反弹"]);
    expect(mountWith(SupervisionStatusBadge, { status: "on_schedule" }, "en").text()).toBe("On schedule");
  });

  it("gives overdue and reopened a warning tone and closed a success tone", () => {
    expect(mountWith(SupervisionStatusBadge, { status: "overdue" }).classes()).toContain("base-badge--warning");
    expect(mountWith(SupervisionStatusBadge, { status: "reopened" }).classes()).toContain("base-badge--danger");
    expect(mountWith(SupervisionStatusBadge, { status: "closed" }).classes()).toContain("base-badge--success");
  });
});

describe("SupervisionWarningBadge", () => {
  it("shows blue, yellow and red with the bureau's words", () => {
    const texts = WARNING_COLOURS.map((w) => mountWith(SupervisionWarningBadge, { warning: w }).text());
    expect(texts).toEqual(["蓝色预警（临期）", "黄色预警（逾期）", "红色预警（严重逾期或反弹）"]);
    expect(mountWith(SupervisionWarningBadge, { warning: "red" }, "en").text()).toBe("Red: long overdue or reopened");
  });

  it("never relies on colour alone: each level has its own colour class, shape and text", () => {
    const shapes = WARNING_COLOURS.map((w) => {
      const badge = mountWith(SupervisionWarningBadge, { warning: w });
      expect(badge.classes()).toContain(`sv-warning--${w}`);
      expect(badge.attributes("data-warning")).toBe(w);
      const svg = badge.get("svg");
      expect(svg.attributes("aria-hidden")).toBe("true");
      return svg.element.firstElementChild?.tagName.toLowerCase();
    });
    expect(shapes).toEqual(["circle", "path", "rect"]);
    expect(new Set(shapes).size).toBe(3);
  });

  it("in compact form shows the short name and gives screen readers the full one", () => {
    const badge = mountWith(SupervisionWarningBadge, { warning: "yellow", compact: true });
    expect(badge.get('[aria-hidden="true"]:not(svg)').text()).toBe("黄色预警");
    expect(badge.get(".visually-hidden").text()).toBe("黄色预警（逾期）");
    expect(badge.attributes("title")).toBe("黄色预警（逾期）");
  });
});
