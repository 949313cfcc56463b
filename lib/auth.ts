import "server-only";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, betterAuth } from "better-auth";
import { createAuthMiddleware, isAPIError } from "better-auth/api";
import { genericOAuth, username } from "better-auth/plugins";
import { publicOrigin } from "@/lib/api/public-origin";
import { requestSite } from "@/lib/api/request-site";
import { SSO_PROVIDER_ID } from "@/lib/auth-providers";
import { getDb } from "@/lib/db";
import { authSecret, env, oidcConfig, type OidcConfig } from "@/lib/env";
import { getRedis, type RedisClient } from "@/lib/redis";
import { createRateLimiter, RateLimitStoreUnavailable, type RateLimiter, type RateLimitRule } from "@/lib/rate-limit";

/** Sign-in attempts allowed per client address and window, for every /sign-in/* endpoint. */
export const SIGN_IN_RATE_LIMIT = { window: 60, max: 5 } as const;

/**
 * Failed password sign-ins allowed per account, whichever addresses they come from: guessing one
 * person's password from many addresses is stopped here. A success clears the count, so the owner is
 * locked out only while someone is actually guessing; names that match no account are counted the same
 * way, so the limit does not tell anyone which accounts exist.
 */
export const SIGN_IN_ACCOUNT_LIMIT = {
  name: "sign-in-account",
  points: 10,
  durationSeconds: 15 * 60,
  // With several instances a per-process count would multiply the guesses allowed by their number.
  whenStoreFails: "refuse",
} satisfies RateLimitRule;

const SIGN_IN_UNAVAILABLE = { code: "SIGN_IN_UNAVAILABLE", message: "Sign-in is unavailable for a moment; try again shortly" };


const PASSWORD_SIGN_IN_PATHS = new Set(["/sign-in/username", "/sign-in/email"]);

// The same words better-auth's username plugin uses for a wrong password, so a deactivated account
// answers exactly like a wrong password and nobody learns that it exists.
const INVALID_CREDENTIALS = { code: "INVALID_USERNAME_OR_PASSWORD", message: "Invalid username or password" };

/**
 * Which account a password sign-in names: the user's id when the username or email exists, else the
 * name as typed. Username and email of one account share a count.
 */
async function signInAccountKey(body: unknown): Promise<string | null> {
  const fields = (body ?? {}) as { username?: unknown; email?: unknown };
  const name = typeof fields.username === "string" ? fields.username : typeof fields.email === "string" ? fields.email : null;
  if (!name) return null;
  const identifier = name.trim().toLowerCase();
  const user = await getDb().user.findFirst({
    where: typeof fields.username === "string" ? { username: identifier } : { email: identifier },
    select: { id: true },
  });
  return user ? `user:${user.id}` : `name:${identifier}`;
}

/**
 * better-auth's per-address limits kept through our limiter seam, so they live in Redis when it is
 * configured and every instance counts together. better-auth's keys are `${address}|${path}`: the
 * sign-in paths refuse while Redis is down (answered 503 by the auth route), the others (session
 * lookups, sign-out) fall back to counting per process, so a Redis outage never signs anybody out.
 */
function sharedAuthRateLimitStorage(redis: RedisClient | null) {
  const limiters = new Map<string, RateLimiter>();
  return {
    async consume(key: string, rule: { window: number; max: number }) {
      const signIn = key.slice(key.lastIndexOf("|") + 1).startsWith("/sign-in");
      const name = `auth-${signIn ? "sign-in" : "other"}-${rule.max}-per-${rule.window}s`;
      let limiter = limiters.get(name);
      if (!limiter) {
        limiter = createRateLimiter({ name, points: rule.max, durationSeconds: rule.window, whenStoreFails: signIn ? "refuse" : "memory" }, redis);
        limiters.set(name, limiter);
      }
      const decision = await limiter.consume(key);
      if (decision.allowed) return { allowed: true, retryAfter: null };
      if (decision.reason === "unavailable") throw new RateLimitStoreUnavailable(decision.retryAfterSeconds);
      return { allowed: false, retryAfter: decision.retryAfterSeconds };
    },
  };
}

export type AuthOptions = {
  /** The bank's single sign-on; null leaves only username/email and password. */
  oidc: OidcConfig | null;
  /** Where the rate limits are counted: the process's Redis client by default, null for memory. */
  redis?: RedisClient | null;
};

export function createAuth({ oidc, redis = getRedis() }: AuthOptions) {
  const accountLimiter = createRateLimiter(SIGN_IN_ACCOUNT_LIMIT, redis);
  return betterAuth({
    // Prisma's delegates are `user`, `session`, `account`, `verification` (the models are User, Session…;
    // the tables are @@map'd), which is what better-auth asks for: no `usePlural`, no model-name mapping.
    database: prismaAdapter(getDb(), { provider: "postgresql" }),
    secret: authSecret(),
    // Unset, better-auth takes the origin from each request, which is right behind a plain reverse proxy.
    baseURL: env.AUTH_URL,
    // `next start` hands route handlers a request URL on "localhost" whatever host the browser used, so
    // better-auth's default (the request URL's origin) refuses every cookie-bearing request from the real
    // host as "Invalid origin" — a sign-out, or a sign-in over a stale cookie. The host the browser sent
    // is the page's own origin for a same-site request, and a cross-site page cannot change it.
    trustedOrigins: async (request) => (request ? [publicOrigin(request.headers, env.AUTH_URL)] : []),
    // Accounts are created by administrators (lib/server/user/create-user.ts), never by the public.
    emailAndPassword: { enabled: true, disableSignUp: true },
    plugins: [
      username(),
      ...(oidc
        ? [
            genericOAuth({
              config: [
                {
                  providerId: SSO_PROVIDER_ID,
                  name: oidc.displayName,
                  discoveryUrl: `${oidc.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
                  clientId: oidc.clientId,
                  clientSecret: oidc.clientSecret,
                  scopes: ["openid", "profile", "email"],
                  pkce: true,
                  // Single sign-on opens the door only to accounts an administrator made (matched by
                  // email, see accountLinking); the bank's directory must not create users here.
                  disableImplicitSignUp: true,
                },
              ],
            }),
          ]
        : []),
    ],
    account: {
      // The bank's identity provider vouches for its staff's email addresses, and an administrator typed
      // the local one when creating the account (nobody confirms it by mail here), so the provider's
      // sign-in may attach to the account with that address.
      accountLinking: { enabled: true, trustedProviders: oidc ? [SSO_PROVIDER_ID] : [], requireLocalEmailVerified: false },
    },
    // A working day: staff sign in in the morning and are signed out by the evening, and an active
    // session is extended at most once an hour so not every request writes to the database.
    session: { expiresIn: 8 * 60 * 60, updateAge: 60 * 60 },
    advanced: {
      // better-auth skips its origin check when NODE_ENV is "test"; the tests must see what production does.
      disableOriginCheck: false,
      // Only headers our reverse proxy sets may name the client; see CLIENT_IP_HEADERS in lib/env.ts.
      ipAddress: {
        ipAddressHeaders: env.CLIENT_IP_HEADERS,
        ...(env.TRUSTED_PROXIES.length ? { trustedProxies: env.TRUSTED_PROXIES } : {}),
      },
      // Secure cookies exactly when the public origin is https; unset, better-auth's default
      // (secure in production) applies, which browsers still accept on http://localhost.
      useSecureCookies: env.AUTH_URL ? env.AUTH_URL.startsWith("https://") : undefined,
    },
    // Enabled in every environment (better-auth's default is production only) so tests see the limit.
    rateLimit: {
      enabled: true,
      customStorage: sharedAuthRateLimitStorage(redis),
      customRules: { "/sign-in/*": SIGN_IN_RATE_LIMIT },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        // better-auth checks the Origin of requests that carry a session cookie; a sign-in carries none,
        // so another site's page could sign a visitor into an account of its choosing (login CSRF).
        // Browsers say where a request comes from: refuse every POST from another site.
        if (ctx.request?.method === "POST" && requestSite(ctx.request) === "cross-site") {
          throw new APIError("FORBIDDEN", { code: "CROSS_SITE_REQUEST", message: "Requests from another site are not accepted" });
        }
        if (!PASSWORD_SIGN_IN_PATHS.has(ctx.path)) return;
        const key = await signInAccountKey(ctx.body);
        if (!key) return;
        const decision = await accountLimiter.check(key);
        if (!decision.allowed && decision.reason === "unavailable") {
          throw new APIError("SERVICE_UNAVAILABLE", SIGN_IN_UNAVAILABLE, { "Retry-After": String(decision.retryAfterSeconds) });
        }
        if (!decision.allowed) {
          throw new APIError(
            "TOO_MANY_REQUESTS",
            { code: "TOO_MANY_ATTEMPTS", message: "Too many failed sign-ins for this account; try again later" },
            { "Retry-After": String(decision.retryAfterSeconds) },
          );
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (!PASSWORD_SIGN_IN_PATHS.has(ctx.path)) return;
        const key = await signInAccountKey(ctx.body);
        if (!key) return;
        const returned = ctx.context.returned;
        // Only a wrong password counts against the account; a refused request (malformed, throttled by
        // address) says nothing about it.
        if (isAPIError(returned)) {
          if (returned.statusCode === 401) await accountLimiter.consume(key);
        } else {
          await accountLimiter.reset(key);
        }
      }),
    },
    databaseHooks: {
      session: {
        create: {
          // Every way of signing in ends in a new session, so this one check keeps deactivated
          // accounts out whichever method (username, email, later single sign-on) they try.
          before: async (session) => {
            const user = await getDb().user.findUnique({
              where: { id: session.userId },
              select: { deactivatedAt: true },
            });
            if (!user || user.deactivatedAt) throw new APIError("UNAUTHORIZED", INVALID_CREDENTIALS);
          },
        },
      },
    },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;

// Built on first use, not at import: `next build` imports the route modules without a database, and
// getDb() needs DATABASE_URL. Kept on globalThis like the Prisma client, so dev reloads share it.
const globalForAuth = globalThis as unknown as { auth?: Auth };

export function getAuth(): Auth {
  globalForAuth.auth ??= createAuth({ oidc: oidcConfig() });
  return globalForAuth.auth;
}

/**
 * Answers one /api/auth/* request. better-auth's per-address limit runs before any endpoint and throws
 * when Redis is down on a sign-in path; that is a 503 in better-auth's own error shape, not a 500.
 */
export async function handleAuthRequest(auth: Auth, request: Request): Promise<Response> {
  try {
    return await auth.handler(request);
  } catch (error) {
    if (!(error instanceof RateLimitStoreUnavailable)) throw error;
    return Response.json(SIGN_IN_UNAVAILABLE, { status: 503, headers: { "Retry-After": String(error.retryAfterSeconds) } });
  }
}
