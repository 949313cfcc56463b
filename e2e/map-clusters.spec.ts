import { randomUUID } from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { createPrismaClient } from "../lib/db";
import { env, requireDatabaseUrl } from "../lib/env";

/**
 * Past FINDER_EMBED_LIMIT stations the finder stops carrying them and the map asks the server for the
 * clusters of what it shows. This spec adds just enough stations to cross the limit — a grid about a
 * kilometre apart near 新民 — and taps its way into a cluster until single stations appear.
 */
const tag = randomUUID().slice(0, 8);
const prefix = `聚合地图驿站${tag}-`;
const blob = { south: 41.85, west: 122.5, rows: 30 };
let seeded = 0;

function database() {
  return createPrismaClient(requireDatabaseUrl(), 1);
}

test.beforeAll(async () => {
  const db = database();
  try {
    const existing = await db.station.count();
    seeded = Math.max(env.FINDER_EMBED_LIMIT + 1 - existing, 50);
    await db.$executeRaw`
      INSERT INTO stations (id, code, name, address, city_adcode, district_adcode, lat, lng, source, updated_at)
      SELECT gen_random_uuid(), 'E2E-CL-' || ${tag} || '-' || g, ${prefix} || g, '辽宁省沈阳市新民市测试路' || g || '号', 210100, 210181,
             ${blob.south}::float8 + (g % ${blob.rows}) * 0.01, ${blob.west}::float8 + (g / ${blob.rows}) * 0.012, 'STAFF', now()
      FROM generate_series(0, ${seeded - 1}) g`;
  } finally {
    await db.$disconnect();
  }
});

test.afterAll(async () => {
  const db = database();
  try {
    await db.station.deleteMany({ where: { code: { startsWith: `E2E-CL-${tag}-` } } });
  } finally {
    await db.$disconnect();
  }
});

test.beforeEach(async ({ page }) => {
  await page.route(/tile\.openstreetmap\.org/, (route) => route.abort());
});

const clusterButtons = (page: Page) => page.getByRole("button", { name: /个驿站，点按放大$/ });

/**
 * Which of the markers the map shows: an answer covers a margin around the view too, and on a phone
 * those markers lie under the page's other content.
 */
async function onMap(markers: Locator): Promise<boolean[]> {
  return markers.evaluateAll((items) =>
    items.map((item) => {
      // Not item.closest(): a marker the map has just replaced is no longer in it.
      const map = document.querySelector(".leaflet-container")!.getBoundingClientRect();
      const box = item.getBoundingClientRect();
      if (!item.isConnected) return false;
      return box.left >= map.left && box.right <= map.right && box.top >= map.top && box.bottom <= map.bottom;
    }),
  );
}

/** The counts of the clusters the map shows (0 for those in the margin). */
async function counts(clusters: Locator): Promise<number[]> {
  const shown = await onMap(clusters);
  const labels = await clusters.evaluateAll((items) => items.map((item) => item.getAttribute("aria-label") ?? ""));
  return labels.map((label, i) => (shown[i] ? Number(/^(\d+)/.exec(label)?.[1]) : 0));
}

test("the map draws the server's clusters, which split as it zooms in (by tap or Enter), down to single stations", async ({ page, request }) => {
  // Each server rechecks the stations every few seconds: wait until it has seen the ones added here.
  await expect
    .poll(async () => (await (await request.get("/api/v1/stations/clusters?bbox=122,41.5,123.5,42.5&zoom=10")).json()).count as number, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(seeded);

  const clusterResponses: string[] = [];
  page.on("response", (response) => {
    if (response.url().includes("/api/v1/stations/clusters")) clusterResponses.push(response.url());
  });
  await page.goto("/");
  await expect(page.getByTestId("station-data")).toHaveAttribute("data-mode", "clusters");
  await expect(page.getByTestId("map-status")).toContainText("地图范围内约");

  // The province view: the added grid makes big clusters among the sample's smaller ones.
  const clusters = clusterButtons(page);
  await expect(clusters.first()).toBeVisible();
  let sizes = await counts(clusters);
  let biggest = Math.max(...sizes);
  expect(biggest, "the added grid makes big clusters").toBeGreaterThanOrEqual(100);

  // Tap the biggest cluster until its stations stand alone; each tap must split it into smaller ones.
  // The first "tap" is Enter on the focused cluster: a keyboard reaches them too.
  const pins = page.locator(`.leaflet-marker-pane img[alt^="${prefix}"]`);
  const pinsShown = async () => (await onMap(pins)).filter(Boolean).length;
  for (let step = 0; step < 10 && (await pinsShown()) === 0; step++) {
    const before = biggest;
    const target = clusters.nth(sizes.indexOf(before));
    if (step === 0) {
      await target.focus();
      await page.keyboard.press("Enter");
    } else await target.click();
    await expect.poll(async () => Math.max(0, ...(await counts(clusters))), { message: "the tapped cluster splits" }).toBeLessThan(before);
    await expect.poll(async () => (await clusters.count()) + (await pins.count())).toBeGreaterThan(1);
    sizes = await counts(clusters);
    biggest = Math.max(0, ...sizes);
    if (biggest === 0) break;
  }
  const shown = (await onMap(pins)).indexOf(true);
  expect(shown, "a seeded station's pin on the map").toBeGreaterThanOrEqual(0);
  await pins.nth(shown).click();
  await expect(page.locator(".marker-popup a")).toContainText(prefix);

  // The list comes from the API: the stations in view, nearest the map's centre first.
  await expect(page.getByTestId("station-item").first()).toBeVisible();
  await expect(page.getByTestId("station-item").first().getByRole("link")).toContainText(prefix);
  expect(clusterResponses.length).toBeGreaterThan(1);
});

/**
 * On GCJ-02 tiles (the second test server) the clusters' points are converted for display and the area
 * asked for converted back. Tap exactly where a seeded station's pin points: the tapped place must be
 * that station, a few metres at most, as e2e/map-datum.spec.ts checks for carried stations.
 */
test("on GCJ-02 tiles a station's pin from the clusters sits where the station is", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "public-desktop", "one viewport is enough for the datum; the GCJ-02 server is shared");
  const name = `${prefix}0`;
  await page.route(/autonavi\.com/, (route) => route.abort());
  await page.goto(`http://127.0.0.1:${env.E2E_PORT + 1}/`);
  await expect(page.getByTestId("station-data")).toHaveAttribute("data-mode", "clusters");
  const search = page.getByLabel("搜索驿站名称、地址或拼音");
  await search.fill(name);
  const card = page.getByTestId("station-item").filter({ hasText: name });
  await expect(card).toHaveCount(1);
  const id = await card.getAttribute("data-station-id");
  await card.getByRole("button", { name: "在地图上显示" }).click();
  await search.fill("");
  await page.getByText("其他方式选择位置").click();
  await page.getByRole("button", { name: "在地图上点选位置" }).click();

  // Two pins: the clusters' own (30 px) and the list's highlight of the selected station drawn over it
  // (42 px, from the list's data). Both must point at the same spot: each pin's anchor is the middle
  // of its bottom edge.
  const pins = page.locator(`.leaflet-marker-pane img[alt="${name}"]`);
  await expect(pins).toHaveCount(2);
  const anchors = async () =>
    pins.evaluateAll((items) =>
      items.map((item) => {
        const box = item.getBoundingClientRect();
        return { x: Math.round(box.left + box.width / 2), y: Math.round(box.bottom), size: Math.round(box.width) };
      }),
    );
  let previous = await anchors();
  // The map has finished moving when the pins stop moving.
  await expect
    .poll(async () => {
      const before = previous;
      previous = await anchors();
      return JSON.stringify(before) === JSON.stringify(previous);
    })
    .toBe(true);
  const fromClusters = previous.find((a) => a.size === 30)!;
  const highlight = previous.find((a) => a.size === 42)!;
  expect(Math.abs(fromClusters.x - highlight.x)).toBeLessThanOrEqual(1);
  expect(Math.abs(fromClusters.y - highlight.y)).toBeLessThanOrEqual(1);
  await page.mouse.click(fromClusters.x, fromClusters.y - 1);

  await expect(page.getByTestId("origin")).toContainText("地图上选的位置");
  const first = page.getByTestId("station-item").first();
  await expect(first).toHaveAttribute("data-station-id", id!);
  expect(Number(await first.getAttribute("data-distance"))).toBeLessThan(15);
});
