/**
 * Property tests over every operation the OpenAPI document lists: hostile path parameters, query
 * strings and bodies, derived from the document itself, so a new route or field is fuzzed without
 * touching this file. Staff and admin routes are called with a province admin's session from the
 * site's own pages, so the inputs reach validation and the data layer instead of stopping at 401/403.
 *
 * The properties: no answer is a 5xx, and every 4xx is the documented JSON error shape with a status
 * the operation documents. FUZZ_RUNS sets the cases per operation (`npm run test:fuzz` runs many more).
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { buildOpenApiDocument } from "@/lib/openapi";
import { createUser, type SystemActor } from "@/lib/server/user/create-user";
import { errorResponseSchema } from "@/lib/validations/station";
import { createStations } from "../../e2e/support/station-fixtures";
import { signInCookie } from "../support/sign-in";
import { hostileQueryValue, hostileString, hostileValue, type Schema, type SchemaContext } from "./hostile-values";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type RouteModule = Partial<Record<string, Handler>>;
type Parameter = { name: string; in: "path" | "query"; schema: Schema };
type Operation = { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> }; responses: Record<string, unknown>; security?: unknown[] };

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const runs = env.FUZZ_RUNS;
const document = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
const resolve = (ref: string) => document.components.schemas[ref.replace("#/components/schemas/", "")];

// Every route file under /api/v1, keyed by the path the document uses ("/api/v1/stations/{id}").
const routeFiles = import.meta.glob<RouteModule>("/app/api/v1/**/route.ts");
const routeByPath = new Map(Object.entries(routeFiles).map(([file, load]) => [file.replace(/^\/app/, "").replace(/\/route\.ts$/, "").replace(/\[(\w+)\]/g, "{$1}"), load]));

const system: SystemActor = { kind: "system", label: "system:test-fuzz" };
const suffix = randomUUID().slice(0, 8);
const password = "fuzz password 123";
let cookie = "";
let fixture: Awaited<ReturnType<typeof createStations>>;
/** Ids that exist, so a case can name a real station, account, report or role as well as a made-up one. */
const knownIds: string[] = [];
let usersBefore = new Set<string>();
let stationsBefore = new Set<string>();
let exampleCsv = "";

beforeAll(async () => {
  usersBefore = new Set((await getDb().user.findMany({ select: { id: true } })).map((u) => u.id));
  stationsBefore = new Set((await getDb().station.findMany({ select: { id: true } })).map((s) => s.id));
  fixture = await createStations([{ name: "工行测试模糊驿站" }]);
  const admin = await createUser(system, { username: `fuzzadmin_${suffix}`, email: `fuzzadmin_${suffix}@example.cn`, password, name: "模糊测试", role: { role: "PROVINCE_ADMIN" } });
  cookie = await signInCookie(admin.username!, password);
  // The account the cases work on: never the caller, so a password reset or deactivation cannot end the session.
  const target = await createUser(system, {
    username: `fuzztarget_${suffix}`,
    email: `fuzztarget_${suffix}@example.cn`,
    password,
    name: "目标",
    role: { role: "BRANCH_STAFF", stationId: fixture.ids[0] },
  });
  const role = await getDb().roleAssignment.findFirstOrThrow({ where: { userId: target.id } });
  const report = await getDb().feedbackReport.create({ data: { stationId: fixture.ids[0], kind: "OTHER", message: "模糊测试", clientHash: "fuzz" } });
  knownIds.push(fixture.ids[0], target.id, role.id, report.id);
  const example = await (await routeByPath.get("/api/v1/admin/import/{file}")!())
    .GET!(new Request("http://localhost/api/v1/admin/import/example.csv", { headers: { cookie } }), { params: Promise.resolve({ file: "example.csv" }) });
  exampleCsv = await example.text();
});

afterAll(async () => {
  // Whatever a case managed to create (an account with a valid body, say) goes with the fixtures.
  const users = await getDb().user.findMany({ select: { id: true } });
  await getDb().user.deleteMany({ where: { id: { in: users.map((u) => u.id).filter((id) => !usersBefore.has(id)) } } });
  const stations = await getDb().station.findMany({ select: { id: true } });
  await getDb().station.deleteMany({ where: { id: { in: stations.map((s) => s.id).filter((id) => !stationsBefore.has(id)) } } });
  await fixture?.remove();
});

// knownIds fills in beforeAll, after the arbitraries are built: pick by index when a case runs.
const knownId = fc.nat().map((i) => knownIds[i % knownIds.length]);
const schemaContext: SchemaContext = { resolve, knownId };
const pathValue = fc.oneof({ weight: 3, arbitrary: knownId }, { weight: 2, arbitrary: fc.uuid() }, { weight: 3, arbitrary: hostileString });

/** A query string from the documented parameters, any of them left out, plus now and then one nobody documented. */
function queryArbitrary(parameters: Parameter[]): fc.Arbitrary<URLSearchParams> {
  const documented = Object.fromEntries(parameters.filter((p) => p.in === "query").map((p) => [p.name, hostileQueryValue(p.schema)]));
  return fc.tuple(fc.record(documented, { requiredKeys: [] }), fc.option(fc.tuple(hostileString, hostileString), { freq: 6 })).map(([values, unknown]) => {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(values)) for (const one of [value].flat()) query.append(name, one as string);
    if (unknown) query.append(unknown[0], unknown[1]);
    return query;
  });
}

/** A lone surrogate cannot be put in a URL; Next hands the handler its decoded params anyway, which keep it. */
const wellFormed = (text: string) => text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");

type Body = { contentType?: string; body?: BodyInit };

/** A JSON body: shaped by the schema most of the time, else any JSON, broken JSON, a wrong content type or far too much. */
function jsonBodyArbitrary(schema: Schema | undefined): fc.Arbitrary<Body> {
  const json = "application/json";
  return fc.oneof(
    { weight: 8, arbitrary: (schema ? hostileValue(schema, schemaContext) : fc.jsonValue()).map((value) => ({ contentType: json, body: JSON.stringify(value) })) },
    { weight: 1, arbitrary: fc.jsonValue().map((value) => ({ contentType: json, body: JSON.stringify(value) })) },
    { weight: 1, arbitrary: hostileString.map((text) => ({ contentType: json, body: text })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "", "application/jsonx"), fc.jsonValue()).map(([type, value]) => ({ contentType: type || undefined, body: JSON.stringify(value) })) },
    { weight: 1, arbitrary: fc.constant({ contentType: json, body: JSON.stringify({ notice: "x".repeat(200_000) }) }) },
    { weight: 1, arbitrary: fc.constant({}) },
  );
}

/** An upload: random bytes, the example table with hostile text spliced in, no file, or not multipart at all. */
function uploadArbitrary(): fc.Arbitrary<Body> {
  const file = fc.oneof(
    fc.uint8Array({ maxLength: 2_000 }),
    fc.tuple(fc.nat(), hostileString).map(([at, text]) => {
      const i = at % (exampleCsv.length + 1);
      return new TextEncoder().encode(exampleCsv.slice(0, i) + text + exampleCsv.slice(i));
    }),
  );
  const form = fc.tuple(file, fc.constantFrom("file", "upload"), fc.string({ maxLength: 40 }), fc.boolean()).map(([bytes, field, name, twice]) => {
    const data = new FormData();
    data.append(field, new Blob([bytes]), name);
    if (twice) data.append(field, new Blob([bytes]), name);
    return { body: data };
  });
  return fc.oneof({ weight: 6, arbitrary: form }, { weight: 1, arbitrary: jsonBodyArbitrary(undefined) });
}

function bodyArbitrary(operation: Operation): fc.Arbitrary<Body> {
  const content = operation.requestBody?.content ?? {};
  if (content["multipart/form-data"]) return uploadArbitrary();
  return jsonBodyArbitrary(content["application/json"]?.schema);
}

async function expectDocumentedAnswer(response: Response, documented: string[], context: string) {
  const text = await response.text();
  expect(response.status, `${context} → ${response.status} ${text.slice(0, 500)}`).toBeLessThan(500);
  if (response.status < 400) return;
  expect(response.headers.get("content-type"), context).toMatch(/^application\/json/);
  const parsed = errorResponseSchema.safeParse(JSON.parse(text));
  expect(parsed.success, `${context} → ${text.slice(0, 500)}`).toBe(true);
  expect(documented, `${context} → undocumented ${response.status} ${text.slice(0, 300)}`).toContain(String(response.status));
}

function describeCase(method: string, url: string, params: Record<string, string>, body: Body) {
  const shownBody = typeof body.body === "string" ? body.body.slice(0, 300) : body.body ? "(form)" : "(none)";
  return `${method} ${url.slice(0, 300)} params=${JSON.stringify(params).slice(0, 200)} type=${body.contentType} body=${shownBody}`;
}

describe("every documented API operation, fed hostile input", () => {
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const verb = method.toUpperCase();
      it(`${verb} ${path}: no 5xx, every error documented`, { timeout: 60_000 + runs * 500 }, async () => {
        const load = routeByPath.get(path);
        expect(load, `no route file for ${path}`).toBeDefined();
        const handler = (await load!())[verb]!;
        const signedIn = operation.security !== undefined;
        const pathNames = (path.match(/\{(\w+)\}/g) ?? []).map((name) => name.slice(1, -1));
        const paramsArbitrary = fc.record(Object.fromEntries(pathNames.map((name) => [name, pathValue])) as Record<string, fc.Arbitrary<string>>);
        const hasBody = !["GET", "DELETE"].includes(verb);
        const isImport = path === "/api/v1/admin/import";
        await fc.assert(
          fc.asyncProperty(paramsArbitrary, queryArbitrary(operation.parameters ?? []), hasBody ? bodyArbitrary(operation) : fc.constant<Body>({}), fc.option(hostileString, { freq: 4 }), async (params, query, body, etag) => {
            // An apply of a table built from the example would write real stations; the same file is checked by the dry run.
            if (isImport && body.body instanceof FormData && query.get("mode") === "apply") query.set("mode", "dry-run");
            const url = `http://localhost${path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(wellFormed(params[name])))}?${query}`;
            const headers = new Headers({ "x-forwarded-for": `2001:db8::${randomUUID().slice(0, 4)}` });
            if (signedIn) headers.set("cookie", cookie);
            if (signedIn) headers.set("sec-fetch-site", "same-origin");
            if (body.contentType) headers.set("content-type", body.contentType);
            if (etag !== null && /^[\x20-\x7e]*$/.test(etag)) headers.set("if-none-match", etag);
            const request = new Request(url, { method: verb, headers, body: body.body });
            const response = await handler(request, { params: Promise.resolve(params) });
            await expectDocumentedAnswer(response, Object.keys(operation.responses), describeCase(verb, url, params, body));
          }),
          { numRuns: runs },
        );
      });
    }
  }
});

describe("the methods an API path does not document", () => {
  it("answer 405 in the JSON error shape, whatever they carry", { timeout: 60_000 + runs * 500 }, async () => {
    const undocumented = [...routeByPath.keys()].flatMap((path) =>
      METHODS.filter((verb) => !document.paths[path]?.[verb.toLowerCase()]).map((verb) => ({ path, verb })),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...undocumented), jsonBodyArbitrary(undefined), pathValue, async ({ path, verb }, body, id) => {
        const handler = (await routeByPath.get(path)!())[verb];
        expect(handler, `${path} does not export ${verb}`).toBeDefined();
        const headers = new Headers({ cookie, "sec-fetch-site": "same-origin" });
        if (body.contentType) headers.set("content-type", body.contentType);
        const url = `http://localhost${path.replace(/\{(\w+)\}/g, () => encodeURIComponent(wellFormed(id)))}`;
        const response = await handler!(new Request(url, { method: verb, headers, body: ["GET", "DELETE"].includes(verb) ? undefined : body.body }), {
          params: Promise.resolve({ id, file: id, roleId: id }),
        });
        await expectDocumentedAnswer(response, ["405"], `${verb} ${url}`);
      }),
      { numRuns: runs * 4 },
    );
  });

  it("every route file under /api/v1 is in the document, so none escapes the properties above", () => {
    expect([...routeByPath.keys()].filter((path) => !document.paths[path])).toEqual([]);
  });
});
