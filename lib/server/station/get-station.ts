import "server-only";
import { queryRows } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { shanghaiLocalTime } from "@/lib/opening-hours";
import type { Actor } from "@/lib/server/actor";
import { buildStationDetailQueries } from "@/lib/server/station/station-detail-query";
import { stationViewFromRow, type StationRow } from "@/lib/server/station/station-row";
import { stationIdParamSchema } from "@/lib/validations/station-query";
import type { StationDetailView } from "@/lib/validations/station";

type AmenityDetailRow = {
  code: string;
  name_zh: string;
  name_en: string;
  icon: string;
  availability: "AVAILABLE" | "LIMITED" | "UNAVAILABLE";
  note: string | null;
  checked_at: Date | null;
};

/** One station with everything its public page shows. Unknown and malformed ids are both "not found". */
export async function getStation(_actor: Actor, id: string, now = new Date()): Promise<StationDetailView> {
  if (!stationIdParamSchema.safeParse(id).success) throw new AppError("not_found", "没有找到这个驿站");
  const at = shanghaiLocalTime(now);
  const queries = buildStationDetailQueries(id, at);
  const [rows, amenityRows] = await Promise.all([
    queryRows<StationRow & { story: string | null }>(queries.station),
    queryRows<AmenityDetailRow>(queries.amenities),
  ]);
  const row = rows[0];
  if (!row) throw new AppError("not_found", "没有找到这个驿站");
  return {
    ...stationViewFromRow(row, at),
    story: row.story,
    amenityDetails: amenityRows.map((a) => ({
      code: a.code,
      nameZh: a.name_zh,
      nameEn: a.name_en,
      icon: a.icon,
      availability: a.availability.toLowerCase() as StationDetailView["amenityDetails"][number]["availability"],
      note: a.note,
      checkedAt: a.checked_at?.toISOString() ?? null,
    })),
  };
}
