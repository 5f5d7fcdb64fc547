import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import { createAppI18n } from "../../../i18n";
import { makeUploadSummary, makeWaterUploadSummary } from "../testing";
import type { UploadSummary } from "../use-monitoring-upload";
import IndicatorsImportSummary from "./IndicatorsImportSummary.vue";

function mountSummary(summary: UploadSummary = makeUploadSummary(), locale: "zh-CN" | "en" = "zh-CN") {
  const i18n = createAppI18n(locale);
  return { w: mount(IndicatorsImportSummary, { props: { summary }, global: { plugins: [i18n] } }), i18n };
}

describe("IndicatorsImportSummary", () => {
  it("shows what the import did, row by row count", () => {
    const { w } = mountSummary();
    expect(w.get("[data-testid=count-total]").text()).toBe("总行数4");
    expect(w.get("[data-testid=count-inserted] dd").text()).toBe("2");
    expect(w.get("[data-testid=count-updated] dd").text()).toBe("1");
    expect(w.get("[data-testid=count-unchanged] dd").text()).toBe("0");
    expect(w.get("[data-testid=count-rejected] dd").text()).toBe("1");
    expect(w.find("[data-testid=count-duplicates]").exists()).toBe(false);
    expect(w.text()).toContain("文件 readings-2026-11.csv 已导入，其中 1 行未通过校验，未导入。");
    expect(w.get("[data-testid=recompute]").text()).toBe("已安排重新计算受影响的日期（2026-11-01 至 2026-11-01），稍后即可在总览中看到更新后的数值。");
  });

  it("lists each rejected row with its line, column, reason in the UI language and the row as read", async () => {
    const { w, i18n } = mountSummary();
    const cells = w.findAll("[data-testid=rejected-table] tbody tr")[0]!.findAll("td").map((c) => c.text());
    expect(cells).toEqual(["4", "no2", "第 4 行 no2 列不是有效数值：abc", "QY01-A01,2026-11-01T03:00+08:00,5,abc,40,30,0.5,60"]);
    i18n.global.locale.value = "en";
    await w.vm.$nextTick();
    expect(w.findAll("[data-testid=rejected-table] tbody td")[2]!.text()).toBe("Line 4: column no2 is not a number: abc");
    expect(w.get("[data-testid=rejected-table] thead").text()).toContain("Reason");
  });

  it("offers the rejected rows as a CSV file named after the upload", () => {
    const { w } = mountSummary();
    const link = w.get("[data-testid=rejected-csv]");
    expect(link.attributes("download")).toBe("readings-2026-11-rejected.csv");
    const csv = decodeURIComponent(link.attributes("href")!.slice(link.attributes("href")!.indexOf(",") + 1));
    expect(csv.replace(/^\uFEFF/, "").split("\r\n")[1]).toBe('4,no2,第 4 行 no2 列不是有效数值：abc,Line 4: column no2 is not a number: abc,"QY01-A01,2026-11-01T03:00+08:00,5,abc,40,30,0.5,60"');
  });

  it("says when only the first rejected rows are listed, names new districts, and has no table without rejections", () => {
    const { w } = mountSummary(makeUploadSummary({ rejected: 1500, rejectedRowsTruncated: true, createdDistricts: [{ code: "QY07", name: "新区" }] }));
    expect(w.text()).toContain("此处列出前 1 行，共 1500 行被拒绝。");
    expect(w.text()).toContain("新建的区：新区（QY07）");
    const clean = mountSummary(makeUploadSummary({ rejected: 0, rejectedRows: [], recompute: "not_needed" })).w;
    expect(clean.find("[data-testid=rejected-table]").exists()).toBe(false);
    expect(clean.text()).toContain("文件 readings-2026-11.csv 已导入。");
    expect(clean.get("[data-testid=recompute]").text()).toBe("没有数值变化，无需重新计算。");
  });

  it("shows a water report the same way, with its ignored columns and no recomputation to wait for", async () => {
    const { w, i18n } = mountSummary(makeWaterUploadSummary());
    expect(w.get("[data-testid=count-total] dd").text()).toBe("5");
    expect(w.get("[data-testid=count-unchanged] dd").text()).toBe("1");
    expect(w.text()).toContain("文件 water-samples-2026-01.xlsx 已导入，其中 1 行未通过校验，未导入。");
    expect(w.get("[data-testid=ignored-columns]").text()).toBe("已忽略的列：水温");
    expect(w.get("[data-testid=recompute]").text()).toBe("水质类别按样品数据即时计算，总览中已是更新后的结果。");
    const link = w.get("[data-testid=rejected-csv]");
    const csv = decodeURIComponent(link.attributes("href")!.slice(link.attributes("href")!.indexOf(",") + 1));
    expect(csv.replace(/^\uFEFF/, "").split("\r\n")[1]).toBe('6,,断面编码 ZZ-09 不存在（请先导入断面文件）,No section with code ZZ-09 (import the sections file first),"ZZ-09,2026-01-10T09:30:00+08:00,manual,7.8,5.6,4.8,0.62,0.21"');
    i18n.global.locale.value = "en";
    await w.vm.$nextTick();
    expect(w.findAll("[data-testid=rejected-table] tbody td")[2]!.text()).toBe("No section with code ZZ-09 (import the sections file first)");
    expect(w.get("[data-testid=ignored-columns]").text()).toBe("Ignored columns: 水温");

    const unchanged = mountSummary(makeWaterUploadSummary({ inserted: 0, unchanged: 4, rejected: 0, rejectedRows: [], summary: { ignoredColumns: [], keptAudited: 2 } })).w;
    expect(unchanged.get("[data-testid=recompute]").text()).toBe("没有数值变化，无需重新计算。");
    expect(unchanged.get("[data-testid=count-keptAudited] dd").text()).toBe("2");
    expect(unchanged.find("[data-testid=ignored-columns]").exists()).toBe(false);
    expect(unchanged.find("[data-testid=rejected-table]").exists()).toBe(false);
  });
});
