import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as erasePost } from "@/app/api/v1/admin/feedback-contacts/erase/route";
import { POST as searchPost } from "@/app/api/v1/admin/feedback-contacts/route";
import { getDb } from "@/lib/db";
import { createUser, type SystemActor } from "@/lib/server/user/create-user";
import { createStations } from "../../e2e/support/station-fixtures";
import { callRoute } from "../support/call-route";
import { signInCookie } from "../support/sign-in";

const system: SystemActor = { kind: "system", label: "system:test-erase-contact" };
const password = "erase contact password 1";
const suffix = randomUUID().slice(0, 8);
// A number of this run's own, so reports other tests left behind cannot match.
const phone = `139${String(Date.now()).slice(-8)}`;
const spaced = `${phone.slice(0, 3)} ${phone.slice(3, 7)}-${phone.slice(7)}`;
const cookies: Record<"admin" | "manager", string> = { admin: "", manager: "" };
const userIds: string[] = [];
let fixture: Awaited<ReturnType<typeof createStations>>;

beforeAll(async () => {
  fixture = await createStations([{ name: `工行测试删除联系方式驿站${suffix.slice(0, 4)}`, cityAdcode: 210200, districtAdcode: 210202, lat: 38.92, lng: 121.63 }]);
  for (const [who, role] of [
    ["admin", { role: "PROVINCE_ADMIN" }],
    ["manager", { role: "CITY_MANAGER", cityAdcode: 210200 }],
  ] as const) {
    const username = `erase_${who}_${suffix}`;
    userIds.push((await createUser(system, { username, email: `${username}@example.cn`, password, name: who, role })).id);
    cookies[who] = await signInCookie(username, password);
  }
});

afterAll(async () => {
  await fixture.remove();
  await getDb().user.deleteMany({ where: { id: { in: userIds } } });
});

function post(handler: typeof erasePost, path: string, who: "admin" | "manager" | null, body: unknown, origin = "http://localhost") {
  return callRoute(handler, path, {}, {
    method: "POST",
    headers: { "content-type": "application/json", origin, ...(who ? { cookie: cookies[who] } : {}) },
    body: JSON.stringify(body),
  });
}

async function report(data: { contact?: string; message?: string; kind?: "OTHER" | "CONFIRMATION" }) {
  const row = await getDb().feedbackReport.create({ data: { stationId: fixture.ids[0], kind: data.kind ?? "OTHER", clientHash: "test", message: data.message, contact: data.contact } });
  return row.id;
}

describe("erasing one reporter's contact", () => {
  it("finds the contact however it was spaced, erases it from every report in one go, and audits without it", async () => {
    const inContact = await report({ contact: phone, message: "饮水机坏了" });
    const withName = await report({ contact: `张先生 ${spaced}`, kind: "CONFIRMATION" });
    const inMessage = await report({ message: `定位不对，有事请打 ${spaced}，谢谢` });
    const someoneElse = await report({ contact: "13700000000", message: `另一位报告人` });

    const found = await post(searchPost, "/api/v1/admin/feedback-contacts", "admin", { contact: spaced });
    expect(found.status).toBe(200);
    expect(found.body.matches.map((m: { id: string }) => m.id).sort()).toEqual([inContact, withName, inMessage].sort());
    expect(found.body.matches.find((m: { id: string }) => m.id === inMessage)).toMatchObject({ contact: null, messageMentionsContact: true });

    const erased = await post(erasePost, "/api/v1/admin/feedback-contacts/erase", "admin", { contact: phone });
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({ erased: 2, redactedMessages: 1 });

    const rows = await getDb().feedbackReport.findMany({ where: { id: { in: [inContact, withName, inMessage, someoneElse] } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(inContact)).toMatchObject({ contact: null, message: "饮水机坏了" });
    expect(byId.get(withName)).toMatchObject({ contact: null, kind: "CONFIRMATION" });
    expect(byId.get(inMessage)).toMatchObject({ contact: null, message: "定位不对，有事请打 [已删除]，谢谢" });
    expect(byId.get(someoneElse)).toMatchObject({ contact: "13700000000", message: "另一位报告人" });

    const audit = await getDb().auditEvent.findMany({ where: { entity: "feedback_report", entityId: { in: [inContact, withName, inMessage] } } });
    expect(audit).toHaveLength(3);
    expect(audit.every((e) => e.actorLabel === `user:erase_admin_${suffix}` && e.stationId === fixture.ids[0] && e.cityAdcode === 210200)).toBe(true);
    // The log says that it happened, never what the contact was.
    expect(JSON.stringify(audit.map((e) => [e.before, e.after]))).not.toMatch(new RegExp(phone.slice(-4)));

    // A second erasure finds nothing left.
    expect((await post(searchPost, "/api/v1/admin/feedback-contacts", "admin", { contact: phone })).body.matches).toEqual([]);
    expect((await post(erasePost, "/api/v1/admin/feedback-contacts/erase", "admin", { contact: phone })).body).toEqual({ erased: 0, redactedMessages: 0 });
  });

  it("is for province admins only, from this site, with a contact long enough to be someone's", async () => {
    const kept = await report({ contact: `${phone}9` });
    const cases: [Awaited<ReturnType<typeof post>>, number, string][] = [
      [await post(erasePost, "/api/v1/admin/feedback-contacts/erase", null, { contact: `${phone}9` }), 401, "unauthenticated"],
      [await post(erasePost, "/api/v1/admin/feedback-contacts/erase", "manager", { contact: `${phone}9` }), 403, "forbidden"],
      [await post(searchPost, "/api/v1/admin/feedback-contacts", "manager", { contact: `${phone}9` }), 403, "forbidden"],
      [await post(erasePost, "/api/v1/admin/feedback-contacts/erase", "admin", { contact: `${phone}9` }, "https://evil.example"), 403, "forbidden"],
      [await post(erasePost, "/api/v1/admin/feedback-contacts/erase", "admin", { contact: "1 3-8" }), 400, "validation_failed"],
      [await post(erasePost, "/api/v1/admin/feedback-contacts/erase", "admin", { contact: "x".repeat(101) }), 400, "validation_failed"],
      [await post(erasePost, "/api/v1/admin/feedback-contacts/erase", "admin", { phone }), 400, "validation_failed"],
    ];
    for (const [response, status, code] of cases) {
      expect(response.status).toBe(status);
      expect(response.body.error.code).toBe(code);
    }
    expect((await getDb().feedbackReport.findUniqueOrThrow({ where: { id: kept } })).contact).toBe(`${phone}9`);
  });

  it("treats the contact as text, not as a pattern", async () => {
    const dotted = await report({ contact: "a.b+c@example.cn" });
    const lookalike = await report({ contact: "aXb+c@example.cn" });
    expect((await post(erasePost, "/api/v1/admin/feedback-contacts/erase", "admin", { contact: "A.B+C@example.cn" })).body).toEqual({ erased: 1, redactedMessages: 0 });
    expect((await getDb().feedbackReport.findUniqueOrThrow({ where: { id: dotted } })).contact).toBeNull();
    expect((await getDb().feedbackReport.findUniqueOrThrow({ where: { id: lookalike } })).contact).toBe("aXb+c@example.cn");
  });
});
