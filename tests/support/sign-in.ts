import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...all]/route";

/**
 * Signs in through the real auth route and returns the session's Cookie header. Each call comes from its
 * own made-up address, so a test file signing in several people stays under the per-address limit.
 */
export async function signInCookie(username: string, password: string): Promise<string> {
  const response = await authPost(
    new Request("http://localhost/api/auth/sign-in/username", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost", "x-forwarded-for": `2001:db8::${randomUUID().slice(0, 4)}` },
      body: JSON.stringify({ username, password }),
    }),
  );
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
