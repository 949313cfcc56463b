import AxeBuilder from "@axe-core/playwright";
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { createPrismaClient } from "@/lib/db";
import { childProcessEnv, requireDatabaseUrl } from "@/lib/env";

const username = `e2e_cov_${randomUUID().slice(0, 8)}`;
const password = "e2e coverage password";
const SHOTS = "/tmp/shots-coverage";
let session: Awaited<ReturnType<BrowserContext["cookies"]>> = [];

test.beforeAll(async ({ browser }) => {
  const created = spawnSync(
    "node_modules/.bin/tsx",
    ["--conditions=react-server", "scripts/admin-create.ts", "--username", username, "--email", `${username}@example.cn`, "--password", password, "--name", "覆盖测试管理员"],
    { env: childProcessEnv({}), encoding: "utf8" },
  );
  expect(created.status, created.stderr).toBe(0);
  // Sign-in allows 5 attempts a minute from one address: sign in once and reuse the session.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("用户名或邮箱").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/staff$/);
  session = await context.cookies();
  await context.close();
  mkdirSync(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  const db = createPrismaClient(requireDatabaseUrl(), 1);
  try {
    await db.user.deleteMany({ where: { username } });
  } finally {
    await db.$disconnect();
  }
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
