import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

/**
 * The session-signing secret for a server a script starts in production mode: AUTH_SECRET when set;
 * otherwise one kept in `file` (made once, readable by this user only) so sign-ins survive a restart of
 * `npm start`; or, for a throwaway server (tests, benchmarks), a fresh random one.
 */
export function localAuthSecret(file?: string): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const fresh = () => randomBytes(32).toString("base64url");
  if (!file) return fresh();
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = fresh();
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
