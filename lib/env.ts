import { z } from "zod";

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
  EMBEDDED_DB_DIR: z.string().min(1).default(".data/pglite"),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium").describe("Browser for the Playwright tests"),
  PUBLIC_BASE_URL: z
    .preprocess(optional, z.url({ protocol: /^https?$/ }).optional())
    .describe("Public origin for share links and QR codes, e.g. https://yizhan.example.cn; defaults to the request's host"),
  TILE_URL: z.string().min(1).default("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
  TILE_ATTRIBUTION: z
    .string()
    .default('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> 贡献者'),
  TILE_DATUM: z
    .enum(["wgs84", "gcj02"])
    .default("wgs84")
    .describe("Datum of the tiles: wgs84 (OpenStreetMap) or gcj02 (Amap, Tencent); stations are converted to match"),
});

export type Env = z.infer<typeof envSchema>;

function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = envSchema.safeParse(source);
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
