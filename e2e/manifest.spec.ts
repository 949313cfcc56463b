import { expect, test } from "@playwright/test";

test("the web app manifest names the app and its icons load", async ({ request }) => {
  const response = await request.get("/manifest.webmanifest");
  expect(response.status()).toBe(200);
  const manifest = await response.json();
  expect(manifest).toMatchObject({ name: "工行驿站", start_url: "/", display: "standalone", theme_color: "#c7000b", lang: "zh-CN" });
  expect(manifest.short_name).toBeTruthy();

  const icons: { src: string; sizes: string; type: string; purpose?: string }[] = manifest.icons;
  for (const size of ["192x192", "512x512"]) {
    expect(icons.some((icon) => icon.sizes === size && icon.type === "image/png" && (icon.purpose ?? "any") === "any")).toBe(true);
  }
  expect(icons.some((icon) => icon.purpose === "maskable")).toBe(true);
  for (const icon of icons) {
    const image = await request.get(icon.src);
    expect(image.status(), icon.src).toBe(200);
    expect(image.headers()["content-type"], icon.src).toContain(icon.type);
  }
});

test("every page links the manifest and the icons, and the worker script is never cached stale", async ({ page, request }) => {
  await page.goto("/");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", /\/manifest\.webmanifest/);
  await expect(page.locator('link[rel="icon"][type="image/svg+xml"]')).toHaveCount(1);
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveCount(1);

  const worker = await request.get("/sw.js");
  expect(worker.status()).toBe(200);
  expect(worker.headers()["cache-control"]).toBe("no-cache");
});
