import "server-only";
import { getDb } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";
import { loadTransferContext } from "@/lib/server/transfer/load-transfer-context";
import { parseImportFile, planStationImport } from "@/lib/server/transfer/plan-station-import";
import { requireImportAccess } from "@/lib/server/transfer/transfer-access";
import type { ImportPlanView } from "@/lib/validations/admin-responses";

/** The dry run: what applying this file would create, update, leave unchanged or reject. Writes nothing. */
export async function previewStationImport(actor: Actor, bytes: Uint8Array): Promise<ImportPlanView> {
  const scope = requireImportAccess(actor);
  const context = await loadTransferContext();
  const plan = await planStationImport(getDb(), scope, await parseImportFile(bytes, context), context, false);
  return plan.view;
}
