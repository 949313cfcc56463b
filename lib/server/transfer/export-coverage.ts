import "server-only";
import type { Actor } from "@/lib/server/actor";
import { getAreaStatistics } from "@/lib/server/coverage/get-area-statistics";
import type { AreaFigures } from "@/lib/validations/admin-responses";
import { loadTransferContext } from "@/lib/server/transfer/load-transfer-context";
import { writeCsv, writeXlsx, type Cell } from "@/lib/transfer/write-table";

/** Shares as percentages with one decimal, the way a report reads them; empty where there is no station. */
const percent = (part: number, whole: number): Cell => (whole ? Math.round((part / whole) * 1000) / 10 : null);

/**
 * Coverage per city and district (CSV with a BOM, or XLSX) for province admins and city managers: the
 * dashboard's figures (getAreaStatistics checks who may see which city), one row per city, then its districts.
 */
export async function exportCoverage(actor: Actor, format: "csv" | "xlsx", cityAdcode?: number): Promise<Uint8Array> {
  const [statistics, context] = await Promise.all([getAreaStatistics(actor), loadTransferContext()]);
  const figures = statistics.cities
    .filter((c) => cityAdcode === undefined || c.adcode === cityAdcode)
    .flatMap((c) => [c, ...c.districts].map((area): { city: AreaFigures; district: AreaFigures | null } => ({ city: c, district: area === c ? null : area })));
  const header = [
    "城市",
    "城市代码",
    "区县（空为全市合计）",
    "区县代码",
    "常住人口（2020年普查）",
    "驿站数（不含已关闭）",
    "每个驿站对应人口",
    "90天内核实的驿站占比（%）",
    ...context.amenityTypes.map((t) => `有${t.nameZh}的驿站占比（%）`),
  ];
  const rows = figures.map(({ city, district }): Cell[] => {
    const area = district ?? city;
    return [
      city.name,
      city.adcode,
      district?.name ?? "",
      district?.adcode ?? null,
      area.population,
      area.stations,
      area.residentsPerStation,
      percent(area.verifiedRecently, area.stations),
      ...context.amenityTypes.map((t) => percent(area.amenityStations[t.code] ?? 0, area.stations)),
    ];
  });
  if (format === "csv") return writeCsv(header, rows);
  return writeXlsx([{ name: "覆盖情况", header, rows, widths: header.map((h, i) => (i < 4 ? 12 : Math.min(24, h.length + 4))) }]);
}
