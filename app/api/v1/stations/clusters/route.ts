import { cachedJson } from "@/lib/api/cached-json";
import { publicRoute, searchParamsObject } from "@/lib/api/route-handler";
import { listStationClusters } from "@/lib/server/station/list-station-clusters";
import { stationClusterQuerySchema } from "@/lib/validations/station-clusters";

export const GET = publicRoute(async ({ request, actor }) => {
  const started = performance.now();
  const query = stationClusterQuerySchema.parse(searchParamsObject(request));
  const clusters = await listStationClusters(actor, query);
  // The map's budget is per update on the server; Server-Timing lets a browser (and the benchmark) read it.
  return cachedJson(request, clusters, "application/json", { "Server-Timing": `cluster;dur=${(performance.now() - started).toFixed(1)}` });
});

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
