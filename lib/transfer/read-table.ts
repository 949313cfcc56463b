import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { AppError } from "@/lib/errors";
import { decodeText } from "@/lib/transfer/decode-text";
import { assertSafeXlsxZip } from "@/lib/transfer/xlsx-zip-guard";

/** Larger files are refused before they are parsed (413). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** More data rows than this are refused (413): ten times the bank's stations leaves room, not abuse. */
export const MAX_IMPORT_ROWS = 20_000;

export type TableFormat = "csv" | "xlsx";
/** `row` is the spreadsheet's own row number (the header is row 1), so a reason points at what people see. */
export type TableRow = { row: number; cells: string[] };
export type Table = { format: TableFormat; encoding: "utf-8" | "gb18030" | null; header: string[]; rows: TableRow[] };

/**
 * A CSV or XLSX file as header and data rows of trimmed text. Blank rows and rows whose first cell starts
 * with "#" (the template's example row) are skipped. Everything wrong with the file as a whole is an
 * AppError: 400 for a file that cannot be read, 413 for too many rows.
 */
export async function readTable(bytes: Uint8Array): Promise<Table> {
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw fileTooLarge();
  const kind = sniff(bytes);
  if (kind === "xls") throw fileError("这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV UTF-8 后再导入");
  const table = kind === "xlsx" ? await readXlsx(bytes) : readCsv(bytes);
  const [header, ...records] = table.records;
  if (!header) throw fileError("文件是空的");
  const rows = records.filter((r) => r.cells.some((c) => c !== "") && !r.cells[0]?.startsWith("#"));
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new AppError("payload_too_large", `文件有 ${rows.length} 行数据，一次最多导入 ${MAX_IMPORT_ROWS} 行，请分成几个文件`, [
      { path: "file", message: "行数过多" },
    ]);
  }
  return { format: kind, encoding: table.encoding, header: header.cells, rows };
}

function fileTooLarge(): AppError {
  return new AppError("payload_too_large", `文件过大，最大 ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, [{ path: "file", message: "文件过大" }]);
}

function fileError(message: string): AppError {
  return new AppError("validation_failed", message, [{ path: "file", message }]);
}

function sniff(bytes: Uint8Array): "xlsx" | "xls" | "csv" {
  const starts = (...magic: number[]) => magic.every((b, i) => bytes[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return "xlsx";
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return "xls";
  return "csv";
}

type Records = { records: TableRow[]; encoding: Table["encoding"] };

function readCsv(bytes: Uint8Array): Records {
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw fileError(decoded.reason);
  let cells: string[][];
  try {
    // Every record is kept (blank lines too) so that record n is spreadsheet row n + 1.
    cells = parse(decoded.text, { relax_column_count: true, skip_empty_lines: false, max_record_size: 64 * 1024 });
  } catch (error) {
    throw fileError(`CSV 格式错误：${error instanceof Error ? error.message.slice(0, 200) : "无法解析"}`);
  }
  if (cells.length > MAX_IMPORT_ROWS * 2) throw new AppError("payload_too_large", `文件行数过多，一次最多导入 ${MAX_IMPORT_ROWS} 行`);
  return { encoding: decoded.encoding, records: cells.map((row, index) => ({ row: index + 1, cells: row.map(cleanCell) })) };
}

async function readXlsx(bytes: Uint8Array): Promise<Records> {
  // exceljs inflates the whole archive before anything here can count rows: a zip bomb is refused first.
  await assertSafeXlsxZip(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw fileError("无法读取这个 Excel 文件，它可能已损坏；请在 Excel 中重新保存为 .xlsx");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw fileError("Excel 文件里没有工作表");
  if (sheet.actualRowCount > MAX_IMPORT_ROWS * 2) throw new AppError("payload_too_large", `文件行数过多，一次最多导入 ${MAX_IMPORT_ROWS} 行`);
  const records: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    // row.values is 1-based (index 0 is always empty) and sparse: Array.from reads the gaps as blanks.
    records.push({ row: rowNumber, cells: Array.from(values.slice(1), (v) => cleanCell(cellText(v))) });
  });
  return { encoding: null, records };
}

/**
 * A cell as the text it shows. Dates come back from exceljs as the wall-clock time typed, tagged UTC;
 * they are written out as that wall-clock time (read later as Beijing time).
 */
function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  if (typeof value !== "object") return String(value);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
  if ("text" in value) return String(value.text);
  if ("error" in value) return String(value.error);
  return "";
}

/**
 * Trimmed, with the guard the export puts before text that Excel would run as a formula ("'=…") removed
 * again, so an exported notice or phone number comes back exactly.
 */
function cleanCell(text: string | undefined): string {
  const trimmed = (text ?? "").trim();
  return /^'[=+\-@\t\r]/.test(trimmed) ? trimmed.slice(1) : trimmed;
}
