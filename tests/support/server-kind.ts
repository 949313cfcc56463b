import pg from "pg";

/**
 * What a connection string serves: nothing, the embedded PGlite (PostgreSQL 18 in WebAssembly) or a real
 * PostgreSQL server. The test runner sets DATABASE_URL in both of its runs, so tests that need a real
 * server, or its binaries, ask this to skip in the embedded one.
 */
export async function serverKind(url: string | undefined): Promise<"none" | "pglite" | "postgresql"> {
  if (!url) return "none";
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: string }>("SELECT version()");
    return rows[0].version.includes("PGlite") ? "pglite" : "postgresql";
  } finally {
    await client.end();
  }
}
