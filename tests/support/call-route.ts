type RouteHandler<Params> = (request: Request, context: { params: Promise<Params> }) => Promise<Response>;

/** Calls an App Router handler in-process with a real Request, as Next would; `init` sets method, headers, body. */
export async function callRoute<Params = Record<string, never>>(
  handler: RouteHandler<Params>,
  pathAndQuery: string,
  params = {} as Params,
  init?: RequestInit,
): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await handler(new Request(`http://localhost${pathAndQuery}`, init), { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/** Great-circle distance on the mean Earth radius, written independently of the SQL under test. */
export function haversineMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}
