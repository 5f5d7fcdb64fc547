import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { launchBrowser, startPlatform } from "@ecogov/e2e-kit";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The public portal in a real browser, on a phone-sized screen, against the real API serving the
 * built portal with demo data (run `pnpm --filter @ecogov/portal build` first).
 * Set PORTAL_SCREENSHOTS=<dir> to keep screenshots of each page.
 */
let platform: Awaited<ReturnType<typeof startPlatform>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const requested: string[] = [];
const problems: string[] = [];
const screenshotDir = process.env.PORTAL_SCREENSHOTS;

async function screenshot(name: string) {
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
  await page.screenshot({ path: join(screenshotDir, `${name}-first-screen.png`) });
}

beforeAll(async () => {
  platform = await startPlatform({ indicators: false });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "zh-CN" });
  page = await context.newPage();
  page.on("request", (r) => requested.push(r.url()));
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await platform?.stop();
});

describe("public portal on a phone", () => {
  it("shows the district and its towns and streets in Chinese, with landmarks", async () => {
    const api = (await (await fetch(`${platform.baseUrl}/api/v1/district`)).json()) as { towns: { name: string; nameEn: string }[] };
    expect(api.towns).toHaveLength(8);

    await page.goto(`${platform.baseUrl}/`);
    await page.getByRole("heading", { level: 1, name: "青山区" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    expect(await page.title()).toContain("青山区生态环境局");
    expect(await page.locator(".site-brand__name").textContent()).toBe("青山区生态环境局");

    const rows = page.locator("#towns tbody tr");
    await expect.poll(() => rows.count()).toBe(8);
    const names = await page.locator("#towns tbody th").allTextContents();
    expect(names.map((n) => n.trim())).toEqual(api.towns.map((t) => t.name));

    for (const role of ["banner", "navigation", "main", "contentinfo"] as const) {
      expect(await page.getByRole(role).count(), role).toBe(1);
    }
    expect(await page.getByRole("contentinfo").textContent()).toContain("举报人信息严格保密");

    await expect.poll(() => page.locator("#districts li").count()).toBe(6);
    await expect.poll(() => page.locator("#modules .module-card").count()).toBeGreaterThan(0);
    expect(await page.locator("#modules").textContent()).toContain("即将上线");

    // Nothing overflows the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // The skip link is the first stop and lands on the main content.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip-link");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    await screenshot("home-zh");
  });

  it("switches to English and remembers it", async () => {
    await page.getByRole("button", { name: "Switch to English" }).click();
    await page.getByRole("heading", { level: 1, name: "Qingshan District" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("#towns tbody th").first().textContent()).toBe("Chengguan Street");
    expect(await page.locator("#modules").textContent()).toContain("Coming");

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Qingshan District" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await screenshot("home-en");
  });

  it("opens the open-data page, downloads the towns CSV and follows the API docs link", async () => {
    await page.getByRole("navigation").getByRole("link", { name: "Open data" }).click();
    await page.getByRole("heading", { level: 1, name: "Open data" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/open-data");
    await expect.poll(() => page.locator(".endpoint").count()).toBeGreaterThanOrEqual(3);
    const hrefs = await page.locator(".endpoint a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs).toEqual(expect.arrayContaining(["/api/v1/district", "/api/v1/districts", "/api/v1/modules"]));
    await screenshot("open-data-en");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("towns-csv").click()]);
    expect(download.suggestedFilename()).toBe("QY01-towns.csv");
    const csv = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("code,name,nameEn,kind,population,areaKm2");
    expect(lines).toHaveLength(9);

    await page.getByTestId("api-docs-link").click();
    await page.waitForURL(`${platform.baseUrl}/api/docs`);
    await page.getByRole("heading", { level: 1 }).filter({ hasText: "开放数据接口" }).waitFor();
    await page.locator("#routes section").first().waitFor();
  });

  it("shows a clear error, naming the field, when a response does not match the schema", async () => {
    const errorPage = await context.newPage();
    errorPage.on("request", (r) => requested.push(r.url()));
    await errorPage.route("**/api/v1/district", async (route) => {
      const real = (await (await route.fetch()).json()) as { towns: Record<string, unknown>[] };
      real.towns[0]!.population = "many";
      await route.fulfill({ json: real });
    });
    await errorPage.addInitScript(() => localStorage.setItem("ecogov.portal.locale", "zh-CN"));
    await errorPage.goto(`${platform.baseUrl}/`);
    const alert = errorPage.locator("#towns [role=alert]");
    await alert.waitFor();
    expect(await alert.textContent()).toContain('字段 "towns.0.population" 类型应为 number');
    // The other sections still load.
    await expect.poll(() => errorPage.locator("#districts li").count()).toBe(6);
    if (screenshotDir) await errorPage.screenshot({ path: join(screenshotDir, "error-zh-first-screen.png") });
    await errorPage.close();
  });

  it("logged no script errors, CSP violations or warnings", () => {
    expect(problems).toEqual([]);
  });

  it("never asked any host but the platform", () => {
    const foreign = requested.filter((u) => /^(https?|wss?):/.test(u) && new URL(u).hostname !== "127.0.0.1");
    expect(foreign).toEqual([]);
    expect(requested.some((u) => u.startsWith(`${platform.baseUrl}/api/v1/district`))).toBe(true);
  });
});
