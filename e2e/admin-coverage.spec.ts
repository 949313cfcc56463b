import AxeBuilder from "@axe-core/playwright";
import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { createProvinceAdmin, removeAccounts, sessionCookies, type Account, type SessionCookies } from "./support/accounts";

let admin: Account;
const SHOTS = "test-results/screenshots/coverage";
let session: SessionCookies = [];

test.beforeAll(async ({ browser }) => {
  admin = createProvinceAdmin("e2e_cov", "覆盖测试管理员");
  session = await sessionCookies(browser, admin);
  mkdirSync(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  await removeAccounts(admin.username);
});


async function openCoverage(page: Page, search = "") {
  await page.context().addCookies(session);
  await page.goto(`/admin/coverage${search}`);
}

const ranking = (page: Page) => page.getByTestId("coverage-ranking").locator("tbody tr");

test("an admin sees the gap layer and the ranking change with the amenity", async ({ page }, testInfo) => {
  await openCoverage(page);
  await expect(page.getByRole("heading", { level: 1, name: "覆盖分析" })).toBeVisible();
  const gaps = page.getByTestId("coverage-gaps");
  await expect(gaps).toBeVisible();
  expect(Number(await gaps.getAttribute("data-count"))).toBeGreaterThan(0);
  // The bundled outlines are drawn without tiles: one path per city and per district at least.
  await expect.poll(() => page.getByTestId("coverage-map").locator("path").count()).toBeGreaterThan(100);
  await expect(ranking(page)).toHaveCount(75);
  await expect(page.getByRole("heading", { name: "方法与局限" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/${testInfo.project.name}-overall.png`, fullPage: true });
  const zoomIn = page.getByTestId("coverage-map").getByRole("button", { name: "放大" });
  await zoomIn.click();
  await zoomIn.click();
  await expect(page.locator(".leaflet-zoom-anim")).toHaveCount(0);
  await page.getByTestId("coverage-map").screenshot({ path: `${SHOTS}/${testInfo.project.name}-zoomed.png` });
  const before = await ranking(page).allInnerTexts();
  const summaryBefore = await page.getByTestId("coverage-summary").innerText();

  await page.getByLabel("设施").selectOption({ label: "安静学习区" });
  await page.getByRole("button", { name: "更新" }).click();
  await expect(page).toHaveURL(/amenity=quiet_study/);
  await expect(page.getByTestId("coverage-summary")).toContainText("安静学习区");
  await expect(page.getByTestId("coverage-gaps")).toBeVisible();
  const after = await ranking(page).allInnerTexts();
  expect(after).not.toEqual(before);
  expect(await page.getByTestId("coverage-summary").innerText()).not.toBe(summaryBefore);
  await page.getByTestId("coverage-map").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/${testInfo.project.name}-quiet-study.png`, fullPage: false });
});

test("a threshold out of range falls back to the defaults with a notice", async ({ page }) => {
  await openCoverage(page, "?thresholdMeters=99999");
  await expect(page.getByRole("alert").filter({ hasText: "参数无效" })).toBeVisible();
  await expect(page.getByLabel("步行距离上限（米）")).toHaveValue("1000");
});

test("the coverage page sends anonymous visitors to sign in", async ({ page }) => {
  await page.goto("/admin/coverage");
  await expect(page).toHaveURL(/\/login$/);
});

test("the coverage page has no serious accessibility problems", async ({ page }) => {
  await openCoverage(page);
  await expect(page.getByTestId("coverage-gaps")).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});
