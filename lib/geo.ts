export type LatLng = { lat: number; lng: number };

export const MEAN_EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (the same formula the API's SQL uses). */
export function haversineMeters(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * MEAN_EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

/**
 * Streets are not straight lines: urban walking routes run about 1.3 times the straight distance
 * (a common circuity factor for Chinese city grids), at about 4.5 km/h (75 m a minute) for someone
 * tired after a shift. An estimate, labelled as one; no routing service is reachable offline.
 */
export const WALKING_DETOUR_FACTOR = 1.3;
export const WALKING_METRES_PER_MINUTE = 75;

export function walkingEstimate(straightMeters: number): { meters: number; minutes: number } {
  const meters = straightMeters * WALKING_DETOUR_FACTOR;
  return { meters: Math.round(meters / 10) * 10, minutes: Math.max(1, Math.ceil(meters / WALKING_METRES_PER_MINUTE)) };
}
