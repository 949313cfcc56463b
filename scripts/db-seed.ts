/** `npm run db:seed`: reference tables always; the sample stations only into an empty directory. */
import { createPrismaClient } from "@/lib/db";
import { requireDatabaseUrl } from "@/lib/env";
import { seedDatabase } from "@/lib/seed/seed-database";

const db = createPrismaClient(requireDatabaseUrl(), 1);
try {
  const result = await seedDatabase(db);
  console.log(`db:seed: ${result.places} places, ${result.amenityTypes} amenity types, ${result.stationsCreated} stations created.`);
} finally {
  await db.$disconnect();
}
