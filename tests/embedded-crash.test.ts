import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { requireDatabaseUrl } from "@/lib/env";
import { DEMO_PASSWORD } from "@/lib/seed/demo-accounts";
import { freePort } from "@/scripts/lib/test-database";
import { spawnProcessGroup, waitUntilAnswers } from "@/tests/support/process-group";
import { serverKind } from "@/tests/support/server-kind";

/**
 * The embedded database survives `kill -9`: `npm start` (no DATABASE_URL) serves the app, staff writes run
 * concurrently through the real API, and the whole process group (npm, tsx with PGlite, Next) is killed
 * with SIGKILL in the middle of them. The next start must open the data folder and hold every write that
 * was acknowledged with a 200. PGlite runs PostgreSQL with fsync off (`-F`) but writes its WAL to the data
 * folder at every commit, so a killed process loses nothing the kernel has (a power cut is another matter:
 * see README, Embedded database).
 *
 * Runs in the embedded phase of `npm test` (DATABASE_URL is then a PGlite); the PostgreSQL phase skips it,
 * since `npm start` there would serve the same embedded database and the phase's time is better spent.
 */
const embeddedPhase = (await serverKind(requireDatabaseUrl())) === "pglite";
const WRITERS = 6;
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function start(dataDir: string, dbPort: number, appPort: number) {
  const group = spawnProcessGroup("npm", ["start"], { DATABASE_URL: undefined, EMBEDDED_DB_DIR: dataDir, EMBEDDED_DB_PORT: String(dbPort), PORT: String(appPort) });
  const kill = async () => {
    await group.signal("SIGKILL");
    // The group's other processes (tsx with PGlite, the server) die with it; wait until none is left.
    while (group.alive()) await new Promise((r) => setTimeout(r, 50));
  };
  cleanups.push(kill);
  const started = performance.now();
  await waitUntilAnswers(group, `http://127.0.0.1:${appPort}/api/v1/amenities`, { timeoutMs: 240_000, label: "npm start" });
  return { kill, output: group.output, seconds: (performance.now() - started) / 1000 };
}

async function signIn(appPort: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${appPort}/api/auth/sign-in/username`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: `http://127.0.0.1:${appPort}` },
    body: JSON.stringify({ username: "demo_admin", password: DEMO_PASSWORD }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

type Ack = { stationId: string; version: number; notice: string };

describe("the embedded database and kill -9", () => {
  it.skipIf(!embeddedPhase)(
    embeddedPhase
      ? "keeps every acknowledged write when npm start is killed with SIGKILL mid-writes"
      : "keeps every acknowledged write after kill -9 — skipped: runs in the embedded phase (DATABASE_URL is PostgreSQL here)",
    async () => {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), "yizhan-crash-"));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      const [dbPort, appPort] = [await freePort(), await freePort()];
      const base = `http://127.0.0.1:${appPort}`;

      const first = await start(dataDir, dbPort, appPort);
      const cookie = await signIn(appPort);
      const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${dbPort}/postgres` });
      await client.connect();
      const { rows: stations } = await client.query<{ id: string; version: number }>("SELECT id, version FROM stations ORDER BY code DESC LIMIT $1", [WRITERS]);
      await client.end();

      // Each writer saves its own station over and over, each save carrying the version the last answer gave.
      const acks: Ack[] = [];
      let killed = false;
      const writer = async ({ id, version: startVersion }: { id: string; version: number }, w: number) => {
        let version = startVersion;
        for (let n = 0; !killed; n++) {
          const notice = `崩溃测试 w${w} #${n}`;
          const response = await fetch(`${base}/api/v1/staff/stations/${id}`, {
            method: "PATCH",
            headers: { "content-type": "application/json", origin: base, cookie },
            body: JSON.stringify({ version, notice }),
          }).catch(() => null);
          // No answer: the server is gone, and this write may or may not have been committed. Once the kill
          // is under way, Next may outlive PGlite by a moment and answer 500: not an acknowledgement either.
          const body = await response?.json().catch(() => null);
          if (!response || !body || (killed && response.status !== 200)) return;
          expect(response.status, JSON.stringify(body)).toBe(200);
          version = body.version;
          acks.push({ stationId: id, version, notice });
        }
      };
      const writing = stations.map((s, w) => writer(s, w));
      // Kill once writes are flowing and some are surely in flight: 30 acknowledged, or 8 s at most.
      const deadline = performance.now() + 8_000;
      while (acks.length < 30 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      killed = true;
      await first.kill();
      await Promise.all(writing);
      expect(acks.length).toBeGreaterThan(0);

      const second = await start(dataDir, dbPort, appPort);
      const after = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${dbPort}/postgres` });
      await after.connect();
      let now: { id: string; version: number; notice: string | null }[];
      try {
        ({ rows: now } = await after.query<{ id: string; version: number; notice: string | null }>("SELECT id, version, notice FROM stations WHERE id = ANY($1::uuid[])", [stations.map((s) => s.id)]));
        const { rows: audited } = await after.query<{ station_id: string; notice: string }>(
          "SELECT station_id, after->>'notice' AS notice FROM audit_events WHERE entity = 'station' AND station_id = ANY($1::uuid[])",
          [stations.map((s) => s.id)],
        );
        const auditedNotices = new Set(audited.map((a) => `${a.station_id} ${a.notice}`));
        // Every acknowledged write is there: its audit row, and the station at least at its version.
        expect(acks.filter((a) => !auditedNotices.has(`${a.stationId} ${a.notice}`))).toEqual([]);
        for (const station of now) {
          const own = acks.filter((a) => a.stationId === station.id);
          const last = own.at(-1);
          if (!last) continue;
          // A write in flight at the kill may have committed unacknowledged: at most one per writer.
          expect(station.version - last.version).toBeGreaterThanOrEqual(0);
          expect(station.version - last.version).toBeLessThanOrEqual(1);
          if (station.version === last.version) expect(station.notice).toBe(last.notice);
        }
        // The database as a whole opened clean: the sample and the accounts are all there and readable.
        const { rows: counts } = await after.query<{ stations: number; users: number }>("SELECT (SELECT count(*) FROM stations)::int AS stations, (SELECT count(*) FROM users)::int AS users");
        expect(counts[0]).toEqual({ stations: 571, users: 3 });
        expect(second.output()).toContain("Stations already present");
      } finally {
        await after.end();
      }
      // And the app serves what the database holds.
      const last = acks.at(-1)!;
      const station = await (await fetch(`${base}/api/v1/stations/${last.stationId}`)).json();
      expect(station.notice).toBe(now.find((s) => s.id === last.stationId)!.notice);
      console.log(`embedded kill -9: ${acks.length} writes acknowledged before SIGKILL, all present after restart (first start ${first.seconds.toFixed(1)} s, restart ${second.seconds.toFixed(1)} s)`);
      await second.kill();
    },
    240_000,
  );
});
