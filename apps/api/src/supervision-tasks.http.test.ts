import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { createAirReadingsStaging, createRepositories, createUnitOfWork, scryptHasher, seedDemo, type DbHandle } from "@ecogov/db";
import { createTestDb } from "@ecogov/db/testing";
import { fixedClock } from "@ecogov/domain";
import { readTable, writeXlsx, type CellValue } from "@ecogov/files";
import { runAndRecord, sweepSupervisionDeadlinesJob, type JobDeps } from "@ecogov/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app";
import { createApiDeps } from "./deps";
import { createLogger } from "@ecogov/jobs";
import { createHttpClient, expectError } from "./test-client";

// A whole inspection round over HTTP on a real database, with the clock moved by hand:
// 30 measures imported from .xlsx, reports by two units (one returned and resubmitted), an extension, deadlines
// passing, the daily sweep run twice on two days, sign-off, reopening, figures counted by hand, public disclosure,
// and every procedure tried by a unit reporter on another unit's task.

const PASSWORD = "test-pass-2026";
const clock = fixedClock("2026-03-02T09:00:00+08:00");
let handle: DbHandle;
let app: ReturnType<typeof createApp>;
let attachmentsDir: string;

type Client = ReturnType<typeof createHttpClient>;
let sessions = new Map<string, Client>();

/** Sessions last 12 hours: moving the clock by days means logging in again. */
async function as(username: string): Promise<Client> {
  let c = sessions.get(username);
  if (!c) {
    c = createHttpClient(app);
    await c.client.auth.login.mutate({ username, password: PASSWORD });
    sessions.set(username, c);
  }
  return c;
}
function setDay(day: string, time = "09:00") {
  clock.set(`${day}T${time}:00+08:00`);
  sessions = new Map();
}

async function xlsx(headers: string[], rows: CellValue[][]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (b: Buffer) => chunks.push(b));
  const ended = new Promise((r) => out.on("end", r));
  await writeXlsx(out, { sheets: [{ name: "清单", columns: headers.map((h, i) => ({ key: String(i), header: h })), rows: rows.map((r) => Object.fromEntries(r.map((v, i) => [String(i), v]))) }] });
  await ended;
  return Buffer.concat(chunks);
}

async function post(c: Client, path: string, fields: Record<string, string | { name: string; bytes: Uint8Array }>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, typeof v === "string" ? v : new File([v.bytes], v.name));
  const res = await app.request(`/api/attachments${path}`, { method: "POST", body: form, headers: { cookie: c.getCookie() } });
  return { status: res.status, body: (await res.json()) as any };
}

async function get(c: Client | null, path: string) {
  return app.request(path, { headers: c ? { cookie: c.getCookie() } : {} });
}

// ---- The measures list (整改措施清单): 6 problems × 5 measures -------------------------------------------------
const MEASURE_HEADERS = ["编号", "问题编号", "反馈问题", "整改措施", "整改目标", "牵头单位", "配合单位", "责任领导", "整改时限", "开始日期", "是否公开"];
const code = (i: number) => `M${String(i).padStart(2, "0")}`;
function measureRow(i: number): CellValue[] {
  const problem = Math.ceil(i / 5);
  const lead = i % 2 === 1 ? "区水务局" : "区农业农村局";
  const deadline = i <= 10 ? "2026年6月30日" : i <= 20 ? "20个工作日" : i <= 28 ? "2026-12-31" : "长期坚持";
  return [code(i), String(problem), `反馈问题${problem}：城中村污水直排`, `整改措施 ${code(i)}`, `目标 ${code(i)}`, lead, i === 1 ? "区农业农村局" : "", "张副区长", deadline, "2026-03-02", i === 30 ? "否" : "是"];
}
const MEASURES = Array.from({ length: 30 }, (_, k) => measureRow(k + 1));

// ---- State shared by the steps ---------------------------------------------------------------------------------
let roundId: string;
let planId: string;
let workPlanId: string;
const task = new Map<string, string>(); // code → id
let waterPhoto: string;
let waterReportM01: string;
let waterExtensionM15: string;
let waterViewId: string;

beforeAll(async () => {
  handle = await createTestDb();
  await seedDemo(handle.db, { passwords: scryptHasher, password: PASSWORD });
  attachmentsDir = mkdtempSync(join(tmpdir(), "ecogov-att-"));
  app = createApp({ deps: createApiDeps(handle, clock, { attachmentsDir }), clock, logger: createLogger("silent"), staticDirs: null });
  // A reporter of a unit with no tasks, and a mobile number for the water reporter (SMS goes to the outbox).
  const admin = await as("admin");
  const units = await admin.client.org.units.query();
  const unit = (code: string) => units.find((u) => u.code === code)!.id;
  await admin.client.users.create.mutate({ username: "reporter-transport", displayName: "钱填报（交通运输局）", role: "unit_reporter", unitId: unit("U-DEP-TRA"), password: PASSWORD });
  const water = (await admin.client.users.list.query({ search: "reporter-water" }))[0]!;
  await admin.client.users.update.mutate({ id: water.id, username: water.username, displayName: water.displayName, role: water.role, townId: null, unitId: water.unitId, phone: "13800000001", active: true });
});
afterAll(async () => {
  await handle?.close();
  if (attachmentsDir) rmSync(attachmentsDir, { recursive: true, force: true });
});

async function taskCount() {
  const r = await handle.db.selectFrom("supervisionTasks").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe("a whole inspection round", () => {
  it("sets up the round, its plan and a work plan", async () => {
    const { client } = await as("supervision");
    const round = await client.supervisionTasks.sources.create.mutate({ kind: "inspection_round", code: "CI-2-2026", title: "第二轮中央生态环境保护督察", level: "central", issuedOn: "2026-03-01", disclosed: true });
    const plan = await client.supervisionTasks.sources.create.mutate({ kind: "rectification_plan", parentId: round.id, code: "CI-2-PLAN", title: "青山区贯彻落实督察报告整改方案", issuedOn: "2026-03-02" });
    const work = await client.supervisionTasks.sources.create.mutate({ kind: "work_plan", code: "WP-2026", title: "2026 年局工作要点" });
    [roundId, planId, workPlanId] = [round.id, plan.id, work.id];
    expect(round).toMatchObject({ kind: "inspection_round", disclosed: true, dueSoonWorkingDays: 5, escalateAfterWorkingDays: 5 });
    const dup = await expectError(client.supervisionTasks.sources.create.mutate({ kind: "work_plan", code: "WP-2026", title: "重复" }));
    expect(dup).toMatchObject({ status: 409, code: "SUPERVISION_SOURCE_CODE_TAKEN" });
    const orphan = await expectError(client.supervisionTasks.sources.create.mutate({ kind: "rectification_plan", code: "X", title: "无上级" }));
    expect(orphan.status).toBe(400);
    expect(orphan.details.fieldErrors[0]).toMatchObject({ path: "parentId", rule: "plan_parent" });
  });

  it("imports 30 measures from .xlsx, and importing the same file again changes nothing", async () => {
    const c = await as("supervision");
    const file = { name: "整改措施清单.xlsx", bytes: await xlsx(MEASURE_HEADERS, MEASURES) };
    const dry = await post(c, "/supervision-tasks/import", { file, sourceId: planId, dryRun: "true" });
    expect(dry).toMatchObject({ status: 200, body: { dryRun: true, inserted: 30, problemsCreated: 6 } });
    expect(await taskCount()).toBe(0);
    const first = await post(c, "/supervision-tasks/import", { file, sourceId: planId });
    expect(first).toMatchObject({ status: 200, body: { format: "tasks", total: 30, inserted: 30, updated: 0, unchanged: 0, problemsCreated: 6, rejectedRows: [] } });
    const again = await post(c, "/supervision-tasks/import", { file, sourceId: planId });
    expect(again.body).toMatchObject({ inserted: 0, updated: 0, unchanged: 30, problemsCreated: 0 });
    const list = await c.client.supervisionTasks.list.query({ sourceId: planId, sort: "code", limit: 100 });
    expect(list.total).toBe(30);
    for (const t of list.items) task.set(t.code, t.id);
    const m11 = list.items.find((t) => t.code === "M11")!;
    expect(m11).toMatchObject({ dueOn: "2026-03-30", deadline: { kind: "period", amount: 20, unit: "working" }, leadUnit: { name: "区水务局" }, problem: { code: "3" } });
    const m29 = await c.client.supervisionTasks.get.query({ id: task.get("M29")! });
    expect(m29.milestones.map((m) => m.dueOn)).toEqual(["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"]);
    expect((await c.client.supervisionTasks.sources.get.query({ id: roundId })).problems).toHaveLength(6);
  });

  it("rejects bad files and bad rows with clear errors and changes nothing", async () => {
    const c = await as("supervision");
    const before = await taskCount();
    const broken = await post(c, "/supervision-tasks/import", { file: { name: "清单.xlsx", bytes: new TextEncoder().encode("这不是表格") }, sourceId: planId });
    expect(broken).toMatchObject({ status: 400, body: { error: { code: "TABLE_UNREADABLE", message: { zh: expect.stringContaining("无法读取") } } } });
    const pdf = await post(c, "/supervision-tasks/import", { file: { name: "清单.pdf", bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46]) }, sourceId: planId });
    expect(pdf).toMatchObject({ status: 400, body: { error: { code: "TABLE_UNSUPPORTED_FORMAT" } } });
    const header = await post(c, "/supervision-tasks/import", { file: { name: "清单.xlsx", bytes: await xlsx(["编号", "整改措施", "备注"], [["N1", "x", "y"]]) }, sourceId: planId });
    expect(header).toMatchObject({ status: 400, body: { error: { code: "SUPERVISION_IMPORT_COLUMNS", missing: ["牵头单位", "整改时限"], unknown: ["备注"] } } });
    const rows = [
      [...measureRow(31).slice(0, 1), "7", "新问题", "新措施", "", "区水务局", "", "", "2026-09-30", "", "是"],
      ["N02", "7", "新问题", "新措施", "", "区环卫所", "", "", "2026-09-30", "", "是"],
      ["N03", "7", "新问题", "新措施", "", "区水务局", "", "", "尽快", "", "是"],
      ["N02", "7", "新问题", "新措施", "", "区水务局", "", "", "2026-09-30", "", "是"],
      ["M01", "1", "反馈问题1：城中村污水直排", "改过的措施", "", "区水务局", "区水务局", "", "2026-06-30", "", "是"],
    ];
    const bad = await post(c, "/supervision-tasks/import", { file: { name: "清单.xlsx", bytes: await xlsx(MEASURE_HEADERS, rows) }, sourceId: planId });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "SUPERVISION_IMPORT_REJECTED", message: { zh: "5 行中有 4 行不符合要求，未导入任何数据", en: "4 of 5 rows were rejected; nothing was imported" } });
    expect(bad.body.error.rejectedRows.map((r: { line: number; reason: { zh: string; en: string } }) => [r.line, r.reason.zh])).toEqual([
      [3, "单位“区环卫所”不存在"],
      [4, "时限“尽快”无法识别（可填日期、“N个工作日”、“N日”或“长期坚持”）"],
      [5, "编号 N02 与第 3 行重复"],
      [6, "配合单位“区水务局”与牵头单位相同"],
    ]);
    expect(bad.body.error.rejectedRows[0].reason.en).toBe('Unit "区环卫所" does not exist');
    expect(await taskCount()).toBe(before);
    expect((await c.client.supervisionTasks.get.query({ id: task.get("M01")! })).task.title).toBe("整改措施 M01");
    const noSource = await post(c, "/supervision-tasks/import", { file: { name: "清单.xlsx", bytes: await xlsx(MEASURE_HEADERS, MEASURES) }, sourceId: "plan-1" });
    expect(noSource).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fieldErrors: [{ path: "sourceId" }] } } });
    const noFile = await post(c, "/supervision-tasks/import", { sourceId: planId });
    expect(noFile).toMatchObject({ status: 400, body: { error: { code: "FILE_REQUIRED", message: { zh: "请选择要导入的 .xlsx 文件" } } } });
    expect(await taskCount()).toBe(before);
    const reporter = await as("reporter-water");
    expect((await post(reporter, "/supervision-tasks/import", { file: { name: "清单.xlsx", bytes: await xlsx(MEASURE_HEADERS, MEASURES) }, sourceId: planId })).status).toBe(403);
    const anonymous = await app.request("/api/attachments/supervision-tasks/import", { method: "POST", body: new FormData() });
    expect(anonymous.status).toBe(401);
  });

  it("takes progress reports with attachments from two units; one is returned and resubmitted", async () => {
    setDay("2026-03-05");
    const water = await as("reporter-water");
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array(200).fill(7)]);
    const up = await post(water, "", { file: { name: "现场照片.jpg", bytes: jpeg }, taskId: task.get("M01")! });
    expect(up).toMatchObject({ status: 201, body: { contentType: "image/jpeg", fileName: "现场照片.jpg", sizeBytes: 204 } });
    waterPhoto = up.body.id;
    const exe = await post(water, "", { file: { name: "报告.pdf", bytes: new Uint8Array([0x4d, 0x5a, 1, 2]) } });
    expect(exe).toMatchObject({ status: 400, body: { error: { code: "SUPERVISION_ATTACHMENT_TYPE", message: { zh: "不支持的附件类型：报告.pdf（仅限图片、PDF、Office 文档）" } } } });
    const huge = new Uint8Array(21 * 1024 * 1024);
    huge.set([0x25, 0x50, 0x44, 0x46, 0x2d]);
    expect(await post(water, "", { file: { name: "大文件.pdf", bytes: huge } })).toMatchObject({ status: 413, body: { error: { code: "FILE_TOO_LARGE" } } });
    expect((await get(water, "/api/attachments/not-an-id")).status).toBe(404);
    const r1 = await water.client.supervisionTasks.submitReport.mutate({ taskId: task.get("M01")!, body: "已完成截污管网设计", figures: [{ label: "管网", value: "1.2", unit: "公里" }], attachmentIds: [waterPhoto] });
    waterReportM01 = r1.id;
    const download = await get(water, `/api/attachments/${waterPhoto}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("image/jpeg");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(jpeg);
    const reused = await expectError(water.client.supervisionTasks.submitReport.mutate({ taskId: task.get("M01")!, body: "再次使用", attachmentIds: [waterPhoto] }));
    expect(reused).toMatchObject({ status: 400, code: "SUPERVISION_ATTACHMENT_NOT_USABLE" });
    const staff = await as("supervision");
    await staff.client.supervisionTasks.reviewReport.mutate({ reportId: r1.id, decision: "accepted" });
    expect(await expectError(staff.client.supervisionTasks.reviewReport.mutate({ reportId: r1.id, decision: "accepted" }))).toMatchObject({ status: 409, code: "SUPERVISION_ALREADY_REVIEWED" });
    const noReason = await expectError(staff.client.supervisionTasks.reviewReport.mutate({ reportId: r1.id, decision: "returned" }));
    expect(noReason.details.fieldErrors[0]).toMatchObject({ path: "reason", rule: "return_reason" });

    setDay("2026-03-10");
    const w = await as("reporter-water");
    const m13 = await w.client.supervisionTasks.submitReport.mutate({ taskId: task.get("M13")!, body: "河道清淤完成", claimsCompletion: true });
    const agri = await as("reporter-agri");
    const m12 = await agri.client.supervisionTasks.submitReport.mutate({ taskId: task.get("M12")!, body: "畜禽养殖场已整治", claimsCompletion: true });
    const s = await as("supervision");
    await s.client.supervisionTasks.reviewReport.mutate({ reportId: m13.id, decision: "accepted" });

    setDay("2026-03-11");
    const s2 = await as("supervision");
    await s2.client.supervisionTasks.reviewReport.mutate({ reportId: m12.id, decision: "returned", reason: "缺少验收照片" });
    const agri2 = await as("reporter-agri");
    const mine = await agri2.client.supervisionTasks.notifications.list.query({ unreadOnly: true });
    expect(mine.items.map((n) => n.title.zh)).toEqual(["进展报告被退回：M12"]);
    expect(mine.items[0]!.body.zh).toBe("退回理由：缺少验收照片");
    // A returned report still shows the work has started.
    expect((await agri2.client.supervisionTasks.get.query({ id: task.get("M12")! })).task.status).toBe("on_schedule");

    setDay("2026-03-20");
    const agri3 = await as("reporter-agri");
    const bad = await expectError(agri3.client.supervisionTasks.submitReport.mutate({ taskId: task.get("M12")!, body: "补充", claimsCompletion: true, resubmissionOf: waterReportM01 }));
    expect(bad).toMatchObject({ status: 400, code: "SUPERVISION_BAD_RESUBMISSION" });
    const again = await agri3.client.supervisionTasks.submitReport.mutate({ taskId: task.get("M12")!, body: "已补充验收照片", claimsCompletion: true, resubmissionOf: m12.id });
    const w3 = await as("reporter-water");
    const m29 = await w3.client.supervisionTasks.get.query({ id: task.get("M29")! });
    const q1 = await w3.client.supervisionTasks.submitReport.mutate({ taskId: task.get("M29")!, body: "一季度巡查 12 次", milestoneId: m29.milestones[0]!.id });
    const m11 = await w3.client.supervisionTasks.submitReport.mutate({ taskId: task.get("M11")!, body: "正在施工" });
    const s3 = await as("supervision");
    for (const id of [again.id, q1.id, m11.id]) await s3.client.supervisionTasks.reviewReport.mutate({ reportId: id, decision: "accepted" });
    const detail = await s3.client.supervisionTasks.get.query({ id: task.get("M12")! });
    expect(detail.task).toMatchObject({ status: "awaiting_verification", completedOn: "2026-03-20", onTime: true });
    expect(detail.timeline.filter((e) => e.kind !== "audit").map((e) => e.kind)).toEqual(["created", "report_submitted", "report_returned", "report_submitted", "report_accepted"]);
    expect((await s3.client.supervisionTasks.get.query({ id: task.get("M29")! })).task).toMatchObject({ status: "on_schedule", dueOn: "2026-06-30", nextMilestone: { title: "2026年第2季度" } });
  });

  it("extends a deadline on the lead unit's request, keeping the original on record", async () => {
    const water = await as("reporter-water");
    const x = await water.client.supervisionTasks.requestExtension.mutate({ taskId: task.get("M15")!, reason: "管线迁改需协调", requestedDueOn: "2026-04-30" });
    waterExtensionM15 = x.id;
    const twice = await expectError(water.client.supervisionTasks.requestExtension.mutate({ taskId: task.get("M15")!, reason: "再次申请", requestedDueOn: "2026-05-30" }));
    expect(twice).toMatchObject({ status: 409, code: "SUPERVISION_EXTENSION_PENDING" });
    const earlier = await expectError(water.client.supervisionTasks.requestExtension.mutate({ taskId: task.get("M17")!, reason: "x", requestedDueOn: "2026-03-27" }));
    expect(earlier).toMatchObject({ status: 400, code: "SUPERVISION_EXTENSION_NOT_LATER" });
    const coUnit = await as("reporter-agri");
    expect((await expectError(coUnit.client.supervisionTasks.requestExtension.mutate({ taskId: task.get("M01")!, reason: "x", requestedDueOn: "2026-07-30" }))).status).toBe(403);
    const staff = await as("supervision");
    expect((await expectError(staff.client.supervisionTasks.decideExtension.mutate({ extensionId: x.id, approve: true }))).status).toBe(403);
    const leader = await as("leader");
    expect((await leader.client.supervisionTasks.notifications.list.query({})).items.map((n) => n.title.zh)).toContain("延期申请待审批：M15");
    expect(await leader.client.supervisionTasks.decideExtension.mutate({ extensionId: x.id, approve: true, note: "同意" })).toMatchObject({ status: "approved" });
    expect(await expectError(leader.client.supervisionTasks.decideExtension.mutate({ extensionId: x.id, approve: false }))).toMatchObject({ status: 409, code: "SUPERVISION_EXTENSION_DECIDED" });
    const m15 = (await leader.client.supervisionTasks.get.query({ id: task.get("M15")! })).task;
    expect(m15).toMatchObject({ originalDueOn: "2026-03-30", dueOn: "2026-04-30" });
  });

  it("imports an assigned-case list into the round and records outcomes", async () => {
    setDay("2026-03-25");
    const c = await as("supervision");
    const headers = ["交办编号", "交办日期", "案件类型", "被投诉对象", "投诉内容", "责任单位", "办理时限", "办理结果", "办结日期", "公开情况"];
    const rows: CellValue[][] = [
      ["D-001", "2026-03-03", "废气", "青山化工厂", "夜间异味扰民，举报人赵某", "区水务局", "2026-12-31", "已办结", "2026-03-20", "已责令整改并复查"],
      ["D-002", "2026-03-03", "噪声", "城南工地", "夜间施工噪声", "区农业农村局", "2026-12-31", "阶段性办结", "2026-03-24", "已限时整改"],
      ["D-003", "2026-03-04", "水", "东河排口", "排口黑臭", "区农业农村局", "2026-12-31", "", "", ""],
    ];
    const r = await post(c, "/supervision-tasks/import", { file: { name: "交办案件.xlsx", bytes: await xlsx(headers, rows) }, sourceId: roundId });
    expect(r).toMatchObject({ status: 200, body: { format: "cases", inserted: 3 } });
    const cases = await c.client.supervisionTasks.list.query({ sourceId: roundId, kind: "case", sort: "code" });
    for (const t of cases.items) task.set(t.code, t.id);
    expect(cases.items.map((t) => [t.code, t.case?.outcome, t.status])).toEqual([
      ["D-001", "completed", "awaiting_verification"],
      ["D-002", "staged", "not_started"],
      ["D-003", "pending", "not_started"],
    ]);
    await c.client.supervisionTasks.recordCaseOutcome.mutate({ taskId: task.get("D-003")!, outcome: "pending", reply: "正在调查" });
    const notCase = await expectError(c.client.supervisionTasks.recordCaseOutcome.mutate({ taskId: task.get("M03")!, outcome: "completed", outcomeOn: "2026-03-25" }));
    expect(notCase).toMatchObject({ status: 400, code: "SUPERVISION_NOT_A_CASE" });
  });

  it("sends due-soon reminders once, however often the sweep runs", async () => {
    const deps: JobDeps = { db: handle.db, repos: createRepositories(handle.db), uow: createUnitOfWork(handle.db), airStaging: createAirReadingsStaging(handle), clock, logger: createLogger("silent") };
    const ctx = { queueJobId: null, worker: "test", data: {} };
    const first = await runAndRecord({ job: sweepSupervisionDeadlinesJob, deps, ctx });
    // Due 03-30 and open: M11, M14, M16–M20; the long-term M30's first milestone (03-31). M15 was extended.
    expect(first).toMatchObject({ status: "succeeded", summary: { dueSoon: 8, overdue: 0, escalated: 0, notifications: 8, messages: 3 } });
    const second = await runAndRecord({ job: sweepSupervisionDeadlinesJob, deps, ctx });
    expect(second).toMatchObject({ status: "succeeded", summary: { dueSoon: 8, notifications: 0, messages: 0 } });
    const water = await as("reporter-water");
    const n = await water.client.supervisionTasks.notifications.list.query({ unreadOnly: true });
    expect(n.items.map((x) => x.title.zh).filter((t) => t.startsWith("任务即将到期")).sort()).toEqual(["任务即将到期：M11", "任务即将到期：M17", "任务即将到期：M19"]);
    const outbox = await createRepositories(handle.db).supervisionNotifications.listOutbox({ status: "pending", limit: 50 });
    expect(outbox.map((m) => [m.channel, m.recipient])).toEqual([
      ["sms", "13800000001"],
      ["sms", "13800000001"],
      ["sms", "13800000001"],
    ]);
    // 3 reminders, the 4 "report accepted" notices (M01, M13, M29, M11) and the approved extension of M15.
    expect(n.items.map((x) => x.title.zh)).toContain("延期申请已同意：M15");
    expect(await water.client.supervisionTasks.notifications.markRead.mutate({ ids: "all" })).toEqual({ updated: 8 });
  });

  it("refuses an extension asked after the deadline", async () => {
    setDay("2026-04-01");
    const agri = await as("reporter-agri");
    const late = await expectError(agri.client.supervisionTasks.requestExtension.mutate({ taskId: task.get("M16")!, reason: "来不及", requestedDueOn: "2026-05-30" }));
    expect(late).toMatchObject({ status: 400, code: "SUPERVISION_EXTENSION_AFTER_DEADLINE", text: { zh: "延期申请须在期限（2026-03-30）届满前提出" } });
  });

  it("sends overdue reminders and escalations once when deadlines pass", async () => {
    setDay("2026-04-07", "08:00");
    const deps: JobDeps = { db: handle.db, repos: createRepositories(handle.db), uow: createUnitOfWork(handle.db), airStaging: createAirReadingsStaging(handle), clock, logger: createLogger("silent") };
    const ctx = { queueJobId: null, worker: "test", data: {} };
    // 5 working days after 03-30 (清明 04-04..06 off): M11, M14, M16–M20 escalate; M30's milestone is 4 days late.
    const first = await runAndRecord({ job: sweepSupervisionDeadlinesJob, deps, ctx });
    expect(first).toMatchObject({ status: "succeeded", summary: { dueSoon: 0, overdue: 8, escalated: 7, notifications: 15, messages: 3 } });
    const second = await runAndRecord({ job: sweepSupervisionDeadlinesJob, deps, ctx });
    expect(second).toMatchObject({ summary: { notifications: 0, messages: 0 } });
    const leader = await as("leader");
    const escalations = (await leader.client.supervisionTasks.notifications.list.query({ unreadOnly: true, limit: 50 })).items.filter((n) => n.title.zh.startsWith("逾期任务提请督办"));
    expect(escalations).toHaveLength(7);
    const board = await leader.client.supervisionTasks.board.query();
    expect(board.overdue.map((t) => t.code)).toEqual(["M11", "M14", "M16", "M17", "M18", "M19", "M20", "M30"]);
    expect(board.overdue[0]).toMatchObject({ daysOverdue: 8, workingDaysOverdue: 5, escalated: true, warning: "red" });
    expect(board.overdue.at(-1)).toMatchObject({ code: "M30", dueOn: "2026-03-31", warning: "yellow" });
    expect(board.awaitingSignOff.map((t) => t.code)).toEqual(["M12", "M13", "D-001"]);
    const m11 = await leader.client.supervisionTasks.get.query({ id: task.get("M11")! });
    const derived = m11.timeline.filter((e) => ["became_due_soon", "became_overdue", "escalated"].includes(e.kind));
    expect(derived.map((e) => [e.kind, e.at.toISOString()])).toEqual([
      ["became_due_soon", "2026-03-22T16:00:00.000Z"],
      ["became_overdue", "2026-03-30T16:00:00.000Z"],
      ["escalated", "2026-04-06T16:00:00.000Z"],
    ]);
  });

  it("signs off a completed task with its evidence, and reopens it when the problem rebounds", async () => {
    const leader = await as("leader");
    const pdf = await post(leader, "", { file: { name: "验收报告.pdf", bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]) }, taskId: task.get("M13")! });
    expect(pdf.status).toBe(201);
    const notDone = await expectError(leader.client.supervisionTasks.signOff.mutate({ taskId: task.get("M14")!, note: "验收" }));
    expect(notDone).toMatchObject({ status: 409, code: "SUPERVISION_NOT_COMPLETED" });
    const closed = await leader.client.supervisionTasks.signOff.mutate({ taskId: task.get("M13")!, note: "现场核查通过，同意销号", attachmentIds: [pdf.body.id] });
    expect(closed).toMatchObject({ status: "closed", closedOn: "2026-04-07", completedOn: "2026-03-10" });
    expect(await expectError(leader.client.supervisionTasks.signOff.mutate({ taskId: task.get("M13")!, note: "again" }))).toMatchObject({ status: 409, code: "SUPERVISION_ALREADY_CLOSED" });
    clock.set("2026-04-07T10:00:00+08:00");
    const staff = await as("supervision");
    expect(await expectError(staff.client.supervisionTasks.reopen.mutate({ taskId: task.get("M12")!, reason: "x" }))).toMatchObject({ status: 409, code: "SUPERVISION_NOT_CLOSED" });
    const reopened = await staff.client.supervisionTasks.reopen.mutate({ taskId: task.get("M13")!, reason: "群众反映河道再次淤积", newDueOn: "2026-05-29" });
    expect(reopened).toMatchObject({ status: "reopened", warning: "red", dueOn: "2026-05-29", originalDueOn: "2026-03-30", reopenedOn: "2026-04-07" });
    const detail = await staff.client.supervisionTasks.get.query({ id: task.get("M13")! });
    expect(detail.lifecycle.map((e) => [e.action, e.note])).toEqual([
      ["signoff", "现场核查通过，同意销号"],
      ["reopen", "群众反映河道再次淤积"],
    ]);
    expect(detail.can).toMatchObject({ report: true, reopen: false, signOff: false, edit: true });
    const water = await as("reporter-water");
    expect((await water.client.supervisionTasks.notifications.list.query({ unreadOnly: true, limit: 50 })).items.map((n) => n.title.zh)).toContain("问题反弹，任务重新整改：M13");
    expect((await get(water, `/api/attachments/${pdf.body.id}`)).status).toBe(200);
  });

  it("counts figures that match a hand count", async () => {
    const { client } = await as("supervision");
    const f = await client.supervisionTasks.figures.query({ sourceId: planId });
    expect(f.asOf).toBe("2026-04-07");
    // not started: M02–M10, M15 (extended), M21–M28; on schedule: M01, M29; overdue: M11, M14, M16–M20, M30;
    // awaiting verification: M12; reopened: M13.
    expect(f.byStatus).toEqual({ not_started: 18, on_schedule: 2, due_soon: 0, overdue: 8, awaiting_verification: 1, closed: 0, reopened: 1 });
    expect(f.completionRate).toEqual({ numerator: 1, denominator: 30, percent: "3.3" });
    expect(f.onTimeRate).toEqual({ numerator: 1, denominator: 1, percent: "100.0" });
    expect(f.warnings).toEqual({ blue: 0, yellow: 1, red: 8 });
    expect(f.overdueList.map((o) => [o.code, o.daysOverdue])).toEqual([
      ["M11", 8],
      ["M14", 8],
      ["M16", 8],
      ["M17", 8],
      ["M18", 8],
      ["M19", 8],
      ["M20", 8],
      ["M30", 7],
    ]);
    expect(f.byUnit.map((u) => [u.unit.name, u.total, u.overdue, u.completed])).toEqual([
      ["区农业农村局", 15, 5, 1],
      ["区水务局", 15, 3, 0],
    ]);
    expect(f.problems).toEqual({ total: 6, rectified: 0 });
    expect(f.sentences[0]!.zh).toBe("针对6个反馈问题制定整改措施30项，已完成整改任务1项，按时序推进20项，逾期8项，反弹1项。");
    // Counted against the original deadlines, the extended M15 is overdue too.
    const original = await client.supervisionTasks.figures.query({ sourceId: planId, basis: "original" });
    expect(original.byStatus).toMatchObject({ not_started: 17, overdue: 9 });
    // As of 03-25, before any deadline passed.
    const earlier = await client.supervisionTasks.figures.query({ sourceId: planId, asOf: "2026-03-25" });
    expect(earlier.byStatus).toEqual({ not_started: 18, on_schedule: 2, due_soon: 8, overdue: 0, awaiting_verification: 2, closed: 0, reopened: 0 });
    // The round counts its plan's measures and its cases: 办结 1, 阶段性办结 1, 办结率 66.7%.
    const round = await client.supervisionTasks.figures.query({ sourceId: roundId });
    expect(round.total).toBe(33);
    expect(round.cases).toEqual({ total: 3, completed: 1, staged: 1, pending: 1, closureRate: { numerator: 2, denominator: 3, percent: "66.7" } });
    expect(round.sentences[1]!.zh).toBe("3件交办案件已办结1件、阶段性办结1件，办结率66.7%。");
    const due = await client.supervisionTasks.figures.query({ sourceId: planId, dueFrom: "2026-03-01", dueTo: "2026-03-31" });
    // Deadline in force in March: M11, M12, M14, M16–M20 and M30's first milestone (M13 moved to May, M15 to April).
    expect(due.total).toBe(9);
  });

  it("lists with filters and keeps saved views per user", async () => {
    const { client } = await as("supervision");
    const overdue = await client.supervisionTasks.list.query({ status: ["overdue"], unitId: (await client.org.units.query()).find((u) => u.code === "U-DEP-WAT")!.id, sort: "code" });
    expect(overdue.items.map((t) => t.code)).toEqual(["M11", "M17", "M19"]);
    const red = await client.supervisionTasks.list.query({ warning: ["red"], sourceId: planId, limit: 3, offset: 0, sort: "code" });
    expect(red).toMatchObject({ total: 8 });
    expect(red.items.map((t) => t.code)).toEqual(["M11", "M13", "M14"]);
    const search = await client.supervisionTasks.list.query({ search: "青山化工厂" });
    expect(search.items.map((t) => t.code)).toEqual(["D-001"]);
    const view = await client.supervisionTasks.views.save.mutate({ name: "逾期红色", filters: { status: ["overdue"], warning: ["red"] } });
    expect(await client.supervisionTasks.views.list.query()).toEqual([view]);
    const water = await as("reporter-water");
    waterViewId = (await water.client.supervisionTasks.views.save.mutate({ name: "我的逾期", filters: { status: ["overdue"] } })).id;
    expect((await water.client.supervisionTasks.views.list.query()).map((v) => v.name)).toEqual(["我的逾期"]);
  });

  it("exports a filtered list to .xlsx that imports again unchanged", async () => {
    const c = await as("supervision");
    const res = await get(c, `/api/attachments/supervision-tasks/export?sourceId=${planId}&status=overdue,reopened`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    expect(res.headers.get("content-disposition")).toContain("filename*=UTF-8''");
    const bytes = Buffer.from(await res.arrayBuffer());
    const rows = [];
    for await (const r of readTable(Readable.from(bytes), { format: "xlsx" })) rows.push(r);
    expect(rows.map((r) => r.values["编号"])).toEqual(["M11", "M13", "M14", "M16", "M17", "M18", "M19", "M20", "M30"]);
    expect(rows[0]!.values).toMatchObject({ 牵头单位: "区水务局", 整改时限: "20个工作日", 到期日: "2026-03-30", 状态: "已逾期", 逾期天数: "8" });
    const re = await post(c, "/supervision-tasks/import", { file: { name: "导出.xlsx", bytes }, sourceId: planId });
    expect(re).toMatchObject({ status: 200, body: { unchanged: 9, inserted: 0, updated: 0 } });
    const bad = await get(c, `/api/attachments/supervision-tasks/export?status=late`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.fieldErrors[0]).toMatchObject({ path: "status.0", rule: "one_of" });
  });

  it("discloses the round's progress to the public without personal data", async () => {
    const { client } = createHttpClient(app);
    const rounds = await client.supervisionTasks.public.rounds.query();
    expect(rounds).toEqual([
      expect.objectContaining({ code: "CI-2-2026", problems: 6, measures: 29, measuresCompleted: 1, cases: 3, casesCompleted: 1, casesStaged: 1 }),
    ]);
    const round = await client.supervisionTasks.public.round.query({ code: "CI-2-2026" });
    expect(round.problemList.map((p) => [p.code, p.measures.length])).toEqual([
      ["1", 5],
      ["2", 5],
      ["3", 5],
      ["4", 5],
      ["5", 5],
      ["6", 4],
    ]);
    const m12 = round.problemList[2]!.measures.find((m) => m.code === "M12")!;
    expect(m12).toMatchObject({ status: "completed_pending_verification", completedOn: "2026-03-20", leadUnit: "区农业农村局" });
    expect(round.problemList[2]!.measures.find((m) => m.code === "M13")).toMatchObject({ status: "reopened", statusLabel: { zh: "问题反弹，重新整改" } });
    expect(round.caseList[0]).toEqual({ caseNo: "D-001", receivedOn: "2026-03-03", category: "air", outcome: "completed", outcomeLabel: { zh: "已办结", en: "Completed" }, outcomeOn: "2026-03-20", publicSummary: "已责令整改并复查" });
    const open = await app.request("/api/v1/supervision/rounds");
    expect(open.status).toBe(200);
    const body = (await open.json()) as { items: { code: string }[] };
    expect(body.items.map((r) => r.code)).toEqual(["CI-2-2026"]);
    for (const text of [JSON.stringify(round), JSON.stringify(rounds), JSON.stringify(body)]) {
      expect(text).not.toMatch(/张副区长|填报|刘督察|王局长|赵某|夜间异味|缺少验收照片|"id"|userId|phone/);
    }
    expect((await app.request("/api/v1/supervision/rounds?code=CI-2-PLAN")).status).toBe(200);
    expect(((await (await app.request("/api/v1/supervision/rounds?code=NOPE")).json()) as { items: unknown[] }).items).toEqual([]);
    expect((await expectError(client.supervisionTasks.public.round.query({ code: "WP-2026" }))).status).toBe(404);
    const spec = (await (await app.request("/api/v1/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toContain("/api/v1/supervision/rounds");
  });

  it("lets an administrator enter next year's holidays, recomputing provisional deadlines", async () => {
    const staff = await as("supervision");
    const units = await staff.client.org.units.query();
    const created = await staff.client.supervisionTasks.create.mutate({
      sourceId: workPlanId,
      code: "WP-1",
      title: "年底前完成排污许可证核发",
      leadUnitId: units.find((u) => u.code === "U-DEP-TRA")!.id,
      deadline: { kind: "period", start: "2026-12-20", amount: 20, unit: "working" },
    });
    task.set("WP-1", created.id);
    expect(created).toMatchObject({ dueOn: "2027-01-15", provisional: true });
    const admin = await as("admin");
    expect((await admin.client.calendar.years.query()).missing).toEqual([2027]);
    const year = { year: 2027, restDays: [{ date: "2027-01-01", name: { zh: "元旦", en: "New Year's Day" } }], workingDays: [] };
    expect((await expectError(staff.client.calendar.setYear.mutate(year))).status).toBe(403);
    const bad = await expectError(admin.client.calendar.setYear.mutate({ ...year, workingDays: ["2027-01-05"] }));
    expect(bad.details.fieldErrors[0]).toMatchObject({ path: "workingDays.0", rule: "working_day_on_weekend" });
    // WP-1's due date moves; M29 and M30's 2026-12-31 milestones stop being provisional (the 2027 notice could have
    // reached back into late December).
    expect(await admin.client.calendar.setYear.mutate(year)).toMatchObject({ year: 2027, recomputed: { supervisionTasks: 3 } });
    expect((await staff.client.supervisionTasks.get.query({ id: created.id })).task).toMatchObject({ dueOn: "2027-01-18", provisional: false });
    expect((await admin.client.audit.list.query({ entityType: "holiday_year", entityId: "2027" })).items[0]).toMatchObject({ action: "calendar.year.create" });
    expect(await staff.client.calendar.deadline.query({ start: "2026-12-20", amount: 20, unit: "working" })).toEqual({ due: "2027-01-18", provisional: false });
  });
});

describe("scope: a unit reporter cannot see or change another unit's tasks", () => {
  // M03 is led by the water bureau alone; the agriculture bureau is only a co-unit of M01.
  const other = () => task.get("M03")!;

  it("reads: list, get, board, figures, sources, export, attachments", async () => {
    const agri = await as("reporter-agri");
    const list = await agri.client.supervisionTasks.list.query({ limit: 500 });
    expect(list.items.every((t) => t.leadUnit.name === "区农业农村局" || t.coUnits.some((u) => u.name === "区农业农村局"))).toBe(true);
    expect(list.items.map((t) => t.code)).toContain("M01");
    expect(list.items.map((t) => t.code)).not.toContain("M03");
    expect(list.total).toBe(18); // 15 measures led + M01 co-handled + 2 cases
    expect(await expectError(agri.client.supervisionTasks.get.query({ id: other() }))).toMatchObject({ status: 404, code: "SUPERVISION_TASK_NOT_FOUND" });
    const board = await agri.client.supervisionTasks.board.query();
    expect([...board.overdue, ...board.dueSoon, ...board.awaitingSignOff, ...board.reopened].map((t) => t.leadUnit.name)).not.toContain("区水务局");
    expect(board.pendingReviews).toEqual([]);
    expect((await agri.client.supervisionTasks.figures.query({ sourceId: planId })).total).toBe(16);
    const sources = await agri.client.supervisionTasks.sources.list.query();
    expect(sources.map((s) => s.code)).toEqual(["CI-2-2026", "CI-2-PLAN"]);
    expect((await expectError(agri.client.supervisionTasks.sources.get.query({ id: workPlanId }))).status).toBe(404);
    const exported = await get(agri, `/api/attachments/supervision-tasks/export?sourceId=${planId}`);
    const rows = [];
    for await (const r of readTable(Readable.from(Buffer.from(await exported.arrayBuffer())), { format: "xlsx" })) rows.push(r.values["编号"]);
    expect(rows).toHaveLength(16);
    expect(rows).not.toContain("M03");
    expect((await get(agri, `/api/attachments/${waterPhoto}`)).status).toBe(200); // on M01, which agri co-handles
    const transport = await as("reporter-transport");
    expect((await get(transport, `/api/attachments/${waterPhoto}`)).status).toBe(404);
    expect((await transport.client.supervisionTasks.list.query({})).items.map((t) => t.code)).toEqual(["WP-1"]);
    expect((await transport.client.supervisionTasks.sources.list.query()).map((s) => s.code)).toEqual(["WP-2026"]);
    expect((await transport.client.supervisionTasks.figures.query({})).total).toBe(1);
    expect((await expectError(transport.client.supervisionTasks.sources.get.query({ id: planId }))).status).toBe(404);
  });

  it("writes: reports, extensions and uploads on another unit's task read as missing", async () => {
    const agri = await as("reporter-agri");
    const before = await createRepositories(handle.db).supervisionTasks.findFacts({ kind: "all" }, other());
    expect(await expectError(agri.client.supervisionTasks.submitReport.mutate({ taskId: other(), body: "越权填报" }))).toMatchObject({ status: 404, code: "SUPERVISION_TASK_NOT_FOUND" });
    expect(await expectError(agri.client.supervisionTasks.submitReport.mutate({ taskId: task.get("M01")!, body: "替水务局填报", unitId: (before!.units[0]!).id }))).toMatchObject({ status: 403, code: "SUPERVISION_NOT_YOUR_UNIT" });
    expect(await expectError(agri.client.supervisionTasks.requestExtension.mutate({ taskId: other(), reason: "x", requestedDueOn: "2026-08-30" }))).toMatchObject({ status: 404 });
    const upload = await post(agri, "", { file: { name: "a.png", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]) }, taskId: other() });
    expect(upload).toMatchObject({ status: 404, body: { error: { code: "SUPERVISION_TASK_NOT_FOUND" } } });
    const after = await createRepositories(handle.db).supervisionTasks.findFacts({ kind: "all" }, other());
    expect(after).toEqual(before);
  });

  it("manager and leader procedures are refused outright", async () => {
    const agri = await as("reporter-agri");
    const c = agri.client.supervisionTasks;
    const units = await agri.client.org.units.query();
    const refused = [
      () => c.create.mutate({ sourceId: planId, code: "X1", title: "x", leadUnitId: units[0]!.id, deadline: { kind: "date", date: "2026-09-30" } }),
      () => c.update.mutate({ id: other(), code: "M03", title: "改", leadUnitId: units[0]!.id, deadline: { kind: "date", date: "2026-09-30" } }),
      () => c.reviewReport.mutate({ reportId: waterReportM01, decision: "returned", reason: "x" }),
      () => c.decideExtension.mutate({ extensionId: waterExtensionM15, approve: false }),
      () => c.signOff.mutate({ taskId: other(), note: "x" }),
      () => c.reopen.mutate({ taskId: task.get("M13")!, reason: "x" }),
      () => c.recordCaseOutcome.mutate({ taskId: task.get("D-001")!, outcome: "pending" }),
      () => c.sources.create.mutate({ kind: "work_plan", code: "AGRI", title: "x" }),
      () => c.sources.update.mutate({ id: planId, title: "改", disclosed: false, dueSoonWorkingDays: 1, escalateAfterWorkingDays: 1 }),
      () => c.sources.upsertProblem.mutate({ sourceId: roundId, code: "9", title: "x" }),
      () => agri.client.calendar.setYear.mutate({ year: 2028, restDays: [{ date: "2028-01-01", name: { zh: "元旦", en: "New Year's Day" } }], workingDays: [] }),
    ];
    // Thunks: each call starts only when awaited, so no rejection goes unhandled.
    for (const call of refused) expect((await expectError(call())).status).toBe(403);
    expect((await post(agri, "/supervision-tasks/import", { file: { name: "x.xlsx", bytes: await xlsx(MEASURE_HEADERS, MEASURES) }, sourceId: planId })).status).toBe(403);
    const m03 = await createRepositories(handle.db).supervisionTasks.findFacts({ kind: "all" }, other());
    expect(m03!.task.title).toBe("整改措施 M03");
  });

  it("saved views and notifications are the actor's own", async () => {
    const agri = await as("reporter-agri");
    expect(await expectError(agri.client.supervisionTasks.views.delete.mutate({ id: waterViewId }))).toMatchObject({ status: 404, code: "SUPERVISION_VIEW_NOT_FOUND" });
    expect(await expectError(agri.client.supervisionTasks.views.save.mutate({ id: waterViewId, name: "抢", filters: {} }))).toMatchObject({ status: 404 });
    expect((await agri.client.supervisionTasks.views.list.query()).map((v) => v.name)).toEqual([]);
    const water = await as("reporter-water");
    const waterNotes = await water.client.supervisionTasks.notifications.list.query({ limit: 100 });
    const agriNotes = await agri.client.supervisionTasks.notifications.list.query({ limit: 100 });
    expect(agriNotes.items.some((n) => waterNotes.items.some((w) => w.id === n.id))).toBe(false);
    expect(await agri.client.supervisionTasks.notifications.markRead.mutate({ ids: waterNotes.items.map((n) => n.id) })).toEqual({ updated: 0 });
    expect((await water.client.supervisionTasks.views.list.query()).map((v) => v.id)).toEqual([waterViewId]);
  });

  it("town officers see only the tasks of their town's units; anonymous callers nothing", async () => {
    const officer = await as("officer-chengguan");
    expect((await officer.client.supervisionTasks.list.query({})).total).toBe(0);
    expect(await expectError(officer.client.supervisionTasks.get.query({ id: other() }))).toMatchObject({ status: 404 });
    expect((await expectError(officer.client.supervisionTasks.submitReport.mutate({ taskId: other(), body: "x" }))).status).toBe(403);
    const staff = await as("supervision");
    const units = await staff.client.org.units.query();
    const town = await staff.client.supervisionTasks.create.mutate({ sourceId: workPlanId, code: "WP-2", title: "城关河道保洁", leadUnitId: units.find((u) => u.code === "U-GOV-QY01-01")!.id, deadline: { kind: "date", date: "2026-09-30" } });
    expect((await officer.client.supervisionTasks.list.query({})).items.map((t) => t.id)).toEqual([town.id]);
    expect((await (await as("officer-qingshi")).client.supervisionTasks.list.query({})).total).toBe(0);
    const anonymous = createHttpClient(app).client;
    for (const call of [() => anonymous.supervisionTasks.list.query({}), () => anonymous.supervisionTasks.board.query(), () => anonymous.supervisionTasks.figures.query({}), () => anonymous.calendar.years.query()]) {
      expect((await expectError(call())).status).toBe(401);
    }
    expect((await get(null, `/api/attachments/${waterPhoto}`)).status).toBe(401);
    expect((await get(null, `/api/attachments/supervision-tasks/export`)).status).toBe(401);
  });
});
