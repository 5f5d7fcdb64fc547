import { afterEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import { RouterView } from "vue-router";
import { mockApi, mountPortal, settle } from "../../testing/mount-portal";
import { clearSupervisionCache } from "./supervision-api";

/** The page as the router shows it, with the round's code from the address. */
const Routed = defineComponent({ render: () => h(RouterView) });
import SupervisionRoundsPage from "./SupervisionRoundsPage.vue";

const measure = (code: string, status: string, label: [string, string], completedOn: string | null = null) => ({
  code,
  title: `整改措施 ${code}`,
  target: `目标 ${code}`,
  leadUnit: "区水务局",
  coUnits: code === "M01" ? ["区农业农村局"] : [],
  dueOn: "2026-06-30",
  longTerm: false,
  status,
  statusLabel: { zh: label[0], en: label[1] },
  completedOn,
});

const ROUND = {
  code: "CI-2-2026",
  title: "第二轮中央生态环境保护督察",
  level: "central",
  issuedOn: "2026-03-01",
  problems: 2,
  measures: 3,
  measuresCompleted: 1,
  measuresInProgress: 1,
  cases: 1,
  casesCompleted: 1,
  casesStaged: 0,
  asOf: "2026-11-28",
  plans: [{ code: "CI-2-PLAN", title: "青山区贯彻落实督察报告整改方案", issuedOn: "2026-03-02" }],
  problemList: [
    { code: "1", title: "城中村污水直排", rectified: false, measures: [measure("M01", "completed", ["已完成", "Completed"], "2026-05-20"), measure("M02", "overdue", ["未按期完成", "Not completed on time"])] },
    { code: "2", title: "畜禽养殖污染", rectified: false, measures: [measure("M03", "in_progress", ["按时序推进", "In progress on schedule"])] },
  ],
  caseList: [{ caseNo: "J-001", receivedOn: "2026-03-05", category: "water", outcome: "completed", outcomeLabel: { zh: "已办结", en: "Completed" }, outcomeOn: "2026-04-01", publicSummary: "已责令整改并复查合格" }],
};

afterEach(() => {
  vi.unstubAllGlobals();
  clearSupervisionCache();
  document.body.innerHTML = "";
});

describe("supervision pages", () => {
  it("list the disclosed rounds with their progress", async () => {
    mockApi({ "/api/v1/supervision/rounds": { body: { items: [ROUND] } } });
    const { wrapper } = await mountPortal(SupervisionRoundsPage, { path: "/supervision" });
    const round = wrapper.get('[data-round="CI-2-2026"]');
    expect(round.text()).toContain("第二轮中央生态环境保护督察");
    expect(round.text()).toContain("中央生态环境保护督察 · 2026-03-01 反馈");
    expect(round.text()).toContain("整改措施 3 项，已完成 1 项，按时序推进 1 项");
    expect(round.text()).toContain("交办案件 1 件，已办结 1 件");
  });

  it("show each problem's measures with status in words and completion date, and the case outcomes, in one request", async () => {
    const fetch = mockApi({ "/api/v1/supervision/rounds": { body: { items: [ROUND] } } });
    const { wrapper, i18n } = await mountPortal(Routed, { path: "/supervision/CI-2-2026" });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(String(fetch.mock.calls[0]![0])).toBe("/api/v1/supervision/rounds?code=CI-2-2026");
    const m01 = wrapper.get('[data-measure="M01"]');
    expect(m01.text()).toContain("整改措施 M01");
    expect(m01.text()).toContain("区水务局、区农业农村局");
    expect(m01.get("[data-status]").text()).toContain("已完成");
    expect(m01.get('[data-testid="completed-on"]').text()).toBe("2026-05-20");
    expect(wrapper.get('[data-measure="M02"] [data-status]').text()).toContain("未按期完成");
    expect(wrapper.get('[data-case="J-001"]').text()).toContain("已责令整改并复查合格");

    i18n.global.locale.value = "en";
    await settle();
    expect(wrapper.get('[data-measure="M02"] [data-status]').text()).toContain("Not completed on time");
    expect(wrapper.get('[data-case="J-001"]').text()).toContain("Water");
  });

  it("says so when the round is not disclosed", async () => {
    mockApi({ "/api/v1/supervision/rounds": { body: { items: [] } } });
    const { wrapper } = await mountPortal(Routed, { path: "/supervision/NOPE" });
    expect(wrapper.text()).toContain("该督察轮次不存在或尚未公开");
  });
});
