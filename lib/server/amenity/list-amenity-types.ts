import "server-only";
import { getReadDb } from "@/lib/db";
import type { Actor } from "@/lib/server/actor";
import type { AmenityTypeView } from "@/lib/validations/station";

export async function listAmenityTypes(actor: Actor): Promise<AmenityTypeView[]> {
  const types = await getReadDb(actor).amenityType.findMany({ orderBy: { sortOrder: "asc" } });
  return types.map((t) => ({
    code: t.code,
    nameZh: t.nameZh,
    nameEn: t.nameEn,
    icon: t.icon,
    theme: t.theme.toLowerCase() as AmenityTypeView["theme"],
    sortOrder: t.sortOrder,
    isStandard: t.isStandard,
  }));
}
