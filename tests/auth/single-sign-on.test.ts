import { createHash, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth, type Auth } from "@/lib/auth";
import { SSO_PROVIDER_ID } from "@/lib/auth-providers";
import { getDb } from "@/lib/db";
import { getRequestActor } from "@/lib/server/auth/get-request-actor";
import { createUser, type SystemActor } from "@/lib/server/user/create-user";

/**
 * The bank's single sign-on, end to end against a small OpenID Connect provider of our own: discovery,
 * the authorisation redirect with PKCE and a nonce, the code exchange, a signed ID token checked against
 * the provider's keys, and the session. Only the person at the provider's login page is simulated.
 */
const system: SystemActor = { kind: "system", label: "system:test-sso" };
const suffix = randomUUID().slice(0, 8);
const clientId = "yizhan-directory";
const clientSecret = "sso-client-secret";
const createdIds: string[] = [];

type Grant = { email: string; nonce: string; codeChallenge: string; redirectUri: string };
const grants = new Map<string, Grant>();
let provider: Server;
let issuer: string;
let auth: Auth;
let signingKey: CryptoKey;
let staff: Awaited<ReturnType<typeof createUser>>;

async function readForm(request: import("node:http").IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of request) body += chunk;
  return new URLSearchParams(body);
}

beforeAll(async () => {
  const keys = await generateKeyPair("RS256");
  signingKey = keys.privateKey;
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
  provider = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", issuer);
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === "/.well-known/openid-configuration") {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/userinfo`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        id_token_signing_alg_values_supported: ["RS256"],
        code_challenge_methods_supported: ["S256"],
      });
    }
    if (url.pathname === "/jwks") return json(200, { keys: [jwk] });
    if (url.pathname === "/token" && request.method === "POST") {
      const form = await readForm(request);
      const basic = request.headers.authorization?.replace(/^Basic /, "");
      const [id, secret] = basic ? Buffer.from(basic, "base64").toString().split(":").map(decodeURIComponent) : [form.get("client_id"), form.get("client_secret")];
      const grant = grants.get(form.get("code") ?? "");
      const verifier = form.get("code_verifier") ?? "";
      const challenge = createHash("sha256").update(verifier).digest("base64url");
      if (id !== clientId || secret !== clientSecret || !grant || challenge !== grant.codeChallenge || form.get("redirect_uri") !== grant.redirectUri) {
        return json(400, { error: "invalid_grant" });
      }
      grants.delete(form.get("code")!);
      const idToken = await new SignJWT({ email: grant.email, email_verified: true, name: "统一认证用户", nonce: grant.nonce })
        .setProtectedHeader({ alg: "RS256", kid: "test-key" })
        .setIssuer(issuer)
        .setAudience(clientId)
        .setSubject(`sub-${grant.email}`)
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(signingKey);
      return json(200, { access_token: `at-${randomUUID()}`, token_type: "Bearer", expires_in: 300, id_token: idToken });
    }
    if (url.pathname === "/userinfo") return json(401, { error: "invalid_token" });
    json(404, { error: "not_found" });
  });
  await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
  auth = createAuth({ oidc: { issuer, clientId, clientSecret, displayName: "测试统一认证" } });

  staff = await createUser(system, {
    username: `sso_${suffix}`,
    email: `sso.${suffix}@example.cn`,
    password: "a password never used here",
    name: "统一认证员工",
    role: { role: "CITY_MANAGER", cityAdcode: 210100 },
  });
  createdIds.push(staff.id);
});

afterAll(async () => {
  provider?.close();
  await getDb().user.deleteMany({ where: { OR: [{ id: { in: createdIds } }, { email: `stranger.${suffix}@example.cn` }] } });
});

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** Starts sign-in as the button does, and lets `email` "log in" at the provider; returns the final response. */
async function signInAtProvider(email: string): Promise<Response> {
  const start = await auth.handler(
    new Request("http://localhost/api/auth/sign-in/social", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost" },
      body: JSON.stringify({ provider: SSO_PROVIDER_ID, callbackURL: "/staff", errorCallbackURL: "/login?sso=failed" }),
    }),
  );
  expect(start.status).toBe(200);
  const { url } = (await start.json()) as { url: string };
  const authorize = new URL(url);
  expect(authorize.origin + authorize.pathname).toBe(`${issuer}/authorize`);
  expect(authorize.searchParams.get("client_id")).toBe(clientId);
  expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorize.searchParams.get("scope")?.split(" ")).toEqual(expect.arrayContaining(["openid", "email"]));
  const redirectUri = authorize.searchParams.get("redirect_uri")!;
  expect(redirectUri).toBe(`http://localhost/api/auth/callback/${SSO_PROVIDER_ID}`);

  const code = randomUUID();
  grants.set(code, {
    email,
    nonce: authorize.searchParams.get("nonce") ?? "",
    codeChallenge: authorize.searchParams.get("code_challenge")!,
    redirectUri,
  });
  const callback = new URL(redirectUri);
  callback.searchParams.set("code", code);
  callback.searchParams.set("state", authorize.searchParams.get("state")!);
  return auth.handler(new Request(callback, { headers: { cookie: cookiesOf(start) } }));
}

describe("single sign-on (OIDC) when configured", () => {
  it("signs an administrator-made account in through the provider, linked by email", async () => {
    const done = await signInAtProvider(`SSO.${suffix}@example.cn`);
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toMatch(/\/staff$/);
    const actor = await getRequestActor(new Headers({ cookie: cookiesOf(done) }));
    expect(actor).toMatchObject({ kind: "user", userId: staff.id, roles: [{ role: "CITY_MANAGER", cityAdcode: 210100 }] });
    const accounts = await getDb().account.findMany({ where: { userId: staff.id }, select: { providerId: true, accountId: true } });
    expect(accounts).toEqual(expect.arrayContaining([{ providerId: SSO_PROVIDER_ID, accountId: `sub-SSO.${suffix}@example.cn` }]));
  });

  it("creates no account for someone the directory does not know", async () => {
    const done = await signInAtProvider(`stranger.${suffix}@example.cn`);
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toMatch(/\/login\?sso=failed/);
    expect(cookiesOf(done)).not.toMatch(/session_token=[^;]+/);
    expect(await getDb().user.count({ where: { email: `stranger.${suffix}@example.cn` } })).toBe(0);
  });

  it("keeps a deactivated account out", async () => {
    await getDb().user.update({ where: { id: staff.id }, data: { deactivatedAt: new Date() } });
    try {
      const before = await getDb().session.count({ where: { userId: staff.id } });
      const done = await signInAtProvider(`sso.${suffix}@example.cn`);
      expect(done.headers.get("location")).not.toMatch(/\/staff$/);
      expect(await getDb().session.count({ where: { userId: staff.id } })).toBe(before);
    } finally {
      await getDb().user.update({ where: { id: staff.id }, data: { deactivatedAt: null } });
    }
  });
});
