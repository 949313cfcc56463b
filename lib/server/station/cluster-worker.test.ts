import { describe, expect, it } from "vitest";
import { ClusterWorker } from "@/lib/server/station/cluster-worker";

const options = { radius: 60, extent: 512, maxZoom: 16, minPoints: 2 };
// Two stations 100 m apart in Shenyang and one in Dalian, as [lng, lat, …].
const coordinates = Float64Array.from([123.4, 41.8, 123.401, 41.8, 121.6, 38.9]);

describe("ClusterWorker", () => {
  it("clusters near points at a low zoom and gives each point back by its index at a high one", async () => {
    const worker = await ClusterWorker.start(coordinates, options);
    try {
      const far = await worker.query([118, 38, 126, 44], 6);
      expect(far.map((item) => item.count).sort()).toEqual([1, 2]);
      const cluster = far.find((item) => item.count === 2)!;
      expect(cluster.lng).toBeCloseTo(123.4005, 3);
      expect(cluster.expansionZoom).toBeGreaterThan(6);
      const single = far.find((item) => item.count === 1)!;
      expect(single.index).toBe(2);
      // Through Web Mercator and back: equal to about 1e-14 degrees (the API rounds to 5 decimals).
      expect(single.lng).toBeCloseTo(121.6, 9);
      expect(single.lat).toBeCloseTo(38.9, 9);

      const near = await worker.query([123.39, 41.79, 123.41, 41.81], 17);
      expect(near.map((item) => item.index).sort()).toEqual([0, 1]);
    } finally {
      worker.stop();
    }
  });

  it("says it is broken once its thread is gone, and refuses queries instead of hanging", async () => {
    const worker = await ClusterWorker.start(coordinates, options);
    worker.stop();
    await expect.poll(() => worker.broken).toBe(true);
    await expect(worker.query([118, 38, 126, 44], 6)).rejects.toThrow(/exited/);
  });
});
