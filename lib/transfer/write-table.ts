import ExcelJS from "exceljs";

export type Cell = string | number | null;
export type Sheet = {
  name: string;
  header: string[];
  rows: Cell[][];
  /** Column widths in characters; wide enough that Chinese text is readable without resizing. */
  widths?: number[];
  /** Columns Excel must keep as text (codes, phone numbers), so a leading 0 or "+" survives editing. */
  textColumns?: number[];
  /** A frozen, bold first row for a table; off for an instructions sheet. */
  tableHeader?: boolean;
};

const CSV_BOM = "\uFEFF";

/**
 * CSV as Excel in China opens it without garbling: UTF-8 with a byte-order mark, CRLF line ends. Text
 * starting with = + - @ is prefixed with ' so Excel shows it instead of running it as a formula (the
 * importer removes the ' again).
 */
export function writeCsv(header: string[], rows: Cell[][]): Uint8Array {
  const line = (cells: Cell[]) => cells.map(csvField).join(",");
  return new TextEncoder().encode(CSV_BOM + [line(header), ...rows.map(line)].join("\r\n") + "\r\n");
}

function csvField(cell: Cell): string {
  if (cell === null) return "";
  const text = typeof cell === "number" ? String(cell) : /^[=+\-@]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export async function writeXlsx(sheets: Sheet[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "工行驿站 · 辽宁";
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, sheet.tableHeader === false ? {} : { views: [{ state: "frozen", ySplit: 1 }] });
    worksheet.columns = sheet.header.map((_, index) => ({
      width: sheet.widths?.[index] ?? 14,
      style: sheet.textColumns?.includes(index) ? { numFmt: "@" } : {},
    }));
    worksheet.addRow(sheet.header);
    for (const row of sheet.rows) worksheet.addRow(row);
    if (sheet.tableHeader !== false) worksheet.getRow(1).font = { bold: true };
    worksheet.eachRow((row) => {
      row.alignment = { vertical: "top", wrapText: true };
    });
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
