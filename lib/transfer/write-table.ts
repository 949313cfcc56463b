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

/** What a spreadsheet takes for the start of a formula (OWASP's list for CSV injection). */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * CSV as Excel in China opens it without garbling: UTF-8 with a byte-order mark, CRLF line ends. Text
 * starting with = + - @ (or a tab or carriage return, which spreadsheets skip before reading a formula)
 * is prefixed with ' so Excel shows it instead of running it (the importer removes the ' again).
 * XLSX needs no guard: its cells are written as text, never as formulas.
 */
export function writeCsv(header: string[], rows: Cell[][]): Uint8Array {
  const line = (cells: Cell[]) => cells.map(csvField).join(",");
  return new TextEncoder().encode(CSV_BOM + [line(header), ...rows.map(line)].join("\r\n") + "\r\n");
}

function csvField(cell: Cell): string {
  if (cell === null) return "";
  const text = typeof cell === "number" ? String(cell) : FORMULA_START.test(cell) ? `'${cell}` : cell;
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
