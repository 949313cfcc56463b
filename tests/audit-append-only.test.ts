import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";

describe("audit_events", () => {
  it("accepts new events and refuses UPDATE, DELETE and TRUNCATE in the database itself", async () => {
    const db = getDb();
    const event = await db.auditEvent.create({
      data: { actorLabel: "test:append-only", entity: "station", entityId: "x", action: "CREATE", after: { name: "test" } },
    });
    await expect(db.auditEvent.update({ where: { id: event.id }, data: { entity: "changed" } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe("TRUNCATE audit_events")).rejects.toThrow(/append-only/);
    const stored = await db.auditEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(stored.entity).toBe("station");
  });
});

describe("role_assignments", () => {
  it("refuses a scope that does not fit the role", async () => {
    const db = getDb();
    const user = await db.user.create({ data: { id: `test-${Date.now()}`, name: "测试", email: `scope-${Date.now()}@example.test` } });
    try {
      await expect(db.roleAssignment.create({ data: { userId: user.id, role: "CITY_MANAGER" } })).rejects.toThrow();
      await expect(db.roleAssignment.create({ data: { userId: user.id, role: "PROVINCE_ADMIN", cityAdcode: 210100 } })).rejects.toThrow();
      await db.roleAssignment.create({ data: { userId: user.id, role: "CITY_MANAGER", cityAdcode: 210100 } });
      await expect(db.roleAssignment.create({ data: { userId: user.id, role: "CITY_MANAGER", cityAdcode: 210100 } })).rejects.toThrow();
    } finally {
      await db.user.delete({ where: { id: user.id } });
    }
  });
});
