import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";
import {
  bindMigrationAwareSqlAdapterFactory,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

/**
 * Prisma's schema engine compiled to WebAssembly, used instead of the native engine that cannot be
 * downloaded on these machines (README, "Migrations offline"). Two jobs only:
 * - diffSchemas: migration SQL between two datamodels, with no database at all;
 * - applyMigrations: prisma/migrations/* applied with Prisma's own `_prisma_migrations` bookkeeping,
 *   so `prisma migrate deploy` on a machine with the native engine sees the same history.
 */

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

let loading: Promise<void> | undefined;

/**
 * The package index does `import "./schema_engine_bg.wasm"`, which Node 20 cannot do. So we import the
 * JS glue ourselves and instantiate the .wasm beside it with the glue as its import object. Once per process:
 * the glue keeps the instance in a module variable.
 */
function loadEngine(): Promise<void> {
  loading ??= (async () => {
    const glue = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(glue.replace(/\.js$/, ".wasm"));
    // The engine leaves 10 s timers running after its calls return, which would keep every script alive
    // 10 s after its work is done. Its work is driven by the adapter's I/O, so its timers need not hold the process.
    const imports: Record<string, unknown> = { ...bg };
    for (const [name, fn] of Object.entries(bg)) {
      if (name.startsWith("__wbg_setTimeout_")) {
        imports[name] = (...args: unknown[]) => (fn as (...a: unknown[]) => NodeJS.Timeout)(...args).unref();
      }
    }
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": imports as WebAssembly.ModuleImports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return loading;
}

async function withEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadEngine();
  // The engine logs JSON lines through this callback; they are noise for our scripts.
  const engine = await bg.SchemaEngine.new({ datamodels: undefined }, () => {}, bindMigrationAwareSqlAdapterFactory(factory));
  try {
    return await run(engine);
  } finally {
    engine.free();
  }
}

/**
 * SchemaEngine.new insists on a database and asks it one question (`... version(), server_version_num`)
 * before anything else. Diffing two datamodels needs nothing more, so this stub answers that query as a
 * PostgreSQL 15 would and refuses everything else, which makes any accidental database use fail loudly.
 */
function versionOnlyAdapterFactory(): SqlMigrationAwareDriverAdapterFactory {
  const refuse = (what: string) => () => Promise.reject(new Error(`diffSchemas has no database (engine tried ${what})`));
  const connection: SqlDriverAdapter = {
    provider: "postgres",
    adapterName: "version-only-stub",
    async queryRaw(query) {
      if (!query.sql.includes("server_version_num")) return refuse(`query: ${query.sql}`)();
      // Boolean (schema exists), Text (version()), Int32 (numeric version)
      return { columnNames: ["exists", "version", "numeric_version"], columnTypes: [5, 7, 0], rows: [[true, "PostgreSQL 15.0", 150000]] };
    },
    executeRaw: refuse("executeRaw"),
    executeScript: refuse("executeScript"),
    startTransaction: refuse("startTransaction"),
    dispose: async () => {},
  };
  return {
    provider: "postgres",
    adapterName: "version-only-stub",
    connect: async () => connection,
    connectToShadowDb: async () => connection,
  };
}

/** SQL that turns a database described by `fromDatamodel` (null = empty database) into `toDatamodel`. */
export async function diffSchemas(fromDatamodel: string | null, toDatamodel: string): Promise<string> {
  // The paths only label the engine's validation errors.
  const datamodel = (path: string, content: string) => ({ tag: "schemaDatamodel" as const, files: [{ path, content }] });
  return withEngine(versionOnlyAdapterFactory(), async (engine) => {
    const result = await engine.diff({
      from: fromDatamodel === null ? { tag: "empty" } : datamodel("from.prisma", fromDatamodel),
      to: datamodel("schema.prisma", toDatamodel),
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return result.stdout ?? "";
  });
}

/** prisma/migrations as the engine wants it: every `<name>/migration.sql`, in name (= timestamp) order. */
export async function readMigrations(baseDir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = await readdir(baseDir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockPath = path.join(baseDir, "migration_lock.toml");
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: await readFile(lockPath, "utf8").catch(() => null) },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      names.map(async (name) => {
        const file = path.join(baseDir, name, "migration.sql");
        const content = await readFile(file, "utf8").then(
          (ok) => ({ tag: "ok" as const, value: ok }),
          (e: Error) => ({ tag: "error" as const, value: e.message }),
        );
        return { path: name, migrationFile: { path: "migration.sql", content } };
      }),
    ),
  };
}

/**
 * Applies the migrations in prisma/migrations that the database has not seen yet; a second run applies nothing.
 *
 * `schema` targets another PostgreSQL schema than public (the drift test uses throwaway ones). The engine
 * looks the schema up by name but sends unqualified SQL (`_prisma_migrations`, the migration files), so the
 * session's search_path must name the same schema; `public` stays on the path after it so that the
 * extensions installed there (cube, earthdistance, pg_trgm) resolve.
 */
export async function applyMigrations(
  connectionString: string,
  options: { schema?: string } = {},
): Promise<{ appliedMigrationNames: string[] }> {
  const migrationsList = await readMigrations();
  const schema = options.schema ?? "public";
  // One session that stays open (idleTimeoutMillis 0 = never closed while idle): the search_path below,
  // the engine's advisory lock and the migration scripts must all share it.
  const pool = new pg.Pool({ connectionString, max: 1, idleTimeoutMillis: 0 });
  try {
    // A startup `options=-c search_path=...` would be neater, but PGlite's socket server ignores startup parameters.
    const { rows } = await pool.query<{ path: string }>("SELECT current_setting('search_path') AS path");
    // Created here because with a missing schema first on the path, CREATE TABLE would silently use public.
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await pool.query(`SET search_path TO ${schema === "public" ? "public" : `${quoteIdent(schema)}, public`}`);
    try {
      return await withEngine(migrationAdapterFactory(pool, schema), (engine) =>
        engine.applyMigrations({ migrationsList, filters: NO_FILTER }),
      );
    } finally {
      // Behind PGlite's socket server every connection shares one backend session, so undo what we changed:
      // the search_path, and the engine's advisory lock (it never unlocks; PostgreSQL drops it when we disconnect).
      await pool
        .query("SELECT set_config('search_path', $1, false), pg_advisory_unlock_all()", [rows[0].path])
        .catch(() => {});
    }
  } finally {
    await pool.end();
  }
}

/**
 * PrismaPg, except that a migration script goes to the server whole, as one simple query. adapter-pg would
 * split it on every `;` (breaking on a semicolon in a comment, string or function body) and run the pieces one
 * by one, so a failing migration would stay half applied. Sent whole, PostgreSQL runs it in one implicit
 * transaction, as the native engine does: a failed migration changes nothing but its `_prisma_migrations` row.
 */
function migrationAdapterFactory(pool: pg.Pool, schema: string): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaPg(pool, { schema });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connectToShadowDb: () => factory.connectToShadowDb(),
    async connect() {
      const adapter = await factory.connect();
      adapter.executeScript = async (script) => {
        await pool.query(script).catch((error: unknown) => {
          if (!(error instanceof pg.DatabaseError)) throw error;
          // The shape adapter-pg reports, so the engine's message names PostgreSQL's error.
          const { code = "N/A", severity = "N/A", message, detail, column, hint } = error;
          throw new DriverAdapterError({ kind: "postgres", code, severity, message, detail, column, hint });
        });
      };
      return adapter;
    },
  };
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
