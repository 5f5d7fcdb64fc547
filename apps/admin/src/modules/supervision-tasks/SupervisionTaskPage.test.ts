import type { TaskDetail, TaskPermissions } from "@ecogov/domain/supervision-tasks";
import { QueryClient, VueQueryPlugin } from "@tanstack/vue-query";
import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryHistory, createRouter } from "vue-router";
import { createAppI18n } from "../../i18n";
import SupervisionTaskPage from "./SupervisionTaskPage.vue";

const ID = "7d1f0a52-3c55-4a8e-9d6f-1b2c3d4e5f60";
const AGRI = { id: "7d1f0a52-3c55-4a8e-9d6f-1b2c3d4e5f61", name: "区农业农村局" };
const NONE: TaskPermissions = { edit: false, report: false, review: false, requestExtension: false, decideExtension: false, signOff: false, reopen: false, recordOutcome: false };

function detail(can: Partial<TaskPermissions>, status: TaskDetail["task"]["status"] = "on_schedule"): TaskDetail {
  const at = new Date("2026-11-20T02:00:00Z");
  return {
    asOf: "2026-11-28",
    task: {
      status,
      warning: null,
      originalDueOn: "2026-12-31",
      dueOn: "2026-12-31",
      provisional: false,
      workingDaysLeft: 23,
      daysOverdue: 0,
      workingDaysOverdue: 0,
      escalated: false,
      completedOn: status === "awaiting_verification" ? "2026-11-27" : null,
      closedOn: null,
      onTime: null,
      onTimeOriginal: null,
      reopenedOn: null,
      nextMilestone: null,
      id: ID,
      kind: "measure",
      code: "A01",
      rowKey: "A01",
      title: "规范畜禽养殖场粪污处理",
      target: "粪污综合利用率达到90%以上",
      source: { id: ID, kind: "rectification_plan", code: "P1", title: "整改方案" },
      problem: { id: ID, code: "1", title: "畜禽养殖污染" },
      leadUnit: AGRI,
      coUnits: [],
      responsibleLeader: "张副区长",
      startOn: "2026-11-01",
      deadline: { kind: "date", date: "2026-12-31" },
      disclosed: true,
      reportCount: 1,
      pendingReview: true,
      pendingExtension: false,
      case: null,
      createdAt: at,
    },
    milestones: [],
    reports: [
      {
        id: "7d1f0a52-3c55-4a8e-9d6f-1b2c3d4e5f62",
        taskId: ID,
        unitId: AGRI.id,
        milestoneId: null,
        body: "已完成设施改造。",
        figures: [{ label: "利用率", value: "92", unit: "%" }],
        claimsCompletion: true,
        resubmissionOf: null,
        submittedBy: null,
        submittedByName: "郑填报",
        submittedAt: at,
        review: null,
        attachments: [],
      },
    ],
    extensions: [],
    lifecycle: [],
    case: null,
    timeline: [{ at, kind: "created", actorName: "刘督察", text: { zh: "创建任务 A01", en: "Task A01 created" }, refId: null }],
    can: { ...NONE, ...can },
  };
}

const api = vi.hoisted(() => ({ get: vi.fn() }));
vi.mock("../../trpc", () => ({
  trpc: {
    supervisionTasks: { get: { query: api.get } },
    auth: { me: { query: async () => ({ userId: "u", username: "x", displayName: "x", role: "unit_reporter", townId: null, unitId: "7d1f0a52-3c55-4a8e-9d6f-1b2c3d4e5f61" }) } },
  },
}));

async function mountPage() {
  const router = createRouter({ history: createMemoryHistory("/admin/"), routes: [{ path: "/:p(.*)*", name: "any", component: { render: () => null } }] });
  await router.push("/");
  for (const name of ["supervision-task-list", "supervision-source", "supervision-task-edit"]) router.addRoute({ path: `/${name}/:id?`, name, component: { render: () => null } });
  const w = mount(SupervisionTaskPage, {
    props: { taskId: ID },
    attachTo: document.body,
    global: { plugins: [createAppI18n("zh-CN"), router, [VueQueryPlugin, { queryClient: new QueryClient({ defaultOptions: { queries: { retry: false } } }) }]] },
  });
  await flushPromises();
  return w;
}

describe("SupervisionTaskPage", () => {
  beforeEach(() => {
    api.get.mockReset();
    document.body.innerHTML = "";
  });

  it("offers a unit reporter only reporting: no review, sign-off, reopening or editing", async () => {
    api.get.mockResolvedValue(detail({ report: true, requestExtension: true }));
    const w = await mountPage();
    expect(w.find('[data-testid="start-report"]').exists()).toBe(true);
    expect(w.find('[data-testid="ask-extension"]').exists()).toBe(true);
    expect(w.find('[data-testid="review-form"]').exists()).toBe(false);
    expect(w.find('[data-testid="signoff-form"]').exists()).toBe(false);
    expect(w.find('[data-testid="start-reopen"]').exists()).toBe(false);
    expect(w.text()).not.toContain("编辑");
    expect(w.get('[data-testid="review-state"]').text()).toBe("待审核");
  });

  it("offers supervision staff the review of a pending report, and the leader the sign-off of a completed task", async () => {
    api.get.mockResolvedValue(detail({ edit: true, review: true }));
    const staff = await mountPage();
    expect(staff.find('[data-testid="review-form"]').exists()).toBe(true);
    expect(staff.find('[data-testid="start-report"]').exists()).toBe(false);
    staff.unmount();

    api.get.mockResolvedValue(detail({ signOff: true, decideExtension: false }, "awaiting_verification"));
    const leader = await mountPage();
    expect(leader.find('[data-testid="signoff-form"]').exists()).toBe(true);
    expect(leader.get('[data-testid="task-state"]').text()).toContain("已完成待销号");
  });

  it("tells a reporter of another unit that the task is not theirs", async () => {
    api.get.mockRejectedValue(
      Object.assign(new Error("not found"), {
        data: { httpStatus: 404, domainError: { code: "SUPERVISION_TASK_NOT_FOUND", text: { zh: "任务不存在", en: "Task not found" }, details: null } },
      }),
    );
    const w = await mountPage();
    expect(w.get('[data-testid="task-not-found"]').text()).toContain("不属于您所在单位");
    expect(w.text()).not.toContain("规范畜禽养殖场粪污处理");
  });
});
