import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// lib/env.ts validates process.env once at import, so each case runs in a process of its own.
function loadEnv(vars: Record<string, string | undefined>): { ok: boolean; output: string; secret?: string } {
  const environment: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME };
  for (const [key, value] of Object.entries(vars)) if (value !== undefined) environment[key] = value;
  const result = spawnSync(
    "node_modules/.bin/tsx",
    ["-e", 'import("./lib/env.ts").then(({ authSecret }) => console.log("SECRET=" + authSecret()))'],
    { env: environment as NodeJS.ProcessEnv, encoding: "utf8" },
  );
  const output = `${result.stdout}${result.stderr}`;
  return { ok: result.status === 0, output, secret: /SECRET=(.*)/.exec(result.stdout)?.[1] };
}

describe("AUTH_SECRET", () => {
  it("is required in production with a database, on this machine or another", () => {
    for (const url of ["postgres://app@db.internal:5432/yizhan", "postgres://postgres@127.0.0.1:5432/yizhan"]) {
      const result = loadEnv({ NODE_ENV: "production", DATABASE_URL: url });
      expect(result.ok).toBe(false);
      expect(result.output).toContain("AUTH_SECRET: required in production");
    }
  });

  it("is taken as given, and refused when short", () => {
    const secret = "s".repeat(40);
    expect(loadEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://app@db.internal/yizhan", AUTH_SECRET: secret }).secret).toBe(secret);
    expect(loadEnv({ AUTH_SECRET: "short" }).output).toContain("AUTH_SECRET: must be at least 32 characters");
  });

  it("falls back to the development secret outside production, and in a production build with no database", () => {
    expect(loadEnv({}).secret).toMatch(/^development-only/);
    expect(loadEnv({ NODE_ENV: "test", DATABASE_URL: "postgres://postgres@127.0.0.1:5432/x" }).secret).toMatch(/^development-only/);
    expect(loadEnv({ NODE_ENV: "production" }).ok).toBe(true);
  });
});
