import { mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchBrowser, startPlatform } from "@ecogov/e2e-kit";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The indicators module in a real browser against the real API with the demo city's monitoring data: the
 * monitoring dashboard, and air and water imports with upload progress and a rejected-rows report.
 * Run `pnpm --filter @ecogov/admin build` first. Screenshots go to $E2E_SCREENSHOTS or a temp folder.
 */
const PASSWORD = "ecogov-demo-2026";
const SHOTS = process.env.E2E_SCREENSHOTS ?? join(tmpdir(), "ecogov-admin-e2e");

let platform: Awaited<ReturnType<typeof startPlatform>> | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  platform = await startPlatform();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "zh-CN", timezoneId: "Asia/Shanghai", acceptDownloads: true });
  page = await context.newPage();
  page.setDefaultTimeout(30_000);
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

/** Hour stamps (end of hour, Beijing time) a few days back, where the demo data has values to correct or add. */
function hourStamp(hoursAgo: number): string {
  const t = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - hoursAgo * 3_600_000 + 8 * 3_600_000);
  return `${t.toISOString().slice(0, 13)}:00+08:00`;
}

describe("indicators (monitoring staff)", () => {
  it("logs in as monitoring and opens the dashboard from the navigation", async () => {
    await page.goto(url("/login"));
    await page.locator('input[name="username"]').fill("monitoring");
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.waitForURL(url("/"));
    const nav = page.getByRole("navigation", { name: "主导航" });
    const link = nav.getByRole("link", { name: /环境质量指标/ });
    // The module is built: no "coming" badge.
    expect(await link.innerText()).not.toContain("建设中");
    await link.click();
    await page.waitForURL(url("/indicators"));
    await page.getByRole("heading", { level: 1, name: "环境质量监测总览" }).waitFor();
  });

  it("shows the district's figures against the targets, the rank, pollutants, calendar, stations and water", async () => {
    expect(await page.getByTestId("dashboard-heading").innerText()).toContain("青山区");
    const ratio = page.getByTestId("stat-ratio");
    await ratio.waitFor();
    expect(await ratio.innerText()).toMatch(/优良天数比例\s+\d{1,3}\.\d%/);
    expect(await ratio.innerText()).toMatch(/优良 \d+ 天 \/ 有效监测 \d+ 天/);
    // The demo targets are set, so the gap to the good-days target is spelled out.
    expect(await page.getByTestId("good-days-gap").innerText()).toMatch(/优良天|目标/);
    const rank = await page.getByTestId("stat-rank").innerText();
    expect(rank).toMatch(/第 \d \/ 6 名/);
    expect(rank).toContain("平台计算排名");
    expect(await page.getByTestId("audited-days").innerText()).toMatch(/审核数据 \d+ 天/);
    expect(await page.getByTestId("preliminary-days").innerText()).toMatch(/实况数据 \d+ 天/);

    expect(await page.getByTestId("pollutant-chart").locator("li").count()).toBe(6);
    expect(await page.getByTestId("ranking-table").locator("tbody tr").count()).toBe(6);

    const calendar = page.getByTestId("aqi-calendar");
    await calendar.waitFor();
    expect(await calendar.locator("[data-date]").count()).toBeGreaterThanOrEqual(365);
    expect(await calendar.locator('[data-level]:not([data-level=""])').count()).toBeGreaterThan(0);
    await calendar.locator('[data-level]:not([data-level=""])').first().click();
    expect(await page.getByTestId("aqi-calendar-selected").innerText()).toMatch(/AQI \d+ · /);

    const stations = page.getByTestId("stations-table").locator("tbody tr");
    await expect.poll(() => stations.count()).toBe(4);
    expect(await stations.first().innerText()).toMatch(/QY01-A0\d/);
    // The demo network has one station silent for over a day; it is flagged.
    expect(await page.getByTestId("silent-count").innerText()).toContain("个站点离线");

    const water = page.getByTestId("water-table").locator("tbody tr");
    await expect.poll(() => water.count()).toBeGreaterThan(0);
    expect(await water.first().innerText()).toMatch(/类/);
    await page.getByTestId("kpi-table").locator("tbody tr").first().waitFor();
    await page.screenshot({ path: join(SHOTS, "indicators-dashboard-zh.png"), fullPage: true });
  });

  it("imports a CSV with one bad row: the upload finishes, the summary and the rejected row with its reason appear", async () => {
    await page.getByRole("navigation", { name: "环境质量指标" }).getByRole("link", { name: "数据导入" }).click();
    await page.waitForURL(url("/indicators/import"));
    await page.getByRole("heading", { level: 1, name: "监测数据导入" }).waitFor();

    const csv = [
      "station_code,time,so2,no2,pm10,pm2_5,co,o3",
      `QY01-A01,${hourStamp(50)},7,31,62,38,0.7,45`,
      `QY01-A01,${hourStamp(49)},8,33,64,40,0.8,41`,
      `QY01-A01,${hourStamp(48)},8,abc,66,41,0.8,39`,
      `QY01-A02,${hourStamp(50)},6,29,58,35,0.6,47`,
    ].join("\n");
    await page.locator('input[type="file"]').setInputFiles({ name: "e2e-readings.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByTestId("import-submit").click();

    const summary = page.getByTestId("import-summary");
    await summary.waitFor();
    const upload = page.getByTestId("upload-progress").getByRole("progressbar");
    expect(await upload.getAttribute("aria-valuenow")).toBe("100");
    expect(await page.getByTestId("import-progress").innerText()).toContain("导入完成");
    expect(await page.getByTestId("count-total").locator("dd").innerText()).toBe("4");
    expect(await page.getByTestId("count-rejected").locator("dd").innerText()).toBe("1");
    const written = await Promise.all(["inserted", "updated", "unchanged"].map(async (k) => Number(await page.getByTestId(`count-${k}`).locator("dd").innerText())));
    expect(written.reduce((a, b) => a + b, 0)).toBe(3);

    const rows = page.getByTestId("rejected-table").locator("tbody tr");
    expect(await rows.count()).toBe(1);
    const cells = await rows.first().locator("td").allInnerTexts();
    expect(cells[0]).toBe("4");
    expect(cells[1]).toBe("no2");
    expect(cells[2]).toContain("“abc”不是数字");
    expect(cells[3]).toContain("abc");
    expect(await page.getByTestId("recompute").innerText()).toMatch(/重新计算|定时计算/);
    await page.screenshot({ path: join(SHOTS, "indicators-import-zh.png"), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("rejected-csv").click()]);
    expect(download.suggestedFilename()).toBe("e2e-readings-rejected.csv");
    const report = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "").split("\r\n");
    expect(report[0]).toBe("line,field,reason_zh,reason_en,raw");
    expect(report[1]).toMatch(/^4,no2,.*abc/);

    // The reason follows the UI language.
    await page.getByRole("group", { name: "界面语言" }).getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 1, name: "Import monitoring data" }).waitFor();
    expect(await rows.first().locator("td").nth(2).innerText()).toContain('"abc" is not a number');
    await page.screenshot({ path: join(SHOTS, "indicators-import-en.png"), fullPage: true });
  });

  it("imports a water samples file through the same page: one new sample, one row of an unknown section", async () => {
    await page.locator('input[type="radio"][value="water.samples"]').check();
    const csv = ["section_code,time,source,ph,do,codmn,nh3n,tp", `QYW01,${hourStamp(30)},auto,7.6,6.8,3.9,0.42,0.11`, `ZZ-99,${hourStamp(30)},auto,7.6,6.8,3.9,0.42,0.11`].join("\n");
    await page.locator('input[type="file"]').setInputFiles({ name: "e2e-water.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByTestId("import-submit").click();
    const summary = page.getByTestId("import-summary");
    await expect.poll(() => summary.innerText()).toContain("e2e-water.csv");
    expect(await page.getByTestId("count-total").locator("dd").innerText()).toBe("2");
    expect(await page.getByTestId("count-inserted").locator("dd").innerText()).toBe("1");
    expect(await page.getByTestId("count-rejected").locator("dd").innerText()).toBe("1");
    const cells = await page.getByTestId("rejected-table").locator("tbody tr").first().locator("td").allInnerTexts();
    expect(cells[0]).toBe("3");
    expect(cells[2]).toBe("No section with code ZZ-99 (import the sections file first)");
    await page.screenshot({ path: join(SHOTS, "indicators-import-water-en.png"), fullPage: true });
  });

  it("shows the dashboard in English and on a tablet", async () => {
    await page.getByRole("navigation", { name: "Indicators" }).getByRole("link", { name: "Overview" }).click();
    await page.getByRole("heading", { level: 1, name: "Environmental quality overview" }).waitFor();
    await page.getByTestId("stat-ratio").waitFor();
    expect(await page.getByTestId("stat-rank").innerText()).toContain("Platform-computed");
    await page.getByTestId("aqi-calendar").waitFor();
    await page.screenshot({ path: join(SHOTS, "indicators-dashboard-en.png"), fullPage: true });
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.getByTestId("stations-table").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);
    await page.screenshot({ path: join(SHOTS, "indicators-dashboard-tablet-en.png"), fullPage: true });
  });

  it("logged no errors in the browser console", () => {
    expect(consoleErrors).toEqual([]);
  });
});
