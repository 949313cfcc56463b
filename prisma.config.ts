import { defineConfig } from "prisma/config";

// The native schema engine cannot be downloaded on these machines; migrations run through
// @prisma/schema-engine-wasm (scripts/db-migrate.ts). /bin/false makes any accidental engine call fail loudly.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
