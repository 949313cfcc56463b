-- CreateEnum
CREATE TYPE "feedback_kind" AS ENUM ('CONFIRMATION', 'WRONG_LOCATION', 'CLOSED', 'AMENITY_MISSING', 'OTHER');

-- CreateEnum
CREATE TYPE "feedback_status" AS ENUM ('OPEN', 'RESOLVED');

-- CreateEnum
CREATE TYPE "feedback_resolution" AS ENUM ('FIXED', 'NOT_A_PROBLEM', 'DUPLICATE');

-- AlterTable
ALTER TABLE "stations" ADD COLUMN     "search_initials" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "search_pinyin" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "feedback_reports" (
    "id" UUID NOT NULL,
    "station_id" UUID NOT NULL,
    "kind" "feedback_kind" NOT NULL,
    "message" TEXT,
    "amenity_code" TEXT,
    "contact" TEXT,
    "client_hash" TEXT NOT NULL,
    "status" "feedback_status" NOT NULL DEFAULT 'OPEN',
    "resolution" "feedback_resolution",
    "resolution_note" TEXT,
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "feedback_reports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "feedback_reports_station_id_status_created_at_idx" ON "feedback_reports"("station_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "feedback_reports_status_created_at_idx" ON "feedback_reports"("status", "created_at");

-- AddForeignKey
ALTER TABLE "feedback_reports" ADD CONSTRAINT "feedback_reports_station_id_fkey" FOREIGN KEY ("station_id") REFERENCES "stations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feedback_reports" ADD CONSTRAINT "feedback_reports_amenity_code_fkey" FOREIGN KEY ("amenity_code") REFERENCES "amenity_types"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------
-- Hand-written: objects prisma/schema.prisma cannot express, named *_manual for the drift test.
-- ---------------------------------------------------------------------------------------------------

-- Pinyin and initials search (ILIKE '%...%') for the finder's search box.
CREATE INDEX "stations_search_pinyin_trgm_manual" ON "stations" USING gin ("search_pinyin" gin_trgm_ops);
CREATE INDEX "stations_search_initials_trgm_manual" ON "stations" USING gin ("search_initials" gin_trgm_ops);

-- Public input is bounded here as well as in the zod schemas, so nothing oversized can be stored.
ALTER TABLE "feedback_reports" ADD CONSTRAINT "feedback_reports_lengths_manual"
    CHECK (char_length("message") <= 1000 AND char_length("contact") <= 100 AND char_length("resolution_note") <= 1000);
