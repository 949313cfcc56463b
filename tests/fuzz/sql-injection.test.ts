/**
 * SQL injection probes on every filter the API and the back office take. Every query is parameterised
 * (Prisma's tagged templates and query builder); these tests hold it so:
 *
 * - text filters (station search, audit station, account search) are matched literally: each payload is
 *   glued to a word no row contains, so the one right answer is no rows. An injected `OR '1'='1` or a
 *   comment cutting the word off would answer rows; a LIKE wildcard left unescaped would too.
 * - typed filters (coordinates, adcodes, ids, dates, enums, cursors, numbers) refuse the payload outright (400).
 * - the tables are intact afterwards: the same row counts, and the stacked `DROP TABLE` did nothing.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as coverageGet } from "@/app/api/v1/admin/coverage/route";
import { GET as exportGet } from "@/app/api/v1/admin/export/[file]/route";
import { GET as usersGet } from "@/app/api/v1/admin/users/route";
import { GET as auditCsvGet } from "@/app/api/v1/staff/audit.csv/route";
import { GET as auditGet } from "@/app/api/v1/staff/audit/route";
import { GET as feedbackGet } from "@/app/api/v1/staff/feedback/route";
import { GET as geojsonGet } from "@/app/api/v1/stations.geojson/route";
import { GET as stationsGet } from "@/app/api/v1/stations/route";
import { getDb } from "@/lib/db";
import { createUser, type SystemActor } from "@/lib/server/user/create-user";
import { dashboardQuerySchema } from "@/lib/validations/dashboard";
import { createStations } from "../../e2e/support/station-fixtures";
import { signInCookie } from "../support/sign-in";

type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

export const SQL_PAYLOADS = [
  "' OR '1'='1",
  "' OR 1=1 --",
  "\" OR \"\"=\"",
  "') OR ('x'='x",
  "'; DROP TABLE stations; --",
  "1; DROP TABLE users; --",
  "' UNION SELECT id, name FROM users --",
  "' AND pg_sleep(3) --",
  "$$; DELETE FROM stations; $$",
  "%",
  "_",
  "%' --",
  "\\",
  "\\'",
  "E'\\x27'",
  "1::int",
  "/**/OR/**/1=1",
];

/** A typed field refuses anything that is not its type; a few payloads of each kind show it (every one is in the text tests). */
const TYPED_PROBES = ["' OR '1'='1", "1; DROP TABLE users; --", "' UNION SELECT id, name FROM users --", "%", "\\'", "1::int"];

const system: SystemActor = { kind: "system", label: "system:test-sqli" };
const suffix = randomUUID().slice(0, 8);
const password = "sqli password 123";
/** A word no station, account or audit row contains: the one right answer to a search with it is nothing. */
const nowhere = `qzxv${suffix}`;
let cookie = "";
let fixture: Awaited<ReturnType<typeof createStations>>;
let before: Record<string, number> = {};

async function tableCounts() {
  const db = getDb();
  const [stations, users, audit, amenities] = await Promise.all([db.station.count(), db.user.count(), db.auditEvent.count(), db.stationAmenity.count()]);
  return { stations, users, audit, amenities };
}

beforeAll(async () => {
  // A station whose name holds SQL and LIKE characters, so the literal match has something to be wrong about.
  fixture = await createStations([{ name: "工行测试注入驿站 100%_' OR 1=1" }]);
  await createUser(system, { username: `sqli_${suffix}`, email: `sqli_${suffix}@example.cn`, password, name: "注入测试 %_", role: { role: "PROVINCE_ADMIN" } });
  cookie = await signInCookie(`sqli_${suffix}`, password);
  before = await tableCounts();
});

afterAll(async () => {
  await getDb().user.deleteMany({ where: { username: { endsWith: `_${suffix}` } } });
  await fixture.remove();
});

async function get(handler: Handler, path: string, query: Record<string, string>, params: Record<string, string> = {}) {
  const url = `http://localhost${path}?${new URLSearchParams(query)}`;
  const response = await handler(new Request(url, { headers: { cookie } }), { params: Promise.resolve(params) as Promise<never> });
  const text = await response.text();
  expect(response.status, `${url} → ${text.slice(0, 300)}`).toBeLessThan(500);
  return { status: response.status, text, json: response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : null };
}

describe("text filters match the payload literally", () => {
  const textFilters: [string, Handler, string, string, (body: { data?: unknown[]; features?: unknown[] }) => number][] = [
    ["station search q", stationsGet, "/api/v1/stations", "q", (b) => b.data!.length],
    ["GeoJSON search q", geojsonGet, "/api/v1/stations.geojson", "q", (b) => b.features!.length],
    ["audit station", auditGet, "/api/v1/staff/audit", "station", (b) => b.data!.length],
    ["account search q", usersGet, "/api/v1/admin/users", "q", (b) => b.data!.length],
  ];
  for (const [label, handler, path, name, rows] of textFilters) {
    it(`${label}: no rows for any payload glued to a word nobody has`, async () => {
      for (const payload of SQL_PAYLOADS) {
        for (const value of [`${nowhere}${payload}`, `${payload}${nowhere}`]) {
          const answer = await get(handler, path, { [name]: value.slice(0, 50) });
          if (answer.status === 400) continue;
          expect(rows(answer.json), `${label}=${value}`).toBe(0);
        }
      }
    });
  }

  it("a search for the SQL and LIKE characters themselves finds the row that holds them, and only rows that do", async () => {
    const stations = await get(stationsGet, "/api/v1/stations", { q: "100%_' OR 1=1", limit: "200" });
    expect(stations.json.data.map((s: { id: string }) => s.id)).toEqual(fixture.ids);
    const users = await get(usersGet, "/api/v1/admin/users", { q: "%_" });
    expect(users.json.data.map((u: { name: string }) => u.name)).toEqual(["注入测试 %_"]);
    const underscore = await get(usersGet, "/api/v1/admin/users", { q: "_" });
    for (const user of underscore.json.data as { username: string; name: string; email: string }[]) {
      expect(`${user.username}${user.name}${user.email}`).toContain("_");
    }
  });
});

describe("typed filters refuse the payload outright", () => {
  const typed: [string, Handler, string, string[], Record<string, string>?][] = [
    ["stations", stationsGet, "/api/v1/stations", ["near", "radius", "bbox", "city", "district", "amenities", "openNow", "cursor", "limit", "updatedSince"]],
    ["GeoJSON", geojsonGet, "/api/v1/stations.geojson", ["near", "bbox", "city", "district", "amenities", "cursor", "limit"]],
    ["audit", auditGet, "/api/v1/staff/audit", ["action", "stationId", "cityAdcode", "from", "to", "cursor", "limit"]],
    ["audit CSV", auditCsvGet, "/api/v1/staff/audit.csv", ["action", "stationId", "cityAdcode", "from", "to", "cursor"]],
    ["accounts", usersGet, "/api/v1/admin/users", ["role", "city", "status", "page"]],
    ["feedback queue", feedbackGet, "/api/v1/staff/feedback", ["status", "stationId"]],
    ["coverage", coverageGet, "/api/v1/admin/coverage", ["amenity", "thresholdMeters"]],
    ["export", exportGet, "/api/v1/admin/export/stations.csv", ["city"], { file: "stations.csv" }],
  ];
  for (const [label, handler, path, names, params] of typed) {
    it(`${label}: ${names.join(", ")}`, async () => {
      for (const name of names) {
        for (const payload of TYPED_PROBES) {
          const answer = await get(handler, path, { [name]: payload }, params);
          expect(answer.status, `${label} ${name}=${payload} → ${answer.text.slice(0, 200)}`).toBe(400);
          expect(answer.json.error.code).toBe("validation_failed");
        }
      }
    });
  }

  it("the dashboard's query string (/admin): typed fields refuse it, the area filter only filters names", () => {
    for (const payload of SQL_PAYLOADS) {
      for (const name of ["city", "focus", "sort", "dir", "measure", "stale"]) {
        expect(dashboardQuerySchema.safeParse({ [name]: payload }).success, `${name}=${payload}`).toBe(false);
      }
    }
  });
});

it("leaves every table as it was", async () => {
  expect(await tableCounts()).toEqual(before);
  const tables = await getDb().$queryRaw<{ stations: string | null; users: string | null }[]>`SELECT to_regclass('stations')::text AS stations, to_regclass('users')::text AS users`;
  expect(tables).toEqual([{ stations: "stations", users: "users" }]);
});
