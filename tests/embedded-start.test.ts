import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { requireDatabaseUrl } from "@/lib/env";
import { DEMO_PASSWORD } from "@/lib/seed/demo-accounts";
import { freePort } from "@/scripts/lib/test-database";
import { spawnProcessGroup, waitUntilAnswers, type ProcessGroup } from "@/tests/support/process-group";

/**
 * The README's first command on a machine without PostgreSQL: `npm start` with no DATABASE_URL must
 * start the embedded database, migrate, seed and serve; Ctrl-C must stop everything; a second start
 * must keep the data. Ctrl-C is a SIGINT to the whole process group, as a terminal sends it.
 */
describe("npm start with the embedded database", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function start(dataDir: string, dbPort: number, appPort: number, databaseUrl?: string) {
    const group = spawnProcessGroup("npm", ["start"], { DATABASE_URL: databaseUrl, EMBEDDED_DB_DIR: dataDir, EMBEDDED_DB_PORT: String(dbPort), PORT: String(appPort) });
    cleanups.push(() => group.signal("SIGKILL"));
    const started = performance.now();
    const response = await waitUntilAnswers(group, `http://127.0.0.1:${appPort}/api/v1/cities`, { timeoutMs: 240_000, label: "npm start" });
    return { group, output: group.output, seconds: (performance.now() - started) / 1000, cities: await response.json() };
  }

  /** Ctrl-C, then every process of the group (npm, tsx, Next) must be gone and both ports closed. */
  async function pressCtrlC({ group }: { group: ProcessGroup }, ports: { dbPort: number; appPort: number }) {
    await group.signal("SIGINT");
    const deadline = performance.now() + 20_000;
    while (group.alive() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(group.alive()).toBe(false);
    const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${ports.dbPort}/postgres`, connectionTimeoutMillis: 2000 });
    await expect(client.connect()).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${ports.appPort}/`)).rejects.toThrow();
  }

  it("serves 571 stations, stops cleanly on Ctrl-C and keeps the data on the next start", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "yizhan-start-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const [dbPort, appPort] = [await freePort(), await freePort()];

    const first = await start(dataDir, dbPort, appPort);
    const total = first.cities.data.reduce((sum: number, c: { stationCount: number }) => sum + c.stationCount, 0);
    expect(total).toBe(571);
    expect(first.output()).toContain("Loaded 571 sample stations.");
    expect(first.output()).toContain("Demo accounts created: demo_admin, demo_manager, demo_staff");
    // Expired feedback contacts are deleted at start (and daily after).
    expect(first.output()).toMatch(/db:purge-contacts: 0 contacts older than \d+ days deleted\./);
    // The README's demo account signs in, and the sign-in page tells a new user about it.
    expect((await signIn(appPort, "demo_staff")).status).toBe(200);
    expect(await (await fetch(`http://127.0.0.1:${appPort}/login`)).text()).toContain('data-testid="demo-accounts"');

    const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${dbPort}/postgres` });
    await client.connect();
    const { rows } = await client.query<{ id: string }>("UPDATE stations SET notice = 'persisted across restarts' WHERE code = (SELECT min(code) FROM stations) RETURNING id");
    await client.end();

    await pressCtrlC(first, { dbPort, appPort });

    const second = await start(dataDir, dbPort, appPort);
    expect(second.output()).toContain("Stations already present");
    expect(second.output()).toContain("Demo accounts already present.");
    const station = await (await fetch(`http://127.0.0.1:${appPort}/api/v1/stations/${rows[0].id}`)).json();
    expect(station.notice).toBe("persisted across restarts");
    const again = second.cities.data.reduce((sum: number, c: { stationCount: number }) => sum + c.stationCount, 0);
    expect(again).toBe(571);
    console.log(`embedded npm start: first start ${first.seconds.toFixed(1)} s, restart ${second.seconds.toFixed(1)} s`);
    await pressCtrlC(second, { dbPort, appPort });
  }, 600_000);

  it("never makes demo accounts on a configured DATABASE_URL", async () => {
    const [dbPort, appPort] = [await freePort(), await freePort()];
    const run = await start("/nonexistent-embedded-dir", dbPort, appPort, requireDatabaseUrl());
    expect(run.output()).not.toContain("Demo accounts");
    expect((await signIn(appPort, "demo_admin")).status).toBe(401);
    expect(await (await fetch(`http://127.0.0.1:${appPort}/login`)).text()).not.toContain('data-testid="demo-accounts"');
    const db = createPrismaClient(requireDatabaseUrl(), 1);
    try {
      expect(await db.user.count({ where: { username: { startsWith: "demo_" } } })).toBe(0);
    } finally {
      await db.$disconnect();
    }
    await pressCtrlC(run, { dbPort, appPort });
  }, 300_000);
});

function signIn(appPort: number, username: string) {
  return fetch(`http://127.0.0.1:${appPort}/api/auth/sign-in/username`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: `http://127.0.0.1:${appPort}` },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
}
