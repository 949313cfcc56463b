import { z } from "zod";
import { tileImageSource } from "@/lib/security-headers";

/**
 * The one place that reads process.env. Everything else imports `env` from here, so a bad value
 * fails at start-up with a message naming the variable instead of misbehaving later.
 */
// An empty variable (`DATABASE_URL=`) means unset, as shells and .env files commonly write it.
const optional = (value: unknown) => (value === "" ? undefined : value);

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .preprocess(optional, z.url({ protocol: /^postgres(ql)?$/ }).optional())
    .describe("PostgreSQL connection string; without it `npm start` runs the embedded database"),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(5),
  DATABASE_REPLICA_URLS: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((url) => url.trim()).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^postgres(ql)?$/ })))
    .describe("Comma-separated connection strings of read replicas of DATABASE_URL; anonymous readers' queries go to them"),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(60_000)
    .default(2000)
    .describe("How long opening a database connection may take before the request answers 503 (an unreachable database that does not refuse)"),
  EMBEDDED_DB_DIR: z.string().min(1).default(".data/pglite"),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  PG_BIN_DIR: z
    .preprocess(optional, z.string().min(1).optional())
    .describe("Folder of pg_dump, pg_restore and psql for db:backup and db:restore, e.g. /usr/lib/postgresql/17/bin; default: the PATH's"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  E2E_PORT: z.coerce
    .number()
    .int()
    .min(1024)
    .max(65534)
    .default(3100)
    .describe("Port of the browser tests' server (the GCJ-02 one takes the next); change it to run two test runs at once"),
  CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium").describe("Browser for the Playwright tests"),
  PUBLIC_BASE_URL: z
    .preprocess(optional, z.url({ protocol: /^https?$/ }).optional())
    .describe("Public origin for share links and QR codes, e.g. https://yizhan.example.cn; defaults to the request's host"),
  TILE_URL: z
    .string()
    .min(1)
    .default("https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    // Its origin goes into the pages' Content-Security-Policy: one no CSP source can express stops the start.
    .superRefine((value, ctx) => {
      try {
        tileImageSource(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
  TILE_ATTRIBUTION: z
    .string()
    .default('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> 贡献者'),
  TILE_DATUM: z
    .enum(["wgs84", "gcj02"])
    .default("wgs84")
    .describe("Datum of the tiles: wgs84 (OpenStreetMap) or gcj02 (Amap, Tencent); stations are converted to match"),
  FINDER_EMBED_LIMIT: z.coerce
    .number()
    .int()
    .min(0)
    .max(100_000)
    .default(2000)
    .describe("Up to this many stations the finder page carries them all (works offline); above it the map asks the server for clusters"),
  AUTH_SECRET: z
    .preprocess(optional, z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 32`)").optional())
    .describe("Signs session cookies (better-auth); required in production (`npm start` keeps one in .data/auth-secret)"),
  CLIENT_IP_HEADERS: z
    .string()
    .default("x-forwarded-for,x-real-ip")
    .transform((value) => value.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean))
    .describe("Headers naming the client's address, in order, as the reverse proxy sets them (e.g. x-real-ip); keys sign-in and report limits"),
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((h) => h.trim()).filter(Boolean))
    .describe("Addresses or CIDR ranges of the reverse proxies, so a multi-hop X-Forwarded-For is read past them"),
  OIDC_ISSUER: z
    .preprocess(optional, z.url({ protocol: /^https?$/ }).optional())
    .describe("The bank's single sign-on (OpenID Connect) issuer; with OIDC_CLIENT_ID and OIDC_CLIENT_SECRET it adds a sign-in button"),
  OIDC_CLIENT_ID: z.preprocess(optional, z.string().min(1).optional()),
  OIDC_CLIENT_SECRET: z.preprocess(optional, z.string().min(1).optional()),
  OIDC_DISPLAY_NAME: z.string().min(1).default("工行统一身份认证").describe("The single sign-on button's label"),
  FEEDBACK_CONTACT_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(90)
    .describe("Days a feedback reporter's contact is kept after the report is sent; then it is deleted"),
  DEMO_ACCOUNTS: z
    .preprocess(optional, z.enum(["0", "1"]).default("0"))
    .transform((value) => value === "1")
    .describe("Set by `npm start` on the embedded database: the sign-in page lists the demo accounts"),
  REDIS_URL: z
    .preprocess(optional, z.url({ protocol: /^rediss?$/ }).optional())
    .describe("Redis shared by every app instance for rate limits, e.g. redis://127.0.0.1:6379/0; unset, limits are kept in each process's memory"),
  REDIS_KEY_PREFIX: z
    .string()
    .min(1)
    .default("yizhan:")
    .describe("Prefix of every key the app writes to Redis, so apps or test runs can share one Redis"),
  FUZZ_RUNS: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(15)
    .describe("Cases per API operation in the property tests (tests/fuzz); `npm run test:fuzz` sets 500"),
  AUTH_URL: z
    .preprocess(optional, z.url({ protocol: /^https?$/ }).optional())
    .describe("Public origin of the sign-in endpoints, e.g. https://yizhan.example.cn; defaults to the request's host"),
});

/** Only outside production (development, tests), where nobody can be harmed by a published secret. */
export const DEVELOPMENT_AUTH_SECRET = "development-only-auth-secret--set-AUTH_SECRET-in-production";

// A production server with a database must bring its own secret: with the published development secret
// anyone could sign session cookies for it. `npm start` and the test runner provide one themselves;
// `next build` has no database and needs none.
const checkedEnvSchema = envSchema
  .superRefine((value, ctx) => {
    if (value.NODE_ENV === "production" && value.DATABASE_URL && !value.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "required in production (e.g. `openssl rand -base64 32`)" });
    }
    if (value.DATABASE_REPLICA_URLS.length > 0 && !value.DATABASE_URL) {
      ctx.addIssue({ code: "custom", path: ["DATABASE_REPLICA_URLS"], message: "replicas need DATABASE_URL, their primary" });
    }
    // Half a single sign-on configuration would show a button that cannot work.
    const oidc = [value.OIDC_ISSUER, value.OIDC_CLIENT_ID, value.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({ code: "custom", path: ["OIDC_ISSUER"], message: "set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together" });
    }
  });

export type Env = z.infer<typeof checkedEnvSchema>;

function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = checkedEnvSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment variables:\n${problems}`);
  }
  return result.data;
}

export const env = parseEnv(process.env);

export function requireDatabaseUrl(): string {
  if (!env.DATABASE_URL) {
    throw new Error("DATABASE_URL is not set. Start the app with `npm start`, which provides the embedded database.");
  }
  return env.DATABASE_URL;
}

/** The environment for a child process (Next, Playwright, vitest) with some variables replaced. */
export function childProcessEnv(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...overrides };
}

/** The secret that signs sessions: AUTH_SECRET, or outside production the development one. */
export function authSecret(): string {
  return env.AUTH_SECRET ?? DEVELOPMENT_AUTH_SECRET;
}

export type OidcConfig = { issuer: string; clientId: string; clientSecret: string; displayName: string };

/** The bank's single sign-on, when all three of its variables are set (checked together above). */
export function oidcConfig(): OidcConfig | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  return { issuer: env.OIDC_ISSUER, clientId: env.OIDC_CLIENT_ID, clientSecret: env.OIDC_CLIENT_SECRET, displayName: env.OIDC_DISPLAY_NAME };
}
