import "server-only";
import Supercluster, { type PointFeature } from "supercluster";
import { getDb } from "@/lib/db";
import type { StationStatus } from "@/lib/opening-hours";
import type { Actor } from "@/lib/server/actor";
import type { ClusterStation, StationClusterQuery, StationClusters } from "@/lib/validations/station-clusters";

/**
 * Server-side clustering for the map when there are too many stations to send them all: one
 * in-memory supercluster index of every station (public data, so the same for every actor), queried
 * per visible area and zoom in about a millisecond.
 *
 * Freshness: at most every RECHECK_MS a request asks the database for a fingerprint of the stations
 * table; when it differs from the one the index was built from, the index is rebuilt in the
 * background while requests keep being answered from the previous one. Every app instance does this
 * on its own, so with several instances each is at most RECHECK_MS plus one rebuild behind the
 * database, and instances holding the same data answer byte-identical bodies (same ETag).
 */
export const RECHECK_MS = 5_000;

/** Cluster radius in pixels of a 256 px tile: a finger-sized marker (44 px) with a little room. */
const RADIUS_PX = 60;
/** From this zoom on, every station stands alone (the map goes to 18). */
const MAX_CLUSTER_ZOOM = 16;

type Point = { i: number };
type Fingerprint = string;

type ClusterIndex = {
  fingerprint: Fingerprint;
  index: Supercluster<Point, Point>;
  ids: string[];
  names: string[];
  statuses: StationStatus[];
  builtAt: number;
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
  const [row] = await getDb().$queryRaw<{ n: bigint; stamp: string | null }[]>`
    SELECT count(*) AS n, sum(extract(epoch FROM updated_at))::text AS stamp FROM stations`;
  return `${row.n}:${row.stamp ?? ""}`;
}

async function buildIndex(): Promise<ClusterIndex> {
  const started = performance.now();
  const fingerprint = await readFingerprint();
  const rows = await getDb().$queryRaw<{ id: string; name: string; lat: number; lng: number; status: string }[]>`
    SELECT id::text AS id, name, lat, lng, status::text AS status FROM stations ORDER BY id`;
  const points: PointFeature<Point>[] = rows.map((row, i) => ({
    type: "Feature",
    properties: { i },
    geometry: { type: "Point", coordinates: [row.lng, row.lat] },
  }));
  const index = new Supercluster<Point, Point>({ radius: RADIUS_PX, extent: 512, maxZoom: MAX_CLUSTER_ZOOM, minPoints: 2 }).load(points);
  return {
    fingerprint,
    index,
    ids: rows.map((r) => r.id),
    names: rows.map((r) => r.name),
    statuses: rows.map((r) => r.status.toLowerCase() as StationStatus),
    builtAt: Date.now(),
    buildMs: performance.now() - started,
  };
}

/** One build at a time per process; callers share its result. */
function rebuild(s: IndexState): Promise<ClusterIndex> {
  s.building ??= buildIndex()
    .then((built) => {
      s.current = built;
      s.checkedAt = Date.now();
      return built;
    })
    .finally(() => {
      s.building = null;
    });
  return s.building;
}

async function recheck(s: IndexState): Promise<void> {
  s.checking ??= readFingerprint()
    .then((fingerprint) => {
      s.checkedAt = Date.now();
      // The previous index keeps answering while the new one builds: a rebuild takes about a second at
      // 100,000 stations, and a map update must not.
      if (fingerprint !== s.current?.fingerprint) void rebuild(s).catch(() => undefined);
    })
    .finally(() => {
      s.checking = null;
    });
  return s.checking;
}

async function currentIndex(): Promise<ClusterIndex> {
  const s = state();
  if (!s.current) return rebuild(s);
  if (Date.now() - s.checkedAt >= RECHECK_MS) await recheck(s);
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
  const features = index.getClusters([minLng, minLat, maxLng, maxLat], query.zoom);
  const clusters: StationClusters["clusters"] = [];
  const stations: ClusterStation[] = [];
  let count = 0;
  for (const feature of features) {
    const [lng, lat] = feature.geometry.coordinates;
    const props = feature.properties;
    if ("cluster" in props && props.cluster) {
      count += props.point_count;
      clusters.push({
        lat: round5(lat),
        lng: round5(lng),
        count: props.point_count,
        expansionZoom: Math.min(index.getClusterExpansionZoom(props.cluster_id), MAX_CLUSTER_ZOOM + 1),
      });
    } else {
      const i = (props as Point).i;
      count += 1;
      stations.push({ id: ids[i], name: names[i], lat: round5(lat), lng: round5(lng), status: statuses[i] });
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
