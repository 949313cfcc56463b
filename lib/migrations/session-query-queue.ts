import type { PGlite } from "@electric-sql/pglite";

type Item = { handlerId: number; message: Uint8Array; onData: (data: Uint8Array) => void; resolve: (bytes: number) => void; reject: (error: unknown) => void };

// Frontend messages after which the backend answers ReadyForQuery: a query cycle ends there.
const SYNC = 0x53; // 'S'
const SIMPLE_QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

/** A startup packet has no type byte: it begins with its length, whose first byte is 0 for any real one. */
function endsCycle(message: Uint8Array): boolean {
  return message[0] === SYNC || message[0] === SIMPLE_QUERY || message[0] === TERMINATE || message[0] === 0;
}

/**
 * The order in which PGlite's one backend serves the socket server's connections, in place of
 * @electric-sql/pglite-socket's own queue (0.2.17). That queue takes messages one at a time from all
 * connections and keeps a connection to itself only inside a transaction, so one connection's Parse and
 * another's could land between a Parse and its Bind: under concurrent requests the app saw "unnamed
 * prepared statement does not exist", answers to the wrong query (a 403 where the station was editable)
 * and failed sign-ins (tests/embedded-crash.test.ts found it). Here a connection keeps the backend from its
 * first message to the end of its query cycle (Sync or a simple Query), and on to the end of its
 * transaction, as a PostgreSQL backend of its own would behave.
 */
export class SessionQueryQueue {
  private queue: Item[] = [];
  private processing = false;
  /** The connection the backend serves until its query cycle, or transaction, ends. */
  private owner: number | null = null;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  private async process(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const index = this.owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === this.owner);
        // The owner's next message has not arrived yet: the others wait for it.
        if (index === -1) break;
        const [item] = this.queue.splice(index, 1);
        this.owner = item.handlerId;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
          item.resolve(bytes);
        } catch (error) {
          item.reject(error);
        }
        if (endsCycle(item.message) && !this.db.isInTransaction()) this.owner = null;
      }
    } finally {
      this.processing = false;
    }
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  /** A connection went away: its waiting messages are dropped. */
  clearQueueForHandler(handlerId: number): void {
    this.queue = this.queue.filter((item) => {
      if (item.handlerId !== handlerId) return true;
      item.reject(new Error("Handler disconnected"));
      return false;
    });
  }

  /** ...and if it held the backend, its transaction is rolled back and the backend is free again. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
    this.owner = null;
    await this.process();
  }
}
