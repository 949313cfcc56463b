import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createPrismaClient } from "@/lib/db";
import { requireDatabaseUrl } from "@/lib/env";
import { shanghaiLocalTime } from "@/lib/opening-hours";
import { createProvinceAdmin, ownClientAddress, removeAccounts, sessionCookies, type Account, type SessionCookies } from "./support/accounts";
import { createStations, everyDay9to17 } from "./support/station-fixtures";

let admin: Account;
let fixture: Awaited<ReturnType<typeof createStations>>;
let session: SessionCookies = [];

// The sign-in test below signs in on the test's own page: it too comes from an address of this spec's own.
test.use({ extraHTTPHeaders: ownClientAddress() });

test.beforeAll(async ({ browser }) => {
  fixture = await createStations([
    { name: "工行测试员工驿站", notice: "旧公告" },
    { name: "工行测试员工设施驿站", openingHours: { weekly: everyDay9to17, exceptions: [] } },
  ]);
  admin = createProvinceAdmin("e2e_admin", "测试管理员");
  session = await sessionCookies(browser, admin);
});

async function resumeSession(page: Page) {
  await page.context().addCookies(session);
  await page.goto("/staff");
}

test.afterAll(async () => {
  await fixture.remove();
  await removeAccounts(admin.username);
});

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("用户名或邮箱").fill(admin.username);
  await page.getByLabel("密码").fill(admin.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/staff$/);
}

function stationCard(page: Page) {
  return page.getByTestId("staff-station").filter({ has: page.getByRole("heading", { name: "工行测试员工驿站", exact: true }) });
}

/** The station's own page in /staff, and its details form, once the forms can take input. */
async function openStation(page: Page, index = 0) {
  await page.goto(`/staff/stations/${fixture.ids[index]}`);
  return formsReady(page);
}

/** The save buttons are disabled until React has hydrated the page; typing before that could be lost. */
async function formsReady(page: Page) {
  const details = page.getByTestId("station-details");
  await expect(details.getByRole("button", { name: "保存", exact: true })).toBeEnabled();
  return details;
}

test("staff sign in, change the notice, and the public page shows it at once", async ({ page }) => {
  await signIn(page);
  await stationCard(page).getByRole("link", { name: "工行测试员工驿站" }).click();
  await expect(page).toHaveURL(`/staff/stations/${fixture.ids[0]}`);
  const card = await formsReady(page);
  await card.getByLabel("公告").fill("冬季提供热姜茶");
  await card.getByRole("button", { name: "保存" }).click();
  await expect(card.getByRole("status")).toHaveText("已保存");
  await page.goto(`/stations/${fixture.ids[0]}`);
  await expect(page.getByTestId("station-notice")).toContainText("冬季提供热姜茶");
});

test("a stale save shows what changed and can be re-applied", async ({ page, context }) => {
  await resumeSession(page);
  const card = await openStation(page);
  const other = await context.newPage();
  const otherCard = await openStation(other);
  await otherCard.getByLabel("公告").fill("另一个人的公告");
  await otherCard.getByRole("button", { name: "保存" }).click();
  await expect(otherCard.getByRole("status")).toHaveText("已保存");

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

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** A Shanghai calendar date some days from now, as a date input takes it. */
function daysFromNow(days: number): string {
  return shanghaiLocalTime(new Date(Date.now() + days * 86_400_000)).date;
}

async function currentVersion(stationId: string): Promise<number> {
  const db = createPrismaClient(requireDatabaseUrl(), 1);
  try {
    return (await db.station.findUniqueOrThrow({ where: { id: stationId }, select: { version: true } })).version;
  } finally {
    await db.$disconnect();
  }
}

test("staff edit an amenity and the hours, and the public page shows them", async ({ page }) => {
  await resumeSession(page);
  await openStation(page, 1);
  const amenities = page.getByTestId("station-amenities");
  const wifi = amenities.getByRole("group", { name: "免费无线网络" });
  await wifi.getByLabel("供应情况").selectOption({ label: "有限" });
  await wifi.getByLabel("备注").fill("信号弱，靠窗好一些");
  await wifi.getByRole("button", { name: "今天检查过" }).click();
  await expect(wifi.getByLabel("上次检查日期")).toHaveValue(daysFromNow(0));
  await amenities.getByRole("button", { name: "保存设施" }).click();
  await expect(amenities.getByRole("status")).toHaveText("已保存");

  const hours = page.getByTestId("station-hours");
  const monday = hours.getByRole("group", { name: "周一" });
  await monday.getByLabel("关门时间").fill("12:00");
  await monday.getByRole("button", { name: "添加时段" }).click();
  await monday.getByLabel("开门时间").nth(1).fill("13:00");
  await monday.getByLabel("关门时间").nth(1).fill("18:30");
  await hours.getByRole("button", { name: "把周一的时间复制到周二至周五" }).click();
  await expect(hours.getByRole("group", { name: "周五" }).getByLabel("关门时间").nth(1)).toHaveValue("18:30");
  await hours.getByRole("button", { name: "添加临时闭站" }).click();
  const closure = hours.getByTestId("exception").last();
  await closure.getByLabel("开始日期").fill(daysFromNow(10));
  await closure.getByLabel("结束日期").fill(daysFromNow(12));
  await closure.getByLabel("说明（公开显示）").fill("内部装修");
  await hours.getByRole("button", { name: "保存营业时间" }).click();
  await expect(hours.getByRole("status")).toHaveText("已保存");

  // The station's history tells what changed, in words.
  const history = page.getByTestId("station-history");
  await expect(history).toContainText("周一：09:00–17:00 → 09:00–12:00，13:00–18:30");
  await expect(history).toContainText("免费无线网络：提供 → 有限 · 信号弱，靠窗好一些");
  await expect(history).toContainText("新增例外日期：临时闭站");

  await page.goto(`/stations/${fixture.ids[1]}`);
  await expect(page.getByTestId("amenity-wifi")).toContainText("免费无线网络（有限）");
  await expect(page.getByTestId("amenity-wifi")).toContainText("信号弱，靠窗好一些");
  await expect(page.getByRole("row", { name: /周一/ })).toContainText("09:00–12:00，13:00–18:30");
  await expect(page.getByRole("row", { name: /周四/ })).toContainText("09:00–12:00，13:00–18:30");
  await expect(page.getByRole("row", { name: /周六/ })).toContainText("09:00–17:00");
  await expect(page.locator(".station-exceptions")).toContainText("临时闭站");
  await expect(page.locator(".station-exceptions")).toContainText("内部装修");
});

test("hours that close before they open are refused in the form, in Chinese, beside the field", async ({ page }) => {
  await resumeSession(page);
  await openStation(page, 1);
  const sent: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "PUT") sent.push(request.url());
  });
  const hours = page.getByTestId("station-hours");
  const closes = hours.getByRole("group", { name: "周日" }).getByLabel("关门时间");
  await closes.fill("08:00");
  await hours.getByRole("button", { name: "保存营业时间" }).click();
  await expect(closes).toHaveAttribute("aria-invalid", "true");
  await expect(closes).toHaveAccessibleDescription("关门时间须晚于开门时间");
  await expect(closes).toBeFocused();
  await expect(hours.getByRole("status")).toHaveText("有 1 处需要改正，已在对应的格子下面标出。");
  expect(sent).toEqual([]);
});

test("a stale hours save shows what is there now and can be re-applied", async ({ page, baseURL }) => {
  await resumeSession(page);
  await openStation(page, 1);
  // Another editor saves other hours after this page loaded.
  const other = await page.request.put(`/api/v1/staff/stations/${fixture.ids[1]}/hours`, {
    data: { version: await currentVersion(fixture.ids[1]), weekly: [{ day: 6, opens: "10:00", closes: "15:00" }], exceptions: [] },
    headers: { origin: baseURL! },
  });
  expect(other.status()).toBe(200);

  const hours = page.getByTestId("station-hours");
  await hours.getByRole("group", { name: "周日" }).getByLabel("关门时间").fill("16:00");
  await hours.getByRole("button", { name: "保存营业时间" }).click();
  const conflict = hours.getByTestId("conflict");
  await expect(conflict).toContainText("这个驿站刚被其他人修改过");
  await expect(conflict).toContainText("周六：10:00–15:00");
  await expect(conflict).toContainText("周日：休息");
  await conflict.getByRole("button", { name: "在最新内容上保存我的修改" }).click();
  await expect(hours.getByRole("status")).toHaveText("已保存");
  await expect(conflict).toHaveCount(0);

  await page.goto(`/stations/${fixture.ids[1]}`);
  await expect(page.getByRole("row", { name: /周日/ })).toContainText("09:00–16:00");
});

test("a stale amenities save shows what is there now and can be reloaded", async ({ page, baseURL }) => {
  await resumeSession(page);
  await openStation(page, 1);
  const other = await page.request.put(`/api/v1/staff/stations/${fixture.ids[1]}/amenities`, {
    data: { version: await currentVersion(fixture.ids[1]), amenities: [{ code: "toilet", availability: "unavailable", note: "水管维修" }] },
    headers: { origin: baseURL! },
  });
  expect(other.status()).toBe(200);

  const amenities = page.getByTestId("station-amenities");
  await amenities.getByRole("group", { name: "饮用水" }).getByLabel("备注").fill("只有温水");
  await amenities.getByRole("button", { name: "保存设施" }).click();
  const conflict = amenities.getByTestId("conflict");
  await expect(conflict).toContainText("卫生间：暂时没有 · 水管维修");
  await conflict.getByRole("button", { name: "放弃我的修改，载入最新内容" }).click();
  const toilet = page.getByTestId("station-amenities").getByRole("group", { name: "卫生间" });
  await expect(toilet.getByLabel("供应情况")).toHaveValue("unavailable");
  await expect(page.getByTestId("station-amenities").getByRole("group", { name: "饮用水" }).getByLabel("供应情况")).toHaveValue("absent");
});

// Last, so the station page has a history and its forms have been used.
test("the staff pages have no serious accessibility problems", async ({ page }) => {
  await resumeSession(page);
  await expect(stationCard(page)).toBeVisible();
  await expectNoSeriousViolations(page);
  await openStation(page, 1);
  await expect(page.getByTestId("station-history")).toBeVisible();
  await expectNoSeriousViolations(page);
});
