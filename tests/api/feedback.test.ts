import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { GET, POST } from "@/app/api/v1/stations/[id]/feedback/route";
import { getDb } from "@/lib/db";
import { FEEDBACK_LIMITS } from "@/lib/rate-limit";
import { feedbackReceiptSchema } from "@/lib/validations/feedback";
import { createStations } from "../../e2e/support/station-fixtures";
import { callRoute } from "../support/call-route";

let fixture: Awaited<ReturnType<typeof createStations>>;
let stationId: string;

beforeAll(async () => {
  fixture = await createStations([{ name: "工行测试反馈驿站" }, { name: "工行测试反馈驿站二" }]);
  stationId = fixture.ids[0];
});

// Deleting the stations cascades to their reports, so the sample is left as it was (571 stations).
afterAll(async () => {
  await fixture.remove();
});

// Each test speaks from its own address, so the in-memory limiter of one test does not refuse another.
function newClient(): string {
  const [a, b] = randomUUID().split("-");
  return `2001:db8::${a.slice(0, 4)}:${b}`;
}

function post(id: string, body: unknown, { client = newClient(), headers = {} as Record<string, string> } = {}) {
  return callRoute(POST, `/api/v1/stations/${id}/feedback`, { id }, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": client, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("POST /api/v1/stations/{id}/feedback", () => {
  it("stores a confirmation", async () => {
    const { status, body } = await post(stationId, { kind: "confirmation" });
    expect(status).toBe(201);
    const receipt = feedbackReceiptSchema.parse(body);
    expect(receipt).toMatchObject({ stationId, kind: "confirmation" });
    const row = await getDb().feedbackReport.findUniqueOrThrow({ where: { id: receipt.id } });
    expect(row).toMatchObject({ stationId, kind: "CONFIRMATION", message: null, amenityCode: null, contact: null, status: "OPEN" });
  });

  it("stores a report with its message, amenity and contact, and a hash instead of the address", async () => {
    const client = "198.51.100.23";
    const { status, body } = await post(
      stationId,
      { kind: "amenity_missing", amenityCode: "wifi", message: "  无线网络连不上  ", contact: "13800000000" },
      { client },
    );
    expect(status).toBe(201);
    const row = await getDb().feedbackReport.findUniqueOrThrow({ where: { id: body.id } });
    expect(row).toMatchObject({ kind: "AMENITY_MISSING", amenityCode: "wifi", message: "无线网络连不上", contact: "13800000000" });
    expect(row.clientHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(row.clientHash).not.toContain(client);

    // The same address hashes the same way, so the staff can group a flood; X-Real-IP is the fallback.
    const again = await post(stationId, { kind: "closed" }, { client: "", headers: { "x-real-ip": client } });
    expect(again.status).toBe(201);
    const second = await getDb().feedbackReport.findUniqueOrThrow({ where: { id: again.body.id } });
    expect(second.clientHash).toBe(row.clientHash);
  });

  it.each([
    ["an empty message", { kind: "wrong_location", message: "   " }, "message"],
    ["an over-long message", { kind: "other", message: "字".repeat(1001) }, "message"],
    ["no message for other", { kind: "other" }, "message"],
    ["an over-long contact", { kind: "closed", contact: "1".repeat(101) }, "contact"],
    ["an unknown kind", { kind: "praise" }, "kind"],
    ["no kind", { message: "你好" }, "kind"],
    ["amenity_missing without an amenity", { kind: "amenity_missing" }, "amenityCode"],
    ["an amenity with another kind", { kind: "closed", amenityCode: "wifi" }, "amenityCode"],
    ["a malformed amenity code", { kind: "amenity_missing", amenityCode: "Wi Fi!" }, "amenityCode"],
    ["an unknown amenity code", { kind: "amenity_missing", amenityCode: "swimming_pool" }, "amenityCode"],
    ["a NUL character", { kind: "other", message: "坏\u0000字" }, "message"],
    ["an unknown field", { kind: "confirmation", rating: 5 }, "rating"],
    ["a number for the message", { kind: "other", message: 42 }, "message"],
    ["a JSON array", [{ kind: "confirmation" }], ""],
    ["JSON null", null, ""],
  ])("answers 400 with details for %s", async (_label, input, path) => {
    const before = await getDb().feedbackReport.count({ where: { stationId } });
    const { status, body } = await post(stationId, JSON.stringify(input));
    expect(status).toBe(400);
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(body.error.details).toEqual(expect.arrayContaining([{ path, message: expect.stringMatching(/[\u4e00-\u9fff]/) }]));
    expect(await getDb().feedbackReport.count({ where: { stationId } })).toBe(before);
  });

  it("answers 400 for malformed JSON, another content type and an empty body", async () => {
    const broken = await post(stationId, '{"kind": "confirmation"');
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({ code: "validation_failed", message: "请求内容不是有效的 JSON" });

    const form = await post(stationId, "kind=confirmation", { headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(form.status).toBe(400);
    expect(form.body.error.code).toBe("validation_failed");

    const empty = await post(stationId, "");
    expect(empty.status).toBe(400);
  });

  it("answers 413 for a body over 16 KB, declared or not", async () => {
    const huge = JSON.stringify({ kind: "other", message: "x".repeat(20_000) });
    const declared = await post(stationId, huge);
    expect(declared.status).toBe(413);
    expect(declared.body.error.message).toContain("过大");

    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 100; i++) controller.enqueue(new TextEncoder().encode("x".repeat(1000)));
        controller.close();
      },
    });
    const streamed = await callRoute(POST, `/api/v1/stations/${stationId}/feedback`, { id: stationId }, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: chunks,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(streamed.body.error.message).toContain("过大");
  });

  it.each([
    ["an unknown station", "00000000-0000-4000-8000-000000000000"],
    ["a malformed id", "not-a-uuid"],
  ])("answers 404 for %s", async (_label, id) => {
    const { status, body } = await post(id, { kind: "confirmation" });
    expect(status).toBe(404);
    expect(body).toEqual({ error: { code: "not_found", message: "没有找到这个驿站" } });
  });

  it("answers 429 with Retry-After after the allowed submissions for one station", async () => {
    const client = newClient();
    for (let i = 0; i < FEEDBACK_LIMITS.perStation.points; i++) {
      expect((await post(stationId, { kind: "confirmation" }, { client })).status).toBe(201);
    }
    const refused = await post(stationId, { kind: "confirmation" }, { client });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limited");
    expect(refused.body.error.message).toMatch(/提交太频繁/);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(FEEDBACK_LIMITS.perStation.durationSeconds);

    // Another station still accepts the same client, and another client this station.
    expect((await post(fixture.ids[1], { kind: "confirmation" }, { client })).status).toBe(201);
    expect((await post(stationId, { kind: "confirmation" })).status).toBe(201);
  });

  it("caps one client across stations per hour", async () => {
    const { perStation, perClient } = FEEDBACK_LIMITS;
    // Round-robin over enough stations that no single one reaches its own limit first.
    const count = Math.ceil((perClient.points + 1) / (perStation.points - 1));
    const more = await createStations(Array.from({ length: count }, (_, i) => ({ name: `工行测试限流驿站${i}` })));
    try {
      const client = newClient();
      for (let i = 0; i < perClient.points; i++) {
        expect((await post(more.ids[i % count], { kind: "confirmation" }, { client })).status).toBe(201);
      }
      const refused = await post(more.ids[perClient.points % count], { kind: "confirmation" }, { client });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(perStation.durationSeconds);
    } finally {
      await more.remove();
    }
  });

  it("caps one station's total whatever address each request claims", async () => {
    const {
      ids: [station],
    } = await createStations([{ name: "工行测试总量驿站" }]);
    try {
      for (let i = 0; i < FEEDBACK_LIMITS.stationTotal.points; i++) {
        expect((await post(station, { kind: "confirmation" })).status).toBe(201);
      }
      const refused = await post(station, { kind: "confirmation" });
      expect(refused.status).toBe(429);
      // The same station spelt in capitals is the same station, with the same spent budget.
      expect((await post(station.toUpperCase(), { kind: "confirmation" })).status).toBe(429);
    } finally {
      await getDb().station.deleteMany({ where: { id: station } });
    }
  });

  it("answers other methods with JSON 405", async () => {
    const { status, body } = await callRoute(GET, `/api/v1/stations/${stationId}/feedback`, { id: stationId });
    expect(status).toBe(405);
    expect(body.error.code).toBe("method_not_allowed");
  });

  it("is documented in the OpenAPI document with its body schema", async () => {
    const { body } = await callRoute(getOpenApi, "/api/v1/openapi.json");
    const operation = body.paths["/api/v1/stations/{id}/feedback"].post;
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(["201", "400", "404", "429"]));
    const input = body.components.schemas.FeedbackInput;
    expect(input.properties.kind.enum).toEqual(["confirmation", "wrong_location", "closed", "amenity_missing", "other"]);
    expect(input.properties.message.maxLength).toBe(1000);
    expect(input.properties.contact.maxLength).toBe(100);
    expect(input.required).toEqual(["kind"]);
  });
});
