import { createServer } from "node:http";
import next from "next";
import { env } from "@/lib/env";

const option = (short: string, long: string): string | undefined => {
  const index = process.argv.findIndex((arg) => arg === short || arg === long);
  return index === -1 ? undefined : process.argv[index + 1];
};
const port = Number(option("-p", "--port") ?? env.PORT);
const hostname = option("-H", "--hostname");

const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? "localhost", port });
await app.prepare();
const handleWithNext = app.getRequestHandler();
// After Next has set up its server environment (the AsyncLocalStorage the route files' `next/server` needs).
const { directRoutes } = await import("@/app/api/v1/direct-routes");
const { serveDirectRoute } = await import("@/lib/http/direct-routes");
const { toErrorBody } = await import("@/lib/errors");

const server = createServer((request, response) => {
  serveDirectRoute(directRoutes, request, response)
    .then((served) => (served ? undefined : handleWithNext(request, response)))
    .catch((error: unknown) => {
      // The one error mapping (it logs what it does not expect), for a failure outside any route's wrapper.
      const { status, body, headers } = toErrorBody(error);
      if (!response.headersSent) response.writeHead(status, { ...headers, "Content-Type": "application/json; charset=utf-8" });
      response.end(JSON.stringify(body));
    });
});

const shutdown = () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);

server.listen(port, hostname, () => console.log(`▲ Ready on http://${hostname ?? "localhost"}:${port}`));
