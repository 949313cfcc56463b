import { cachedJson } from "@/lib/api/cached-json";
import { publicRoute, searchParamsObject } from "@/lib/api/route-handler";
import { listStations } from "@/lib/server/station/list-stations";
import { syncStations } from "@/lib/server/station/sync-stations";
import { stationListQuerySchema } from "@/lib/validations/station-query";
import { stationSyncQuerySchema } from "@/lib/validations/station-sync";

export const GET = publicRoute(async ({ request, actor }) => {
  const params = searchParamsObject(request);
  // `updatedSince` turns the search into an incremental sync, which takes no filters.
  if ("updatedSince" in params) return cachedJson(request, await syncStations(actor, stationSyncQuerySchema.parse(params)));
  return cachedJson(request, await listStations(actor, stationListQuerySchema.parse(params)));
});

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/api/route-handler";
