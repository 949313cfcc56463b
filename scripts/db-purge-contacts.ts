/**
 * `npm run db:purge-contacts`: deletes feedback reporters' contacts older than
 * FEEDBACK_CONTACT_RETENTION_DAYS. `npm start` also runs it at start and once a day (a child process,
 * because the data-access layer reads DATABASE_URL, which `npm start` learns only once PGlite is up).
 */
import { disconnectDb } from "@/lib/db";
import { env } from "@/lib/env";
import { purgeExpiredContacts } from "@/lib/server/feedback/purge-expired-contacts";

try {
  const { cleared } = await purgeExpiredContacts();
  console.log(`db:purge-contacts: ${cleared} contacts older than ${env.FEEDBACK_CONTACT_RETENTION_DAYS} days deleted.`);
} finally {
  await disconnectDb();
}
