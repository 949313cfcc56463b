import { headerText, stationColumns, type StationColumn } from "@/lib/transfer/station-columns";
import type { StationCells, TransferContext } from "@/lib/transfer/station-rows";
import { writeCsv, writeXlsx, type Cell, type Sheet } from "@/lib/transfer/write-table";

export type TableFileFormat = "csv" | "xlsx";

const WIDTHS: Record<string, number> = { code: 14, name: 26, name_en: 28, address: 34, city: 9, district: 10, lat: 12, lng: 12, phone: 15, status: 8, notice: 30, hours: 34, verified_at: 20 };
const TEXT_COLUMNS = new Set(["code", "phone", "hours", "verified_at"]);

/**
 * The station table as a file: the export, the example file and the template are all this, so what one
 * writes the import reads back. The XLSX carries a second sheet explaining every column; the template's
 * example row starts with "#", which the import skips.
 */
export async function stationTableFile(format: TableFileFormat, entries: StationCells[], context: TransferContext, options: { exampleRow?: boolean } = {}): Promise<Uint8Array> {
  const columns = stationColumns(context.amenityTypes);
  const rows = entries.map((cells, index) =>
    columns.map((c): Cell => {
      const text = options.exampleRow && index === 0 && c.key === "code" ? `#${cells.code}` : cells[c.key] ?? "";
      // Coordinates as numbers in Excel, so nobody sees "number stored as text" warnings on them.
      return format === "xlsx" && (c.key === "lat" || c.key === "lng") && text !== "" ? Number(text) : text;
    }),
  );
  const header = columns.map(headerText);
  if (format === "csv") return writeCsv(header, rows);
  const table: Sheet = {
    name: "驿站",
    header,
    rows,
    widths: columns.map((c) => WIDTHS[c.key] ?? Math.max(8, c.label.length * 2 + 2)),
    textColumns: columns.flatMap((c, index) => (TEXT_COLUMNS.has(c.key) ? [index] : [])),
  };
  return writeXlsx([table, instructionsSheet(columns)]);
}

function instructionsSheet(columns: StationColumn[]): Sheet {
  const general: Cell[][] = [
    ["每行一个驿站", "第一行是表头，请不要修改；列的顺序可以调整。以 # 开头的行是示例或注释，导入时会跳过。"],
    ["匹配规则", "按「编码」匹配：编码已存在的驿站会被更新，新编码会新建驿站；文件里没有的驿站保持不变（导入不会删除驿站）。"],
    ["先预览再导入", "上传后先显示将新建、更新、不变和有错误的行；有任何错误行时不能导入，修正后重新上传。导入是整体进行的：要么全部写入，要么一行也不写。"],
    ["坐标", "纬度、经度必须是 WGS-84（GPS 原始坐标）。从高德、腾讯地图取的坐标是 GCJ-02，百度地图是 BD-09，需先转换，否则会偏 300–700 米。"],
    ["CSV 编码", "CSV 文件可以是 UTF-8 或 GBK（Excel 默认的「CSV（逗号分隔）」）；推荐另存为「CSV UTF-8（逗号分隔）」。"],
    ["不在表格中的内容", "驿站故事、节假日等特殊开放安排、设施备注不在此表中，导入时保持不变。"],
    ["", ""],
  ];
  return {
    name: "填写说明",
    header: ["列", "说明"],
    rows: [...general, ...columns.map((c) => [headerText(c), c.hint])],
    widths: [28, 100],
  };
}

export const contentTypes = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  geojson: "application/geo+json; charset=utf-8",
} as const;
