import type { ImportReport } from "@ecogov/domain/supervision-tasks";
import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import { createAppI18n } from "../../../i18n";
import SupervisionImportPreview from "./SupervisionImportPreview.vue";

const REFUSAL = {
  text: { zh: "清单有 2 行无法导入，整个文件未导入", en: "2 rows cannot be imported; nothing was imported" },
  rejectedRows: [
    { line: 3, reason: { zh: "单位“区环保局”不存在", en: 'Unit "区环保局" does not exist' }, raw: { 编号: "M02", 牵头单位: "区环保局", 整改时限: "" } },
    { line: 7, reason: { zh: "时限“下月”无法识别（可填日期、“N个工作日”、“N日”或“长期坚持”）；编号 M01 与第 2 行重复", en: 'Deadline "下月" is not understood; Number M01 repeats line 2' }, raw: { 编号: "M01" } },
  ],
};

const REPORT: ImportReport = {
  sourceId: "7d1f0a52-3c55-4a8e-9d6f-1b2c3d4e5f60",
  format: "tasks",
  fileName: "整改措施清单.xlsx",
  fileSha256: "0".repeat(64),
  total: 30,
  inserted: 28,
  updated: 2,
  unchanged: 0,
  problemsCreated: 6,
  rejectedRows: [],
  dryRun: true,
};

function mountPreview(props: Record<string, unknown>, locale: "zh-CN" | "en" = "zh-CN") {
  return mount(SupervisionImportPreview, { props: { report: null, refusal: null, ...props }, global: { plugins: [createAppI18n(locale)] } });
}

describe("SupervisionImportPreview", () => {
  it("lists every rejected row with its line, its reason in both languages and its cells", () => {
    const w = mountPreview({ refusal: REFUSAL });
    expect(w.get('[data-testid="import-refused"]').text()).toContain("没有写入任何数据");
    expect(w.get('[data-testid="import-refused"]').text()).toContain("以下 2 行有问题");
    const rows = w.findAll('[data-testid="rejected-rows"] tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.text()).toContain("第 3 行");
    expect(rows[0]!.get(".sv-preview__reason").text()).toBe("单位“区环保局”不存在");
    expect(rows[0]!.get(".sv-preview__other").text()).toBe('Unit "区环保局" does not exist');
    expect(rows[0]!.get(".sv-preview__other").attributes("lang")).toBe("en");
    expect(rows[0]!.text()).toContain("牵头单位：区环保局");
    expect(rows[1]!.get(".sv-preview__reason").text()).toContain("编号 M01 与第 2 行重复");
  });

  it("leads with English reasons in English, the Chinese beneath", () => {
    const w = mountPreview({ refusal: REFUSAL }, "en");
    const first = w.findAll('[data-testid="rejected-rows"] tbody tr')[0]!;
    expect(first.text()).toContain("Line 3");
    expect(first.get(".sv-preview__reason").text()).toBe('Unit "区环保局" does not exist');
    expect(first.get(".sv-preview__other").text()).toBe("单位“区环保局”不存在");
  });

  it("shows a refused header without a row table", () => {
    const w = mountPreview({ refusal: { text: { zh: "文件表头不符合任务清单格式：缺少列：编号", en: "The header does not match a task list: Missing columns: 编号" }, rejectedRows: [] } });
    expect(w.text()).toContain("缺少列：编号");
    expect(w.find('[data-testid="rejected-rows"]').exists()).toBe(false);
  });

  it("shows what a clean trial run would do, and says nothing is written yet", () => {
    const w = mountPreview({ report: REPORT });
    expect(w.get('[data-testid="import-ok"]').text()).toContain("试导入通过：整改措施清单.xlsx");
    expect(w.get('[data-testid="import-ok"]').text()).toContain("确认后才会写入");
    expect(w.get('[data-testid="import-inserted"]').text()).toContain("28");
    expect(w.get('[data-testid="import-updated"]').text()).toContain("2");
    expect(w.get('[data-testid="import-problemsCreated"]').text()).toContain("6");
    const done = mountPreview({ report: { ...REPORT, dryRun: false } });
    expect(done.get('[data-testid="import-ok"]').text()).toContain("已导入");
  });
});
