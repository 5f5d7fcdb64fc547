import { mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchBrowser, startPlatform } from "@ecogov/e2e-kit";
import type { Browser, BrowserContextOptions, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Supervision tasks in a real browser against the real API (built app, demo users, throwaway database; no demo
 * supervision data, so the test enters its own): supervision staff enter a round and its plan and import the
 * measures list (a bad file first), the admin enters next year's holidays and sees a provisional deadline become
 * firm, the leader's board shows the three warnings, a unit reporter on a phone reports with a photo, supervision
 * returns it with a reason, the reporter resubmits, supervision accepts, the leader signs off; another unit's
 * reporter cannot see the task; a filtered list is exported to .xlsx and imports again unchanged.
 * Run `pnpm --filter @ecogov/admin build` first. Screenshots go to $E2E_SCREENSHOTS or a temp folder.
 */
const PASSWORD = "ecogov-demo-2026";
const SHOTS = process.env.E2E_SCREENSHOTS ?? join(tmpdir(), "ecogov-admin-e2e");
const LAPTOP: BrowserContextOptions = { viewport: { width: 1366, height: 900 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" };
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "zh-CN", timezoneId: "Asia/Shanghai" };

// A 1×1 PNG: the "photo from the site" a reporter attaches.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

// Dates relative to the day the test runs (China Standard Time), so the statuses come out the same any day.
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

// A01's deadline: calendar days to mid-March of next year, a year whose holiday notice the platform does not ship.
const nextMarch = `${Number(today.slice(0, 4)) + 1}-03-15`;
const daysToNextMarch = Math.round((Date.parse(`${nextMarch}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);

const HEADER = "编号,问题编号,反馈问题,整改措施,整改目标,牵头单位,配合单位,责任领导,整改时限,开始日期,是否公开";
const ROWS = [
  // Agriculture leads A01 (due next March: provisional until next year's holidays are entered) and A02.
  `A01,1,反馈问题1：畜禽养殖污染,规范畜禽养殖场粪污处理,粪污综合利用率达到90%以上,区农业农村局,,张副区长,${daysToNextMarch}日,${today},是`,
  `A02,1,反馈问题1：畜禽养殖污染,关停禁养区内养殖场,禁养区养殖场全部关停,区农业农村局,区水务局,张副区长,${addDays(today, -3)},${addDays(today, -33)},是`,
  `A03,2,反馈问题2：城中村污水直排,建成城中村污水管网,管网覆盖率100%,区住房和城乡建设局,,李副区长,${addDays(today, -30)},${addDays(today, -60)},是`,
  `W01,2,反馈问题2：城中村污水直排,封堵入河排污口,直排口全部封堵,区水务局,,李副区长,3个工作日,${today},是`,
];
const BAD_ROW = `X01,3,反馈问题3：建筑工地扬尘,治理扬尘,,区环保局,,,下个月,${today},是`;
const csv = (rows: string[]) => Buffer.from(`${[HEADER, ...rows].join("\r\n")}\r\n`, "utf8");

let platform: Awaited<ReturnType<typeof startPlatform>> | undefined;
let browser: Browser | undefined;
const consoleErrors: string[] = [];
const pages = new Map<string, Page>();
let a01Url = "";

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  platform = await startPlatform({ indicators: false });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const url = (path: string) => `${platform!.baseUrl}/admin${path}`;

/** One logged-in browser per user (their own cookies), on a laptop unless told otherwise. */
async function as(username: string, options: BrowserContextOptions = LAPTOP): Promise<Page> {
  const existing = pages.get(username);
  if (existing) return existing;
  const context = await browser!.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(`${username}: ${m.text()}`);
  });
  page.on("pageerror", (e) => consoleErrors.push(`${username}: pageerror: ${e.message}`));
  await page.goto(url("/login"));
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL(url("/"));
  pages.set(username, page);
  return page;
}

/** The error text BaseField shows for the control (linked by aria-describedby). */
async function fieldError(page: Page, control: Locator): Promise<string | null> {
  const ids = ((await control.getAttribute("aria-describedby")) ?? "").split(" ");
  const errorId = ids.find((id) => id.endsWith("-error"));
  return errorId ? page.locator(`[id="${errorId}"]`).innerText() : null;
}

const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: join(SHOTS, `supervision-${name}.png`), fullPage });

describe("supervision tasks", () => {
  it("supervision staff enter an inspection round and its rectification plan", async () => {
    const page = await as("supervision");
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: /督察整改/ }).click();
    await page.getByRole("heading", { level: 1, name: "督察整改" }).waitFor();
    expect(await page.getByTestId("sources-table").innerText()).toContain("尚未录入督察轮次或方案");

    await page.getByRole("link", { name: "新建来源" }).click();
    const form = page.getByTestId("source-form");
    await form.locator('[name="kind"]').selectOption("inspection_round");
    await form.locator('[name="level"]').selectOption("provincial");
    await form.locator('[name="code"]').fill("E2E-R1");
    await form.locator('[name="title"]').fill("第三轮省级生态环境保护督察");
    await form.locator('[name="issuedOn"]').fill(addDays(today, -90));
    await form.locator('[name="disclosed"]').check();
    await shot(page, "source-form-zh");
    await form.getByRole("button", { name: "创建" }).click();
    await page.getByRole("heading", { level: 1, name: "E2E-R1 第三轮省级生态环境保护督察" }).waitFor();
    await page.getByText("已创建“第三轮省级生态环境保护督察”").waitFor();

    // A plan needs its round: the rule's own words, at the field.
    await page.goto(url("/supervision-tasks/sources/new"));
    await form.locator('[name="kind"]').selectOption("rectification_plan");
    await form.locator('[name="code"]').fill("E2E-P1");
    await form.locator('[name="title"]').fill("青山区贯彻落实省级督察反馈意见整改方案");
    await form.getByRole("button", { name: "创建" }).click();
    await expect.poll(() => fieldError(page, form.locator('[name="parentId"]'))).toBe("整改方案须指定所属督察轮次，其他来源不得指定");
    await form.locator('[name="parentId"]').selectOption({ label: "E2E-R1 第三轮省级生态环境保护督察" });
    await form.getByRole("button", { name: "创建" }).click();
    await page.getByRole("heading", { level: 1, name: /E2E-P1/ }).waitFor();
    expect(await page.locator("main").innerText()).toContain("所属督察轮次：");
  });

  it("refuses a measures list with a bad row, naming the row and why, then imports the corrected list", async () => {
    const page = await as("supervision");
    await page.getByRole("link", { name: "导入清单" }).first().click();
    await page.getByRole("heading", { level: 1, name: "导入清单" }).waitFor();
    await expect.poll(() => page.locator('[name="sourceId"] option:checked').innerText()).toContain("E2E-P1");
    expect(await page.locator(".sv-import__cols").innerText()).toContain("整改时限");

    await page.locator('input[name="file"]').setInputFiles({ name: "整改措施清单.csv", mimeType: "text/csv", buffer: csv([...ROWS, BAD_ROW]) });
    await page.getByTestId("dry-run").click();
    const refused = page.getByTestId("import-refused");
    await refused.waitFor();
    expect(await refused.innerText()).toContain("没有写入任何数据");
    const rows = page.getByTestId("rejected-rows").locator("tbody tr");
    expect(await rows.count()).toBe(1);
    const row = await rows.first().innerText();
    expect(row).toContain("第 6 行");
    expect(row).toContain("单位“区环保局”不存在");
    expect(row).toContain("时限“下个月”无法识别");
    expect(row).toContain('Unit "区环保局" does not exist');
    expect(await page.getByTestId("do-import").count()).toBe(0);
    await shot(page, "import-rejected-zh");

    await page.locator('input[name="file"]').setInputFiles({ name: "整改措施清单.csv", mimeType: "text/csv", buffer: csv(ROWS) });
    await page.getByTestId("dry-run").click();
    await page.getByTestId("import-ok").waitFor();
    expect(await page.getByTestId("import-inserted").innerText()).toContain("4");
    expect(await page.getByTestId("import-problemsCreated").innerText()).toContain("2");
    await page.getByTestId("do-import").click();
    await page.getByText("已导入：整改措施清单.csv").waitFor();

    await page.getByRole("link", { name: /查看“青山区贯彻落实/ }).click();
    const tasks = page.getByTestId("tasks-table");
    await expect.poll(() => tasks.locator("tbody tr").count()).toBe(4);
    expect(await page.getByTestId("figure-total").innerText()).toBe("4");
    expect(await page.getByTestId("figure-sentences").innerText()).toContain("针对2个反馈问题制定整改措施4项，已完成整改任务0项");
    const overdue = await page.getByTestId("overdue-list").innerText();
    expect(overdue).toContain("A02");
    expect(overdue).toContain("A03");
    // The measure due next March depends on a year whose holidays are not entered yet.
    expect(await tasks.locator("tbody tr", { hasText: "A01" }).innerText()).toContain("期限待定");
    await shot(page, "source-zh");
  });

  it("the admin enters next year's holidays: each field is checked, and the provisional deadline becomes firm", async () => {
    const page = await as("admin");
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "节假日安排" }).click();
    await page.getByRole("heading", { level: 1, name: /节假日安排/ }).waitFor();
    const missing = await page.getByTestId("calendar-missing").last().innerText();
    const year = Number(/(\d{4}) 年的节假日安排尚未录入/.exec(missing)![1]);
    await page.locator('[name="year"]').selectOption(String(year));
    const saturday = (() => {
      for (let d = `${year}-02-13`; ; d = addDays(d, 1)) if (new Date(`${d}T00:00:00Z`).getUTCDay() === 6) return d;
    })();
    const [, sm, sd] = saturday.split("-").map(Number);
    await page.locator('textarea[name="notice"]').fill(
      [`一、元旦：1月1日至3日放假，共3天。`, `二、春节：2月6日至12日放假调休，共7天。${sm}月${sd}日（周六）上班。`, `三、国庆节：10月1日至7日放假调休，共7天。`].join("\n"),
    );
    await page.getByTestId("read-notice").click();
    await page.getByText("识别出 17 个放假日、1 个调休上班日").waitFor();

    // An adjusted working day on a weekday is refused at its row, in the rule's words.
    await page.getByRole("button", { name: "添加调休上班日" }).click();
    const extra = page.locator('input[name="workingDays.1"]');
    await extra.fill(`${year}-03-03`);
    const weekday = new Date(`${year}-03-03T00:00:00Z`).getUTCDay();
    await page.getByTestId("save-year").click();
    if (weekday !== 0 && weekday !== 6) await expect.poll(() => fieldError(page, extra)).toBe(`调休上班日 ${year}-03-03 应为周六或周日`);
    await page.getByTestId("working-day").nth(1).getByRole("button", { name: "删除" }).click();
    await page.getByTestId("save-year").click();

    const result = page.getByTestId("calendar-result");
    await result.waitFor();
    expect(await result.innerText()).toContain(`${year} 年全年`);
    expect(await page.getByTestId("firmed-tasks").innerText()).toContain("A01");
    expect(await page.getByTestId("calendar-years").innerText()).toContain("管理员录入");
    await shot(page, "calendar-zh");
  });

  it("the leader's board shows overdue (yellow, red) and due-soon (blue) tasks, in words as well as colour", async () => {
    const page = await as("leader");
    await page.goto(url("/supervision-tasks/board"));
    await page.getByRole("heading", { level: 1, name: "督办看板" }).waitFor();
    const overdue = page.getByTestId("board-overdue").locator(".sv-tasks__table tbody tr");
    await expect.poll(() => overdue.count()).toBe(2);
    // Longest overdue first: A03 (a month, escalated: red), then A02 (three days: yellow).
    expect(await overdue.nth(0).innerText()).toContain("A03");
    expect(await overdue.nth(0).locator("[data-warning]").getAttribute("data-warning")).toBe("red");
    expect(await overdue.nth(0).innerText()).toContain("红色预警");
    expect(await overdue.nth(1).innerText()).toContain("A02");
    expect(await overdue.nth(1).locator("[data-warning]").getAttribute("data-warning")).toBe("yellow");
    expect(await overdue.nth(1).innerText()).toContain("黄色预警");
    const dueSoon = page.getByTestId("board-due-soon").locator(".sv-tasks__table tbody tr");
    expect(await dueSoon.first().innerText()).toContain("W01");
    expect(await dueSoon.first().innerText()).toContain("蓝色预警");
    expect(await dueSoon.first().innerText()).toContain("即将到期");
    expect(await page.getByTestId("board-count-overdue").innerText()).toContain("2");
    await shot(page, "board-zh");

    await page.getByRole("group", { name: "界面语言" }).getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 1, name: "Leader's board" }).waitFor();
    expect(await overdue.nth(0).innerText()).toContain("Red");
    expect(await page.getByTestId("board-due-soon").innerText()).toContain("Due soon");
    await shot(page, "board-en");
    await page.getByRole("group", { name: "Interface language" }).getByRole("button", { name: "中文" }).click();
  });

  it("a unit reporter on a phone sees only their unit's tasks and reports progress with a photo", async () => {
    const page = await as("reporter-agri", PHONE);
    await page.goto(url("/supervision-tasks/tasks"));
    await page.getByRole("heading", { level: 1, name: "任务清单" }).waitFor();
    const cards = page.locator(".sv-tasks__cards .sv-card");
    await expect.poll(() => cards.count()).toBe(2);
    const codes = await cards.locator(".sv-card__code").allInnerTexts();
    expect(codes.sort()).toEqual(["A01", "A02"]);
    expect(await page.locator(".sv-tasks__table").isVisible()).toBe(false);
    await shot(page, "reporter-list-phone-zh");

    await cards.filter({ hasText: "A01" }).getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: /A01/ }).waitFor();
    a01Url = page.url();
    expect(await page.getByTestId("task-state").innerText()).toContain("未启动");
    await shot(page, "task-phone-top-zh", false);
    // A reporter gets no reviewing, sign-off or editing.
    expect(await page.getByRole("button", { name: "验收销号" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "编辑" }).count()).toBe(0);

    await page.getByTestId("start-report").click();
    const form = page.getByTestId("report-form");
    await form.locator('[name="body"]').fill("已完成全部 12 家规模养殖场粪污处理设施改造，粪污综合利用率达到 92%。");
    await form.locator('input[name="attachments"]').setInputFiles({ name: "现场照片.png", mimeType: "image/png", buffer: PNG });
    await form.locator('[data-state="done"]').waitFor();
    await form.locator('[name="claimsCompletion"]').check();
    await shot(page, "report-form-phone-zh");
    await form.getByRole("button", { name: "提交报告" }).click();
    await page.getByTestId("notice").filter({ hasText: "报告已提交" }).waitFor();
    expect(await page.getByTestId("report").first().innerText()).toContain("现场照片.png");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, "report-sent-phone-zh");
  });

  it("supervision returns the report with a reason (required) and the reporter is told", async () => {
    const page = await as("supervision");
    await page.goto(a01Url);
    const report = page.getByTestId("report").first();
    await report.getByTestId("start-return").click();
    await report.getByTestId("confirm-return").click();
    await expect.poll(() => fieldError(page, report.locator('[name="reason"]'))).toBe("退回时须说明理由");
    await report.locator('[name="reason"]').fill("照片未反映整改后现场，请补充设施运行照片");
    await report.getByTestId("confirm-return").click();
    await expect.poll(() => report.getByTestId("review-state").innerText()).toContain("已退回");

    const reporter = await as("reporter-agri", PHONE);
    await reporter.reload();
    // The returned report is waiting among the reporter's reminders.
    await expect.poll(async () => Number(await reporter.getByTestId("notification-count").innerText())).toBeGreaterThanOrEqual(1);
    await reporter.getByTestId("notification-bell").click();
    await reporter.getByTestId("notifications").getByRole("button", { name: /进展报告被退回：A01/ }).click();
    await reporter.getByRole("heading", { level: 1, name: /A01/ }).waitFor();
    expect(await reporter.getByTestId("return-reason").innerText()).toContain("照片未反映整改后现场");
  });

  it("the reporter resubmits, supervision accepts, and the leader signs the task off", async () => {
    const reporter = await as("reporter-agri", PHONE);
    await reporter.getByTestId("resubmit").click();
    const form = reporter.getByTestId("report-form");
    expect(await form.locator('[name="body"]').inputValue()).toContain("粪污综合利用率达到 92%");
    await form.locator('[name="body"]').fill("已完成全部 12 家规模养殖场粪污处理设施改造并正常运行，粪污综合利用率达到 92%，补充设施运行照片。");
    await form.locator('input[name="attachments"]').setInputFiles({ name: "设施运行照片.png", mimeType: "image/png", buffer: PNG });
    await form.locator('[data-state="done"]').waitFor();
    await form.getByRole("button", { name: "重新提交" }).click();
    await reporter.getByTestId("notice").filter({ hasText: "已重新提交" }).waitFor();

    const staff = await as("supervision");
    await staff.reload();
    const pending = staff.getByTestId("report").first();
    expect(await pending.innerText()).toContain("退回后重报");
    await pending.getByTestId("accept-report").click();
    await expect.poll(() => staff.getByTestId("task-state").innerText()).toContain("已完成待销号");

    const leader = await as("leader");
    await leader.goto(a01Url);
    const signOff = leader.getByTestId("signoff-form");
    await signOff.locator('[name="note"]').fill("经现场核查，整改措施已落实到位，同意销号");
    await signOff.getByRole("button", { name: "验收销号" }).click();
    await expect.poll(() => leader.getByTestId("task-state").innerText()).toContain("已销号");
    const timeline = await leader.getByTestId("timeline").innerText();
    for (const step of ["创建任务", "提交报告", "报告退回", "审核通过", "验收销号"]) expect(timeline).toContain(step);
    await shot(leader, "task-closed-zh");
  });

  it("another unit's reporter cannot see the task, in the list or by its address", async () => {
    const page = await as("reporter-water", PHONE);
    await page.goto(url("/supervision-tasks/tasks"));
    const cards = page.locator(".sv-tasks__cards .sv-card");
    await expect.poll(() => cards.count()).toBe(2);
    expect((await cards.locator(".sv-card__code").allInnerTexts()).sort()).toEqual(["A02", "W01"]);
    await page.goto(a01Url);
    await page.getByTestId("task-not-found").waitFor();
    expect(await page.locator("main").innerText()).not.toContain("粪污处理");
  });

  it("exports a filtered list to .xlsx, saves the filter as a view, and the exported file imports again unchanged", async () => {
    const page = await as("supervision");
    await page.goto(url("/supervision-tasks/tasks"));
    await page.locator('.sv-chip[data-status="due_soon"]').click();
    await page.waitForURL(/status=due_soon/);
    await expect.poll(() => page.getByTestId("list-count").innerText()).toContain("共 1 项");
    await shot(page, "list-zh");

    await page.getByTestId("save-view").click();
    await page.locator('[name="viewName"]').fill("临期任务");
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.getByText("已保存视图“临期任务”").waitFor();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export").click()]);
    expect(download.suggestedFilename()).toMatch(/^督察整改任务清单-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const xlsx = readFileSync((await download.path())!);
    expect(xlsx.subarray(0, 2).toString()).toBe("PK");

    await page.goto(url("/supervision-tasks/import"));
    const plan = page.locator('[name="sourceId"] option', { hasText: "E2E-P1" });
    await plan.waitFor({ state: "attached" });
    await page.locator('[name="sourceId"]').selectOption((await plan.getAttribute("value"))!);
    await page.locator('input[name="file"]').setInputFiles({ name: download.suggestedFilename(), mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: xlsx });
    await page.getByTestId("dry-run").click();
    await page.getByTestId("import-ok").waitFor();
    expect(await page.getByTestId("import-unchanged").innerText()).toContain("1");
    expect(await page.getByTestId("import-inserted").innerText()).toContain("0");
  });

  it("reads in English on a laptop and on a phone", async () => {
    const staff = await as("supervision");
    await staff.goto(url("/supervision-tasks"));
    await staff.getByRole("heading", { level: 1, name: "督察整改" }).waitFor();
    await staff.getByTestId("figure-sentences").waitFor();
    await shot(staff, "home-zh");
    await staff.getByRole("group", { name: "界面语言" }).getByRole("button", { name: "English" }).click();
    await staff.getByRole("heading", { level: 1, name: "Supervision tasks" }).waitFor();
    expect(await staff.getByTestId("figure-sentences").innerText()).toContain("For 2 feedback problems, 4 rectification measures: 1 completed");
    await shot(staff, "home-en");
    await staff.goto(a01Url);
    await staff.getByRole("heading", { level: 2, name: "Timeline" }).waitFor();
    expect(await staff.getByTestId("task-state").innerText()).toContain("Closed");
    await shot(staff, "task-en");
    await staff.goto(url("/supervision-tasks/import"));
    await staff.getByRole("heading", { level: 1, name: "Import a list" }).waitFor();
    await shot(staff, "import-en");
    await staff.getByRole("group", { name: "Interface language" }).getByRole("button", { name: "中文" }).click();

    const reporter = await as("reporter-agri", PHONE);
    await reporter.getByRole("group", { name: "界面语言" }).getByRole("button", { name: "English" }).click();
    await reporter.goto(url("/supervision-tasks/tasks"));
    await reporter.getByRole("heading", { level: 1, name: "Task list" }).waitFor();
    await shot(reporter, "reporter-list-phone-en");
    await reporter.goto(a01Url);
    await reporter.getByRole("heading", { level: 2, name: "Progress reports" }).waitFor();
    expect(await reporter.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(reporter, "task-phone-en");
    await reporter.goto(url("/supervision-tasks/notifications"));
    await reporter.getByRole("heading", { level: 1, name: "My reminders" }).waitFor();
    await shot(reporter, "notifications-phone-en");
  });

  it("the lead unit asks for an extension before the deadline, the leader approves, and the original stays on record", async () => {
    const reporter = await as("reporter-water", PHONE);
    await reporter.goto(url("/supervision-tasks/tasks"));
    await reporter.locator(".sv-tasks__cards .sv-card", { hasText: "W01" }).getByRole("link").click();
    await reporter.getByRole("heading", { level: 1, name: /W01/ }).waitFor();
    const w01Url = reporter.url();
    const originalDue = (await reporter.getByTestId("task-state").locator("time").innerText()).trim();
    const later = addDays(originalDue, 14);
    await reporter.getByTestId("ask-extension").click();
    const form = reporter.getByTestId("extension-form");
    await form.getByRole("button", { name: "提交申请" }).click();
    await expect.poll(() => fieldError(reporter, form.locator('[name="reason"]'))).toBe("字段 “延期理由” 为必填项");
    await form.locator('[name="requestedDueOn"]').fill(later);
    await form.locator('[name="reason"]').fill("汛期施工受限，需待水位下降后封堵");
    await form.getByRole("button", { name: "提交申请" }).click();
    await reporter.getByTestId("notice").filter({ hasText: "延期申请已提交" }).waitFor();

    const leader = await as("leader");
    await leader.goto(w01Url);
    const decide = leader.getByTestId("decide-extension");
    await decide.locator('[name="note"]').fill("同意，须在新期限前完成");
    await decide.getByRole("button", { name: "同意延期" }).click();
    await leader.getByTestId("notice").filter({ hasText: "已同意延期" }).waitFor();
    const state = await leader.getByTestId("task-state").innerText();
    expect(state).toContain(later);
    expect(state).toContain(`原定 ${originalDue}`);
    expect(await leader.getByTestId("extensions").innerText()).toContain("已同意");
  });

  it("supervision reopens a closed task whose problem rebounded, with the reason kept", async () => {
    const page = await as("supervision");
    await page.goto(a01Url);
    await page.getByTestId("start-reopen").click();
    const form = page.getByTestId("reopen-form");
    await form.locator('[name="reason"]').fill("群众再次投诉养殖场粪污外溢，复查属实");
    await form.locator('[name="newDueOn"]').fill(addDays(today, 30));
    await form.getByRole("button", { name: "重新打开任务" }).click();
    await expect.poll(() => page.getByTestId("task-state").innerText()).toContain("反弹");
    expect(await page.getByTestId("task-state").locator("[data-warning]").getAttribute("data-warning")).toBe("red");
    expect(await page.getByTestId("timeline").innerText()).toContain("群众再次投诉养殖场粪污外溢");
  });

  it("supervision enters a task and an assigned case by hand, and records the case's outcome", async () => {
    const page = await as("supervision");
    await page.goto(url("/supervision-tasks/tasks/new"));
    const form = page.getByTestId("task-form");
    const plan = form.locator('[name="sourceId"] option', { hasText: "E2E-P1" });
    await plan.waitFor({ state: "attached" });
    await form.locator('[name="sourceId"]').selectOption((await plan.getAttribute("value"))!);
    await form.locator('[name="code"]').fill("T01");
    await form.locator('[name="title"]').fill("开展交通工地扬尘专项整治");
    await form.getByRole("button", { name: "创建任务" }).click();
    await expect.poll(() => fieldError(page, form.locator('[name="leadUnitId"]'))).toBe("字段 “牵头单位” 为必填项");
    await form.locator('[name="leadUnitId"]').selectOption({ label: "区交通运输局" });
    await form.getByLabel("期限天数").check();
    await form.locator('[name="deadlineStart"]').fill(today);
    await form.locator('[name="deadlineAmount"]').fill("30");
    await expect.poll(() => form.getByTestId("deadline-preview").innerText()).toMatch(/^到期日：\d{4}-\d{2}-\d{2}/);
    await shot(page, "task-form-zh");
    await form.getByRole("button", { name: "创建任务" }).click();
    await page.getByRole("heading", { level: 1, name: /T01/ }).waitFor();
    expect(await page.locator("main").innerText()).toContain(`自 ${today} 起 30 个工作日`);

    await page.goto(url("/supervision-tasks/tasks/new"));
    const round = form.locator('[name="sourceId"] option', { hasText: "E2E-R1" });
    await round.waitFor({ state: "attached" });
    await form.locator('[name="sourceId"]').selectOption((await round.getAttribute("value"))!);
    await form.locator('[name="code"]').fill("J-001");
    await form.locator('[name="receivedOn"]').fill(addDays(today, -20));
    await form.locator('[name="category"]').selectOption("water");
    await form.locator('[name="subject"]').fill("某建材厂");
    await form.locator('[name="complaint"]').fill("反映某建材厂夜间排放废水");
    await form.locator('[name="leadUnitId"]').selectOption({ label: "区水务局" });
    await form.locator('[name="deadlineDate"]').fill(addDays(today, 10));
    await form.getByRole("button", { name: "创建任务" }).click();
    await page.getByRole("heading", { level: 1, name: /J-001/ }).waitFor();

    await page.getByTestId("edit-outcome").click();
    const outcome = page.getByTestId("case-outcome-form");
    await outcome.locator('[name="outcome"]').selectOption("completed");
    await outcome.getByRole("button", { name: "保存办理结果" }).click();
    await expect.poll(() => fieldError(page, outcome.locator('[name="outcomeOn"]'))).toBe("办结或阶段性办结须填写办结日期");
    await outcome.locator('[name="outcomeOn"]').fill(today);
    await outcome.locator('[name="publicSummary"]').fill("已责令停止排放并完成整改");
    await outcome.getByRole("button", { name: "保存办理结果" }).click();
    await page.getByTestId("notice").filter({ hasText: "办理结果已保存" }).waitFor();
    expect(await page.getByTestId("task-state").innerText()).toContain("已完成待销号");
    await shot(page, "case-zh");
  });

  it("logged no unexpected errors in the browser console", () => {
    // Refused inputs answer 400, the other unit's task 404: Chromium reports those as failed loads.
    const unexpected = consoleErrors.filter((m) => !/Failed to load resource: the server responded with a status of (400|404)/.test(m));
    expect(unexpected).toEqual([]);
  });
});
