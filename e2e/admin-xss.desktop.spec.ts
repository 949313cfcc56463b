import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { createPrismaClient } from "@/lib/db";
import { requireDatabaseUrl } from "@/lib/env";
import { createProvinceAdmin, ownClientAddress, removeAccounts, sessionCookies, type Account, type SessionCookies } from "./support/accounts";
import { createStations } from "./support/station-fixtures";

/**
 * Stored XSS: script and markup typed into every field people write (a station's notice and amenity
 * notes, a public report's text and contact, an account's name, a station's name arriving in an imported
 * XLSX file), each stored through the real routes and then looked at on every page that shows it. The
 * payloads must appear as the text they are, nothing they would run may run (`window.__xss` stays unset,
 * no dialog opens), and the server's HTML must carry them escaped.
 */
const payloads = {
  name: "<img src=x onerror=window.__xss=1>驿站",
  notice: '<script>window.__xss=2</script></textarea><img src=x onerror="window.__xss=3"><svg onload=window.__xss=4>',
  note: '"><script>window.__xss=5</script>',
  message: "<script>window.__xss=6</script>饮水机坏了",
  contact: "<img src=x onerror=alert(7)>",
  userName: '<script>alert("8")</script>员工',
};
/** Each payload's opening tag, as it would appear in HTML had it not been escaped. */
const rawTags = ["<img src=x onerror", "<script>window.__xss", "<svg onload", '<script>alert("8")'];

let admin: Account;
let session: SessionCookies = [];
let fixture: Awaited<ReturnType<typeof createStations>>;
let stationId = "";
let userId = "";
const dialogs: string[] = [];

test.use({ extraHTTPHeaders: ownClientAddress() });

test.beforeAll(async ({ browser }) => {
  fixture = await createStations([{ name: "工行测试脚本注入驿站" }]);
  stationId = fixture.ids[0];
  admin = createProvinceAdmin("e2e_xss", "测试管理员");
  session = await sessionCookies(browser, admin);
});

test.afterAll(async () => {
  await fixture.remove();
  const db = createPrismaClient(requireDatabaseUrl(), 1);
  try {
    if (userId) await db.user.deleteMany({ where: { id: userId } });
  } finally {
    await db.$disconnect();
  }
  await removeAccounts(admin.username);
});

async function signedIn(page: Page) {
  await page.context().addCookies(session);
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
}

/** The page shows no sign of having run a payload, and its server HTML holds none unescaped. */
async function expectInert(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), path).toBeUndefined();
  expect(dialogs, path).toEqual([]);
  await expect(page.locator('img[src="x"], svg[onload]'), path).toHaveCount(0);
  const html = await (await page.request.get(path)).text();
  for (const tag of rawTags) expect(html.includes(tag), `${path} serves ${tag} unescaped`).toBe(false);
}

test("script and markup typed anywhere show as text on every page, and never run", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await signedIn(page);
  // The site's own pages send Origin; the staff and admin API refuse writes without it.
  const headers = { origin: baseURL! };
  const version = async () => {
    const db = createPrismaClient(requireDatabaseUrl(), 1);
    try {
      return (await db.station.findUniqueOrThrow({ where: { id: stationId }, select: { version: true } })).version;
    } finally {
      await db.$disconnect();
    }
  };

  expect((await page.request.patch(`/api/v1/staff/stations/${stationId}`, { headers, data: { version: await version(), notice: payloads.notice } })).status()).toBe(200);
  const amenities = { version: await version(), amenities: [{ code: "wifi", note: payloads.note }, { code: "rest" }] };
  expect((await page.request.put(`/api/v1/staff/stations/${stationId}/amenities`, { headers, data: amenities })).status()).toBe(200);
  const report = await page.request.post(`/api/v1/stations/${stationId}/feedback`, { headers, data: { kind: "other", message: payloads.message, contact: payloads.contact } });
  expect(report.status()).toBe(201);
  const username = `xss_${admin.username.slice(-8)}`;
  const created = await page.request.post("/api/v1/admin/users", {
    headers,
    data: { username, email: `${username}@example.cn`, password: "xss user password", name: payloads.userName, role: { role: "BRANCH_STAFF", stationId } },
  });
  expect(created.status()).toBe(201);
  userId = (await created.json()).id;

  // The station's name arrives in an XLSX file: the export of its city cut to the header and this station's
  // row, with the name changed (rows a file leaves out stay as they are).
  const exported = await page.request.get("/api/v1/admin/export/stations.xlsx?city=210100");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await exported.body()) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rowIndex = sheet.getRows(2, sheet.rowCount - 1)!.find((row) => row.values && (row.values as unknown[]).includes("工行测试脚本注入驿站"))!.number;
  sheet.getRow(rowIndex).eachCell((cell) => {
    if (cell.value === "工行测试脚本注入驿站") cell.value = payloads.name;
  });
  for (let index = sheet.rowCount; index >= 2; index--) if (index !== rowIndex) sheet.spliceRows(index, 1);
  expect(sheet.rowCount).toBe(2);
  await page.goto("/admin/import");
  await page.getByLabel(/选择文件/).setInputFiles({
    name: "驿站.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
  });
  await page.getByRole("button", { name: "预览" }).click();
  const plan = page.getByTestId("import-plan");
  await expect(plan.getByTestId("count-update")).toContainText("1");
  await expect(plan.getByText(payloads.name).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  await page.getByRole("button", { name: "应用导入" }).click();
  await expect(page.getByRole("status").filter({ hasText: "导入完成" })).toHaveText(/更新 1 个/);

  // The public station page: name, notice and amenity note, as text.
  await expectInert(page, `/stations/${stationId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(payloads.name);
  await expect(page.getByTestId("station-notice")).toContainText(payloads.notice);
  await expect(page.getByText(payloads.note)).toBeVisible();

  // The finder's search lists it by a word of its name, as text.
  await expectInert(page, "/");
  await page.getByLabel("搜索驿站名称、地址或拼音").fill("onerror");
  await expect(page.getByRole("link", { name: payloads.name })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();

  // Staff: the station's editor (its history shows the changes) and the feedback queue with the report.
  await expectInert(page, `/staff/stations/${stationId}`);
  await expect(page.getByRole("heading", { name: payloads.name }).first()).toBeVisible();
  await expect(page.getByTestId("station-details").getByRole("textbox", { name: /公告/ })).toHaveValue(payloads.notice);
  await expect(page.getByTestId("station-history")).toContainText(payloads.notice);
  await expectInert(page, "/staff");
  const item = page.getByTestId("feedback-queue").getByRole("listitem").filter({ hasText: payloads.message });
  await expect(item).toContainText(payloads.contact);

  // Admin: the account list and page, the audit log, the dashboard and the posters of the city.
  await expectInert(page, `/admin/users?q=${encodeURIComponent("员工")}`);
  await expect(page.getByText(payloads.userName).first()).toBeVisible();
  await expectInert(page, `/admin/users/${userId}`);
  await expect(page.getByText(payloads.userName).first()).toBeVisible();
  await expectInert(page, `/admin/audit?stationId=${stationId}`);
  await expect(page.getByText(payloads.name).first()).toBeVisible();
  await expectInert(page, "/admin");
  await expectInert(page, "/admin/posters?city=210100");
});

test("another site's page cannot send the feedback endpoint JSON: the CORS preflight is never granted", async ({ request }) => {
  const preflight = await request.fetch(`/api/v1/stations/${stationId}/feedback`, {
    method: "OPTIONS",
    headers: { origin: "https://evil.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
  });
  expect(preflight.status()).toBeLessThan(500);
  expect(preflight.headers()["access-control-allow-origin"]).toBeUndefined();
});

test("every page answers hostile query strings without a server error, and shows them only as text", async ({ page }) => {
  await signedIn(page);
  const hostile = ["' OR '1'='1", "<script>window.__xss=9</script>", "%00", "\u0000", "%", "9".repeat(400), "' UNION SELECT password FROM accounts --"];
  const pages = ["/", "/admin", "/admin/users", "/admin/audit", "/admin/coverage", "/admin/posters", "/admin/export", "/staff"];
  const names = ["q", "city", "focus", "sort", "dir", "measure", "stale", "page", "role", "status", "station", "stationId", "from", "to", "cursor", "amenity", "thresholdMeters"];
  for (const path of pages) {
    for (const value of hostile) {
      const query = new URLSearchParams(names.map((name) => [name, value]));
      const response = await page.request.get(`${path}?${query}`);
      expect(response.status(), `${path} ${value}`).toBeLessThan(500);
      expect(await response.text(), `${path} ${value}`).not.toContain("<script>window.__xss");
    }
  }
  // And in the path, where a page takes an id.
  for (const prefix of ["/stations/", "/staff/stations/", "/admin/users/"]) {
    for (const value of hostile) {
      const response = await page.request.get(`${prefix}${encodeURIComponent(value)}`);
      expect(response.status(), `${prefix}${value}`).toBeLessThan(500);
    }
  }
});
