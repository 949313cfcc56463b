import "server-only";
import { queryRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { StationStatus } from "@/lib/opening-hours";
import { anonymousActor, type Actor } from "@/lib/server/actor";
import { ClusterWorker } from "@/lib/server/station/cluster-worker";
import type { ClusterStation, StationClusterQuery, StationClusters } from "@/lib/validations/station-clusters";

/**
 * Server-side clustering for the map when there are too many stations to send them all: one
 * in-memory supercluster index of every station (public data, so the same for every actor), held by a
 * worker thread (lib/server/station/cluster-worker.ts) and queried per visible area and zoom in about a
 * millisecond.
 *
 * Freshness: a request that finds the last check older than RECHECK_MS starts a new one in the
 * background — it reads a fingerprint of the stations table and, when it differs from the one the index
 * was built from, rebuilds the index — and is answered from the current index without waiting: the
 * check is a scan of the table (10 ms idle, 300 ms on a loaded machine at 100,000 stations), which a map
 * update must not pay. Every app instance does this on its own, so each is at most RECHECK_MS plus a
 * check and a rebuild behind the database, and instances holding the same data answer byte-identical
 * bodies (same ETag).
 */
export const RECHECK_MS = 5_000;
/** A replaced index lives on this long, for the queries already on their way to it. */
const STOP_OLD_AFTER_MS = 10_000;

/** Cluster radius in pixels of a 256 px tile: a finger-sized marker (44 px) with a little room. */
const RADIUS_PX = 60;
/** From this zoom on, every station stands alone (the map goes to 18). */
const MAX_CLUSTER_ZOOM = 16;

type Fingerprint = string;

type ClusterIndex = {
  fingerprint: Fingerprint;
  index: ClusterWorker;
  ids: string[];
  names: string[];
  statuses: StationStatus[];
  buildMs: number;
};

type IndexState = {
  current: ClusterIndex | null;
  checkedAt: number;
  checking: Promise<void> | null;
  building: Promise<ClusterIndex> | null;
};

// On globalThis so Next's development reloads keep one index per process.
const holder = globalThis as unknown as { stationClusterIndex?: IndexState };
function state(): IndexState {
  holder.stationClusterIndex ??= { current: null, checkedAt: 0, checking: null, building: null };
  return holder.stationClusterIndex;
}

/**
 * Changes whenever a station is added, deleted or changed: the count catches deletions, the sum of
 * every row's updated_at catches an edit whatever its timestamp (a transaction that commits after a
 * later one carries the earlier time, so max(updated_at) alone could miss it). One scan of the table:
 * 10–15 ms at 100,000 stations, at most every RECHECK_MS per instance.
 */
async function readFingerprint(): Promise<Fingerprint> {
  const [row] = await queryRows<{ n: string; stamp: string | null }>(
    anonymousActor,
    Prisma.sql`SELECT count(*)::text AS n, sum(extract(epoch FROM updated_at))::text AS stamp FROM stations`,
  );
  return `${row.n}:${row.stamp ?? ""}`;
}

async function buildIndex(): Promise<ClusterIndex> {
  const started = performance.now();
  const fingerprint = await readFingerprint();
  // Straight from the pool: Prisma's conversion of 100,000 raw rows would cost the request thread a second.
  const rows = await queryRows<{ id: string; name: string; lat: number; lng: number; status: string }>(
    anonymousActor,
    Prisma.sql`SELECT id::text AS id, name, lat, lng, status::text AS status FROM stations ORDER BY id`,
  );
  const coordinates = new Float64Array(rows.length * 2);
  rows.forEach((row, i) => {
    coordinates[2 * i] = row.lng;
    coordinates[2 * i + 1] = row.lat;
  });
  const index = await ClusterWorker.start(coordinates, { radius: RADIUS_PX, extent: 512, maxZoom: MAX_CLUSTER_ZOOM, minPoints: 2 });
  return {
    fingerprint,
    index,
    ids: rows.map((r) => r.id),
    names: rows.map((r) => r.name),
    statuses: rows.map((r) => r.status.toLowerCase() as StationStatus),
    buildMs: performance.now() - started,
  };
}

/** One build at a time per process; callers share its result. */
function rebuild(s: IndexState): Promise<ClusterIndex> {
  s.building ??= buildIndex()
    .then((built) => {
      const previous = s.current;
      s.current = built;
      s.checkedAt = Date.now();
      // Queries already sent to the old index finish first.
      if (previous) setTimeout(() => previous.index.stop(), STOP_OLD_AFTER_MS).unref();
      return built;
    })
    .finally(() => {
      s.building = null;
    });
  return s.building;
}

function recheck(s: IndexState): Promise<void> {
  s.checking ??= readFingerprint()
    .then((fingerprint) => {
      s.checkedAt = Date.now();
      // The previous index keeps answering while the new one builds (seconds at 100,000 stations).
      if (fingerprint !== s.current?.fingerprint) return rebuild(s).then(() => undefined);
    })
    .finally(() => {
      s.checking = null;
    });
  return s.checking;
}

async function currentIndex(): Promise<ClusterIndex> {
  const s = state();
  // A dead worker took its index with it: build again.
  if (!s.current || s.current.index.broken) return rebuild(s);
  // A failed check leaves checkedAt as it was, so the next request tries again.
  if (Date.now() - s.checkedAt >= RECHECK_MS) void recheck(s).catch(() => undefined);
  return s.current;
}

/** Checks the database now and, if the stations changed, waits for the new index (tests, warm-up). */
export async function refreshStationClusterIndex(): Promise<{ stations: number; buildMs: number }> {
  const s = state();
  const fingerprint = await readFingerprint();
  const index = s.current?.fingerprint === fingerprint ? s.current : await rebuild(s);
  return { stations: index.ids.length, buildMs: index.buildMs };
}

const round5 = (value: number) => Math.round(value * 1e5) / 1e5;

export async function listStationClusters(_actor: Actor, query: StationClusterQuery): Promise<StationClusters> {
  const { index, ids, names, statuses } = await currentIndex();
  const { minLng, minLat, maxLng, maxLat } = query.bbox;
  const items = await index.query([minLng, minLat, maxLng, maxLat], query.zoom);
  const clusters: StationClusters["clusters"] = [];
  const stations: ClusterStation[] = [];
  let count = 0;
  for (const item of items) {
    count += item.count;
    if (item.count > 1) {
      clusters.push({ lat: round5(item.lat), lng: round5(item.lng), count: item.count, expansionZoom: Math.min(item.expansionZoom, MAX_CLUSTER_ZOOM + 1) });
    } else {
      const i = item.index;
      stations.push({ id: ids[i], name: names[i], lat: round5(item.lat), lng: round5(item.lng), status: statuses[i] });
    }
  }
  // A stable order, so the same view always gives the same bytes (and ETag) on every instance.
  clusters.sort((a, b) => a.lat - b.lat || a.lng - b.lng);
  stations.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { zoom: query.zoom, count, clusters, stations };
}

/** Starts building the index if this process has none yet, without waiting for it. */
export function warmStationClusterIndex(): void {
  const s = state();
  if (!s.current) void rebuild(s).catch(() => undefined);
}
