import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { env, requireDatabaseUrl } from "@/lib/env";

/**
 * Limits of interactive transactions (every staff and admin write). Prisma's defaults (2 s to start, 5 s
 * to finish) turned slow writes into failed ones under load: with 100 concurrent connections on two busy
 * cores a short transaction waits far longer than that for the pool and the event loop, not for its own
 * work (npm run test:load). An overloaded server should answer late rather than wrongly; these limits only
 * end a transaction that hangs, releasing its row locks.
 */
export const TRANSACTION_LIMITS = { maxWait: 60_000, timeout: 60_000 } as const;

export function createPrismaClient(connectionString: string, poolMax = env.DATABASE_POOL_MAX): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: poolMax }), transactionOptions: TRANSACTION_LIMITS });
}

type Database = { prisma: PrismaClient; pool: pg.Pool };

// One client and one pool per process; kept on globalThis so Next's dev reloads do not open new ones.
const globalForDatabase = globalThis as unknown as { database?: Database };

function database(): Database {
  if (!globalForDatabase.database) {
    const pool = new pg.Pool({ connectionString: requireDatabaseUrl(), max: env.DATABASE_POOL_MAX });
    globalForDatabase.database = { prisma: new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: TRANSACTION_LIMITS }), pool };
  }
  return globalForDatabase.database;
}

export function getDb(): PrismaClient {
  return database().prisma;
}

/**
 * Rows of one read-only statement straight from the pool under Prisma, skipping Prisma's result
 * conversion: for the public station reads, which are most of the traffic and already hand-written SQL.
 * The types are pg's (timestamptz → Date, json → parsed, float8 → number, arrays → arrays), which for
 * those statements' columns are what `$queryRaw` returns too.
 */
export async function queryRows<Row>(statement: Prisma.Sql): Promise<Row[]> {
  return (await database().pool.query(statement.text, statement.values)).rows as Row[];
}

/** Closes this process's client and pool, for scripts that must exit when their work is done. */
export async function disconnectDb(): Promise<void> {
  const current = globalForDatabase.database;
  globalForDatabase.database = undefined;
  if (!current) return;
  await current.prisma.$disconnect();
  await current.pool.end();
}
