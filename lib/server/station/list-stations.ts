import "server-only";
import { queryRows } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { shanghaiLocalTime } from "@/lib/opening-hours";
import type { Actor } from "@/lib/server/actor";
import { findUnknownAmenityCodes } from "@/lib/server/amenity/find-unknown-amenity-codes";
import { buildStationListQuery } from "@/lib/server/station/station-list-query";
import { stationViewFromRow, type StationRow } from "@/lib/server/station/station-row";
import type { StationView } from "@/lib/validations/station";
import { encodeCursor, filtersFingerprint, type StationFilters } from "@/lib/validations/station-query";

export type StationPage = { data: StationView[]; nextCursor: string | null };

type ListedRow = StationRow & { knn_key: number | null };

const byKeyThenId = (a: ListedRow, b: ListedRow) => (a.knn_key! - b.knn_key!) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Public station search. Every station is public, closed ones included (they stay visible as closed),
 * so the anonymous actor's scope is the whole table.
 */
export async function listStations(actor: Actor, filters: StationFilters, now = new Date()): Promise<StationPage> {
  if (filters.amenities?.length) {
    const unknown = await findUnknownAmenityCodes(actor, filters.amenities);
    if (unknown.length > 0) {
      throw new AppError("validation_failed", "未知的设施代码", [{ path: "amenities", message: `未知的设施代码：${unknown.join(", ")}` }]);
    }
  }
  const at = shanghaiLocalTime(now);
  let rows = await queryRows<ListedRow>(buildStationListQuery(filters, at));

  if (filters.near) {
    // The index returns equal distances in no particular order, and pages continue after (key, id).
    // When the row after the page ties with the page's last row, the tie group may straddle the page
    // end: fetch the whole group so the page ends at the right id.
    const last = rows[filters.limit - 1];
    const following = rows[filters.limit];
    if (last && following && following.knn_key === last.knn_key) {
      const ties = await queryRows<ListedRow>(buildStationListQuery(filters, at, { tiesAtKey: last.knn_key! }));
      rows = [...rows.filter((r) => r.knn_key! < last.knn_key!), ...ties];
    }
    rows.sort(byKeyThenId);
  }

  const page = rows.slice(0, filters.limit);
  const last = page.at(-1);
  let nextCursor: string | null = null;
  if (rows.length > filters.limit && last) {
    const fingerprint = filtersFingerprint(filters);
    nextCursor = encodeCursor(
      filters.near ? { mode: "near", filters: fingerprint, key: last.knn_key!, id: last.id } : { mode: "code", filters: fingerprint, code: last.code },
    );
  }
  return { data: page.map((row) => stationViewFromRow(row, at)), nextCursor };
}
