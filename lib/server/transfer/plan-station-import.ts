import "server-only";
import { createHash } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { editableStationsCondition } from "@/lib/server/station/station-scope";
import { queryStoredStations, type StoredStation } from "@/lib/server/transfer/stored-stations";
import type { ImportScope } from "@/lib/server/transfer/transfer-access";
import { readTable, type Table } from "@/lib/transfer/read-table";
import { stationRecordToCells, tableToStationRows, type StationCells, type StationRow, type TransferContext } from "@/lib/transfer/station-rows";
import type { CellChange, ImportPlanView } from "@/lib/validations/admin-responses";
import type { StationRecord } from "@/lib/validations/station-import";

export type PlannedCreate = { record: StationRecord; cells: StationCells };
export type PlannedUpdate = { record: StationRecord; stored: StoredStation; changes: Record<string, CellChange> };
export type ImportPlan = { view: ImportPlanView; creates: PlannedCreate[]; updates: PlannedUpdate[] };

export type ParsedImport = { table: Table; columns: ImportPlanView["columns"]; rows: StationRow[] };

export async function parseImportFile(bytes: Uint8Array, context: TransferContext): Promise<ParsedImport> {
  const table = await readTable(bytes);
  const { columns, rows } = tableToStationRows(table, context);
  return { table, columns: columns.map(({ key, label }) => ({ key, label })), rows };
}

/**
 * The rows of a file against the stations their codes name: what would be created, updated (cell by
 * cell, before and after, as the table shows them), left unchanged or rejected. Run once for the dry run
 * and again inside the apply's transaction with the rows locked.
 */
export async function planStationImport(db: Prisma.TransactionClient, scope: ImportScope, parsed: ParsedImport, context: TransferContext, lock: boolean): Promise<ImportPlan> {
  const codes = parsed.rows.flatMap((r) => (r.record ? [r.record.code] : []));
  const stored = codes.length
    ? await queryStoredStations(db, Prisma.sql`s.code = ANY(${codes}::text[])`, editableStationsCondition(scope.user), lock)
    : [];
  const byCode = new Map(stored.map((s) => [s.record.code, s]));
  const cityName = (adcode: number) => context.cities.find((c) => c.adcode === adcode)?.name ?? String(adcode);

  const view: ImportPlanView = {
    file: { format: parsed.table.format, encoding: parsed.table.encoding, rows: parsed.rows.length },
    columns: parsed.columns,
    create: [],
    update: [],
    unchanged: 0,
    rejected: [],
    digest: "",
  };
  const creates: PlannedCreate[] = [];
  const updates: PlannedUpdate[] = [];

  for (const row of parsed.rows) {
    if (!row.record) {
      view.rejected.push({ row: row.row, code: row.code, reasons: row.reasons });
      continue;
    }
    const record = row.record;
    const existing = byCode.get(record.code);
    const outOfScope = scope.cities !== "all" && !scope.cities.includes(record.cityAdcode);
    if (outOfScope || (existing && !existing.editable)) {
      const where = cityName(existing && !existing.editable ? existing.record.cityAdcode : record.cityAdcode);
      view.rejected.push({ row: row.row, code: row.code, reasons: [`城市：${where}的驿站不在您的管理范围内（您可以导入${scope.cities === "all" ? "全省" : scope.cities.map(cityName).join("、")}的驿站）`] });
      continue;
    }
    const after = stationRecordToCells(record, context);
    if (!existing) {
      creates.push({ record, cells: after });
      view.create.push({ row: row.row, code: record.code, name: record.name, city: after.city, district: after.district });
      continue;
    }
    const before = stationRecordToCells(existing.record, context);
    const changes: Record<string, CellChange> = {};
    for (const { key } of parsed.columns) {
      // A blank verification time in the file means "leave it", not "never verified".
      if (key === "verified_at" && record.verifiedAt === undefined) continue;
      if (before[key] !== after[key]) changes[key] = { before: before[key], after: after[key] };
    }
    if (Object.keys(changes).length === 0) {
      view.unchanged++;
      continue;
    }
    updates.push({ record, stored: existing, changes });
    view.update.push({ row: row.row, code: record.code, name: record.name, changes });
  }
  view.digest = createHash("sha256")
    .update(JSON.stringify([view.create, view.update.map((u) => [u.code, u.changes]), view.unchanged, view.rejected]))
    .digest("hex")
    .slice(0, 32);
  return { view, creates, updates };
}
