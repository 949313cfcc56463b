import { directRoute, type DirectRoute } from "@/lib/http/direct-routes";
import { GET as getStation } from "./stations/[id]/route";
import { GET as listStations } from "./stations/route";

/**
 * The public reads a phone makes most, which the production server (scripts/serve.ts) answers by calling
 * these route files' GET itself: the station search (nearest, filters, map area, text, sync) and one
 * station. Next's router costs about a millisecond of CPU per request, more than the whole of a station by
 * id; the answers are the same bytes and headers either way (tests/direct-routes.test.ts compares them).
 * Paths that only look alike (`/stations/clusters`, a malformed id) are Next's.
 */
export const directRoutes: readonly DirectRoute[] = [
  directRoute({ path: /^\/api\/v1\/stations$/, params: () => ({}), GET: listStations }),
  directRoute({
    path: /^\/api\/v1\/stations\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i,
    params: (match) => ({ id: match[1] }),
    GET: getStation,
  }),
];
