/**
 * Run by `npm start` on the embedded database only (a child process, because the data-access layer reads
 * DATABASE_URL, which `npm start` learns only once PGlite is up). Not an npm script on purpose, and it
 * checks for itself that the database is the embedded PGlite: demo accounts with a published password
 * must never reach a real database, whoever runs this.
 */
import { disconnectDb, getDb } from "@/lib/db";
import { createDemoAccounts } from "@/lib/seed/demo-accounts";

try {
  const [{ version }] = await getDb().$queryRaw<{ version: string }[]>`SELECT version()`;
  if (!version.includes("PGlite")) {
    console.error("Refusing to create demo accounts: DATABASE_URL is not the embedded PGlite database.");
    process.exitCode = 1;
  } else {
    const created = await createDemoAccounts();
    console.log(created.length ? `Demo accounts created: ${created.join(", ")} (see README).` : "Demo accounts already present.");
  }
} finally {
  await disconnectDb();
}
