import "server-only";
import { Worker } from "node:worker_threads";

/**
 * A supercluster index in a worker thread of its own. Building one over 100,000 stations is 0.3–2 s of
 * solid CPU (more on a busy machine); on the request thread that would stall every request of the
 * process for as long. In a worker, the old index keeps answering while the new one builds, and a
 * query costs a message each way (well under a millisecond).
 *
 * The worker's code is a string run with `eval`, so the app's bundler leaves it alone; it imports
 * supercluster from node_modules at run time, as `next start` and the tests both have it.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
import("supercluster").then(({ default: Supercluster }) => {
  const { coordinates, options } = workerData;
  const points = new Array(coordinates.length / 2);
  for (let i = 0; i < points.length; i++) {
    points[i] = { type: "Feature", properties: { i }, geometry: { type: "Point", coordinates: [coordinates[2 * i], coordinates[2 * i + 1]] } };
  }
  const index = new Supercluster(options).load(points);
  parentPort.postMessage({ ready: true });
  parentPort.on("message", ({ id, bbox, zoom }) => {
    try {
      const out = [];
      for (const feature of index.getClusters(bbox, zoom)) {
        const [lng, lat] = feature.geometry.coordinates;
        const p = feature.properties;
        if (p.cluster) out.push(lng, lat, p.point_count, index.getClusterExpansionZoom(p.cluster_id), -1);
        else out.push(lng, lat, 1, -1, p.i);
      }
      const result = Float64Array.from(out);
      parentPort.postMessage({ id, result }, [result.buffer]);
    } catch (error) {
      parentPort.postMessage({ id, error: String(error) });
    }
  });
}, (error) => parentPort.postMessage({ failed: String(error) }));
`;

export type ClusterOptions = { radius: number; extent: number; maxZoom: number; minPoints: number };

/** One item of a query's answer: a cluster (count > 1) or the station at `index` of the loaded points. */
export type ClusterItem = { lng: number; lat: number; count: number; expansionZoom: number; index: number };

export class ClusterWorker {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (items: ClusterItem[]) => void; reject: (error: Error) => void }>();
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on("message", (message: { id: number; result?: Float64Array; error?: string }) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.error || !message.result) waiting.reject(new Error(`cluster worker: ${message.error}`));
      else waiting.resolve(decode(message.result));
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`cluster worker exited (${code})`)));
  }

  /** Builds an index of points given as [lng, lat, lng, lat, …]; resolves once it answers queries. */
  static start(coordinates: Float64Array, options: ClusterOptions): Promise<ClusterWorker> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { coordinates, options } });
      // An idle index must not keep a script or a test run alive.
      worker.unref();
      const onMessage = (message: { ready?: boolean; failed?: string }) => {
        if (!message.ready && !message.failed) return;
        worker.off("message", onMessage);
        worker.off("error", reject);
        if (message.failed) {
          void worker.terminate();
          reject(new Error(`cluster worker: ${message.failed}`));
        } else resolve(new ClusterWorker(worker));
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
    });
  }

  /** True once the worker has died: its index is gone and must be built again. */
  get broken(): boolean {
    return this.failure !== null;
  }

  query(bbox: [number, number, number, number], zoom: number): Promise<ClusterItem[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, bbox, zoom });
    });
  }

  stop(): void {
    void this.worker.terminate();
  }
}

function decode(flat: Float64Array): ClusterItem[] {
  const items: ClusterItem[] = [];
  for (let k = 0; k < flat.length; k += 5) {
    items.push({ lng: flat[k], lat: flat[k + 1], count: flat[k + 2], expansionZoom: flat[k + 3], index: flat[k + 4] });
  }
  return items;
}
