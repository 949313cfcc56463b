import type { AreaMeasure } from "@/lib/validations/dashboard";

type Translate = (key: string, values?: Record<string, string>) => string;

/** A measure's name for the select, the legend and the table caption. */
export function measureLabel(t: Translate, measure: AreaMeasure | "name" | "stations", amenityName: (code: string) => string): string {
  if (measure === "name") return t("table.name");
  if (measure.startsWith("amenity.")) return t("measures.amenity", { amenity: amenityName(measure.slice("amenity.".length)) });
  return t(`measures.${measure}`);
}
