import "server-only";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/actor";
import { requireUser } from "@/lib/server/station/lock-editable-station";
import { editableStationsCondition } from "@/lib/server/station/station-scope";

export type EditableStation = {
  id: string;
  name: string;
  address: string;
  version: number;
  phone: string | null;
  notice: string | null;
  status: "open" | "temporarily_closed" | "closed";
  verifiedAt: string | null;
  openFeedback: number;
};

export type EditableStationRow = {
  id: string;
  name: string;
  address: string;
  version: number;
  phone: string | null;
  notice: string | null;
  status: string;
  verified_at: Date | null;
  open_feedback: bigint;
};

/** The select list of an editable station on `s`, shared with getEditableStation. */
export const editableStationColumns = Prisma.sql`
  s.id, s.name, s.address, s.version, s.phone, s.notice, s.status::text AS status, s.verified_at,
  (SELECT count(*) FROM feedback_reports f WHERE f.station_id = s.id AND f.status = 'OPEN') AS open_feedback`;

export function editableStationFromRow(r: EditableStationRow): EditableStation {
  return {
    id: r.id,
    name: r.name,
    address: r.address,
    version: r.version,
    phone: r.phone,
    notice: r.notice,
    status: r.status.toLowerCase() as EditableStation["status"],
    verifiedAt: r.verified_at?.toISOString() ?? null,
    openFeedback: Number(r.open_feedback),
  };
}

/** The stations a staff member looks after, with what their edit form starts from. */
export async function listEditableStations(actor: Actor): Promise<EditableStation[]> {
  const user = requireUser(actor);
  const rows = await getDb().$queryRaw<EditableStationRow[]>`
    SELECT ${editableStationColumns}
    FROM stations s
    WHERE ${editableStationsCondition(user)}
    ORDER BY s.city_adcode, s.district_adcode, s.code
    LIMIT 200`;
  return rows.map(editableStationFromRow);
}
