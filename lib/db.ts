import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { env, requireDatabaseUrl } from "@/lib/env";
import type { Actor } from "@/lib/server/actor";

/**
 * How long a query waits for a free connection when all of the pool's are busy, before answering 503.
 * Generous: a burst of parallel queries (the dashboard's) on a busy machine queues for seconds.
 */
const POOL_WAIT_MS = 15_000;

/**
 * pg waits forever for a new connection by default, so with the database unreachable a request would
 * hang instead of answering 503 (lib/errors.ts). The pool has one timeout for opening a connection and for
 * queueing for one; this client class gives opening a short one of its own (DATABASE_CONNECT_TIMEOUT_MS).
 */
class QuickConnectClient extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super({ ...config, connectionTimeoutMillis: env.DATABASE_CONNECT_TIMEOUT_MS });
  }
}

/**
 * Limits of interactive transactions (every staff and admin write). Prisma's defaults (2 s to start, 5 s
 * to finish) turned slow writes into failed ones under load: with 100 concurrent connections on two busy
 * cores a short transaction waits far longer than that for the pool and the event loop, not for its own
 * work (npm run test:load). An overloaded server should answer late rather than wrongly; these limits only
 * end a transaction that hangs, releasing its row locks.
 */
export const TRANSACTION_LIMITS = { maxWait: 60_000, timeout: 60_000 } as const;

// Broken connections leave the pool by themselves and new ones are opened on demand, so a pool recovers
// when the database returns, without a restart.
function poolConfig(connectionString: string, max: number): pg.PoolConfig {
  return { connectionString, max, connectionTimeoutMillis: POOL_WAIT_MS, Client: QuickConnectClient };
}

/** A client with a pool of its own, for scripts and tests that talk to some other database. */
export function createPrismaClient(connectionString: string, poolMax = env.DATABASE_POOL_MAX): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg(poolConfig(connectionString, poolMax)), transactionOptions: TRANSACTION_LIMITS });
}

type Connection = { prisma: PrismaClient; pool: pg.Pool };
type Database = { primary: Connection; replicas: Connection[] };

/** A client on a pool this module keeps, so `queryRows` can use the same connections. */
function connect(connectionString: string): Connection {
  const pool = new pg.Pool(poolConfig(connectionString, env.DATABASE_POOL_MAX));
  // An idle connection the database dropped (a restart, a failover) is expected: the pool discards it and
  // opens another on demand. Unheard, the pool's "error" event would end the process.
  pool.on("error", () => undefined);
  return { pool, prisma: new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: TRANSACTION_LIMITS }) };
}

// One set of pools per process; kept on globalThis so Next's dev reloads do not open new pools each time.
const globalForDatabase = globalThis as unknown as { database?: Database };

function database(): Database {
  globalForDatabase.database ??= { primary: connect(requireDatabaseUrl()), replicas: env.DATABASE_REPLICA_URLS.map(connect) };
  return globalForDatabase.database;
}

/**
 * Where a read on behalf of `actor` goes: a replica picked at random for an anonymous reader when
 * DATABASE_REPLICA_URLS names any, the primary otherwise (a signed-in person must see their own writes).
 */
function readConnection(actor: Actor): Connection {
  const { primary, replicas } = database();
  if (actor.kind === "user" || replicas.length === 0) return primary;
  return replicas[Math.floor(Math.random() * replicas.length)];
}

/**
 * The primary: every write, every transaction and everything a signed-in person reads (sessions
 * included), so nobody misses their own change to replication lag.
 */
export function getDb(): PrismaClient {
  return database().primary.prisma;
}

/** The client for a read-only query on behalf of `actor` (see readConnection): SQL and model queries alike. */
export function getReadDb(actor: Actor): PrismaClient {
  return readConnection(actor).prisma;
}

/**
 * Rows of one read-only statement on behalf of `actor`, straight from the pool under Prisma, skipping
 * Prisma's result conversion: for the public station reads, which are most of the traffic and already
 * hand-written SQL. The types are pg's (timestamptz → Date, json → parsed, float8 → number, arrays →
 * arrays), which for those statements' columns are what `$queryRaw` returns too.
 */
export async function queryRows<Row>(actor: Actor, statement: Prisma.Sql): Promise<Row[]> {
  return (await readConnection(actor).pool.query(statement.text, statement.values)).rows as Row[];
}

/** Closes this process's clients and pools, for scripts that must exit when their work is done. */
export async function disconnectDb(): Promise<void> {
  const current = globalForDatabase.database;
  globalForDatabase.database = undefined;
  if (!current) return;
  for (const connection of [current.primary, ...current.replicas]) {
    await connection.prisma.$disconnect();
    await connection.pool.end();
  }
}
