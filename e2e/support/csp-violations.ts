import { expect, type Page } from "@playwright/test";

// What Chromium logs when a policy blocks something ("Refused to load the image …", "… violates the
// following Content Security Policy directive …") or cannot read a header ("Error with
// Permissions-Policy header: Unrecognized feature …").
const POLICY_MESSAGE = /Refused to|Content[- ]Security[- ]Policy|Permissions-Policy/i;
const VIOLATION_MARKER = "securitypolicyviolation:";

/**
 * Collects every CSP violation and policy-header error of a page, across its navigations: console
 * messages as above, and the securitypolicyviolation events, which also catch what a console message
 * might not word as expected. Call before the first goto; `expectNone` at the end of the test.
 */
export async function watchPolicyViolations(page: Page): Promise<{ expectNone(): void }> {
  const found: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (text.startsWith(VIOLATION_MARKER) || POLICY_MESSAGE.test(text)) found.push(`${page.url()}: ${text}`);
  });
  // Playwright's init scripts are evaluated by the browser itself, outside the page's script policy.
  await page.addInitScript((marker) => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`${marker} ${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  }, VIOLATION_MARKER);
  return {
    expectNone() {
      expect(found, "no policy violations").toEqual([]);
    },
  };
}

/** A 1×1 PNG, served in place of the map's tiles, which these offline machines cannot reach. */
export const TILE_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

/**
 * Answers the configured tile server's requests with TILE_PNG. Chromium checks img-src before a request
 * leaves the page, so a tile that arrives here (and shows) was allowed by the policy.
 */
export async function serveTiles(page: Page, host: RegExp): Promise<void> {
  await page.route(host, (route) => route.fulfill({ status: 200, contentType: "image/png", body: TILE_PNG }));
}

/** Waits for the map to show at least one tile: the tile source is allowed and the tiles were drawn. */
export async function expectTilesShown(page: Page): Promise<void> {
  await expect
    .poll(() => page.locator("img.leaflet-tile").evaluateAll((tiles) => tiles.filter((t) => (t as HTMLImageElement).complete && (t as HTMLImageElement).naturalWidth > 0).length))
    .toBeGreaterThan(0);
}
