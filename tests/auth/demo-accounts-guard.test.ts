import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { childProcessEnv, env } from "@/lib/env";
import { serverKind } from "@/tests/support/server-kind";

const kind = await serverKind(env.DATABASE_URL);

/**
 * `npm start` makes the demo accounts only on the embedded database; the script that makes them also
 * refuses on its own, so a demo password can never open a real database whoever runs it.
 */
describe.skipIf(kind !== "postgresql")(`the demo-account script on a real PostgreSQL${kind === "postgresql" ? "" : " — skipped: needs DATABASE_URL on a PostgreSQL server"}`, () => {
  it("refuses, exits non-zero and creates no account", () => {
    const run = spawnSync("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/seed-demo-accounts.ts"], { env: childProcessEnv({}), encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Refusing to create demo accounts");
    return expect(getDb().user.count({ where: { username: { in: ["demo_admin", "demo_manager", "demo_staff"] } } })).resolves.toBe(0);
  });
});
