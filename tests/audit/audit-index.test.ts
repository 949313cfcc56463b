import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import type { RoleGrant, UserActor } from "@/lib/server/actor";
import { buildAuditEventsQuery } from "@/lib/server/audit/audit-events-query";
import { auditQueryParamsSchema } from "@/lib/validations/station-edit";

function user(...roles: RoleGrant[]): UserActor {
  return { kind: "user", userId: "test-audit-plan", label: "user:plan", roles };
}
const admin = user({ role: "PROVINCE_ADMIN", cityAdcode: null, stationId: null });
const manager = user({ role: "CITY_MANAGER", cityAdcode: 210100, stationId: null });
const stationId = "00000000-0000-4000-8000-000000000001";

/**
 * EXPLAIN of the very SQL listAuditEvents runs, parameters parsed as the API and /admin/audit parse them.
 * The test database's log is small enough that a sequential scan is honestly cheaper, so sequential scans
 * are switched off: what this proves is that an index on audit_events matches each filter and the order.
 */
async function plan(actor: UserActor, params: Record<string, string>): Promise<string> {
  const sql = buildAuditEventsQuery(actor, auditQueryParamsSchema.parse(params));
  const db = getDb();
  const [, rows] = await db.$transaction([
    db.$executeRawUnsafe("SET LOCAL enable_seqscan = off"),
    db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql.text}`, ...sql.values),
  ]);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

describe("the audit log's filters use its indexes", () => {
  it.each([
    ["newest first, unfiltered", admin, {}, /audit_events_occurred_at_idx/],
    ["by station", admin, { stationId }, /audit_events_station_id_occurred_at_idx/],
    ["by city", admin, { cityAdcode: "210200" }, /audit_events_(city_adcode_)?occurred_at_idx/],
    ["by user", admin, { actorUserId: "someone" }, /audit_events_actor_user_id_occurred_at_idx/],
    ["by kind", admin, { entity: "opening_hours" }, /audit_events_(entity_)?occurred_at_idx/],
    ["by date", admin, { from: "2026-03-01", to: "2026-03-07" }, /audit_events_occurred_at_idx/],
    ["an older page", admin, { cursor: "2026-03-01T04:00:00.000Z~42" }, /audit_events_occurred_at_idx/],
    ["an older page of a station", admin, { stationId, cursor: "2026-03-01T04:00:00.000Z~42" }, /audit_events_(station_id_)?occurred_at_idx/],
    ["a city manager's scope", manager, {}, /audit_events_(city_adcode_)?occurred_at_idx/],
    ["a city manager's scope by kind", manager, { entity: "user" }, /audit_events_\w+_idx/],
  ] as const)("%s", async (_name, actor, params, index) => {
    const text = await plan(actor, params);
    expect(text).toMatch(index);
    expect(text).not.toMatch(/Seq Scan on audit_events/);
  });

  it("bounds the scan by the cursor's time, not only filters it", async () => {
    const text = await plan(admin, { cursor: "2026-03-01T04:00:00.000Z~42" });
    expect(text).toMatch(/Index Cond: \(.*occurred_at <= /);
  });
});
