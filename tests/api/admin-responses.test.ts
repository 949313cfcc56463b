import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as areaStatisticsGet } from "@/app/api/v1/admin/area-statistics/route";
import { GET as coverageGet } from "@/app/api/v1/admin/coverage/route";
import { GET as exportGet } from "@/app/api/v1/admin/export/[file]/route";
import { POST as importPost } from "@/app/api/v1/admin/import/route";
import { POST as deactivatePost } from "@/app/api/v1/admin/users/[id]/deactivate/route";
import { POST as passwordPost } from "@/app/api/v1/admin/users/[id]/password/route";
import { POST as reactivatePost } from "@/app/api/v1/admin/users/[id]/reactivate/route";
import { DELETE as roleDelete } from "@/app/api/v1/admin/users/[id]/roles/[roleId]/route";
import { POST as rolesPost } from "@/app/api/v1/admin/users/[id]/roles/route";
import { GET as userGet, PATCH as userPatch } from "@/app/api/v1/admin/users/[id]/route";
import { GET as usersGet, POST as usersPost } from "@/app/api/v1/admin/users/route";
import { getDb } from "@/lib/db";
import { createUser, type SystemActor } from "@/lib/server/user/create-user";
import { readTable } from "@/lib/transfer/read-table";
import { writeCsv } from "@/lib/transfer/write-table";
import {
  areaStatisticsResponseSchema,
  coverageResponseSchema,
  createdUserSchema,
  importPlanSchema,
  importStreamEventSchema,
  passwordResetResultSchema,
  roleAssignmentSchema,
  stationExportCollectionSchema,
  userPageSchema,
  userSnapshotSchema,
  userViewSchema,
} from "@/lib/validations/admin-responses";
import { errorResponseSchema } from "@/lib/validations/station";
import type * as z from "zod";
import { callRoute } from "../support/call-route";
import { signInCookie } from "../support/sign-in";

/**
 * The admin API's real answers, as a province admin gets them, held to the schemas its OpenAPI document
 * is generated from: a field the code adds, drops or retypes fails here, not in a client.
 */
const system: SystemActor = { kind: "system", label: "system:test-admin-responses" };
const password = "admin responses password";
const suffix = randomUUID().slice(0, 8);
let cookie = "";
let adminId = "";

beforeAll(async () => {
  const username = `ar_admin_${suffix}`;
  adminId = (await createUser(system, { username, email: `${username}@example.cn`, password, name: "响应管理员", role: { role: "PROVINCE_ADMIN" } })).id;
  cookie = await signInCookie(username, password);
});

afterAll(async () => {
  await getDb().station.deleteMany({ where: { code: { startsWith: `T-AR-${suffix}` } } });
  await getDb().user.deleteMany({ where: { OR: [{ id: adminId }, { username: { endsWith: `_${suffix}` } }] } });
});

/** `parse` drops keys a schema does not know, so an answer equal to its parse has no undocumented field. */
function conforms<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.parse(body);
  expect(parsed).toEqual(body);
  return parsed;
}

/** A signed-in request from this site's own page, as the admin pages send it. */
function asAdmin(method = "GET", body?: unknown): RequestInit {
  const headers: Record<string, string> = { cookie, "sec-fetch-site": "same-origin" };
  if (body === undefined) return { method, headers };
  return { method, headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) };
}

describe("the admin API answers what its OpenAPI schemas say", () => {
  it("users: create, list, one, change, roles, password, deactivate and reactivate", async () => {
    const username = `ar_target_${suffix}`;
    const created = await callRoute(usersPost, "/api/v1/admin/users", {}, asAdmin("POST", { username, email: `${username}@example.cn`, password, name: "响应测试" }));
    expect(created.status).toBe(201);
    const { id } = conforms(createdUserSchema, created.body);

    const granted = await callRoute(rolesPost, `/api/v1/admin/users/${id}/roles`, { id }, asAdmin("POST", { role: "CITY_MANAGER", cityAdcode: 210200 }));
    expect(granted.status).toBe(201);
    const role = conforms(roleAssignmentSchema, granted.body);

    const page = await callRoute(usersGet, `/api/v1/admin/users?q=${suffix}`, {}, asAdmin());
    expect(page.status).toBe(200);
    expect(conforms(userPageSchema, page.body).data.map((u) => u.id)).toEqual(expect.arrayContaining([id, adminId]));

    const one = await callRoute(userGet, `/api/v1/admin/users/${id}`, { id }, asAdmin());
    expect(one.status).toBe(200);
    expect(conforms(userViewSchema, one.body).roles).toEqual([expect.objectContaining({ id: role.id, cityName: "大连市" })]);

    const changed = await callRoute(userPatch, `/api/v1/admin/users/${id}`, { id }, asAdmin("PATCH", { name: "响应测试改名" }));
    expect(changed.status).toBe(200);
    expect(conforms(userSnapshotSchema, changed.body).name).toBe("响应测试改名");

    const revoked = await callRoute(roleDelete, `/api/v1/admin/users/${id}/roles/${role.id}`, { id, roleId: role.id }, asAdmin("DELETE"));
    expect(revoked.status).toBe(200);
    expect(conforms(roleAssignmentSchema, revoked.body)).toEqual(role);

    const reset = await callRoute(passwordPost, `/api/v1/admin/users/${id}/password`, { id }, asAdmin("POST", { password: "a new password 456" }));
    expect(reset.status).toBe(200);
    conforms(passwordResetResultSchema, reset.body);

    const deactivated = await callRoute(deactivatePost, `/api/v1/admin/users/${id}/deactivate`, { id }, asAdmin("POST"));
    expect(deactivated.status).toBe(200);
    expect(conforms(userSnapshotSchema, deactivated.body).deactivatedAt).not.toBeNull();
    const reactivated = await callRoute(reactivatePost, `/api/v1/admin/users/${id}/reactivate`, { id }, asAdmin("POST"));
    expect(reactivated.status).toBe(200);
    expect(conforms(userSnapshotSchema, reactivated.body).deactivatedAt).toBeNull();

    const missing = await callRoute(userGet, "/api/v1/admin/users/nobody", { id: "nobody" }, asAdmin());
    expect(missing.status).toBe(404);
    conforms(errorResponseSchema, missing.body);
  });

  it("coverage and area statistics", async () => {
    const coverage = await callRoute(coverageGet, "/api/v1/admin/coverage?amenity=toilet&thresholdMeters=800", {}, asAdmin());
    expect(coverage.status).toBe(200);
    expect(conforms(coverageResponseSchema, coverage.body).data.gapRuns.length).toBeGreaterThan(0);

    const statistics = await callRoute(areaStatisticsGet, "/api/v1/admin/area-statistics", {}, asAdmin());
    expect(statistics.status).toBe(200);
    expect(conforms(areaStatisticsResponseSchema, statistics.body).data.cities).toHaveLength(14);
  });

  it("the GeoJSON export", async () => {
    const response = await exportGet(new Request("http://localhost/api/v1/admin/export/stations.geojson?city=210400", asAdmin()), {
      params: Promise.resolve({ file: "stations.geojson" }),
    });
    expect(response.status).toBe(200);
    expect(conforms(stationExportCollectionSchema, await response.json()).features.length).toBeGreaterThan(0);
  });

  it("import: the dry run's plan with every kind of row, and each line of the apply's NDJSON", async () => {
    // Rows of a real export, edited: one renamed (update), one under a new code (create), one moved out
    // of the province (rejected), one as it is (unchanged).
    const exported = await exportGet(new Request("http://localhost/api/v1/admin/export/stations.csv?city=210400", asAdmin()), {
      params: Promise.resolve({ file: "stations.csv" }),
    });
    const table = await readTable(new Uint8Array(await exported.arrayBuffer()));
    // Each header reads "<label> <key>", e.g. "名称 name".
    const [code, name, lat] = ["code", "name", "lat"].map((key) => table.header.findIndex((h) => h.endsWith(` ${key}`)));
    const edit = (index: number, column: number, value: string) => table.rows[index].cells.map((cell, i) => (i === column ? value : cell));
    const dryRunFile = writeCsv(table.header, [
      edit(0, name, `${table.rows[0].cells[name]}（改名）`),
      edit(1, code, `T-AR-${suffix}-1`),
      edit(2, lat, "47.5"),
      table.rows[3].cells,
    ]);

    const dry = await upload("?mode=dry-run", dryRunFile);
    expect(dry.status).toBe(200);
    const plan = conforms(importPlanSchema, await dry.json());
    expect([plan.create.length, plan.update.length, plan.rejected.length, plan.unchanged]).toEqual([1, 1, 1, 1]);

    const applied = await upload("?mode=apply", writeCsv(table.header, [edit(1, code, `T-AR-${suffix}-2`)]));
    expect(applied.status).toBe(200);
    expect(applied.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    const events = (await applied.text())
      .trim()
      .split("\n")
      .map((line) => conforms(importStreamEventSchema, JSON.parse(line)));
    expect(events.map((e) => e.type)).toEqual(["progress", "progress", "done"]);

    const refused = await upload("?mode=apply", dryRunFile);
    expect(refused.status).toBe(422);
    conforms(errorResponseSchema, await refused.json());
  });
});

function upload(query: string, bytes: Uint8Array): Promise<Response> {
  const form = new FormData();
  form.append("file", new File([Buffer.from(bytes)], "stations.csv"));
  return importPost(new Request(`http://localhost/api/v1/admin/import${query}`, { ...asAdmin("POST"), body: form }), { params: Promise.resolve({}) });
}
