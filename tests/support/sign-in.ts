import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...all]/route";

// better-auth counts IPv6 clients by their /64 network, so the made-up addresses differ within the first
// 64 bits; with Redis the count is shared by every test file of a run.
const newClient = () => `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}::1`;

/**
 * Signs in through the real auth route and returns the session's Cookie header. Each call comes from its
 * own made-up address, so a test file signing in several people stays under the per-address limit.
 */
export async function signInCookie(username: string, password: string): Promise<string> {
  const response = await authPost(
    new Request("http://localhost/api/auth/sign-in/username", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost", "x-forwarded-for": newClient() },
      body: JSON.stringify({ username, password }),
    }),
  );
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
