import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { childProcessEnv, requireDatabaseUrl } from "@/lib/env";
import { createUser, type SystemActor } from "@/lib/server/user/create-user";
import { loadPassed, loadTable, runMixedLoad, type Writer } from "@/scripts/lib/mixed-load";
import { buildIfStale, productionServer } from "@/scripts/lib/next-build";
import { stop, waitFor } from "@/scripts/lib/servers";
import { freePort } from "@/scripts/lib/test-database";
import { serverKind } from "@/tests/support/server-kind";
import { createStations } from "../../e2e/support/station-fixtures";

/**
 * The short form of `npm run test:load` (60 s): a few seconds of public reads and staff writes at 100
 * connections against the production build, with zero errors and every acknowledged write in the
 * database afterwards. PostgreSQL only: the embedded PGlite runs one query at a time behind 8 sockets, so
 * 100 connections measure its queue, not the app; `npm run test:load` without DATABASE_URL runs it there.
 */
const embedded = (await serverKind(requireDatabaseUrl())) === "pglite";
const system: SystemActor = { kind: "system", label: "system:test-load" };
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe("mixed load", () => {
  it.skipIf(embedded)(
    embedded ? "100 connections of reads and writes — skipped: DATABASE_URL is the embedded PGlite (one backend)" : "100 connections of reads and writes for 6 s: no errors, every acknowledged write stored",
    async () => {
      const suffix = Date.now().toString(36);
      const fixture = await createStations(Array.from({ length: 8 }, (_, i) => ({ name: `工行负载测试驿站${i}` })));
      cleanups.push(() => fixture.remove());
      const writers: Writer[] = [];
      for (let i = 0; i < 4; i++) {
        const username = `load_${suffix}_${i}`;
        const password = `load test password ${i}`;
        const user = await createUser(system, { username, email: `${username}@example.cn`, password, name: username, role: { role: "PROVINCE_ADMIN" } });
        cleanups.push(async () => void (await getDb().user.delete({ where: { id: user.id } })));
        writers.push({ username, password, stationIds: fixture.ids.slice(i * 2, i * 2 + 2) });
      }

      const childEnv = childProcessEnv({ NODE_ENV: "production" });
      await buildIfStale(childEnv);
      const port = await freePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      const { command, args } = productionServer(port, "127.0.0.1");
      const server = spawn(command, args, { env: childEnv, stdio: ["ignore", "ignore", "inherit"] });
      cleanups.push(() => stop(server));
      await waitFor(`${baseUrl}/api/v1/amenities`);

      const result = await runMixedLoad({ baseUrl, databaseUrl: requireDatabaseUrl(), seconds: 6, connections: 100, writers });
      console.log(`mixed load, 6 s:\n${loadTable(result)}\n${result.errorSamples.join("\n")}`);
      expect(result.errorSamples).toEqual([]);
      expect(result.verification.acknowledged).toBeGreaterThanOrEqual(writers.length);
      expect(loadPassed(result)).toBe(true);
    },
    120_000,
  );
});
