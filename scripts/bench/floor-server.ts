/**
 * The floor for `npm run bench`: a bare Node HTTP server that runs the very SQL the API runs, with `pg`
 * and no framework, and writes the rows as JSON. `/stations?…` is the station search (the same query
 * schema and `buildStationListQuery`), `/stations/<id>` a station's page data (`buildStationDetailQueries`).
 * What the API costs above this is Next.js, Prisma and our own mapping. Run with
 * `--conditions=react-server` so the query builders' server-only guard resolves.
 */
import { createServer } from "node:http";
import pg from "pg";
import { requireDatabaseUrl } from "@/lib/env";
import { shanghaiLocalTime } from "@/lib/opening-hours";
import { buildStationDetailQueries } from "@/lib/server/station/station-detail-query";
import { buildStationListQuery } from "@/lib/server/station/station-list-query";
import { stationListQuerySchema } from "@/lib/validations/station-query";

const port = Number(process.argv[2]);
const pool = new pg.Pool({ connectionString: requireDatabaseUrl(), max: Number(process.argv[3] ?? 10) });

async function answer(url: URL): Promise<unknown> {
  const at = shanghaiLocalTime(new Date());
  const id = /^\/stations\/([^/]+)$/.exec(url.pathname)?.[1];
  if (id) {
    const queries = buildStationDetailQueries(id, at);
    const [station, amenities] = await Promise.all([pool.query(queries.station.text, queries.station.values), pool.query(queries.amenities.text, queries.amenities.values)]);
    return { data: { ...station.rows[0], amenities: amenities.rows } };
  }
  const filters = stationListQuerySchema.parse(Object.fromEntries(url.searchParams));
  const query = buildStationListQuery(filters, at);
  return { data: (await pool.query(query.text, query.values)).rows };
}

const server = createServer(async (request, response) => {
  try {
    const body = JSON.stringify(await answer(new URL(request.url ?? "/", "http://localhost")));
    response.writeHead(200, { "Content-Type": "application/json" });
    response.end(body);
  } catch (error) {
    response.writeHead(500, { "Content-Type": "application/json" });
    response.end(JSON.stringify({ error: String(error) }));
  }
});

server.listen(port, "127.0.0.1", () => console.log(`floor server on ${port}`));
process.on("SIGTERM", () => server.close(() => pool.end().then(() => process.exit(0))));
