/**
 * The floor for `npm run bench`: a bare Node HTTP server that runs the very SQL the API runs for a
 * nearest query, with `pg` and no framework, and writes the rows as JSON. What the API costs above
 * this is Next.js, Prisma and our own mapping. Run with `--conditions=react-server` so the query
 * builder's server-only guard resolves.
 */
import { createServer } from "node:http";
import pg from "pg";
import { requireDatabaseUrl } from "@/lib/env";
import { shanghaiLocalTime } from "@/lib/opening-hours";
import { buildStationListQuery } from "@/lib/server/station/station-list-query";

const port = Number(process.argv[2]);
const pool = new pg.Pool({ connectionString: requireDatabaseUrl(), max: Number(process.argv[3] ?? 10) });

const server = createServer(async (request, response) => {
  try {
    const url = new URL(request.url ?? "/", "http://localhost");
    const [lat, lng] = (url.searchParams.get("near") ?? "").split(",").map(Number);
    const query = buildStationListQuery({ near: { lat, lng }, limit: Number(url.searchParams.get("limit") ?? 20) }, shanghaiLocalTime(new Date()));
    const { rows } = await pool.query(query.text, query.values);
    response.writeHead(200, { "Content-Type": "application/json" });
    response.end(JSON.stringify({ data: rows }));
  } catch (error) {
    response.writeHead(500, { "Content-Type": "application/json" });
    response.end(JSON.stringify({ error: String(error) }));
  }
});

server.listen(port, "127.0.0.1", () => console.log(`floor server on ${port}`));
process.on("SIGTERM", () => server.close(() => pool.end().then(() => process.exit(0))));
