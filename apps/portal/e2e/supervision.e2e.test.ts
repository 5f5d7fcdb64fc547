import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { AppRouter } from "@ecogov/api-contract";
import { launchBrowser, startPlatform } from "@ecogov/e2e-kit";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { Browser, BrowserContext, Page } from "playwright-core";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The public rectification-progress pages on a phone, against the real API serving the built portal (run
 * `pnpm --filter @ecogov/portal build` first). The demo data has no supervision records, so the test enters a
 * disclosed round through the API as the bureau would (round, plan, measures list, an assigned case, a report
 * accepted and signed off) plus an undisclosed round, then reads the portal: every problem with its measures,
 * status and completion date, the case outcome, and none of the personal data held internally.
 * Set PORTAL_SCREENSHOTS=<dir> to keep screenshots.
 */
const PASSWORD = "ecogov-demo-2026";
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

// Internal details that must never reach the public pages.
const LEADER = "赵副区长";
const COMPLAINANT = "钱某某";
const PHONE_NO = "13912345678";
const REPORT_BODY = "内部进展：已约谈养殖户负责人孙某";
const HIDDEN_MEASURE = "不公开的内部整改措施";

let platform: Awaited<ReturnType<typeof startPlatform>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];
const screenshotDir = process.env.PORTAL_SCREENSHOTS;

async function screenshot(name: string) {
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** A logged-in API client keeping its session cookie, like the admin app. */
async function as(username: string) {
  let cookie = "";
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${platform.baseUrl}/trpc`,
        transformer: superjson,
        fetch: async (url, init) => {
          const headers = new Headers(init?.headers as ConstructorParameters<typeof Headers>[0]);
          if (cookie) headers.set("cookie", cookie);
          const res = await fetch(url, { ...(init as RequestInit), headers });
          const set = res.headers.get("set-cookie");
          if (set) cookie = set.split(";")[0]!;
          return res;
        },
      }),
    ],
  });
  await client.auth.login.mutate({ username, password: PASSWORD });
  return { client, cookie: () => cookie };
}

async function importCsv(session: { cookie: () => string }, sourceId: string, lines: string[]) {
  const form = new FormData();
  form.append("file", new File([`${lines.join("\r\n")}\r\n`], "整改措施清单.csv", { type: "text/csv" }));
  form.append("sourceId", sourceId);
  const res = await fetch(`${platform.baseUrl}/api/attachments/supervision-tasks/import`, { method: "POST", body: form, headers: { cookie: session.cookie() } });
  expect(res.status).toBe(200);
  return (await res.json()) as { inserted: number };
}

beforeAll(async () => {
  platform = await startPlatform({ indicators: false });

  const staff = await as("supervision");
  const api = staff.client.supervisionTasks;
  const round = await api.sources.create.mutate({ kind: "inspection_round", code: "PR-2026", title: "第二轮中央生态环境保护督察", level: "central", issuedOn: addDays(today, -120), disclosed: true });
  const plan = await api.sources.create.mutate({ kind: "rectification_plan", parentId: round.id, code: "PR-2026-PLAN", title: "青山区贯彻落实督察报告整改方案", issuedOn: addDays(today, -100) });
  await api.sources.create.mutate({ kind: "inspection_round", code: "SECRET-1", title: "尚未公开的专项督察", level: "municipal", disclosed: false });
  const imported = await importCsv(staff, plan.id, [
    "编号,问题编号,反馈问题,整改措施,整改目标,牵头单位,配合单位,责任领导,整改时限,开始日期,是否公开",
    `M01,1,部分城中村生活污水直排,完成城中村雨污分流改造,直排口全部封堵,区水务局,区住房和城乡建设局,${LEADER},${addDays(today, 60)},${addDays(today, -100)},是`,
    `M02,1,部分城中村生活污水直排,建立排口长效巡查机制,每月巡查一次,区水务局,,${LEADER},长期坚持,${addDays(today, -100)},是`,
    `M03,2,畜禽养殖污染治理不到位,规范养殖场粪污处理,粪污综合利用率达到90%以上,区农业农村局,,${LEADER},${addDays(today, -10)},${addDays(today, -100)},是`,
    `M04,2,畜禽养殖污染治理不到位,${HIDDEN_MEASURE},,区农业农村局,,${LEADER},${addDays(today, 30)},${addDays(today, -100)},否`,
  ]);
  expect(imported.inserted).toBe(4);

  // An assigned case with the complaint as received (names a person and a phone number) and a public summary.
  const kase = await api.create.mutate({
    sourceId: round.id,
    code: "J-0001",
    title: "某养殖场",
    leadUnitId: (await api.list.query({ search: "M03" })).items[0]!.leadUnit.id,
    deadline: { kind: "period", start: addDays(today, -90), amount: 30, unit: "natural" },
    responsibleLeader: LEADER,
    case: { caseNo: "J-0001", receivedOn: addDays(today, -90), category: "water", subject: "某养殖场", complaint: `${COMPLAINANT}（${PHONE_NO}）反映养殖场废水直排河道` },
  });
  await api.recordCaseOutcome.mutate({ taskId: kase.id, outcome: "completed", outcomeOn: addDays(today, -60), reply: `已电话答复${COMPLAINANT}`, publicSummary: "已责令养殖场停止直排并完成整改，经复查合格" });

  // M01 is reported done by the water bureau, accepted and signed off; M03 is overdue.
  const m01 = (await api.list.query({ search: "M01" })).items[0]!;
  const water = await as("reporter-water");
  const report = await water.client.supervisionTasks.submitReport.mutate({ taskId: m01.id, body: REPORT_BODY, claimsCompletion: true });
  await api.reviewReport.mutate({ reportId: report.id, decision: "accepted" });
  const leader = await as("leader");
  await leader.client.supervisionTasks.signOff.mutate({ taskId: m01.id, note: "经现场核查同意销号" });

  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "zh-CN" });
  page = await context.newPage();
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

describe("public rectification progress on a phone", () => {
  it("lists the disclosed round only, with its progress, from the navigation", async () => {
    await page.goto(`${platform.baseUrl}/`);
    await page.getByRole("navigation").getByRole("link", { name: "督察整改" }).click();
    await page.getByRole("heading", { level: 1, name: "督察整改进展" }).waitFor();
    const rounds = page.getByTestId("rounds");
    await rounds.locator('[data-round="PR-2026"]').waitFor();
    expect(await rounds.locator("[data-round]").count()).toBe(1);
    const text = await rounds.innerText();
    expect(text).toContain("第二轮中央生态环境保护督察");
    expect(text).toContain("中央生态环境保护督察");
    expect(text).toContain("整改措施 3 项，已完成 1 项");
    expect(text).toContain("交办案件 1 件，已办结 1 件");
    expect(text).not.toContain("尚未公开的专项督察");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot("supervision-rounds-zh");
  });

  it("shows each problem, its measures, status and completion date, and the case outcome, with no personal data", async () => {
    await page.getByRole("link", { name: "第二轮中央生态环境保护督察" }).click();
    await page.getByRole("heading", { level: 1, name: "第二轮中央生态环境保护督察" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/supervision/PR-2026");

    const problem1 = page.locator('[data-problem="1"]');
    await problem1.locator("summary").click();
    const m01 = problem1.locator('[data-measure="M01"]');
    await m01.waitFor();
    expect(await m01.locator("[data-status]").innerText()).toContain("已完成");
    expect(await m01.getByTestId("completed-on").innerText()).toBe(today);
    expect(await m01.innerText()).toContain("区水务局、区住房和城乡建设局");
    expect(await problem1.locator('[data-measure="M02"]').innerText()).toContain("长期坚持");

    const problem2 = page.locator('[data-problem="2"]');
    await problem2.locator("summary").click();
    expect(await problem2.locator('[data-measure="M03"] [data-status]').innerText()).toContain("未按期完成");
    expect(await problem2.locator("[data-measure]").count()).toBe(1);

    const kase = page.locator('[data-case="J-0001"]');
    expect(await kase.innerText()).toContain("已办结");
    expect(await kase.innerText()).toContain("已责令养殖场停止直排并完成整改，经复查合格");

    const body = await page.locator("main").innerText();
    for (const secret of [LEADER, COMPLAINANT, PHONE_NO, REPORT_BODY, HIDDEN_MEASURE, "刘督察", "冯填报", "王局长", "经现场核查同意销号"]) expect(body).not.toContain(secret);
    // Nor in what the page was given.
    const raw = await (await fetch(`${platform.baseUrl}/api/v1/supervision/rounds?code=PR-2026`)).text();
    for (const secret of [LEADER, COMPLAINANT, PHONE_NO, REPORT_BODY, HIDDEN_MEASURE]) expect(raw).not.toContain(secret);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot("supervision-round-zh");
  });

  it("reads in English, and a round that is not disclosed is not found", async () => {
    await page.getByRole("button", { name: "Switch to English" }).click();
    await page.getByRole("heading", { level: 2, name: "Feedback problems and their measures" }).waitFor();
    expect(await page.locator('[data-measure="M03"] [data-status]').innerText()).toContain("Not completed on time");
    await screenshot("supervision-round-en");

    await page.goto(`${platform.baseUrl}/supervision/SECRET-1`);
    await page.getByText("This inspection round does not exist or is not disclosed.").waitFor();
    await page.getByRole("button", { name: "切换到中文" }).click();
  });

  it("logged no script errors or warnings", () => {
    // The undisclosed round is looked up and answered with an empty list, not an error status.
    expect(problems).toEqual([]);
  });
});
