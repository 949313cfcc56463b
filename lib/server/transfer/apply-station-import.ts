import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { amenityRows, openingHoursRows, stationRecordToRows } from "@/lib/seed/station-records";
import { stationSearchKeys } from "@/lib/search-keys";
import { insertAuditEvents, insertOpeningPeriods, insertStationAmenities, insertStations } from "@/lib/server/transfer/bulk-insert";
import type { Actor } from "@/lib/server/actor";
import { loadTransferContext } from "@/lib/server/transfer/load-transfer-context";
import { parseImportFile, planStationImport, type ImportPlan, type PlannedUpdate } from "@/lib/server/transfer/plan-station-import";
import { requireImportAccess } from "@/lib/server/transfer/transfer-access";
import { stationIdFromCode } from "@/lib/station-id";
import { FIXED_COLUMNS } from "@/lib/transfer/station-columns";

const fixedKeys = new Set<string>(FIXED_COLUMNS.map((c) => c.key));

/** Stations written per statement batch, and per progress event. */
const BATCH = 500;

export type ImportProgress = { done: number; total: number };
export type ImportResult = { created: number; updated: number; unchanged: number };

/**
 * Checks an upload for applying, outside any transaction: who may import, that the file reads, that no
 * row is rejected (nothing is ever written from a file with a bad row), and — when the caller names the
 * dry run's digest — that the plan is still the one that was shown. `run` then writes everything in one
 * transaction, planning again on locked rows so a change since the check cannot slip in.
 */
export async function prepareStationImport(actor: Actor, bytes: Uint8Array, expectedDigest?: string) {
  const scope = requireImportAccess(actor);
  const context = await loadTransferContext();
  const parsed = await parseImportFile(bytes, context);
  const checked = await planStationImport(getDb(), scope, parsed, context, false);
  const { rejected, digest } = checked.view;
  if (rejected.length) {
    throw new AppError("unprocessable", `文件中有 ${rejected.length} 行有错误，没有导入任何数据；请修正后重新上传`, { rejected });
  }
  if (expectedDigest && expectedDigest !== digest) throw changedSincePreview();

  return {
    total: checked.creates.length + checked.updates.length,
    async run(onProgress: (progress: ImportProgress) => void = () => {}): Promise<ImportResult> {
      try {
        return await getDb().$transaction(
          async (tx) => {
            const plan = await planStationImport(tx, scope, parsed, context, true);
            if (plan.view.digest !== digest) throw changedSincePreview();
            await writePlan(tx, scope.user, plan, onProgress);
            return { created: plan.creates.length, updated: plan.updates.length, unchanged: plan.view.unchanged };
          },
          { timeout: 10 * 60_000, maxWait: 30_000 },
        );
      } catch (error) {
        // Another import created one of these codes in the meantime.
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw changedSincePreview();
        throw error;
      }
    },
  };
}

function changedSincePreview(): AppError {
  return new AppError("conflict", "预览之后驿站数据有了变化，没有导入任何数据；请重新预览后再导入");
}

async function writePlan(tx: Prisma.TransactionClient, user: { userId: string; label: string }, plan: ImportPlan, onProgress: (p: ImportProgress) => void) {
  const total = plan.creates.length + plan.updates.length;
  let done = 0;
  const audit = (entries: Omit<Prisma.AuditEventCreateManyInput, "actorUserId" | "actorLabel" | "entity">[]) =>
    insertAuditEvents(tx, entries.map((e) => ({ ...e, actorUserId: user.userId, actorLabel: user.label, entity: "station" })));

  for (let start = 0; start < plan.creates.length; start += BATCH) {
    const batch = plan.creates.slice(start, start + BATCH);
    const rows = batch.map((c) => stationRecordToRows(c.record, stationIdFromCode(c.record.code), "IMPORT"));
    await insertStations(tx, rows.map((r) => r.station));
    await insertOpeningPeriods(tx, rows.flatMap((r) => r.periods));
    await insertStationAmenities(tx, rows.flatMap((r) => r.amenities));
    await audit(
      batch.map((c, i) => ({
        entityId: rows[i].station.id!,
        stationId: rows[i].station.id!,
        cityAdcode: c.record.cityAdcode,
        action: "CREATE" as const,
        after: { source: "import", version: 1, ...c.cells },
      })),
    );
    onProgress({ done: (done += batch.length), total });
  }

  for (let start = 0; start < plan.updates.length; start += BATCH) {
    const batch = plan.updates.slice(start, start + BATCH);
    await updateStationRows(tx, batch);
    await replaceParts(tx, batch);
    await audit(
      batch.map((u) => ({
        entityId: u.stored.id,
        stationId: u.stored.id,
        cityAdcode: u.record.cityAdcode,
        action: "UPDATE" as const,
        before: { source: "import", version: u.stored.version, ...Object.fromEntries(Object.entries(u.changes).map(([k, c]) => [k, c.before])) },
        after: { source: "import", version: u.stored.version + 1, ...Object.fromEntries(Object.entries(u.changes).map(([k, c]) => [k, c.after])) },
      })),
    );
    onProgress({ done: (done += batch.length), total });
  }
}

/** One UPDATE per batch: every table column from the file, the version moved on as any staff write does. */
async function updateStationRows(tx: Prisma.TransactionClient, batch: PlannedUpdate[]) {
  const values = batch.map(({ record: r, stored, changes }) => {
    const keys = stationSearchKeys(r.name, r.address);
    const verifiedAt = "verified_at" in changes && r.verifiedAt ? new Date(r.verifiedAt) : null;
    return Prisma.sql`(${stored.id}::uuid, ${r.name}::text, ${r.nameEn ?? null}::text, ${r.address}::text, ${r.cityAdcode}::int, ${r.districtAdcode}::int,
      ${r.lat}::float8, ${r.lng}::float8, ${r.phone ?? null}::text, ${r.status.toUpperCase()}::station_status, ${r.notice ?? null}::text,
      ${keys.pinyin}::text, ${keys.initials}::text, ${verifiedAt}::timestamptz)`;
  });
  await tx.$executeRaw`
    UPDATE stations s SET name = v.name, name_en = v.name_en, address = v.address, city_adcode = v.city_adcode,
      district_adcode = v.district_adcode, lat = v.lat, lng = v.lng, phone = v.phone, status = v.status, notice = v.notice,
      search_pinyin = v.search_pinyin, search_initials = v.search_initials, verified_at = COALESCE(v.verified_at, s.verified_at),
      version = s.version + 1, updated_at = now(), source = 'IMPORT'
    FROM (VALUES ${Prisma.join(values)}) AS v(id, name, name_en, address, city_adcode, district_adcode, lat, lng, phone, status, notice,
      search_pinyin, search_initials, verified_at)
    WHERE s.id = v.id`;
}

/**
 * Weekly hours and amenities are replaced as a whole where the file differs. Dated exceptions are not in
 * the table and stay; an amenity whose availability did not change keeps its note and last check.
 */
async function replaceParts(tx: Prisma.TransactionClient, batch: PlannedUpdate[]) {
  const hours = batch.filter((u) => "hours" in u.changes);
  // Every column that is not a fixed one is an amenity.
  const amenities = batch.filter((u) => Object.keys(u.changes).some((key) => !fixedKeys.has(key)));
  if (hours.length) {
    await tx.openingPeriod.deleteMany({ where: { stationId: { in: hours.map((u) => u.stored.id) } } });
    await insertOpeningPeriods(tx, hours.flatMap((u) => openingHoursRows({ weekly: u.record.openingHours.weekly, exceptions: [] }, u.stored.id).periods));
  }
  if (amenities.length) {
    await tx.stationAmenity.deleteMany({ where: { stationId: { in: amenities.map((u) => u.stored.id) } } });
    await insertStationAmenities(
      tx,
      amenities.flatMap((u) => {
        const kept = new Map(u.stored.amenityDetails.map((a) => [a.code, a]));
        const merged = u.record.amenities.map((a) => {
          const old = kept.get(a.code);
          return old && old.availability.toLowerCase() === a.availability ? { ...a, note: old.note, checkedAt: old.checkedAt && new Date(old.checkedAt).toISOString() } : a;
        });
        return amenityRows(merged, u.stored.id);
      }),
    );
  }
}
