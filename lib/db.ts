import { PrismaPg } from "@prisma/adapter-pg";
import { readReplicas } from "@prisma/extension-read-replicas";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
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

export function createPrismaClient(connectionString: string, poolMax = env.DATABASE_POOL_MAX): PrismaClient {
  // Broken connections leave the pool by themselves and new ones are opened on demand, so the pool
  // recovers when the database returns, without a restart.
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: poolMax, connectionTimeoutMillis: POOL_WAIT_MS, Client: QuickConnectClient }),
  });
}

function createRoutedClient(primaryUrl: string, replicaUrls: string[]) {
  const primary = createPrismaClient(primaryUrl);
  const replicated = replicaUrls.length > 0 ? primary.$extends(readReplicas({ replicas: replicaUrls.map((url) => createPrismaClient(url)) })) : null;
  return { primary, replicated };
}

// One set of pools per process; kept on globalThis so Next's dev reloads do not open new pools each time.
const globalForPrisma = globalThis as unknown as { prisma?: ReturnType<typeof createRoutedClient> };

function routedClient() {
  globalForPrisma.prisma ??= createRoutedClient(requireDatabaseUrl(), env.DATABASE_REPLICA_URLS);
  return globalForPrisma.prisma;
}

/**
 * The primary: every write, every transaction and everything a signed-in person reads (sessions
 * included), so nobody misses their own change to replication lag.
 */
export function getDb(): PrismaClient {
  return routedClient().primary;
}

/**
 * The client for a read-only query on behalf of `actor`: a read replica (picked at random by
 * @prisma/extension-read-replicas) for an anonymous reader when DATABASE_REPLICA_URLS names any, the
 * primary otherwise. A replica answers SQL as well as model queries; the extension alone would send raw
 * queries, most of the public reads, to the primary.
 */
export function getReadDb(actor: Actor): PrismaClient {
  const { primary, replicated } = routedClient();
  if (actor.kind === "user" || !replicated) return primary;
  return replicated.$replica() as unknown as PrismaClient;
}
