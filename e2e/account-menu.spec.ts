import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createPrismaClient } from "@/lib/db";
import { childProcessEnv, requireDatabaseUrl } from "@/lib/env";

const run = randomUUID().slice(0, 8);
const username = `e2e_menu_${run}`;
const password = "e2e account menu password";
// Sign-in allows 5 attempts a minute per client address: this spec's three "devices" say they come from
// an address of its own (as a proxy's X-Forwarded-For would), so other specs keep their allowance.
const clientAddress = { "x-forwarded-for": `2001:db8:e0:${run.slice(0, 4)}::1` };

test.beforeAll(async ({}, testInfo) => {
  test.skip(testInfo.project.name !== "public-desktop", "signs in three times; runs in the desktop project only");
  const created = spawnSync(
    "node_modules/.bin/tsx",
    ["--conditions=react-server", "scripts/admin-create.ts", "--username", username, "--email", `${username}@example.cn`, "--password", password, "--name", "菜单测试"],
    { env: childProcessEnv({}), encoding: "utf8" },
  );
  expect(created.status, created.stderr).toBe(0);
});

test.afterAll(async () => {
  const db = createPrismaClient(requireDatabaseUrl(), 1);
  try {
    await db.user.deleteMany({ where: { username } });
  } finally {
    await db.$disconnect();
  }
});

/** A browser of its own, signed in: a phone, a desktop, a shared computer. */
async function device(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: clientAddress });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("用户名或邮箱").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/staff$/);
  return page;
}

async function stillSignedIn(page: Page): Promise<boolean> {
  await page.goto("/staff");
  return !new URL(page.url()).pathname.startsWith("/login");
}

test("the account menu signs this device out, or every device", async ({ browser }) => {
  const [phone, desktop, shared] = [await device(browser), await device(browser), await device(browser)];

  // The menu names the account and leads to the admin pages this account may use.
  await phone.getByText("账号", { exact: true }).click();
  const menu = phone.getByTestId("account-menu");
  await expect(menu.getByText(`已登录：${username}`)).toBeVisible();
  await expect(menu.getByRole("navigation", { name: "账号" }).getByRole("link", { name: "管理" })).toHaveAttribute("href", "/admin");

  // Signing out here ends this session only.
  await menu.getByRole("button", { name: "退出登录" }).click();
  await expect(phone).toHaveURL(/\/$/);
  await expect(phone.getByText("账号", { exact: true })).toHaveCount(0);
  expect(await stillSignedIn(phone)).toBe(false);
  expect(await stillSignedIn(desktop)).toBe(true);

  // "On all devices" ends the shared computer's session too.
  await desktop.getByText("账号", { exact: true }).click();
  await desktop.getByTestId("account-menu").getByRole("button", { name: "在所有设备上退出" }).click();
  await expect(desktop).toHaveURL(/\/$/);
  expect(await stillSignedIn(shared)).toBe(false);
  expect(await stillSignedIn(desktop)).toBe(false);

  for (const page of [phone, desktop, shared]) await page.context().close();
});
