-- DropIndex
DROP INDEX "stations_updated_at_idx";

-- CreateTable
CREATE TABLE "station_deletions" (
    "station_id" UUID NOT NULL,
    "deleted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "station_deletions_pkey" PRIMARY KEY ("station_id")
);

-- CreateIndex
CREATE INDEX "station_deletions_deleted_at_station_id_idx" ON "station_deletions"("deleted_at", "station_id");

-- CreateIndex
CREATE INDEX "stations_updated_at_id_idx" ON "stations"("updated_at", "id");

-- Hand-written: objects prisma/schema.prisma cannot express, named *_manual for the drift test.

-- Every deleted station leaves a tombstone, whatever deletes it (staff tools, a bulk import, psql), so the
-- incremental sync can list it in `removed`. now() is the deleting transaction's start; the sync's overlap
-- window (lib/server/station/sync-stations.ts) covers transactions that commit later than they start.
CREATE FUNCTION "stations_record_deletion_manual"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "station_deletions" ("station_id", "deleted_at") VALUES (OLD."id", now())
  ON CONFLICT ("station_id") DO UPDATE SET "deleted_at" = EXCLUDED."deleted_at";
  RETURN OLD;
END $$;
CREATE TRIGGER "stations_record_deletion_manual" AFTER DELETE ON "stations"
  FOR EACH ROW EXECUTE FUNCTION "stations_record_deletion_manual"();
