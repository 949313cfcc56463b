import { execFile, execFileSync } from "node:child_process";
import { appendFileSync, chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

/**
 * A private PostgreSQL 15 cluster for a test: its own data folder under the temporary directory and its
 * own port, so a test can stop it, start it or make a streaming replica of it without touching the shared
 * server other tests use. The server refuses to run as root, so as root every command runs as the
 * `postgres` OS user (runuser). Every cluster is stopped and its folder deleted by `remove()`, and at the
 * latest when the process exits.
 */
export const POSTGRES_BIN_DIR = "/usr/lib/postgresql/15/bin";

const run = promisify(execFile);
const asRoot = process.getuid?.() === 0;
/** Each cluster not yet removed, with a synchronous way to stop and delete it when the process exits. */
const live = new Map<PostgresCluster, () => void>();

export type PostgresCluster = {
  port: number;
  dataDir: string;
  /** A connection string to one of the cluster's databases (default `postgres`), user postgres, trust auth. */
  url(database?: string): string;
  start(): Promise<void>;
  /** `pg_ctl stop`; `fast` ends sessions with "terminating connection due to administrator command". */
  stop(mode?: "smart" | "fast" | "immediate"): Promise<void>;
  /** Stops the server if it runs and deletes the data folder. */
  remove(): Promise<void>;
};

export function postgresBinariesAvailable(): boolean {
  return existsSync(path.join(POSTGRES_BIN_DIR, "initdb")) && existsSync(path.join(POSTGRES_BIN_DIR, "pg_basebackup"));
}

function command(binary: string, args: string[]): [string, string[]] {
  const file = path.join(POSTGRES_BIN_DIR, binary);
  return asRoot ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
}

async function pg(binary: string, args: string[]): Promise<void> {
  const [file, argv] = command(binary, args);
  try {
    await run(file, argv, { timeout: 60_000 });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${binary} ${args.join(" ")} failed: ${stderr || stdout || (error as Error).message}`);
  }
}

/** An empty folder the server's user owns (initdb and pg_basebackup refuse anything else). */
function makeDataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "yizhan-pg-"));
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  return dir;
}

function cluster(port: number, dataDir: string): PostgresCluster {
  const logFile = path.join(dataDir, "server.log");
  let running = false;
  const self: PostgresCluster = {
    port,
    dataDir,
    url: (database = "postgres") => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      await pg("pg_ctl", ["start", "-w", "-t", "30", "-D", dataDir, "-l", logFile]);
      running = true;
    },
    async stop(mode = "fast") {
      await pg("pg_ctl", ["stop", "-w", "-t", "30", "-m", mode, "-D", dataDir]);
      running = false;
    },
    async remove() {
      if (running) await self.stop("immediate").catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
      live.delete(self);
    },
  };
  // A test that crashes between start and remove still leaves no server or folder behind.
  live.set(self, () => {
    if (running) {
      const [file, argv] = command("pg_ctl", ["stop", "-m", "immediate", "-D", dataDir]);
      try {
        execFileSync(file, argv, { stdio: "ignore", timeout: 10_000 });
      } catch {
        // already stopped
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });
  return self;
}

process.once("exit", () => {
  for (const removeSync of live.values()) removeSync();
});

/** Settings both kinds of cluster share: TCP on 127.0.0.1 only, no Unix socket, small and fast (no fsync: test data). */
function configure(port: number, extra: string[] = []): string {
  return [
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    "unix_socket_directories = ''",
    "max_connections = 40",
    "shared_buffers = 32MB",
    "fsync = off",
    "full_page_writes = off",
    ...extra,
  ].join("\n");
}

/**
 * A new cluster, started: initdb with trust auth, ready to be a streaming primary (wal_level=replica,
 * WAL senders, replication connections from 127.0.0.1 trusted).
 */
export async function createCluster(port: number): Promise<PostgresCluster> {
  const dataDir = makeDataDir();
  const created = cluster(port, dataDir);
  try {
    await pg("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
    appendFileSync(
      path.join(dataDir, "postgresql.conf"),
      `\n${configure(port, ["wal_level = replica", "max_wal_senders = 4", "wal_keep_size = 64MB"])}\n`,
    );
    appendFileSync(path.join(dataDir, "pg_hba.conf"), "\nhost replication all 127.0.0.1/32 trust\n");
    await created.start();
  } catch (error) {
    await created.remove();
    throw error;
  }
  return created;
}

/**
 * A streaming replica of `primary` on `port`, started: pg_basebackup -R (which writes standby.signal and
 * primary_conninfo), then hot standby on its own port. Read-only; replays the primary's WAL continuously.
 */
export async function createReplica(primary: PostgresCluster, port: number): Promise<PostgresCluster> {
  const dataDir = makeDataDir();
  const replica = cluster(port, dataDir);
  try {
    await pg("pg_basebackup", ["-h", "127.0.0.1", "-p", String(primary.port), "-U", "postgres", "-D", dataDir, "-R", "-X", "stream", "--checkpoint=fast", "--no-sync"]);
    // The copied postgresql.conf names the primary's port; a later setting wins.
    appendFileSync(path.join(dataDir, "postgresql.conf"), `\n${configure(port, ["hot_standby = on"])}\n`);
    await replica.start();
  } catch (error) {
    await replica.remove();
    throw error;
  }
  return replica;
}
