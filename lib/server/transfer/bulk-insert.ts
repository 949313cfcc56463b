import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Bulk inserts for an import, one statement per table and batch: each column goes over as one array
 * parameter and `unnest` turns them back into rows. Prisma's createMany cost about 2 ms a row here
 * (10,000 stations took 86 s); this takes a fraction of that. Table and column names are constants of this
 * file, never input.
 */
async function insertColumns(tx: Prisma.TransactionClient, table: string, columns: [name: string, type: string][], rows: unknown[][]) {
  if (!rows.length) return;
  const arrays = columns.map((_, index) => rows.map((row) => row[index] ?? null));
  const params = columns.map(([, type], index) => `$${index + 1}::${isNativeArrayType(type) ? type : "text"}[]`).join(", ");
  const select = columns.map(([name, type]) => (isNativeArrayType(type) ? `"${name}"` : `"${name}"::${type}`)).join(", ");
  const names = columns.map(([name]) => `"${name}"`).join(", ");
  await tx.$executeRawUnsafe(`INSERT INTO ${table} (${names}) SELECT ${select} FROM unnest(${params}) AS t(${names})`, ...arrays);
}

/** Enums, timestamps and JSON travel as text and are cast per row; the rest as arrays of their own type. */
function isNativeArrayType(type: string): boolean {
  return ["uuid", "text", "int", "float8", "smallint", "boolean"].includes(type);
}

const iso = (date: Date | string | null | undefined) => (date ? new Date(date).toISOString() : null);

export async function insertStations(tx: Prisma.TransactionClient, rows: Prisma.StationCreateManyInput[]) {
  await insertColumns(
    tx,
    "stations",
    [
      ["id", "uuid"], ["code", "text"], ["name", "text"], ["name_en", "text"], ["address", "text"], ["city_adcode", "int"],
      ["district_adcode", "int"], ["lat", "float8"], ["lng", "float8"], ["phone", "text"], ["status", "station_status"],
      ["notice", "text"], ["story", "text"], ["search_pinyin", "text"], ["search_initials", "text"], ["source", "record_source"],
      ["verified_at", "timestamptz"], ["updated_at", "timestamptz"],
    ],
    rows.map((s) => [s.id, s.code, s.name, s.nameEn, s.address, s.cityAdcode, s.districtAdcode, s.lat, s.lng, s.phone, s.status, s.notice, s.story, s.searchPinyin, s.searchInitials, s.source, iso(s.verifiedAt), new Date().toISOString()]),
  );
}

export async function insertOpeningPeriods(tx: Prisma.TransactionClient, rows: Prisma.OpeningPeriodCreateManyInput[]) {
  await insertColumns(
    tx,
    "opening_periods",
    [["id", "uuid"], ["station_id", "uuid"], ["weekday", "smallint"], ["opens_at", "smallint"], ["closes_at", "smallint"]],
    rows.map((p) => [randomUUID(), p.stationId, p.weekday, p.opensAt, p.closesAt]),
  );
}

export async function insertStationAmenities(tx: Prisma.TransactionClient, rows: Prisma.StationAmenityCreateManyInput[]) {
  await insertColumns(
    tx,
    "station_amenities",
    [["station_id", "uuid"], ["amenity_code", "text"], ["availability", "amenity_availability"], ["note", "text"], ["checked_at", "timestamptz"]],
    rows.map((a) => [a.stationId, a.amenityCode, a.availability, a.note, iso(a.checkedAt)]),
  );
}

export async function insertAuditEvents(tx: Prisma.TransactionClient, rows: Prisma.AuditEventCreateManyInput[]) {
  await insertColumns(
    tx,
    "audit_events",
    [
      ["actor_user_id", "text"], ["actor_label", "text"], ["entity", "text"], ["entity_id", "text"], ["action", "audit_action"],
      ["station_id", "uuid"], ["city_adcode", "int"], ["before", "jsonb"], ["after", "jsonb"],
    ],
    rows.map((e) => [e.actorUserId, e.actorLabel, e.entity, e.entityId, e.action, e.stationId, e.cityAdcode, e.before ? JSON.stringify(e.before) : null, e.after ? JSON.stringify(e.after) : null]),
  );
}
