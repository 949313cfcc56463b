import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { env } from "@/lib/env";
import { API_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS, STRICT_TRANSPORT_SECURITY } from "@/lib/security-headers";
import { createProvinceAdmin, ownClientAddress, removeAccounts, type Account } from "./support/accounts";
import { createStations } from "./support/station-fixtures";

/**
 * Every kind of response the server gives (public, staff and admin pages, the not-found page, JSON, CSV
 * and XLSX answers, errors, the worker script, the manifest, public files and Next's build output) carries
 * the security headers; pages carry a fresh nonce that matches their scripts.
 */
let admin: Account;
let fixture: Awaited<ReturnType<typeof createStations>>;
let signedIn: APIRequestContext;
let anonymous: APIRequestContext;

test.beforeAll(async ({ baseURL }) => {
  fixture = await createStations([{ name: "工行测试响应头驿站" }]);
  admin = createProvinceAdmin("e2e_headers", "响应头测试管理员");
  anonymous = await playwrightRequest.newContext({ baseURL });
  signedIn = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { ...ownClientAddress(), origin: baseURL! } });
  const response = await signedIn.post("/api/auth/sign-in/username", { data: { username: admin.username, password: admin.password } });
  expect(response.ok(), await response.text()).toBe(true);
});

test.afterAll(async () => {
  await Promise.all([anonymous?.dispose(), signedIn?.dispose()]);
  await fixture?.remove();
  if (admin) await removeAccounts(admin.username);
});

/** A policy as a map of directive to its sources. */
function directives(policy: string | undefined): Map<string, string[]> {
  expect(policy, "a Content-Security-Policy header").toBeTruthy();
  return new Map(
    policy!.split(";").map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

function expectStaticHeaders(response: APIResponse) {
  const headers = response.headers();
  for (const { key, value } of STATIC_SECURITY_HEADERS) expect(headers[key.toLowerCase()], `${key} on ${response.url()}`).toBe(value);
}

/** Checks a page's headers and that every script in its HTML carries the header's nonce; returns the nonce. */
async function expectPageHeaders(response: APIResponse, status = 200): Promise<string> {
  expect(response.status(), response.url()).toBe(status);
  expect(response.headers()["content-type"]).toMatch(/^text\/html/);
  expectStaticHeaders(response);
  expect(response.headers()["strict-transport-security"]).toBeUndefined();
  const policy = directives(response.headers()["content-security-policy"]);
  const script = policy.get("script-src")!;
  const nonce = script.find((s) => s.startsWith("'nonce-"))?.slice("'nonce-".length, -1);
  expect(nonce, `a nonce on ${response.url()}`).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(script).toContain("'strict-dynamic'");
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect(policy.get("img-src")).toEqual(["'self'", "data:", "https://tile.openstreetmap.org"]);
  expect(policy.has("upgrade-insecure-requests")).toBe(false);
  const html = await response.text();
  const scriptTags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scriptTags.length, `scripts on ${response.url()}`).toBeGreaterThan(0);
  for (const tag of scriptTags) expect(tag, `on ${response.url()}`).toContain(`nonce="${nonce}"`);
  return nonce!;
}

test("public pages carry the policy with a fresh nonce on every response", async () => {
  const pages = ["/", `/stations/${fixture.ids[0]}`, "/login", "/privacy"];
  for (const path of pages) {
    const first = await expectPageHeaders(await anonymous.get(path));
    const second = await expectPageHeaders(await anonymous.get(path));
    expect(second, `a new nonce for ${path}`).not.toBe(first);
  }
  await expectPageHeaders(await anonymous.get("/stations/00000000-0000-4000-8000-000000000000"), 404);
  await expectPageHeaders(await anonymous.get("/no-such-page"), 404);
});

test("staff and admin pages carry the policy", async () => {
  const pages = ["/staff", `/staff/stations/${fixture.ids[0]}`, "/admin", "/admin/users", "/admin/audit", "/admin/coverage", "/admin/export", "/admin/import", "/admin/posters?city=210100"];
  for (const path of pages) await expectPageHeaders(await signedIn.get(path));
});

test("API answers, downloads and errors carry a policy that loads nothing", async () => {
  const responses: [string, APIResponse, number][] = [
    ["stations", await anonymous.get("/api/v1/stations?limit=1"), 200],
    ["station", await anonymous.get(`/api/v1/stations/${fixture.ids[0]}`), 200],
    ["amenities", await anonymous.get("/api/v1/amenities"), 200],
    ["geojson", await anonymous.get("/api/v1/stations.geojson"), 200],
    ["openapi", await anonymous.get("/api/v1/openapi.json"), 200],
    ["unknown", await anonymous.get("/api/v1/no-such-thing"), 404],
    ["405", await anonymous.delete("/api/v1/amenities"), 405],
    ["bad feedback", await anonymous.post(`/api/v1/stations/${fixture.ids[0]}/feedback`, { data: {} }), 400],
    ["session", await anonymous.get("/api/auth/get-session"), 200],
    ["staff without session", await anonymous.get("/api/v1/staff/feedback"), 401],
    ["audit csv", await signedIn.get("/api/v1/staff/audit.csv"), 200],
    ["export xlsx", await signedIn.get("/api/v1/admin/export/stations.xlsx?city=210100"), 200],
    ["import template", await signedIn.get("/api/v1/admin/import/template.csv"), 200],
  ];
  for (const [name, response, status] of responses) {
    expect(response.status(), name).toBe(status);
    expect(response.headers()["content-security-policy"], name).toBe(API_CONTENT_SECURITY_POLICY);
    expectStaticHeaders(response);
  }
});

test("the worker script, the manifest, public files and Next's build output carry the headers", async () => {
  const html = await (await anonymous.get("/")).text();
  const chunk = html.match(/src="(\/_next\/static\/[^"]+\.js)"/)?.[1];
  expect(chunk).toBeTruthy();
  const built = await anonymous.get(chunk!);
  expect(built.status()).toBe(200);
  expectStaticHeaders(built);

  for (const path of ["/sw.js", "/manifest.webmanifest", "/icon.svg", "/geo/liaoning-province.wgs84.json"]) {
    const response = await anonymous.get(path);
    expect(response.status(), path).toBe(200);
    expectStaticHeaders(response);
    // The worker runs under its own script's policy: it may fetch this site and nothing else.
    const policy = directives(response.headers()["content-security-policy"]);
    expect(policy.get("connect-src"), path).toEqual(["'self'"]);
    expect(policy.get("default-src"), path).toEqual(["'self'"]);
  }
});

test("HTTPS behind the reverse proxy adds HSTS and upgrades sub-resources", async () => {
  const https = { "x-forwarded-proto": "https" };
  for (const path of ["/", "/api/v1/amenities", "/sw.js"]) {
    const response = await anonymous.get(path, { headers: https });
    expect(response.headers()["strict-transport-security"], path).toBe(STRICT_TRANSPORT_SECURITY);
  }
  expect(directives((await anonymous.get("/", { headers: https })).headers()["content-security-policy"]).get("upgrade-insecure-requests")).toEqual([]);
  expect((await anonymous.get("/", { headers: { "x-forwarded-proto": "http" } })).headers()["strict-transport-security"]).toBeUndefined();
});

test("the tile server the configuration names is the one images may come from", async () => {
  // playwright.config.ts starts this second server on Amap's GCJ-02 tiles (webrd01.is.autonavi.com).
  const gcj02 = await playwrightRequest.newContext({ baseURL: `http://127.0.0.1:${env.E2E_PORT + 1}` });
  try {
    const response = await gcj02.get("/");
    expect(directives(response.headers()["content-security-policy"]).get("img-src")).toEqual(["'self'", "data:", "https://webrd01.is.autonavi.com"]);
  } finally {
    await gcj02.dispose();
  }
});
