/**
 * Run by `npm start` on the embedded database only (a child process, because the data-access layer reads
 * DATABASE_URL, which `npm start` learns only once PGlite is up). Not an npm script on purpose.
 */
import { disconnectDb } from "@/lib/db";
import { createDemoAccounts } from "@/lib/seed/demo-accounts";

try {
  const created = await createDemoAccounts();
  console.log(created.length ? `Demo accounts created: ${created.join(", ")} (see README).` : "Demo accounts already present.");
} finally {
  await disconnectDb();
}
