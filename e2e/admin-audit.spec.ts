import AxeBuilder from "@axe-core/playwright";
import { mkdirSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { createStations } from "./support/station-fixtures";
import { createProvinceAdmin, removeAccounts, signedInContext, type Account, type SessionCookies } from "./support/accounts";

let admin: Account;
const stationName = `工行测试审计驿站${randomUUID().slice(0, 4)}`;
let fixture: Awaited<ReturnType<typeof createStations>>;
let session: SessionCookies = [];

/** Today in Asia/Shanghai, as a date input holds it. */
const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(new Date());

test.beforeAll(async ({ browser, baseURL }) => {
  fixture = await createStations([{ name: stationName, notice: "旧公告" }]);
  admin = createProvinceAdmin("e2e_audit", "审计管理员");
  const context = await signedInContext(browser, admin);
  const page = context.pages()[0];

  const stationUrl = `/api/v1/staff/stations/${fixture.ids[0]}`;
  const headers = { origin: baseURL! };
  const edit = await page.request.patch(stationUrl, { data: { version: 1, notice: "新公告：冬季提供热姜茶" }, headers });
  expect(edit.status(), await edit.text()).toBe(200);
  const amenities = await page.request.put(`${stationUrl}/amenities`, {
    data: { version: 2, amenities: [{ code: "rest" }, { code: "drinking_water" }, { code: "phone_charging" }, { code: "wifi" }, { code: "toilet" }] },
    headers,
  });
  expect(amenities.status(), await amenities.text()).toBe(200);
  session = await context.cookies();
  await context.close();
});

test.afterAll(async () => {
  await fixture.remove();
  await removeAccounts(admin.username);
});


async function openAudit(page: Page) {
  await page.context().addCookies(session);
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { name: "操作记录", level: 1 })).toBeVisible();
}

test("an admin filters the log by station, kind and date and sees the change before and after", async ({ page }) => {
  await openAudit(page);
  await page.getByLabel("驿站（名称或网点代码）").fill(stationName);
  await page.getByLabel("内容", { exact: true }).selectOption({ label: "驿站信息" });
  await page.getByLabel("开始日期").fill(today);
  await page.getByLabel("结束日期").fill(today);
  await page.getByRole("button", { name: "筛选" }).click();

  await expect(page).toHaveURL(/entity=station&/);
  const events = page.getByTestId("audit-event");
  await expect(events).toHaveCount(1);
  const event = events.first();
  await expect(event).toContainText("驿站信息 · 修改");
  await expect(event).toContainText(admin.username);
  await expect(event.getByRole("link", { name: stationName })).toHaveAttribute("href", `/stations/${fixture.ids[0]}`);
  await expect(event).toContainText("沈阳市");
  await expect(event.getByRole("definition").filter({ hasText: "旧公告" })).toContainText("旧公告 → 新公告：冬季提供热姜茶");
  // Only fields that changed: the phone was not touched.
  await expect(event.getByRole("term")).not.toContainText(["电话"]);
  // The filters stay in the form after the round trip.
  await expect(page.getByLabel("驿站（名称或网点代码）")).toHaveValue(stationName);
  await expect(page.getByLabel("开始日期")).toHaveValue(today);

  await page.getByLabel("内容", { exact: true }).selectOption({ label: "设施" });
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(events).toHaveCount(1);
  await expect(events.first()).toContainText("设施 · 修改");
  await expect(events.first().getByRole("definition")).toContainText("（无） →");
  await expect(events.first().getByRole("term")).toHaveText(["卫生间"]);
});

test("a day before the change shows nothing for the station", async ({ page }) => {
  await openAudit(page);
  await page.goto(`/admin/audit?station=${encodeURIComponent(stationName)}&to=2020-01-01`);
  await expect(page.getByTestId("audit-count")).toHaveText("没有符合条件的记录。");
  await expect(page.getByTestId("audit-event")).toHaveCount(0);
});

test("invalid filters are explained in Chinese, not an error page", async ({ page }) => {
  await openAudit(page);
  const response = await page.goto("/admin/audit?from=2026-13-45&cityAdcode=abc&colour=red");
  expect(response?.status()).toBe(200);
  const problems = page.getByTestId("audit-problems");
  await expect(problems).toContainText("筛选条件有误");
  await expect(problems).toContainText("开始日期");
  await expect(problems).toContainText("行政区划代码应为 6 位数字");
  await expect(problems).toContainText("不支持的参数：colour");
});

test("the audit page sends anonymous visitors to sign in", async ({ page }) => {
  await page.goto("/admin/audit");
  await expect(page).toHaveURL(/\/login$/);
});

test("the audit page has no serious accessibility problems; screenshots", async ({ page }, testInfo) => {
  await openAudit(page);
  await page.goto(`/admin/audit?station=${encodeURIComponent(stationName)}`);
  await expect(page.getByTestId("audit-event")).toHaveCount(2);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  mkdirSync("test-results/screenshots/audit", { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/audit/${testInfo.project.name}.png`, fullPage: true });
  // The newest few of the whole log, with the "older" link: the admin's own account and role are among them.
  await page.goto("/admin/audit?limit=4");
  await expect(page.getByRole("link", { name: "更早的记录" })).toBeVisible();
  await page.screenshot({ path: `test-results/screenshots/audit/${testInfo.project.name}-newest.png`, fullPage: true });
});
