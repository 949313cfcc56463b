import AxeBuilder from "@axe-core/playwright";
import { randomUUID } from "node:crypto";
import { devices, expect, test, type Browser, type Page } from "@playwright/test";
import { createProvinceAdmin, ownClientAddress, removeAccounts, sessionCookies, type Account, type SessionCookies } from "./support/accounts";
import { createStations } from "./support/station-fixtures";

const run = randomUUID().slice(0, 8);
const staffName = `e2e_newstaff_${run}`;
const staffPassword = "e2e new staff password";
const stationName = `工行测试账号驿站${run}`;
let fixture: Awaited<ReturnType<typeof createStations>>;
let staffUserPath = "";
let admin: Account;
let adminSession: SessionCookies = [];
// The staff user this spec creates signs in from an address of the spec's own too.
const clientAddress = ownClientAddress();

test.beforeAll(async ({ browser }) => {
  fixture = await createStations([{ name: stationName }]);
  admin = createProvinceAdmin("e2e_useradmin", "测试省管理员");
  adminSession = await sessionCookies(browser, admin);
});

test.afterAll(async () => {
  if (!fixture) return;
  await fixture.remove();
  await removeAccounts(admin.username, staffName);
});

async function signIn(page: Page, username: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("用户名或邮箱").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

async function asAdmin(page: Page, path: string) {
  await page.context().addCookies(adminSession);
  await page.goto(path);
}

test("an admin creates a staff user and assigns a station; the user sees it, and once deactivated cannot sign in", async ({ page, browser }) => {
  await asAdmin(page, "/admin/users");
  await page.getByText("新建用户", { exact: true }).click();
  const create = page.getByRole("form", { name: "新建用户" });
  // The server's own schema speaks first, beside each field.
  await create.getByRole("button", { name: "创建用户" }).click();
  await expect(create.getByLabel("用户名")).toHaveAttribute("aria-invalid", "true");
  await expect(create.getByText("用户名至少 3 个字符")).toBeVisible();

  await create.getByLabel("用户名").fill(staffName);
  await create.getByLabel("姓名").fill("新来的员工");
  await create.getByLabel("邮箱").fill(`${staffName}@example.cn`);
  await create.getByLabel("初始密码").fill(staffPassword);
  await create.getByRole("button", { name: "创建用户" }).click();
  await expect(page.getByRole("heading", { name: "账号：新来的员工" })).toBeVisible();
  staffUserPath = new URL(page.url()).pathname;
  await expect(page.getByText("这个账号还没有角色")).toBeVisible();

  const grant = page.getByRole("form", { name: "分配角色" });
  await expect(grant.getByLabel("角色")).toHaveValue("BRANCH_STAFF");
  await grant.getByLabel("城市").selectOption({ label: "沈阳市" });
  await grant.getByLabel("搜索驿站（名称或地址）").fill(stationName);
  await grant.getByRole("radio", { name: stationName }).check();
  await grant.getByRole("button", { name: "分配" }).click();
  await expect(page.getByTestId("user-roles")).toContainText(`驿站员工 · ${stationName}（沈阳市）`);
  // The same role twice is refused, and the form says why.
  await grant.getByLabel("搜索驿站（名称或地址）").fill(stationName);
  await grant.getByRole("radio", { name: stationName }).check();
  await grant.getByRole("button", { name: "分配" }).click();
  await expect(grant.getByRole("alert")).toContainText("这个账号已经有这个角色");

  const staffContext = await browser.newContext({ extraHTTPHeaders: clientAddress });
  const staffPage = await staffContext.newPage();
  await signIn(staffPage, staffName, staffPassword);
  await expect(staffPage).toHaveURL(/\/staff$/);
  await expect(staffPage.getByRole("heading", { name: stationName })).toBeVisible();

  await page.getByRole("button", { name: "停用账号" }).click();
  await page.getByRole("button", { name: "确认停用" }).click();
  await expect(page.getByRole("button", { name: "恢复账号" })).toBeVisible();
  await expect(page.getByText("已停用", { exact: true })).toBeVisible();

  // Their session ended with the deactivation, and signing in again is refused like a wrong password.
  await staffPage.goto("/staff");
  await expect(staffPage).toHaveURL(/\/login$/);
  // As a fresh visit would: better-auth checks the Origin of requests that carry cookies, and the ended
  // session's cookie should not be what decides this.
  await staffContext.clearCookies();
  const refused = staffPage.waitForResponse((r) => r.url().includes("/api/auth/sign-in/"));
  await signIn(staffPage, staffName, staffPassword);
  expect((await refused).status()).toBe(401);
  await expect(staffPage.getByRole("alert").filter({ hasText: "用户名、邮箱或密码不正确，或账号已停用。" })).toBeVisible();
  await expect(staffPage).toHaveURL(/\/login$/);
  await staffContext.close();
});

test("the user list filters by text and shows the new account with its station", async ({ page }) => {
  test.skip(!staffUserPath, "needs the account the first test created");
  await asAdmin(page, "/admin/users");
  const filters = page.getByRole("form", { name: "筛选" });
  await filters.getByLabel("搜索（用户名、姓名或邮箱）").fill(staffName);
  await filters.getByLabel("状态").selectOption("deactivated");
  await filters.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/status=deactivated/);
  await expect(page.getByText("共 1 个账号")).toBeVisible();
  const item = page.getByTestId("user-list").getByRole("listitem").first();
  await expect(item).toContainText(stationName);
  await item.getByRole("link", { name: "新来的员工" }).click();
  await expect(page).toHaveURL(new RegExp(`${staffUserPath}$`));
});

test("the admin pages send anonymous visitors to sign in", async ({ page }) => {
  for (const path of ["/admin", "/admin/users", "/admin/users/anyone"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login$/);
  }
});

async function phoneContext(browser: Browser) {
  const context = await browser.newContext({ ...devices["Pixel 5"], viewport: { width: 360, height: 740 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  await context.addCookies(adminSession);
  return context;
}

test("the admin pages fit a phone and a desktop, with no serious accessibility problems", async ({ page, browser }, testInfo) => {
  test.skip(!staffUserPath, "needs the account the first test created");
  const phone = await phoneContext(browser);
  const phonePage = await phone.newPage();
  for (const [name, path] of [
    ["users", "/admin/users"],
    ["user", staffUserPath],
  ] as const) {
    for (const [size, target] of [
      ["phone", phonePage],
      ["desktop", page],
    ] as const) {
      if (target === page) await asAdmin(page, path);
      else await target.goto(path);
      await expect(target.getByRole("heading", { level: 1 })).toBeVisible();
      // Nothing wider than the screen: no sideways scrolling on a 360 px phone.
      expect(await target.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      if (name === "users") {
        // The new-user form open, with the station search answered, is the busiest the page gets.
        await target.getByText("新建用户", { exact: true }).click();
        const create = target.getByRole("form", { name: "新建用户" });
        await create.getByLabel("角色").selectOption("BRANCH_STAFF");
        await create.getByLabel("搜索驿站（名称或地址）").fill(stationName);
        await expect(create.getByRole("radio", { name: stationName })).toBeVisible();
      }
      const file = testInfo.outputPath(`admin-${name}-${size}.png`);
      await target.screenshot({ path: file, fullPage: true });
      await testInfo.attach(`${name} (${size})`, { path: file, contentType: "image/png" });
      const results = await new AxeBuilder({ page: target }).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    }
  }
  await phone.close();
});
