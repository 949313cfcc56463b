/** Shared by the map (client) and its legend (server), so the two always agree. */
export const GAP_COLOR = "#d4380d";
export const STATION_COLOR = "#0b3d91";
