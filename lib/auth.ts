import "server-only";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, betterAuth } from "better-auth";
import { username } from "better-auth/plugins";
import { getDb } from "@/lib/db";
import { authSecret, env } from "@/lib/env";

/** Sign-in attempts allowed per client address and window, for every /sign-in/* endpoint. */
export const SIGN_IN_RATE_LIMIT = { window: 60, max: 5 } as const;

// The same words better-auth's username plugin uses for a wrong password, so a deactivated account
// answers exactly like a wrong password and nobody learns that it exists.
const INVALID_CREDENTIALS = { code: "INVALID_USERNAME_OR_PASSWORD", message: "Invalid username or password" };

function createAuth() {
  return betterAuth({
    // Prisma's delegates are `user`, `session`, `account`, `verification` (the models are User, Session…;
    // the tables are @@map'd), which is what better-auth asks for: no `usePlural`, no model-name mapping.
    database: prismaAdapter(getDb(), { provider: "postgresql" }),
    secret: authSecret(),
    // Unset, better-auth takes the origin from each request, which is right behind a plain reverse proxy.
    baseURL: env.AUTH_URL,
    // Accounts are created by administrators (lib/server/user/create-user.ts), never by the public.
    emailAndPassword: { enabled: true, disableSignUp: true },
    plugins: [username()],
    // A working day: staff sign in in the morning and are signed out by the evening, and an active
    // session is extended at most once an hour so not every request writes to the database.
    session: { expiresIn: 8 * 60 * 60, updateAge: 60 * 60 },
    advanced: {
      // Secure cookies exactly when the public origin is https; unset, better-auth's default
      // (secure in production) applies, which browsers still accept on http://localhost.
      useSecureCookies: env.AUTH_URL ? env.AUTH_URL.startsWith("https://") : undefined,
    },
    // Enabled in every environment (better-auth's default is production only) so tests see the limit.
    // In memory: one app process serves the province; a second process would need "database" storage.
    rateLimit: {
      enabled: true,
      storage: "memory",
      customRules: { "/sign-in/*": SIGN_IN_RATE_LIMIT },
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
  globalForAuth.auth ??= createAuth();
  return globalForAuth.auth;
}
