import { bboxParamSchema } from "@/lib/validations/station-query";
import { stationStatusSchema } from "@/lib/validations/station-import";
import * as z from "zod";
import "@/lib/validations/zod";

/** Zoom levels a web map uses; past the clustering's last level every station stands alone. */
export const CLUSTER_MIN_ZOOM = 0;
export const CLUSTER_MAX_ZOOM = 22;

export const stationClusterQuerySchema = z.strictObject({
  bbox: bboxParamSchema.describe("The visible area in WGS-84, `west,south,east,north` (= minLng,minLat,maxLng,maxLat)"),
  zoom: z
    .string()
    .regex(/^\d+$/, "zoom 应为整数")
    .transform(Number)
    .refine((n) => n >= CLUSTER_MIN_ZOOM && n <= CLUSTER_MAX_ZOOM, { message: `zoom 须在 ${CLUSTER_MIN_ZOOM} 到 ${CLUSTER_MAX_ZOOM} 之间` })
    .describe("The map's zoom level (Web Mercator, 256 px tiles), 0–22"),
});
export type StationClusterQuery = z.output<typeof stationClusterQuerySchema>;

export const stationClusterSchema = z.object({
  lat: z.number().describe("WGS-84 centre of the cluster's stations, 5 decimals"),
  lng: z.number(),
  count: z.number().int().min(2).describe("Stations in the cluster"),
  expansionZoom: z.number().int().describe("The zoom at which the cluster splits: zoom the map there around its centre"),
});

export const clusterStationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  lat: z.number().describe("WGS-84, 5 decimals (about a metre)"),
  lng: z.number(),
  status: stationStatusSchema,
});

export const stationClustersResponseSchema = z.object({
  zoom: z.number().int(),
  count: z.number().int().describe("Stations the clusters and single stations of this answer stand for"),
  clusters: z.array(stationClusterSchema),
  stations: z.array(clusterStationSchema).describe("Stations that stand alone at this zoom"),
});
export type StationClusters = z.output<typeof stationClustersResponseSchema>;
export type ClusterStation = z.output<typeof clusterStationSchema>;
export type StationCluster = z.output<typeof stationClusterSchema>;
