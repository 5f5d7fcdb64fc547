import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import BaseProgress from "./BaseProgress.vue";

describe("BaseProgress", () => {
  it("labels the bar and reports its value to assistive technology", () => {
    const w = mount(BaseProgress, { props: { label: "上传文件", value: 42, valueText: "42%" } });
    const bar = w.get('[role="progressbar"]');
    expect(w.get(`#${bar.attributes("aria-labelledby")}`).text()).toBe("上传文件");
    expect(bar.attributes("aria-valuenow")).toBe("42");
    expect(bar.attributes("aria-valuemax")).toBe("100");
    expect(bar.attributes("aria-valuetext")).toBe("42%");
    expect(w.get(".base-progress__bar").attributes("style")).toContain("width: 42%");
  });

  it("keeps the value within 0…max", () => {
    const w = mount(BaseProgress, { props: { label: "x", value: 150, max: 120 } });
    expect(w.get('[role="progressbar"]').attributes("aria-valuenow")).toBe("120");
    expect(w.get(".base-progress__bar").attributes("style")).toContain("width: 100%");
  });

  it("is indeterminate without a value", () => {
    const w = mount(BaseProgress, { props: { label: "正在导入" } });
    expect(w.get('[role="progressbar"]').attributes("aria-valuenow")).toBeUndefined();
    expect(w.classes()).toContain("base-progress--indeterminate");
  });
});
