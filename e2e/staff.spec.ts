import AxeBuilder from "@axe-core/playwright";
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { createPrismaClient } from "@/lib/db";
import { childProcessEnv, requireDatabaseUrl } from "@/lib/env";
import { createStations } from "./support/station-fixtures";

const username = `e2e_admin_${randomUUID().slice(0, 8)}`;
const password = "e2e admin password";
let fixture: Awaited<ReturnType<typeof createStations>>;
let session: Awaited<ReturnType<BrowserContext["cookies"]>> = [];

test.beforeAll(async ({ browser }) => {
  fixture = await createStations([{ name: "工行测试员工驿站", notice: "旧公告" }]);
  // The same command an installation uses for its first account.
  const created = spawnSync(
    "node_modules/.bin/tsx",
    ["--conditions=react-server", "scripts/admin-create.ts", "--username", username, "--email", `${username}@example.cn`, "--password", password, "--name", "测试管理员"],
    { env: childProcessEnv({}), encoding: "utf8" },
  );
  expect(created.status, created.stderr).toBe(0);
  // Sign-in allows 5 attempts a minute from one address, and every test comes from 127.0.0.1: sign in
  // once here and let the tests that are not about signing in reuse the session.
  const context = await browser.newContext();
  await signIn(await context.newPage());
  session = await context.cookies();
  await context.close();
});

async function resumeSession(page: Page) {
  await page.context().addCookies(session);
  await page.goto("/staff");
}

test.afterAll(async () => {
  await fixture.remove();
  const db = createPrismaClient(requireDatabaseUrl(), 1);
  try {
    await db.user.deleteMany({ where: { username } });
  } finally {
    await db.$disconnect();
  }
});

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("用户名或邮箱").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/staff$/);
}

function stationCard(page: Page) {
  return page.getByTestId("staff-station").filter({ has: page.getByRole("heading", { name: "工行测试员工驿站" }) });
}

test("staff sign in, change the notice, and the public page shows it at once", async ({ page }) => {
  await signIn(page);
  const card = stationCard(page);
  await card.getByLabel("公告").fill("冬季提供热姜茶");
  await card.getByRole("button", { name: "保存" }).click();
  await expect(card.getByRole("status")).toHaveText("已保存");
  await page.goto(`/stations/${fixture.ids[0]}`);
  await expect(page.getByTestId("station-notice")).toContainText("冬季提供热姜茶");
});

test("a stale save shows what changed and can be re-applied", async ({ page, context }) => {
  await resumeSession(page);
  const other = await context.newPage();
  await other.goto("/staff");
  await stationCard(other).getByLabel("公告").fill("另一个人的公告");
  await stationCard(other).getByRole("button", { name: "保存" }).click();
  await expect(stationCard(other).getByRole("status")).toHaveText("已保存");

  const card = stationCard(page);
  await card.getByLabel("公告").fill("我的公告");
  await card.getByRole("button", { name: "保存" }).click();
  const conflict = card.getByTestId("conflict");
  await expect(conflict).toContainText("这个驿站刚被其他人修改过");
  await expect(conflict).toContainText("另一个人的公告");
  await conflict.getByRole("button", { name: "在最新内容上保存我的修改" }).click();
  await expect(card.getByRole("status")).toHaveText("已保存");
  await page.goto(`/stations/${fixture.ids[0]}`);
  await expect(page.getByTestId("station-notice")).toContainText("我的公告");
});

test("a public report appears in the queue and is resolved", async ({ page, request, baseURL }) => {
  const report = await request.post(`/api/v1/stations/${fixture.ids[0]}/feedback`, {
    data: { kind: "other", message: "饮水机没有水了", contact: "13900000000" },
    headers: { origin: baseURL! },
  });
  expect(report.status()).toBe(201);
  await resumeSession(page);
  const queue = page.getByTestId("feedback-queue");
  const item = queue.getByRole("listitem").filter({ hasText: "饮水机没有水了" });
  await expect(item).toContainText("13900000000");
  await item.getByRole("button", { name: "已处理" }).click();
  await expect(item.getByRole("status")).toHaveText("已处理");
  await page.reload();
  await expect(page.getByText("饮水机没有水了")).toHaveCount(0);
});

test("the staff page sends anonymous visitors to sign in", async ({ page }) => {
  await page.goto("/staff");
  await expect(page).toHaveURL(/\/login$/);
});

test("the staff page has no serious accessibility problems", async ({ page }) => {
  await resumeSession(page);
  await expect(stationCard(page)).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});
