import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getStations } from "@/app/api/v1/stations/route";
import { getDb } from "@/lib/db";
import { createStations } from "../../e2e/support/station-fixtures";
import { callRoute } from "../support/call-route";

// A reader's position, precise enough to spot anywhere it might be written down.
const reader = { lat: 41.803117, lng: 123.431377 };

/** A digest of every row of every table, so any insert, update or delete shows as a change. */
async function databaseDigest(): Promise<Record<string, string>> {
  const tables = await getDb().$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`;
  const digest: Record<string, string> = {};
  for (const { tablename } of tables) {
    const quoted = `"${tablename.replaceAll('"', '""')}"`;
    const [row] = await getDb().$queryRawUnsafe<{ rows: bigint; md5: string | null }[]>(
      `SELECT count(*) AS rows, md5(string_agg(t::text, '|' ORDER BY t::text)) AS md5 FROM ${quoted} t`,
    );
    digest[tablename] = `${row.rows}:${row.md5}`;
  }
  return digest;
}

// A station open round the clock at the reader's corner, so every search below has an answer at any
// hour, whatever other tests have put nearby.
let fixture: Awaited<ReturnType<typeof createStations>>;
beforeAll(async () => {
  const allDay = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: "00:00", closes: "24:00" }));
  fixture = await createStations([{ name: "工行沈阳隐私测试驿站", lat: reader.lat, lng: reader.lng, openingHours: { weekly: allDay, exceptions: [] } }]);
});
afterAll(() => fixture.remove());

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the server keeps no reader's location", () => {
  it("feedback reports have no column for a place or an address", async () => {
    const columns = await getDb().$queryRaw<{ column_name: string }[]>`
      SELECT column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'feedback_reports' ORDER BY ordinal_position`;
    // The full list, so a column added later has to be looked at here (and on the privacy page).
    expect(columns.map((c) => c.column_name)).toEqual([
      "id", "station_id", "kind", "message", "amenity_code", "contact", "client_hash",
      "status", "resolution", "resolution_note", "resolved_at", "resolved_by_id", "created_at",
    ]);
  });

  it("a nearest search writes nothing to the database and logs nothing", async () => {
    const logged: unknown[][] = [];
    for (const method of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args));
    }
    const before = await databaseDigest();
    for (const query of [`near=${reader.lat},${reader.lng}`, `near=${reader.lat},${reader.lng}&openNow=true&limit=5`, `near=${reader.lat},${reader.lng}&q=沈阳`]) {
      const { status, body } = await callRoute(getStations, `/api/v1/stations?${query}`);
      expect(status).toBe(200);
      expect(body.data.length).toBeGreaterThan(0);
    }
    expect(await databaseDigest()).toEqual(before);
    expect(logged).toEqual([]);
  });
});
