import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchBrowser, startPlatform } from "@ecogov/e2e-kit";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The admin app in a real browser against the real API (built app, demo data, throwaway database).
 * Run `pnpm --filter @ecogov/admin build` first. Screenshots go to $E2E_SCREENSHOTS or a temp folder.
 */
const PASSWORD = "ecogov-demo-2026";
const SHOTS = process.env.E2E_SCREENSHOTS ?? join(tmpdir(), "ecogov-admin-e2e");
const NEW_USER = `e2e.${Date.now().toString(36)}`;

let platform: Awaited<ReturnType<typeof startPlatform>> | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  platform = await startPlatform({ indicators: false });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(`pageerror: ${e.message}`));
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const url = (path: string) => `${platform!.baseUrl}/admin${path}`;

async function login(username: string, password: string) {
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
}

/** The error text BaseField shows for the control (linked by aria-describedby). */
async function fieldError(control: Locator): Promise<string | null> {
  const ids = ((await control.getAttribute("aria-describedby")) ?? "").split(" ");
  const errorId = ids.find((id) => id.endsWith("-error"));
  return errorId ? page.locator(`[id="${errorId}"]`).innerText() : null;
}

describe("admin app", () => {
  it("refuses a wrong password with a clear message, then logs in", async () => {
    await page.goto(url("/"));
    await page.waitForURL(/\/admin\/login/);
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    await expect.poll(() => page.title()).toContain("登录");

    await login("admin", "not-the-password-1");
    const error = page.getByTestId("login-error");
    await error.waitFor();
    expect(await error.innerText()).toBe("用户名或密码错误");
    expect(await page.getByRole("alert").count()).toBeGreaterThan(0);

    await login("admin", PASSWORD);
    await page.waitForURL(url("/"));
    await page.getByRole("heading", { level: 1, name: "工作台" }).waitFor();
  });

  it("shows the district, its 8 towns and the platform's state on the dashboard", async () => {
    expect(await page.getByTestId("district").innerText()).toContain("青山区");
    expect(await page.getByTestId("stat-towns").innerText()).toBe("8");
    const rows = page.getByTestId("towns-table").locator("tbody tr");
    expect(await rows.count()).toBe(8);
    const towns = await rows.allInnerTexts();
    expect(towns.join("\n")).toContain("城关街道");
    expect(towns.join("\n")).toContain("青石镇");
    expect(await page.getByTestId("current-user").innerText()).toContain("系统管理员");
    // The seven modules in PRODUCT.md's order, in the navigation.
    const nav = page.getByRole("navigation", { name: "主导航" });
    const moduleLinks = await nav.getByRole("link").allInnerTexts();
    expect(moduleLinks.map((t) => t.split("\n")[0]!.trim())).toEqual(
      expect.arrayContaining(["督察整改", "环境质量指标", "执法监管", "环评审批", "信访网格", "风险应急", "工作报告", "用户管理", "审计日志", "任务运行"]),
    );
    await page.getByRole("heading", { name: "最近审计事件" }).waitFor();
    await page.screenshot({ path: join(SHOTS, "dashboard-zh.png"), fullPage: true });
  });

  it("shows a module that is not built yet as coming, without data", async () => {
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: /执法监管/ }).click();
    await page.waitForURL(url("/enforcement"));
    await page.getByRole("heading", { level: 1, name: /执法监管/ }).waitFor();
    expect(await page.locator("main").innerText()).toContain("双随机抽查结果、行政处罚决定");
  });

  it("creates a user: a bad password is refused at its field in Chinese, then a valid one is saved", async () => {
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "用户管理" }).click();
    await page.getByRole("heading", { level: 1, name: "用户管理" }).waitFor();
    await page.getByTestId("users-table").locator("tbody tr", { hasText: "officer-qingshi" }).waitFor();
    expect(await page.getByTestId("users-table").locator("tbody tr").count()).toBeGreaterThanOrEqual(12);

    await page.getByRole("link", { name: "新建用户" }).click();
    await page.getByRole("heading", { level: 1, name: "新建用户" }).waitFor();
    const form = page.getByTestId("user-form");
    await form.locator('[name="username"]').fill(NEW_USER);
    await form.locator('[name="displayName"]').fill("测试员");
    await form.locator('[name="role"]').selectOption("town_officer");
    await form.locator('[name="townId"]').selectOption({ label: "青石镇" });
    const password = form.locator('[name="password"]');
    await password.fill("short");
    await form.getByRole("button", { name: "创建用户" }).click();
    await expect.poll(() => fieldError(password)).toBe("字段 “初始密码” 至少 10 个字符；密码须同时包含字母和数字");
    expect(await password.getAttribute("aria-invalid")).toBe("true");
    // Focus moves to the first invalid field.
    expect(await password.evaluate((el) => el === document.activeElement)).toBe(true);

    // A username that is taken: the API's field error lands at the username field.
    await form.locator('[name="username"]').fill("admin");
    await password.fill("greenwater2026");
    await form.getByRole("button", { name: "创建用户" }).click();
    await expect.poll(() => fieldError(form.locator('[name="username"]'))).toBe("用户名 admin 已被使用");
    expect(await fieldError(password)).toBeNull();

    await form.locator('[name="username"]').fill(NEW_USER);
    await form.getByRole("button", { name: "创建用户" }).click();
    await page.getByRole("heading", { level: 1, name: "用户管理" }).waitFor();
    await page.getByText(`已创建用户 测试员`).waitFor();
    const row = page.getByTestId("users-table").locator("tbody tr", { hasText: NEW_USER });
    expect(await row.innerText()).toContain("青石镇");
    expect(await row.innerText()).toContain("镇街环保员");
  });

  it("shows the user.create event in the audit trail, with its recorded state", async () => {
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "审计日志" }).click();
    await page.getByRole("heading", { level: 1, name: "审计日志" }).waitFor();
    await page.locator('select[name="action"]').selectOption("user.create");
    await page.getByRole("button", { name: "查询" }).click();
    const row = page.getByTestId("audit-table").locator("tbody tr", { hasText: "创建用户" }).first();
    await row.waitFor();
    expect(await row.innerText()).toContain("系统管理员 (admin)");
    await row.getByRole("button", { name: /展开/ }).click();
    const details = page.getByTestId("audit-table").locator(".base-table__details").first();
    const text = await details.innerText();
    expect(text).toContain(NEW_USER);
    expect(text).not.toContain("greenwater2026");
  });

  it("switches to English", async () => {
    await page.getByRole("group", { name: "界面语言" }).getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 1, name: "Audit trail" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    const nav = page.getByRole("navigation", { name: "Main navigation" });
    await nav.getByRole("link", { name: "Users" }).waitFor();
    await nav.getByRole("link", { name: "Job runs" }).waitFor();
    expect(await page.getByTestId("audit-table").locator("thead").innerText()).toContain("Actor");
    expect(await page.getByTestId("audit-table").locator("tbody").innerText()).toContain("User created");
    await expect.poll(() => page.title()).toContain("Audit trail");

    await nav.getByRole("link", { name: "Job runs" }).click();
    await page.getByRole("heading", { level: 1, name: "Job runs" }).waitFor();
    await nav.getByRole("link", { name: "Dashboard" }).click();
    await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
    await page.screenshot({ path: join(SHOTS, "dashboard-en.png"), fullPage: true });
  });

  it("logs out, and a town officer sees only their own town", async () => {
    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL(/\/admin\/login/);
    await page.getByRole("heading", { level: 1 }).waitFor();
    // The language choice survives the logout.
    expect(await page.locator('form button[type="submit"]').innerText()).toBe("Log in");

    await login("officer-chengguan", PASSWORD);
    await page.waitForURL(url("/"));
    await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
    const rows = page.getByTestId("towns-table").locator("tbody tr");
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain("城关街道");
    expect(await page.getByTestId("stat-towns").innerText()).toBe("1");
    expect(await page.locator("main").innerText()).not.toContain("青石镇");
    await expect.poll(() => page.getByTestId("current-user").innerText()).toContain("Chengguan Street");
    // No administration links, and the pages themselves are refused.
    const nav = page.getByRole("navigation", { name: "Main navigation" });
    expect(await nav.getByRole("link", { name: "Users" }).count()).toBe(0);
    expect(await nav.getByRole("link", { name: "Audit trail" }).count()).toBe(0);
    await page.goto(url("/users"));
    await page.getByRole("heading", { level: 1, name: "Not allowed" }).waitFor();

    // Back in Chinese for the screenshot a town officer would see.
    await page.getByRole("button", { name: "中文" }).click();
    await page.goto(url("/"));
    await page.getByRole("heading", { level: 1, name: "工作台" }).waitFor();
    await page.screenshot({ path: join(SHOTS, "dashboard-officer-zh.png"), fullPage: true });
  });

  it("collapses the navigation into a menu on a tablet", async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    const nav = page.getByRole("navigation", { name: "主导航" });
    expect(await nav.isVisible()).toBe(false);
    const menu = page.getByRole("button", { name: "菜单" });
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    await menu.click();
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    await nav.waitFor({ state: "visible" });
    await page.screenshot({ path: join(SHOTS, "tablet-menu-zh.png") });
    await page.keyboard.press("Escape");
    await nav.waitFor({ state: "hidden" });
  });

  it("logged no errors in the browser console", () => {
    // The wrong password (401) and the taken username (409) are answered with error statuses, which
    // Chromium reports as failed resource loads; nothing else may appear.
    const unexpected = consoleErrors.filter((m) => !/Failed to load resource: the server responded with a status of (401|409)/.test(m));
    expect(unexpected).toEqual([]);
  });
});
