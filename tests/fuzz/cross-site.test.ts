/**
 * Cross-site request forgery, on every state-changing route: the staff and admin API (every non-GET
 * operation the OpenAPI document lists, so a new one is covered without editing this file), the public
 * feedback form's endpoint, and better-auth's sign-in, sign-out and account endpoints.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...all]/route";
import { POST as feedbackPost } from "@/app/api/v1/stations/[id]/feedback/route";
import { getDb } from "@/lib/db";
import { buildOpenApiDocument } from "@/lib/openapi";
import { getRequestActor } from "@/lib/server/auth/get-request-actor";
import { createUser, type SystemActor } from "@/lib/server/user/create-user";
import { createStations } from "../../e2e/support/station-fixtures";
import { signInCookie } from "../support/sign-in";

type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;
type Operation = { security?: unknown[] };

const document = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, Operation>> };
const routeFiles = import.meta.glob<Partial<Record<string, Handler>>>("/app/api/v1/**/route.ts");
const routeByPath = new Map(Object.entries(routeFiles).map(([file, load]) => [file.replace(/^\/app/, "").replace(/\/route\.ts$/, "").replace(/\[(\w+)\]/g, "{$1}"), load]));

const system: SystemActor = { kind: "system", label: "system:test-csrf" };
const suffix = randomUUID().slice(0, 8);
const password = "csrf password 123";
const username = `csrf_${suffix}`;
let fixture: Awaited<ReturnType<typeof createStations>>;
let params: Record<string, string> = {};
let cookie = "";

/** A client address of its own per request: the sign-in limit counts per address (per /64 for IPv6). */
const newClient = () => `2001:db8:${randomUUID().slice(0, 4)}::1`;

beforeAll(async () => {
  fixture = await createStations([{ name: "工行测试跨站驿站" }]);
  await createUser(system, { username, email: `${username}@example.cn`, password, name: "跨站测试", role: { role: "PROVINCE_ADMIN" } });
  const target = await createUser(system, { username: `csrft_${suffix}`, email: `csrft_${suffix}@example.cn`, password, name: "目标", role: { role: "BRANCH_STAFF", stationId: fixture.ids[0] } });
  const role = await getDb().roleAssignment.findFirstOrThrow({ where: { userId: target.id } });
  const report = await getDb().feedbackReport.create({ data: { stationId: fixture.ids[0], kind: "OTHER", message: "跨站", clientHash: "csrf" } });
  // Real records behind every path parameter, so a missing check would let the write through.
  params = { id: fixture.ids[0], roleId: role.id, file: "template.csv" };
  params.userId = target.id;
  params.reportId = report.id;
  cookie = await signInCookie(username, password);
});

afterAll(async () => {
  await getDb().user.deleteMany({ where: { username: { endsWith: `_${suffix}` } } });
  await fixture.remove();
});

/** What a browser sends for another site's form post or fetch, and the variants a forger might try. */
const crossSiteHeaders: Record<string, Record<string, string>> = {
  "Sec-Fetch-Site: cross-site": { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
  "Sec-Fetch-Site: same-site (a sibling subdomain)": { "sec-fetch-site": "same-site", origin: "https://evil.localhost" },
  "another Origin, no Sec-Fetch-Site (an older browser)": { origin: "https://evil.example" },
  "Origin: null (a sandboxed frame)": { origin: "null" },
  "neither header": {},
};

describe("every state-changing staff and admin operation refuses a request from another site, even with an admin's session", () => {
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method, operation]) => method !== "get" && operation.security)
      .map(([method]) => ({ path, verb: method.toUpperCase() })),
  );

  it("covers the writes the document lists", () => {
    expect(operations.length).toBeGreaterThanOrEqual(12);
  });

  for (const { path, verb } of operations) {
    it(`${verb} ${path}`, async () => {
      const handler = (await routeByPath.get(path)!())[verb]!;
      const id = path.startsWith("/api/v1/admin/users/") ? params.userId : path.startsWith("/api/v1/staff/feedback/") ? params.reportId : params.id;
      const routeParams = { id, roleId: params.roleId };
      const auditBefore = await getDb().auditEvent.count();
      for (const [label, headers] of Object.entries(crossSiteHeaders)) {
        const request = new Request(`http://localhost${path.replace("{id}", id).replace("{roleId}", params.roleId)}?mode=apply`, {
          method: verb,
          headers: { cookie, "content-type": "application/json", ...headers },
          body: JSON.stringify({ version: 1, notice: "跨站", name: "跨站", password: "cross site 123", role: "PROVINCE_ADMIN", resolution: "fixed" }),
        });
        const response = await handler(request, { params: Promise.resolve(routeParams) as Promise<never> });
        expect(response.status, label).toBe(403);
        expect((await response.json()).error.code, label).toBe("forbidden");
      }
      expect(await getDb().auditEvent.count()).toBe(auditBefore);
    });
  }
});

describe("the public feedback endpoint", () => {
  // A cross-site HTML form (or a fetch without a preflight) can send only these content types; JSON needs a
  // CORS preflight, which this site never grants. So another site cannot file reports in a visitor's name.
  for (const [contentType, body] of [
    ["application/x-www-form-urlencoded", "kind=closed"],
    ["text/plain", JSON.stringify({ kind: "closed" })],
    ["multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="kind"\r\n\r\nclosed\r\n--x--\r\n'],
  ]) {
    it(`refuses what a cross-site form can send (${contentType.split(";")[0]}) and stores nothing`, async () => {
      const stationId = fixture.ids[0];
      const before = await getDb().feedbackReport.count({ where: { stationId } });
      const response = await feedbackPost(
        new Request(`http://localhost/api/v1/stations/${stationId}/feedback`, {
          method: "POST",
          headers: { "content-type": contentType, "sec-fetch-site": "cross-site", origin: "https://evil.example", "x-forwarded-for": newClient() },
          body,
        }),
        { params: Promise.resolve({ id: stationId }) },
      );
      expect(response.status).toBe(400);
      expect(await getDb().feedbackReport.count({ where: { stationId } })).toBe(before);
    });
  }
});

describe("better-auth's endpoints", () => {
  function auth(path: string, headers: Record<string, string>, body: unknown) {
    return authPost(
      new Request(`http://localhost/api/auth${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": newClient(), ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    );
  }

  it("sign-in from another site is refused and sets no cookie (login CSRF), while a script without Origin still signs in", async () => {
    for (const headers of [crossSiteHeaders["Sec-Fetch-Site: cross-site"], crossSiteHeaders["another Origin, no Sec-Fetch-Site (an older browser)"], crossSiteHeaders["Origin: null (a sandboxed frame)"]]) {
      const response = await auth("/sign-in/username", headers, { username, password });
      expect(response.status).toBe(403);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    expect((await auth("/sign-in/username", {}, { username, password })).status).toBe(200);
  });

  it("sign-in takes JSON only, which a cross-site form cannot send", async () => {
    const form = await auth("/sign-in/username", { "content-type": "application/x-www-form-urlencoded" }, `username=${username}&password=${encodeURIComponent(password)}`);
    expect(form.status).toBe(415);
    expect(form.headers.getSetCookie()).toEqual([]);
  });

  it("sign-out, signing out everywhere and changing the password refuse another site, and the session survives", async () => {
    for (const [path, body] of [
      ["/sign-out", {}],
      ["/revoke-sessions", {}],
      ["/change-password", { currentPassword: password, newPassword: "changed by evil 1" }],
    ] as const) {
      for (const headers of [crossSiteHeaders["Sec-Fetch-Site: cross-site"], crossSiteHeaders["another Origin, no Sec-Fetch-Site (an older browser)"], crossSiteHeaders["neither header"]]) {
        expect((await auth(path, { cookie, ...headers }, body)).status, `${path} ${JSON.stringify(headers)}`).toBe(403);
      }
    }
    expect((await getRequestActor(new Headers({ cookie }))).kind).toBe("user");
    // The password is unchanged: signing in with it still works.
    expect((await auth("/sign-in/username", { origin: "http://localhost" }, { username, password })).status).toBe(200);
  });
});
