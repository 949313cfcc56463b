import AxeBuilder from "@axe-core/playwright";
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { devices, expect, test, type Page } from "@playwright/test";
import { createPrismaClient } from "@/lib/db";
import { requireDatabaseUrl } from "@/lib/env";
import { createProvinceAdmin, removeAccounts, sessionCookies, type Account, type SessionCookies } from "./support/accounts";
import { createStations } from "./support/station-fixtures";

const run = randomUUID().slice(0, 8);
const stationName = `工行测试看板驿站${run}`;
const SHOTS = "test-results/screenshots/dashboard";
let admin: Account;
let fixture: Awaited<ReturnType<typeof createStations>>;
let session: SessionCookies = [];

test.beforeAll(async ({ browser }) => {
  mkdirSync(SHOTS, { recursive: true });
  // Unverified for 40 days: on the list at N = 30.
  fixture = await createStations([{ name: stationName, verifiedAt: new Date(Date.now() - 40 * 86_400_000).toISOString() }]);
  admin = createProvinceAdmin("e2e_dash", "看板测试管理员");
  session = await sessionCookies(browser, admin);
});

test.afterAll(async () => {
  if (!fixture) return;
  await fixture.remove();
  await removeAccounts(admin.username);
});

async function openDashboard(page: Page, search = "") {
  await page.context().addCookies(session);
  await page.goto(`/admin${search}`);
}

async function inDatabase<T>(query: (db: ReturnType<typeof createPrismaClient>) => Promise<T>): Promise<T> {
  const db = createPrismaClient(requireDatabaseUrl(), 1);
  try {
    return await query(db);
  } finally {
    await db.$disconnect();
  }
}

const legend = (page: Page) => page.getByTestId("choropleth-legend");

test("an admin reads the figures, changes the map's measure, sorts the table and drills into a city", async ({ page }) => {
  await openDashboard(page);
  await expect(page.getByRole("heading", { level: 1, name: "管理概览" })).toBeVisible();
  const stations = await inDatabase((db) => db.station.count({ where: { status: { not: "CLOSED" } } }));
  await expect(page.getByTestId("headline-stations")).toContainText(stations.toLocaleString("zh-CN"));
  for (const figure of ["open-now", "verified", "open-reports", "changes-7", "changes-30"]) await expect(page.getByTestId(`headline-${figure}`)).toBeVisible();

  // The map draws the 14 cities from the bundled boundaries, filled by the legend's colours.
  const map = page.getByTestId("choropleth");
  await expect.poll(() => map.locator("path[data-adcode]").count()).toBe(14);
  const legendBefore = await legend(page).innerText();
  expect(legendBefore).toContain("每个驿站对应的常住人口");
  const fillsBefore = await map.locator("path[data-adcode]").evaluateAll((paths) => paths.map((p) => p.getAttribute("data-fill")));

  await page.getByLabel("在地图上显示").selectOption({ label: "有“卫生间”的驿站占比" });
  await page.getByRole("button", { name: "显示" }).click();
  await expect(page).toHaveURL(/measure=amenity\.toilet/);
  await expect(map).toHaveAttribute("data-measure", "amenity.toilet");
  await expect(legend(page)).toContainText("有“卫生间”的驿站占比");
  expect(await legend(page).innerText()).not.toBe(legendBefore);
  await expect.poll(() => map.locator("path[data-adcode]").count()).toBe(14);
  const fillsAfter = await map.locator("path[data-adcode]").evaluateAll((paths) => paths.map((p) => p.getAttribute("data-fill")));
  expect(fillsAfter).not.toEqual(fillsBefore);

  // Sorting is a link: stations, most first, then fewest first; the measure stays as chosen.
  const table = page.getByTestId("area-table");
  await table.getByRole("link", { name: "按驿站排序" }).click();
  await expect(page).toHaveURL(/sort=stations/);
  await expect(page).toHaveURL(/measure=amenity\.toilet/);
  const counts = async () => (await table.locator("tbody tr td:nth-of-type(1)").allInnerTexts()).map((s) => Number(s.replace(/,/g, "")));
  const descending = await counts();
  expect(descending).toHaveLength(14);
  expect(descending).toEqual([...descending].sort((a, b) => b - a));
  await table.getByRole("link", { name: /按驿站排序/ }).click();
  await expect(page).toHaveURL(/dir=asc/);
  const ascending = await counts();
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

  // Filter, then drill into 沈阳: the table and the map show its districts.
  await page.getByLabel("按名称筛选").fill("沈阳");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await table.getByRole("link", { name: "看区县：沈阳市" }).click();
  await expect(page).toHaveURL(/city=210100/);
  await expect(page.getByRole("heading", { name: "各区县明细" })).toBeVisible();
  await expect.poll(() => map.locator("path[data-adcode]").count()).toBe(13);
  await expect(page.getByText("沈阳市 · 13 个区县")).toBeVisible();
});

test("an admin lists the stations unverified for 30 days, with links to follow up", async ({ page }) => {
  await openDashboard(page);
  const stale = page.locator("#stale");
  await stale.getByLabel("天数 N").fill("30");
  await stale.getByRole("button", { name: "列出" }).click();
  await expect(page).toHaveURL(/stale=30/);
  const expected = await inDatabase((db) =>
    db.station.count({ where: { status: { not: "CLOSED" }, OR: [{ verifiedAt: null }, { verifiedAt: { lt: new Date(Date.now() - 30 * 86_400_000) } }] } }),
  );
  await expect(page.getByTestId("stale-count")).toHaveAttribute("data-total", String(expected));
  await expect(page.getByTestId("stale-count")).toContainText("超过 30 天未核实");
  await stale.getByText(/^沈阳市：\d+ 个$/).click();
  const item = page.getByTestId("stale-210100").locator(`li[data-station-id="${fixture.ids[0]}"]`);
  await expect(item).toContainText(stationName);
  await expect(item).toContainText("40 天前");
  await expect(item.getByRole("link", { name: `核实 / 编辑：${stationName}` })).toHaveAttribute("href", `/staff/stations/${fixture.ids[0]}`);
  await expect(item.getByRole("link", { name: `公开页面：${stationName}` })).toHaveAttribute("href", `/stations/${fixture.ids[0]}`);
});

test("the dashboard leads to the gap map, the export and the import", async ({ page }) => {
  await openDashboard(page);
  await page.getByRole("link", { name: "打开缺口地图、完整排名和方法说明" }).click();
  await expect(page).toHaveURL(/\/admin\/coverage$/);
  await expect(page.getByTestId("coverage-gaps")).toBeVisible();

  await openDashboard(page);
  await page.getByRole("link", { name: /^导出驿站数据和覆盖统计/ }).click();
  await expect(page).toHaveURL(/\/admin\/export$/);
  await expect(page.getByRole("heading", { level: 1, name: "导出数据" })).toBeVisible();
  await expect(page.getByRole("region", { name: "驿站数据" }).getByRole("link", { name: "全省 CSV" })).toBeVisible();

  await openDashboard(page);
  await page.getByRole("link", { name: /^导入驿站表格/ }).click();
  await expect(page).toHaveURL(/\/admin\/import$/);
  await expect(page.getByRole("heading", { level: 1, name: "导入驿站" })).toBeVisible();
  await expect(page.getByLabel(/选择文件/)).toBeVisible();
});

test("the dashboard fits a phone and a desktop, with no serious accessibility problems", async ({ page, browser }) => {
  const phone = await browser.newContext({ ...devices["Pixel 5"], viewport: { width: 360, height: 740 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const phonePage = await phone.newPage();
  for (const [size, target] of [
    ["1280x800", page],
    ["360x740", phonePage],
  ] as const) {
    await openDashboard(target);
    await expect.poll(() => target.getByTestId("choropleth").locator("path[data-adcode]").count()).toBe(14);
    // Nothing wider than the screen: the wide table scrolls inside its own box.
    expect(await target.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await target.screenshot({ path: `${SHOTS}/admin-${size}.png`, fullPage: true });
    await target.screenshot({ path: `${SHOTS}/admin-${size}-first-screen.png` });
    for (const section of ["map", "areas", "stale", "charts"]) await target.locator(`#${section}`).screenshot({ path: `${SHOTS}/admin-${size}-${section}.png` });
    const results = await new AxeBuilder({ page: target }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }
  await phone.close();
});

test("a bad link shows the default view with a notice", async ({ page }) => {
  await openDashboard(page, "?stale=0&measure=amenity.nothing");
  await expect(page.getByRole("alert").filter({ hasText: "参数无效" })).toContainText("stale 须在 1 到 3650 天之间");
  await expect(page.locator("#stale").getByLabel("天数 N")).toHaveValue("90");
});
