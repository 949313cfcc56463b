import "server-only";
import type { Actor } from "@/lib/server/actor";
import { queryCoverageFigures } from "@/lib/server/transfer/coverage-figures";
import { loadTransferContext } from "@/lib/server/transfer/load-transfer-context";
import { requireImportAccess } from "@/lib/server/transfer/transfer-access";
import { writeCsv, writeXlsx, type Cell } from "@/lib/transfer/write-table";

/** Shares as percentages with one decimal, the way a report reads them; empty where there is no station. */
const percent = (part: number, whole: number): Cell => (whole ? Math.round((part / whole) * 1000) / 10 : null);

/** Coverage per city and district (CSV with a BOM, or XLSX) for province admins and city managers. */
export async function exportCoverage(actor: Actor, format: "csv" | "xlsx", cityAdcode?: number): Promise<Uint8Array> {
  const scope = requireImportAccess(actor);
  const [figures, context] = await Promise.all([queryCoverageFigures(scope, cityAdcode), loadTransferContext()]);
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
  const rows = figures.map((f): Cell[] => [
    f.cityName,
    f.cityAdcode,
    f.districtName ?? "",
    f.districtAdcode,
    f.population2020,
    f.stations,
    f.stations ? Math.round(f.population2020 / f.stations) : null,
    percent(f.verifiedWithin90Days, f.stations),
    ...context.amenityTypes.map((t) => percent(f.amenityStations[t.code] ?? 0, f.stations)),
  ]);
  if (format === "csv") return writeCsv(header, rows);
  return writeXlsx([{ name: "覆盖情况", header, rows, widths: header.map((h, i) => (i < 4 ? 12 : Math.min(24, h.length + 4))) }]);
}
