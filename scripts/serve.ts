/**
 * The production server: what `npm start`, the browser tests and the benchmarks run instead of `next start`.
 * Next.js answers every request except the direct routes (app/api/v1/direct-routes.ts), the public reads
 * phones make most, which call their route file's GET without Next's router in between.
 *
 * Usage: tsx --conditions=react-server scripts/serve.ts [-p port] [-H hostname]
 * (the condition lets the route files' `server-only` imports load outside Next's bundler).
 */
// Like `next start`: a production server whatever started it. Set before the modules that read it load.
Object.assign(process.env, { NODE_ENV: "production" });
await import("./lib/production-server");

export {};
