import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET as getAmenities } from "@/app/api/v1/amenities/route";
import { GET as getCities } from "@/app/api/v1/cities/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { GET as getGeoJson } from "@/app/api/v1/stations.geojson/route";
import { GET as getStation } from "@/app/api/v1/stations/[id]/route";
import { GET as getStations } from "@/app/api/v1/stations/route";
import { methodNotAllowed } from "@/lib/api/route-handler";
import { amenityTypeSchema, cityWithCountSchema, stationDetailSchema, stationFeatureCollectionSchema } from "@/lib/validations/station";
import { callRoute } from "../support/call-route";

async function stationNamed(name: string) {
  const { body } = await callRoute(getStations, `/api/v1/stations?q=${encodeURIComponent(name)}`);
  const match = body.data.find((s: { name: string }) => s.name === name);
  expect(match, `station ${name}`).toBeDefined();
  return match;
}

describe("GET /api/v1/stations/{id}", () => {
  it("answers one station with its amenity details and story", async () => {
    const leiFeng = await stationNamed("工行抚顺雷锋支行");
    const { status, body } = await callRoute(getStation, `/api/v1/stations/${leiFeng.id}`, { id: leiFeng.id });
    expect(status).toBe(200);
    const station = stationDetailSchema.parse(body);
    expect(station.story).toContain("雷锋");
    expect(station.city.name).toBe("抚顺市");
    expect(station.amenityDetails.map((a) => a.code)).toEqual(expect.arrayContaining(["rest", "drinking_water", "phone_charging", "wifi"]));
  });

  it("shows the named branches with the extras the brief gives them", async () => {
    const expectations: [string, string[]][] = [
      ["工行沈阳大东支行营业室", ["poverty_relief_goods"]],
      ["工行沈阳南京街支行", ["newspapers_books", "emergency_medicine", "sewing_kit", "reading_glasses", "wheelchair"]],
      ["工行沈阳皇姑支行营业室", ["anti_fraud_corner"]],
    ];
    for (const [name, amenities] of expectations) {
      const station = await stationNamed(name);
      expect(station.amenities).toEqual(expect.arrayContaining(amenities));
    }
  });

  it.each([
    ["an unknown uuid", "00000000-0000-4000-8000-000000000000"],
    ["a malformed id", "not-a-uuid"],
    ["an SQL fragment", "1' OR '1'='1"],
  ])("answers 404 for %s", async (_label, id) => {
    const { status, body } = await callRoute(getStation, `/api/v1/stations/${encodeURIComponent(id)}`, { id });
    expect(status).toBe(404);
    expect(body).toEqual({ error: { code: "not_found", message: expect.any(String) } });
  });
});

describe("GET /api/v1/amenities", () => {
  it("lists the 18 seeded amenity types in order, the four standard ones first", async () => {
    const { status, body } = await callRoute(getAmenities, "/api/v1/amenities");
    expect(status).toBe(200);
    const types = body.data.map((t: unknown) => amenityTypeSchema.parse(t));
    expect(types).toHaveLength(18);
    expect(types.filter((t: { isStandard: boolean }) => t.isStandard).map((t: { code: string }) => t.code)).toEqual([
      "rest",
      "drinking_water",
      "phone_charging",
      "wifi",
    ]);
    expect(new Set(types.map((t: { theme: string }) => t.theme)).size).toBe(5);
  });
});

describe("GET /api/v1/cities", () => {
  it("lists the 14 cities and 100 districts with station counts adding up to 571", async () => {
    const { status, body } = await callRoute(getCities, "/api/v1/cities");
    expect(status).toBe(200);
    const cities = body.data.map((c: unknown) => cityWithCountSchema.parse(c));
    expect(cities).toHaveLength(14);
    expect(cities.flatMap((c: { districts: unknown[] }) => c.districts)).toHaveLength(100);
    const total = cities.reduce((sum: number, c: { stationCount: number }) => sum + c.stationCount, 0);
    expect(total).toBe(571);
    for (const city of cities) {
      expect(city.districts.reduce((sum: number, d: { stationCount: number }) => sum + d.stationCount, 0)).toBe(city.stationCount);
    }
    expect(cities.find((c: { adcode: number }) => c.adcode === 210100)?.population2020).toBe(9070093);
  });
});

describe("GET /api/v1/stations.geojson", () => {
  it("answers a FeatureCollection of all stations with [lng, lat] points", async () => {
    const { status, headers, body } = await callRoute(getGeoJson, "/api/v1/stations.geojson");
    expect(status).toBe(200);
    expect(headers.get("content-type")).toContain("application/geo+json");
    const collection = stationFeatureCollectionSchema.parse(body);
    expect(collection.features).toHaveLength(571);
    expect(collection.nextCursor).toBeNull();
    for (const f of collection.features) {
      const [lng, lat] = f.geometry.coordinates;
      expect(lng).toBeGreaterThan(118);
      expect(lat).toBeLessThan(44);
    }
  });

  it("applies the same filters and validation as the list", async () => {
    const { body } = await callRoute(getGeoJson, "/api/v1/stations.geojson?city=210400&amenities=toilet");
    expect(body.features.length).toBeGreaterThan(0);
    expect(body.features.every((f: any) => f.properties.city.adcode === 210400 && f.properties.amenities.includes("toilet"))).toBe(true);
    const bad = await callRoute(getGeoJson, "/api/v1/stations.geojson?bbox=1,2,3");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation_failed");
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1 document describing every endpoint and parameter", async () => {
    const { status, body } = await callRoute(getOpenApi, "/api/v1/openapi.json");
    expect(status).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(["/api/v1/stations", "/api/v1/stations/{id}", "/api/v1/amenities", "/api/v1/cities", "/api/v1/stations.geojson"]),
    );
    const names = body.paths["/api/v1/stations"].get.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(["near", "radius", "bbox", "city", "district", "amenities", "q", "openNow", "limit", "cursor"]));
    expect(body.components.schemas.StationPage.properties.data.items.properties.openNow).toBeDefined();
  });

  it("documents every route file under app/api/v1 with each method it serves", async () => {
    const { body } = await callRoute(getOpenApi, "/api/v1/openapi.json");
    const root = path.resolve("app/api/v1");
    const routeFiles = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("route.ts"));
    expect(routeFiles.length).toBeGreaterThan(10);
    for (const file of routeFiles) {
      const apiPath = `/api/v1/${path.dirname(file)}`.replace(/\[(\w+)\]/g, "{$1}").replace(/\/\.$/, "");
      const handlers: Record<string, unknown> = await import(path.join(root, file));
      const served = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => handlers[m] && handlers[m] !== methodNotAllowed);
      expect(body.paths[apiPath], apiPath).toBeDefined();
      expect(Object.keys(body.paths[apiPath]).map((m) => m.toUpperCase()).sort(), apiPath).toEqual(served.sort());
    }
  });

  it("answers every method on every route: a method a route does not serve is a JSON 405, never Next's empty one", async () => {
    const root = path.resolve("app/api/v1");
    for (const file of readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("route.ts"))) {
      const handlers: Record<string, unknown> = await import(path.join(root, file));
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) expect(handlers[method], `${method} ${file}`).toBeTypeOf("function");
    }
    const staffPatchOnly = await import("@/app/api/v1/staff/stations/[id]/route");
    const { status, body } = await callRoute(staffPatchOnly.DELETE as never, "/api/v1/staff/stations/x", { id: "x" }, { method: "DELETE" });
    expect(status).toBe(405);
    expect(body.error.code).toBe("method_not_allowed");
  });

  it("is structurally valid OpenAPI 3.1: references resolve, path parameters match, every operation answers", async () => {
    const { body } = await callRoute(getOpenApi, "/api/v1/openapi.json");
    const refs: string[] = [];
    (function collect(value: unknown) {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === "object") {
        for (const [key, child] of Object.entries(value)) {
          if (key === "$ref") refs.push(child as string);
          else collect(child);
        }
      }
    })(body);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of new Set(refs)) {
      // Local JSON pointers only; a component schema's own "#/$defs/…" would resolve against the document, not the schema.
      expect(ref, ref).toMatch(/^#\/components\//);
      const target = ref.slice(2).split("/").reduce<any>((node, part) => node?.[part.replace(/~1/g, "/").replace(/~0/g, "~")], body);
      expect(target, ref).toBeDefined();
    }

    const declaredTags = new Set((body.tags ?? []).map((t: { name: string }) => t.name));
    for (const [apiPath, item] of Object.entries(body.paths) as [string, Record<string, any>][]) {
      expect(apiPath).toMatch(/^\/api\/v1\//);
      const templated = [...apiPath.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [method, operation] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${apiPath}`;
        expect(["get", "post", "put", "patch", "delete"], where).toContain(method);
        const parameters: { name: string; in: string; required?: boolean; schema?: unknown }[] = operation.parameters ?? [];
        const inPath = parameters.filter((p) => p.in === "path");
        expect(inPath.map((p) => p.name).sort(), where).toEqual(templated);
        expect(inPath.every((p) => p.required === true), where).toBe(true);
        expect(new Set(parameters.map((p) => `${p.in}:${p.name}`)).size, where).toBe(parameters.length);
        expect(parameters.every((p) => ["path", "query", "header", "cookie"].includes(p.in) && p.schema), where).toBe(true);
        if (operation.requestBody) expect(Object.keys(operation.requestBody.content).length, where).toBeGreaterThan(0);
        const responses = Object.entries(operation.responses ?? {}) as [string, { description?: unknown }][];
        expect(responses.length, where).toBeGreaterThan(0);
        for (const [status, response] of responses) {
          expect(status, where).toMatch(/^([1-5]\d\d|default)$/);
          expect(typeof response.description, `${where} ${status}`).toBe("string");
        }
        for (const requirement of operation.security ?? []) {
          for (const scheme of Object.keys(requirement)) expect(body.components.securitySchemes[scheme], where).toBeDefined();
        }
        for (const tag of operation.tags ?? []) expect(declaredTags.has(tag), `${where} tag ${tag}`).toBe(true);
      }
    }
  });

  it("documents the admin routes with the session cookie, their bodies, downloads and the import's progress stream", async () => {
    const { body } = await callRoute(getOpenApi, "/api/v1/openapi.json");
    const adminPaths = Object.keys(body.paths).filter((p) => p.startsWith("/api/v1/admin/"));
    expect(adminPaths.length).toBeGreaterThanOrEqual(12);
    for (const p of adminPaths) {
      for (const operation of Object.values(body.paths[p]) as { security: unknown; responses: Record<string, unknown> }[]) {
        expect(operation.security, p).toEqual([{ sessionCookie: [] }]);
        expect(Object.keys(operation.responses), p).toEqual(expect.arrayContaining(["401", "403"]));
      }
    }
    const importOperation = body.paths["/api/v1/admin/import"].post;
    expect(importOperation.requestBody.content["multipart/form-data"].schema).toMatchObject({ required: ["file"], properties: { file: { type: "string", format: "binary" } } });
    expect(importOperation.parameters.map((p: { name: string; required: boolean }) => [p.name, p.required])).toEqual([["mode", true], ["expect", false]]);
    expect(Object.keys(importOperation.responses["200"].content)).toEqual(["application/json", "application/x-ndjson"]);
    expect(Object.keys(importOperation.responses)).toEqual(expect.arrayContaining(["400", "409", "413", "422"]));
    expect(Object.keys(body.paths["/api/v1/admin/export/{file}"].get.responses["200"].content)).toEqual([
      "text/csv; charset=utf-8",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/geo+json; charset=utf-8",
    ]);
    expect(body.paths["/api/v1/admin/users"].get.parameters.map((p: { name: string }) => p.name)).toEqual(["q", "role", "city", "status", "page"]);
    expect(body.components.schemas.RoleGrant.oneOf).toHaveLength(3);
    expect(body.components.schemas.ImportStreamEvent.oneOf.map((e: { properties: { type: { const: string } } }) => e.properties.type.const)).toEqual(["progress", "done", "error"]);
  });

  it("documents the staff routes with the session cookie and their error answers", async () => {
    const { body } = await callRoute(getOpenApi, "/api/v1/openapi.json");
    expect(body.components.securitySchemes.sessionCookie).toMatchObject({ type: "apiKey", in: "cookie" });
    const staffPaths = Object.keys(body.paths).filter((p) => p.startsWith("/api/v1/staff/"));
    expect(staffPaths.length).toBeGreaterThanOrEqual(8);
    for (const p of staffPaths) {
      for (const operation of Object.values(body.paths[p]) as { security: unknown; responses: Record<string, unknown> }[]) {
        expect(operation.security, p).toEqual([{ sessionCookie: [] }]);
        expect(Object.keys(operation.responses), p).toEqual(expect.arrayContaining(["200", "400", "401", "403"]));
      }
    }
    expect(Object.keys(body.paths["/api/v1/staff/stations/{id}"].patch.responses)).toEqual(expect.arrayContaining(["404", "409"]));
    expect(body.paths["/api/v1/staff/audit"].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["stationId", "station", "cityAdcode", "actorUserId", "entity", "action", "from", "to", "cursor", "limit"]),
    );
    expect(body.components.schemas.StationEdit.properties.version).toBeDefined();
  });

  it("documents the 503 with Retry-After that every operation answers while the database is unreachable", async () => {
    const { body } = await callRoute(getOpenApi, "/api/v1/openapi.json");
    for (const [p, operations] of Object.entries(body.paths) as [string, Record<string, { responses: Record<string, { headers?: object }> }>][]) {
      for (const operation of Object.values(operations)) {
        if (p === "/api/v1/openapi.json") expect(operation.responses["503"], p).toBeUndefined();
        else expect(operation.responses["503"]?.headers, p).toHaveProperty("Retry-After");
      }
    }
  });
});

describe("requests the API does not serve", () => {
  it("answers an unknown path under /api with JSON 404", async () => {
    const { GET } = await import("@/app/api/[...path]/route");
    const { status, body } = await callRoute(GET, "/api/v1/nothing-here", { path: ["v1", "nothing-here"] });
    expect(status).toBe(404);
    expect(body.error.code).toBe("not_found");
  });

  it("answers a write to a read-only endpoint with JSON 405", async () => {
    const { POST } = await import("@/app/api/v1/stations/route");
    const { status, body } = await callRoute(POST, "/api/v1/stations");
    expect(status).toBe(405);
    expect(body.error.code).toBe("method_not_allowed");
  });

  it("answers a write to the admin coverage and statistics endpoints with JSON 405", async () => {
    const { POST: coverage } = await import("@/app/api/v1/admin/coverage/route");
    const { POST: statistics } = await import("@/app/api/v1/admin/area-statistics/route");
    for (const [handler, path] of [[coverage, "/api/v1/admin/coverage"], [statistics, "/api/v1/admin/area-statistics"]] as const) {
      const { status, body } = await callRoute(handler, path, {}, { method: "POST" });
      expect(status, path).toBe(405);
      expect(body.error.code).toBe("method_not_allowed");
    }
  });

  it("answers an anonymous reader of the admin endpoints with JSON 401, never a page", async () => {
    const { GET: coverage } = await import("@/app/api/v1/admin/coverage/route");
    const { GET: statistics } = await import("@/app/api/v1/admin/area-statistics/route");
    for (const [handler, path] of [[coverage, "/api/v1/admin/coverage"], [statistics, "/api/v1/admin/area-statistics"]] as const) {
      const { status, body } = await callRoute(handler, path);
      expect(status, path).toBe(401);
      expect(body.error.code).toBe("unauthenticated");
    }
  });
});
