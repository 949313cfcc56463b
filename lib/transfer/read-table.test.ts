import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, readTable } from "@/lib/transfer/read-table";
import { writeCsv } from "@/lib/transfer/write-table";
import { gbkEncode } from "@/tests/support/gbk-encode";

const utf8 = (text: string) => new TextEncoder().encode(text);

async function refusal(bytes: Uint8Array): Promise<AppError> {
  const error = await readTable(bytes).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("readTable", () => {
  it("reads CSV rows with spreadsheet row numbers, skipping blank and # rows", async () => {
    const table = await readTable(utf8('编码 code,名称 name\n#LN1,示例\n\nLN2,"工行,驿站"\n LN3 , 工行驿站 \n'));
    expect(table).toEqual({
      format: "csv",
      encoding: "utf-8",
      header: ["编码 code", "名称 name"],
      rows: [
        { row: 4, cells: ["LN2", "工行,驿站"] },
        { row: 5, cells: ["LN3", "工行驿站"] },
      ],
    });
  });

  it("reads a GBK CSV as Chinese text", async () => {
    const table = await readTable(gbkEncode("编码 code,名称 name\r\nLN1,工行沈阳和平支行\r\n"));
    expect(table.encoding).toBe("gb18030");
    expect(table.rows[0].cells).toEqual(["LN1", "工行沈阳和平支行"]);
  });

  it("gives back exactly what the CSV writer wrote, formula guards removed", async () => {
    const table = await readTable(writeCsv(["a", "b"], [["=1+1", "+86 24 1234 5678"], ['有"引号"\n和换行', 41.787244]]));
    expect(table.encoding).toBe("utf-8");
    expect(table.rows.map((r) => r.cells)).toEqual([["=1+1", "+86 24 1234 5678"], ['有"引号"\n和换行', "41.787244"]]);
  });

  it("reads XLSX cells: numbers, dates as Beijing wall-clock text, rich text and formula results", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("驿站");
    sheet.addRow(["编码 code", "纬度 lat", "核实时间 verified_at", "名称 name", "公告 notice"]);
    sheet.addRow([
      "LN1",
      41.5,
      new Date(Date.UTC(2026, 10, 11, 13, 20)),
      { richText: [{ text: "工行" }, { text: "驿站" }] },
      { formula: '"冬季"&"热茶"', result: "冬季热茶" },
    ]);
    const table = await readTable(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(table.rows).toEqual([{ row: 2, cells: ["LN1", "41.5", "2026-11-11 13:20:00", "工行驿站", "冬季热茶"] }]);
  });

  it("refuses broken, old-format, oversized and over-long files with a reason", async () => {
    expect((await refusal(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).message).toContain("无法读取这个 Excel 文件");
    expect((await refusal(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).message).toContain(".xls");
    expect((await refusal(Uint8Array.from([0x61, 0xff, 0x62]))).message).toContain("无法识别文件的编码");
    expect((await refusal(new Uint8Array(MAX_IMPORT_BYTES + 1))).code).toBe("payload_too_large");
    const tooMany = await refusal(utf8(`编码 code\n${"LN\n".repeat(MAX_IMPORT_ROWS + 1)}`));
    expect(tooMany.code).toBe("payload_too_large");
    expect(tooMany.message).toContain(String(MAX_IMPORT_ROWS));
    expect((await refusal(utf8('a,b\n"unterminated'))).message).toContain("CSV 格式错误");
    expect((await refusal(utf8(""))).message).toContain("空");
  });
});
