import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { env } from "@/lib/env";
import { createCluster, createReplica, postgresBinariesAvailable, type PostgresCluster } from "../scripts/lib/postgres-cluster";
import { freePort, provisionTestDatabase, type TestDatabase } from "../scripts/lib/test-database";
import { serverKind } from "./support/server-kind";

/**
 * Reads against a real streaming replica: a private primary cluster and a pg_basebackup copy of it
 * replaying its WAL, with the app pointed at both (DATABASE_URL, DATABASE_REPLICA_URLS). Pausing the
 * replica's replay freezes what it serves, which shows who reads where: the public API answers the
 * replica's state, a signed-in staff member the primary's.
 */
const skipReason =
  (await serverKind(env.DATABASE_URL)) !== "postgresql"
    ? "runs PostgreSQL 15 clusters of its own, in the PostgreSQL run only; this is the embedded (PGlite) run"
    : !postgresBinariesAvailable()
      ? "needs the PostgreSQL 15 server binaries in /usr/lib/postgresql/15/bin"
      : null;

describe.skipIf(skipReason)(`read replicas: public reads from a streaming replica, staff and writes on the primary${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  let primary: PostgresCluster;
  let replica: PostgresCluster;
  let database: TestDatabase;
  let replicaSql: pg.Client;
  let primarySql: pg.Client;
  let stationId: string;
  let staffCookie: string;
  let app: {
    stationGet: typeof import("@/app/api/v1/stations/[id]/route").GET;
    stationsGet: typeof import("@/app/api/v1/stations/route").GET;
    stationPatch: typeof import("@/app/api/v1/staff/stations/[id]/route").PATCH;
    getStation: typeof import("@/lib/server/station/get-station").getStation;
    getEditableStation: typeof import("@/lib/server/station/get-editable-station").getEditableStation;
    getRequestActor: typeof import("@/lib/server/auth/get-request-actor").getRequestActor;
    disconnect: () => Promise<void>;
  };

  beforeAll(async () => {
    primary = await createCluster(await freePort());
    replica = await createReplica(primary, await freePort());
    // Migrated and seeded on the primary only: the replica receives all of it by streaming.
    database = await provisionTestDatabase(primary.url());
    const databaseName = new URL(database.url).pathname.slice(1);
    primarySql = new pg.Client({ connectionString: database.url });
    replicaSql = new pg.Client({ connectionString: replica.url(databaseName) });
    await Promise.all([primarySql.connect(), replicaSql.connect()]);
    stationId = (await primarySql.query<{ id: string }>("SELECT id FROM stations ORDER BY code LIMIT 1")).rows[0].id;
    await waitFor(async () => (await replicaSql.query("SELECT 1 FROM stations WHERE id = $1", [stationId])).rowCount === 1);

    // The app's modules read their configuration when first imported: import them afresh, pointed here.
    vi.stubEnv("DATABASE_URL", database.url);
    vi.stubEnv("DATABASE_REPLICA_URLS", replica.url(databaseName));
    vi.resetModules();
    const { createUser } = await import("@/lib/server/user/create-user");
    const { signInCookie } = await import("./support/sign-in");
    const { getDb } = await import("@/lib/db");
    app = {
      stationGet: (await import("@/app/api/v1/stations/[id]/route")).GET,
      stationsGet: (await import("@/app/api/v1/stations/route")).GET,
      stationPatch: (await import("@/app/api/v1/staff/stations/[id]/route")).PATCH,
      getStation: (await import("@/lib/server/station/get-station")).getStation,
      getEditableStation: (await import("@/lib/server/station/get-editable-station")).getEditableStation,
      getRequestActor: (await import("@/lib/server/auth/get-request-actor")).getRequestActor,
      disconnect: () => getDb().$disconnect(),
    };
    const username = `replica_${randomUUID().slice(0, 8)}`;
    const password = "replica password 123";
    await createUser({ kind: "system", label: "system:test-replicas" }, { username, email: `${username}@example.cn`, password, name: "副本测试", role: { role: "BRANCH_STAFF", stationId } });
    // Signing in writes a session on the primary and reads it back from there, replica or not.
    staffCookie = await signInCookie(username, password);
  }, 90_000);

  afterAll(async () => {
    vi.unstubAllEnvs();
    await app?.disconnect().catch(() => undefined);
    await Promise.all([primarySql?.end(), replicaSql?.end()].map((p) => p?.catch(() => undefined)));
    await replica?.remove();
    await primary?.remove();
  });

  async function publicNotice(): Promise<string | null> {
    const response = await app.stationGet(new Request(`http://localhost/api/v1/stations/${stationId}`), { params: Promise.resolve({ id: stationId }) });
    expect(response.status).toBe(200);
    return (await response.json()).notice;
  }

  it("serves anonymous reads from the paused replica and the staff member's own write from the primary, then catches up", async () => {
    const before = await publicNotice();
    await replicaSql.query("SELECT pg_wal_replay_pause()");
    await waitFor(async () => (await replicaSql.query("SELECT pg_get_wal_replay_pause_state() AS s")).rows[0].s === "paused");

    const since = (await primarySql.query<{ now: Date }>("SELECT clock_timestamp() AS now")).rows[0].now.toISOString();
    const notice = `副本测试公告 ${randomUUID().slice(0, 8)}`;
    const version = (await primarySql.query<{ version: number }>("SELECT version FROM stations WHERE id = $1", [stationId])).rows[0].version;
    const written = await app.stationPatch(
      new Request(`http://localhost/api/v1/staff/stations/${stationId}`, {
        method: "PATCH",
        headers: { "content-type": "application/json", "sec-fetch-site": "same-origin", cookie: staffCookie },
        body: JSON.stringify({ version, notice }),
      }),
      { params: Promise.resolve({ id: stationId }) },
    );
    expect(written.status).toBe(200);

    // The write is on the primary (a replica refuses writes) and has not reached the paused replica.
    const on = async (client: pg.Client) => (await client.query<{ notice: string | null }>("SELECT notice FROM stations WHERE id = $1", [stationId])).rows[0].notice;
    expect(await on(primarySql)).toBe(notice);
    expect(await on(replicaSql)).toBe(before);

    // The staff member reads their own change at once: the edit page and the public page read as them.
    const staff = await app.getRequestActor(new Headers({ cookie: staffCookie }));
    expect(staff.kind).toBe("user");
    expect((await app.getEditableStation(staff, stationId)).notice).toBe(notice);
    expect((await app.getStation(staff, stationId)).notice).toBe(notice);

    // Anonymous readers get the replica's state: the old notice, and no change in the sync feed.
    expect(await publicNotice()).toBe(before);
    const syncUrl = `http://localhost/api/v1/stations?updatedSince=${encodeURIComponent(since)}&limit=1000`;
    const changedIds = async () => {
      const response = await app.stationsGet(new Request(syncUrl), { params: Promise.resolve({}) });
      expect(response.status).toBe(200);
      return ((await response.json()).data as { id: string }[]).map((s) => s.id);
    };
    expect(await changedIds()).not.toContain(stationId);

    await replicaSql.query("SELECT pg_wal_replay_resume()");
    await waitFor(async () => (await publicNotice()) === notice);
    expect(await changedIds()).toContain(stationId);
  });
});

/** Polls `check` until it holds, for at most 15 s (a replica replays in milliseconds). */
async function waitFor(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the replica");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
