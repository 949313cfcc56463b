/**
 * The migrations in prisma/migrations must build exactly the database prisma/schema.prisma declares.
 *
 * Runs against env.DATABASE_URL (real PostgreSQL 15 in CI, the embedded PGlite otherwise), inside two throwaway
 * schemas so it never touches the data in public:
 * - drift_migrated_<random>: prisma/migrations applied by applyMigrations, as `npm run db:migrate` does;
 * - drift_declared_<random>: the SQL Prisma generates from nothing to the current schema.prisma.
 * Their catalogs are compared, leaving out hand-written objects (named *_manual) and `_prisma_migrations`.
 */
import { randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { applyMigrations, diffSchemas, MIGRATIONS_DIR } from "@/lib/migrations/schema-engine";

const SCHEMA_FILE = fileURLToPath(new URL("../prisma/schema.prisma", import.meta.url));
const SNAPSHOT_FILE = path.join(MIGRATIONS_DIR, "schema.snapshot.prisma");
const RUN_DB_DIFF = "run `npm run db:diff -- <name>` to write a migration for the change to prisma/schema.prisma";

describe("prisma/migrations/schema.snapshot.prisma", () => {
  it("matches prisma/schema.prisma", async () => {
    const [schema, snapshot] = await Promise.all([readFile(SCHEMA_FILE, "utf8"), readFile(SNAPSHOT_FILE, "utf8")]);
    expect(snapshot, `The migrations' snapshot differs from prisma/schema.prisma: ${RUN_DB_DIFF}.`).toBe(schema);
  });
});

describe("migrations against the database in DATABASE_URL", () => {
  const suffix = randomBytes(4).toString("hex");
  const migrated = `drift_migrated_${suffix}`;
  const declared = `drift_declared_${suffix}`;
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  let firstRun: string[] = [];
  let secondRun: string[] = [];
  let folders: string[] = [];

  beforeAll(async () => {
    if (!env.DATABASE_URL) {
      throw new Error("DATABASE_URL is not set: run the tests with `npm test`, which provides a database.");
    }
    await client.connect();
    folders = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);

    firstRun = (await applyMigrations(env.DATABASE_URL, { schema: migrated })).appliedMigrationNames;
    secondRun = (await applyMigrations(env.DATABASE_URL, { schema: migrated })).appliedMigrationNames;

    const sql = await diffSchemas(null, await readFile(SCHEMA_FILE, "utf8"));
    // With the embedded database every connection shares one session, so put the search_path back.
    const { rows } = await client.query<{ path: string }>("SELECT current_setting('search_path') AS path");
    await client.query(`CREATE SCHEMA "${declared}"`);
    await client.query(`SET search_path TO "${declared}", public`);
    try {
      await client.query(sql);
    } finally {
      await client.query("SELECT set_config('search_path', $1, false)", [rows[0].path]);
    }
  });

  afterAll(async () => {
    if (!env.DATABASE_URL) return;
    try {
      await client.query(`DROP SCHEMA IF EXISTS "${migrated}" CASCADE`);
      await client.query(`DROP SCHEMA IF EXISTS "${declared}" CASCADE`);
    } finally {
      await client.end();
    }
  });

  it("the migrations build what prisma/schema.prisma declares (no drift)", async () => {
    expect(
      await describeSchema(client, migrated),
      `The database built by prisma/migrations differs from prisma/schema.prisma: ${RUN_DB_DIFF}, ` +
        "or name hand-written objects *_manual.",
    ).toEqual(await describeSchema(client, declared));
  });

  it("applies every migration once, and nothing on a second run", async () => {
    expect(firstRun).toEqual([...folders].sort());
    expect(secondRun).toEqual([]);
    const { rows } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM "${migrated}"._prisma_migrations
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual([...folders].sort());

    // The hand-written part landed in the target schema too (the search_path applyMigrations sets).
    const manual = await client.query<{ name: string }>(
      `SELECT relname AS name FROM pg_class WHERE relnamespace = $1::regnamespace AND relname LIKE '%\\_manual'
       UNION ALL SELECT conname FROM pg_constraint WHERE connamespace = $1::regnamespace AND conname LIKE '%\\_manual'`,
      [migrated],
    );
    expect(manual.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(["stations_location_gist_manual", "stations_name_trgm_manual", "opening_periods_range_manual"]),
    );
  });

  it("the drift comparison notices a difference, and ignores *_manual objects", async () => {
    const expected = await describeSchema(client, declared);
    const changed = (ddl: string) =>
      withRollback(client, async () => {
        await client.query(ddl);
        return describeSchema(client, migrated);
      });

    const altered = await changed(`ALTER TABLE "${migrated}".stations ALTER COLUMN phone SET NOT NULL`);
    expect(altered).not.toEqual(expected);
    expect(altered.columns).toContain("stations.phone text NOT NULL");

    const indexed = await changed(`CREATE INDEX stations_phone_idx ON "${migrated}".stations (phone)`);
    expect(indexed.indexes).not.toEqual(expected.indexes);

    expect(await changed(`CREATE INDEX stations_phone_manual ON "${migrated}".stations (phone)`)).toEqual(expected);
  });
});

async function withRollback<T>(client: pg.Client, run: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    return await run();
  } finally {
    await client.query("ROLLBACK");
  }
}

/**
 * A normalised description of one schema from the catalogs (pg_dump 15 refuses PGlite's server version 18).
 * Every line is free of the schema's own name so two schemas can be compared. Column order and enum label
 * order are not compared: a migration that adds a column or label appends it, while the declared schema
 * lists it where schema.prisma has it, and Prisma itself treats both as the same.
 */
async function describeSchema(client: pg.Client, schema: string) {
  // Our own objects only: not hand-written (*_manual), not Prisma's bookkeeping table.
  const ours = (name: string) => `${name} NOT LIKE '%\\_manual' AND ${name} <> '_prisma_migrations'`;
  const lines = async (sql: string) => {
    const { rows } = await client.query<{ line: string }>(sql, [schema]);
    const strip = (line: string) => line.replaceAll(`"${schema}".`, "").replaceAll(`${schema}.`, "");
    return rows.map((r) => strip(r.line)).sort();
  };
  const relations = `pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = $1`;

  return {
    relations: await lines(
      `SELECT c.relkind::text || ' ' || c.relname AS line FROM ${relations}
       WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${ours("c.relname")}`,
    ),
    columns: await lines(
      `SELECT format('%s.%s %s%s%s%s%s', c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                     CASE WHEN a.attnotnull THEN ' NOT NULL' END,
                     ' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid),
                     CASE WHEN a.attidentity <> '' THEN ' IDENTITY' END,
                     CASE WHEN a.attgenerated <> '' THEN ' GENERATED' END) AS line
       FROM ${relations}
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
       WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${ours("c.relname")}`,
    ),
    enums: await lines(
      `SELECT t.typname || ' ' || string_agg(e.enumlabel, ', ' ORDER BY e.enumlabel) AS line
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = $1
       JOIN pg_enum e ON e.enumtypid = t.oid
       WHERE ${ours("t.typname")} GROUP BY t.typname`,
    ),
    constraints: await lines(
      `SELECT format('%s.%s %s', c.relname, con.conname, pg_get_constraintdef(con.oid)) AS line
       FROM ${relations} JOIN pg_constraint con ON con.conrelid = c.oid
       WHERE ${ours("c.relname")} AND ${ours("con.conname")}`,
    ),
    indexes: await lines(
      `SELECT pg_get_indexdef(i.indexrelid) AS line
       FROM ${relations} JOIN pg_index i ON i.indrelid = c.oid JOIN pg_class ic ON ic.oid = i.indexrelid
       WHERE ${ours("c.relname")} AND ${ours("ic.relname")}`,
    ),
    // Nothing in schema.prisma creates these: any in the migrations must be hand-written, so named *_manual.
    functions: await lines(
      `SELECT p.oid::regprocedure::text AS line FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = $1 AND ${ours("p.proname")}`,
    ),
    triggers: await lines(
      `SELECT c.relname || '.' || t.tgname AS line FROM ${relations} JOIN pg_trigger t ON t.tgrelid = c.oid
       WHERE NOT t.tgisinternal AND ${ours("t.tgname")}`,
    ),
  };
}
