-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "station_status" AS ENUM ('OPEN', 'TEMPORARILY_CLOSED', 'CLOSED');

-- CreateEnum
CREATE TYPE "record_source" AS ENUM ('SAMPLE', 'IMPORT', 'STAFF');

-- CreateEnum
CREATE TYPE "opening_exception_kind" AS ENUM ('HOLIDAY', 'TEMPORARY_CLOSURE', 'SPECIAL_HOURS');

-- CreateEnum
CREATE TYPE "service_theme" AS ENUM ('SHARED_CONVENIENCE', 'PUBLIC_WELFARE', 'EDUCATION', 'POVERTY_RELIEF', 'INTEGRATION');

-- CreateEnum
CREATE TYPE "amenity_availability" AS ENUM ('AVAILABLE', 'LIMITED', 'UNAVAILABLE');

-- CreateTable
CREATE TABLE "cities" (
    "adcode" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT,
    "population_2020" INTEGER NOT NULL,
    "urban_share_2020" DOUBLE PRECISION,
    "center_lat" DOUBLE PRECISION NOT NULL,
    "center_lng" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "cities_pkey" PRIMARY KEY ("adcode")
);

-- CreateTable
CREATE TABLE "districts" (
    "adcode" INTEGER NOT NULL,
    "city_adcode" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "population_2020" INTEGER NOT NULL,
    "urban_share_2020" DOUBLE PRECISION,
    "center_lat" DOUBLE PRECISION NOT NULL,
    "center_lng" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "districts_pkey" PRIMARY KEY ("adcode")
);

-- CreateTable
CREATE TABLE "stations" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT,
    "address" TEXT NOT NULL,
    "city_adcode" INTEGER NOT NULL,
    "district_adcode" INTEGER NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "phone" TEXT,
    "status" "station_status" NOT NULL DEFAULT 'OPEN',
    "notice" TEXT,
    "story" TEXT,
    "source" "record_source" NOT NULL,
    "verified_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "stations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "opening_periods" (
    "id" UUID NOT NULL,
    "station_id" UUID NOT NULL,
    "weekday" SMALLINT NOT NULL,
    "opens_at" SMALLINT NOT NULL,
    "closes_at" SMALLINT NOT NULL,

    CONSTRAINT "opening_periods_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "opening_exceptions" (
    "id" UUID NOT NULL,
    "station_id" UUID NOT NULL,
    "kind" "opening_exception_kind" NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "closed" BOOLEAN NOT NULL,
    "opens_at" SMALLINT,
    "closes_at" SMALLINT,
    "note" TEXT,

    CONSTRAINT "opening_exceptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "amenity_types" (
    "code" TEXT NOT NULL,
    "name_zh" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "icon" TEXT NOT NULL,
    "theme" "service_theme" NOT NULL,
    "sort_order" INTEGER NOT NULL,
    "is_standard" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "amenity_types_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "station_amenities" (
    "station_id" UUID NOT NULL,
    "amenity_code" TEXT NOT NULL,
    "availability" "amenity_availability" NOT NULL DEFAULT 'AVAILABLE',
    "note" TEXT,
    "checked_at" TIMESTAMPTZ(3),

    CONSTRAINT "station_amenities_pkey" PRIMARY KEY ("station_id","amenity_code")
);

-- CreateIndex
CREATE INDEX "districts_city_adcode_idx" ON "districts"("city_adcode");

-- CreateIndex
CREATE UNIQUE INDEX "districts_adcode_city_adcode_key" ON "districts"("adcode", "city_adcode");

-- CreateIndex
CREATE UNIQUE INDEX "stations_code_key" ON "stations"("code");

-- CreateIndex
CREATE INDEX "stations_city_adcode_idx" ON "stations"("city_adcode");

-- CreateIndex
CREATE INDEX "stations_district_adcode_idx" ON "stations"("district_adcode");

-- CreateIndex
CREATE INDEX "stations_updated_at_idx" ON "stations"("updated_at");

-- CreateIndex
CREATE INDEX "opening_periods_station_id_weekday_idx" ON "opening_periods"("station_id", "weekday");

-- CreateIndex
CREATE INDEX "opening_exceptions_station_id_starts_on_ends_on_idx" ON "opening_exceptions"("station_id", "starts_on", "ends_on");

-- CreateIndex
CREATE INDEX "station_amenities_amenity_code_availability_idx" ON "station_amenities"("amenity_code", "availability");

-- AddForeignKey
ALTER TABLE "districts" ADD CONSTRAINT "districts_city_adcode_fkey" FOREIGN KEY ("city_adcode") REFERENCES "cities"("adcode") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stations" ADD CONSTRAINT "stations_city_adcode_fkey" FOREIGN KEY ("city_adcode") REFERENCES "cities"("adcode") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stations" ADD CONSTRAINT "stations_district_adcode_city_adcode_fkey" FOREIGN KEY ("district_adcode", "city_adcode") REFERENCES "districts"("adcode", "city_adcode") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "opening_periods" ADD CONSTRAINT "opening_periods_station_id_fkey" FOREIGN KEY ("station_id") REFERENCES "stations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "opening_exceptions" ADD CONSTRAINT "opening_exceptions_station_id_fkey" FOREIGN KEY ("station_id") REFERENCES "stations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "station_amenities" ADD CONSTRAINT "station_amenities_station_id_fkey" FOREIGN KEY ("station_id") REFERENCES "stations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "station_amenities" ADD CONSTRAINT "station_amenities_amenity_code_fkey" FOREIGN KEY ("amenity_code") REFERENCES "amenity_types"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------
-- Hand-written: what prisma/schema.prisma cannot express. Everything above was generated by
-- `npm run db:diff -- init`. Every object below is named *_manual, which tells the drift test
-- (tests/migrations.test.ts) to leave it out of the comparison with the schema.
-- ---------------------------------------------------------------------------------------------------

-- Extensions go to public whatever the search_path, so unqualified ll_to_earth, earth_box and the
-- trigram operators resolve for every schema that has public on its path. PGlite must be created
-- with these extensions loaded (lib/migrations/embedded-server.ts).
CREATE EXTENSION IF NOT EXISTS cube WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS earthdistance WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

-- Radius and nearest-station search: earth_box(...) @> ll_to_earth(lat, lng) and
-- ORDER BY ll_to_earth(lat, lng) <-> ll_to_earth(...) use this index.
CREATE INDEX "stations_location_gist_manual" ON "stations" USING gist (ll_to_earth("lat", "lng"));

-- Fuzzy and substring search on names and addresses (ILIKE '%...%', similarity).
CREATE INDEX "stations_name_trgm_manual" ON "stations" USING gin ("name" gin_trgm_ops);
CREATE INDEX "stations_address_trgm_manual" ON "stations" USING gin ("address" gin_trgm_ops);

-- Data sanity the schema has no words for.
ALTER TABLE "opening_periods" ADD CONSTRAINT "opening_periods_weekday_manual"
    CHECK ("weekday" BETWEEN 1 AND 7);
ALTER TABLE "opening_periods" ADD CONSTRAINT "opening_periods_range_manual"
    CHECK ("opens_at" BETWEEN 0 AND 1439 AND "closes_at" BETWEEN 1 AND 1440 AND "opens_at" < "closes_at");
ALTER TABLE "opening_exceptions" ADD CONSTRAINT "opening_exceptions_dates_manual"
    CHECK ("ends_on" >= "starts_on");
ALTER TABLE "stations" ADD CONSTRAINT "stations_coordinates_manual"
    CHECK ("lat" BETWEEN -90 AND 90 AND "lng" BETWEEN -180 AND 180);
ALTER TABLE "stations" ADD CONSTRAINT "stations_version_manual"
    CHECK ("version" >= 1);
