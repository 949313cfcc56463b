import { expect, test, type Browser, type Page } from "@playwright/test";
import { createProvinceAdmin, removeAccounts, signedInContext, type Account } from "./support/accounts";

let account: Account;

test.beforeAll(async () => {
  account = createProvinceAdmin("e2e_menu", "菜单测试");
});

test.afterAll(async () => {
  if (account) await removeAccounts(account.username);
});

/** A browser of its own, signed in: a phone, a desktop, a shared computer. */
async function device(browser: Browser): Promise<Page> {
  return (await signedInContext(browser, account)).pages()[0];
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
  await expect(menu.getByText(`已登录：${account.username}`)).toBeVisible();
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
