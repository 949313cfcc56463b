/**
 * `npm run build`: the production build, then its first-load JavaScript, measured and recorded beside it
 * (the same steps `npm start` and the test runner take when the build is stale).
 */
import { childProcessEnv } from "@/lib/env";
import { build } from "./lib/next-build";

await build(childProcessEnv({ NODE_ENV: "production" }));
