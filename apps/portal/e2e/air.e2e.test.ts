import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launchBrowser, startPlatform } from "@ecogov/e2e-kit";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The public air and water pages on a phone, against the real API with the demo city's monitoring data
 * (run `pnpm --filter @ecogov/portal build` first). Set PORTAL_SCREENSHOTS=<dir> to keep screenshots.
 */
let platform: Awaited<ReturnType<typeof startPlatform>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const requested: string[] = [];
const problems: string[] = [];
const screenshotDir = process.env.PORTAL_SCREENSHOTS;
const CATEGORIES = ["优", "良", "轻度污染", "中度污染", "重度污染", "严重污染"];

async function screenshot(name: string) {
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
  await page.screenshot({ path: join(screenshotDir, `${name}-first-screen.png`) });
}

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "zh-CN" });
  page = await context.newPage();
  page.setDefaultTimeout(30_000);
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

describe("air and water pages on a phone", () => {
  it("shows our district's stations with their AQI and category in words, on an offline map", async () => {
    await page.goto(`${platform.baseUrl}/`);
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "空气质量" }).click();
    await page.waitForURL(`${platform.baseUrl}/air`);
    await page.getByRole("heading", { level: 1, name: "空气质量" }).waitFor();
    await expect.poll(() => page.title()).toContain("空气质量");

    const cards = page.getByTestId("station-list").locator("li");
    await expect.poll(() => cards.count()).toBe(4);
    for (const card of await cards.all()) {
      const aqi = (await card.getByTestId("station-aqi").innerText()).trim();
      const category = (await card.getByTestId("station-category").innerText()).trim();
      if (/^(\d+|>500)$/.test(aqi)) expect(CATEGORIES.some((c) => category.startsWith(c)), category).toBe(true);
      else expect(category).toMatch(/数据|AQI/);
      expect(await card.innerText()).toMatch(/实况|审核|未收到数据/);
    }
    // At least one station reports this hour, with its colour and a category.
    const withAqi = await cards.getByTestId("station-aqi").allInnerTexts();
    expect(withAqi.some((t) => /^\d+$/.test(t.trim()))).toBe(true);

    const map = page.getByTestId("station-map");
    expect(await map.getAttribute("role")).toBe("img");
    expect(await map.locator("[data-code]").count()).toBe(4);
    expect(await page.getByTestId("status-note").innerText()).toContain("尚未审核");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot("air-zh");
  });

  it("lists the whole city's stations, and draws the 30 days, the 12 months and the year's rank", async () => {
    await page.getByTestId("scope-city").click();
    await expect.poll(() => page.getByTestId("station-list").locator("li").count()).toBeGreaterThan(4);
    await page.getByTestId("trend-chart").waitFor();
    expect(await page.getByTestId("trend-chart").locator("circle[data-date]").count()).toBeGreaterThan(20);
    await page.getByTestId("year-chart").waitFor();
    expect(await page.getByTestId("year-chart").locator("[data-month]").count()).toBe(12);
    expect(await page.getByTestId("period-ratio").innerText()).toMatch(/^\d{1,3}\.\d%$/);
    expect(await page.getByTestId("period-rank").innerText()).toMatch(/^第 \d 名$/);
    expect(await page.getByTestId("period-figures").innerText()).toContain("本平台计算");
    expect(await page.getByTestId("ranking").locator("tbody tr").count()).toBe(6);
    const api = await page.locator("#downloads .endpoint a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(api[0]).toBe("/api/v1/air/stations");
    await page.getByTestId("stations-csv").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot("air-city-zh");
  });

  it("shows the water sections with their class against the target", async () => {
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "水环境" }).click();
    await page.getByRole("heading", { level: 1, name: "水环境质量" }).waitFor();
    const sections = page.getByTestId("section-list").locator("> li");
    await expect.poll(() => sections.count()).toBeGreaterThan(0);
    for (const card of await sections.all()) {
      expect(await card.getByTestId("latest-class").innerText()).toMatch(/类/);
      expect(await card.innerText()).toContain("水质目标");
    }
    expect(await page.getByTestId("water-summary").innerText()).toMatch(/共 \d+ 个断面/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot("water-zh");
  });

  it("speaks English on both pages", async () => {
    await page.getByRole("button", { name: "Switch to English" }).click();
    await page.getByRole("heading", { level: 1, name: "Water quality" }).waitFor();
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Air quality" }).click();
    await page.getByRole("heading", { level: 1, name: "Air quality" }).waitFor();
    const category = await page.getByTestId("station-list").locator("li").first().getByTestId("station-category").innerText();
    expect(category).toMatch(/Excellent|Good|polluted|data|AQI/);
    await page.getByTestId("period-rank").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot("air-en");
  });

  it("logged no script errors or warnings", () => {
    expect(problems).toEqual([]);
  });

  it("never asked any host but the platform", () => {
    const foreign = requested.filter((u) => /^(https?|wss?):/.test(u) && new URL(u).hostname !== "127.0.0.1");
    expect(foreign).toEqual([]);
    expect(requested.some((u) => u.startsWith(`${platform.baseUrl}/api/v1/air/stations`))).toBe(true);
    expect(requested.some((u) => u.startsWith(`${platform.baseUrl}/api/v1/water/sections`))).toBe(true);
  });
});
