import { expect, test } from "@playwright/test";
import { createProvinceAdmin, ownClientAddress, removeAccounts, type Account } from "./support/accounts";
import { watchPolicyViolations } from "./support/csp-violations";
import { createStations } from "./support/station-fixtures";

let account: Account;
let fixture: Awaited<ReturnType<typeof createStations>>;

test.use({ extraHTTPHeaders: ownClientAddress() });

test.beforeAll(async () => {
  fixture = await createStations([{ name: "工行测试员工策略驿站" }]);
  account = createProvinceAdmin("e2e_csp_staff", "策略测试员工");
});

test.afterAll(async () => {
  await fixture.remove();
  await removeAccounts(account.username);
});

test("signing in, the staff page and a station's edit page work under the security policy", async ({ page }) => {
  const violations = await watchPolicyViolations(page);
  await page.goto("/login");
  await page.getByLabel("用户名或邮箱").fill(account.username);
  await page.getByLabel("密码").fill(account.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByTestId("account-menu")).toBeVisible();

  await page.goto(`/staff/stations/${fixture.ids[0]}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator("form").first()).toBeVisible();

  violations.expectNone();
});
