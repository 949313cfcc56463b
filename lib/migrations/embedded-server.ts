import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { cube } from "@electric-sql/pglite/contrib/cube";
import { earthdistance } from "@electric-sql/pglite/contrib/earthdistance";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { SessionQueryQueue } from "@/lib/migrations/session-query-queue";

export interface EmbeddedPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres, for pg, adapter-pg and applyMigrations alike. */
  connectionString: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL (PGlite: PostgreSQL 18 in WebAssembly) served over the wire protocol on 127.0.0.1, for machines
 * without a DATABASE_URL (`npm start`, the test runner). Data survives restarts in `dataDir`.
 *
 * There is one backend underneath: the socket server queues the queries of all connections onto it, keeping
 * each query cycle and each open transaction together, so connections are cheap but queries run one at a
 * time, and session state (SET search_path, ...) is shared by every connection.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number }): Promise<EmbeddedPostgres> {
  const db = await openEmbeddedDatabase(options.dataDir);

  // The default of 1 connection resets every further one (ECONNRESET); 16 leaves room for the production
  // server's two pools (Next's and its direct routes', DATABASE_POOL_MAX each: 4 under npm start, 5 in the
  // tests) plus the contact purge, a migration or a psql session.
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: options.port, maxConnections: 16 });
  // Each connection keeps the backend for a whole query cycle (see SessionQueryQueue). The server hands
  // its queue to each connection as it arrives, so replacing it before start() covers them all.
  (server as unknown as { queryQueue: SessionQueryQueue }).queryQueue = new SessionQueryQueue(db);
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    connectionString: `postgres://postgres@127.0.0.1:${options.port}/postgres`,
    stop() {
      stopping ??= (async () => {
        // Closing the server detaches every connection (rolling back a transaction left open) before
        // the database is closed, and close() flushes PGlite's files so the next start needs no recovery.
        await server.stop();
        await db.close();
      })();
      return stopping;
    },
  };
}

/**
 * The embedded database in `dataDir` (created when missing), opened in this process. Only one process may
 * open a data folder at a time. `loadDataDir` fills a new folder from a `dumpDataDir()` archive (db:restore).
 */
export async function openEmbeddedDatabase(dataDir: string, loadDataDir?: Blob): Promise<PGlite> {
  await mkdir(path.resolve(dataDir), { recursive: true });
  // Extensions must be loaded when PGlite starts; CREATE EXTENSION (in the init migration) then finds them.
  return PGlite.create(path.resolve(dataDir), { extensions: { cube, earthdistance, pg_trgm }, loadDataDir });
}
