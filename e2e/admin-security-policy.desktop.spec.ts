import { expect, test } from "@playwright/test";
import { createProvinceAdmin, removeAccounts, sessionCookies, type Account, type SessionCookies } from "./support/accounts";
import { expectTilesShown, serveTiles, watchPolicyViolations } from "./support/csp-violations";

let admin: Account;
let session: SessionCookies = [];

test.beforeAll(async ({ browser }) => {
  admin = createProvinceAdmin("e2e_csp_admin", "策略测试管理员");
  session = await sessionCookies(browser, admin);
});

test.afterAll(async () => {
  await removeAccounts(admin.username);
});

test("the dashboard's charts and maps and every admin page work under the security policy", async ({ page }) => {
  const violations = await watchPolicyViolations(page);
  await serveTiles(page, /tile\.openstreetmap\.org/);
  await page.context().addCookies(session);

  await page.goto("/admin");
  await expect(page.locator(".dashboard-chart-640 svg, .dashboard-chart-340 svg").first()).toBeAttached();
  await expect.poll(() => page.getByTestId("choropleth").locator("path[data-adcode]").count()).toBe(14);

  await page.goto("/admin/coverage");
  await expect(page.locator(".leaflet-overlay-pane path").first()).toBeAttached();
  await expectTilesShown(page);

  for (const path of ["/admin/users", "/admin/audit", "/admin/export", "/admin/import", "/admin/posters?city=210100"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  await expect(page.locator("svg").first()).toBeAttached();

  violations.expectNone();
});
