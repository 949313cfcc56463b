import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { MAX_IMPORT_BYTES, readTable } from "@/lib/transfer/read-table";
import { assertSafeXlsxZip, XLSX_LIMITS } from "@/lib/transfer/xlsx-zip-guard";
import { buildZip, repeatedSheet, workbookParts } from "@/tests/support/zip-archive";

const MB = 1024 * 1024;

async function refusal(bytes: Uint8Array): Promise<AppError> {
  const error = await readTable(bytes).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("XLSX zip-bomb guard", () => {
  it("refuses a small file that declares a huge inflated sheet, before exceljs sees it", async () => {
    const bomb = buildZip(workbookParts({ name: "xl/worksheets/sheet1.xml", data: repeatedSheet(XLSX_LIMITS.maxUncompressedBytes + MB) }));
    expect(bomb.byteLength).toBeLessThan(MAX_IMPORT_BYTES / 10);
    const error = await refusal(bomb);
    expect(error.code).toBe("payload_too_large");
    expect(error.message).toContain("解压后过大");
  });

  it("refuses a part whose compression ratio no spreadsheet has, even under the size limit", async () => {
    const error = await refusal(buildZip(workbookParts({ name: "xl/worksheets/sheet1.xml", data: new Uint8Array(20 * MB) })));
    expect(error.code).toBe("payload_too_large");
    expect(error.message).toContain("压缩比异常");
  });

  it("refuses a part that inflates to more than it declares (the declared sizes are not trusted)", async () => {
    const liar = buildZip(workbookParts({ name: "xl/worksheets/sheet1.xml", data: repeatedSheet(30 * MB), declaredSize: 1000 }));
    const error = await refusal(liar);
    expect(error.code).toBe("payload_too_large");
    expect(error.details).toEqual([{ path: "file", message: expect.stringContaining("与声明不符") }]);
  });

  it("refuses an archive of too many parts", async () => {
    const parts = Array.from({ length: XLSX_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `xl/media/p${i}.xml`, data: new Uint8Array(1) }));
    const error = await refusal(buildZip(parts));
    expect(error.code).toBe("payload_too_large");
    expect(error.message).toContain("部件过多");
  });

  it("answers a broken zip as unreadable (400), and lets a real workbook through", async () => {
    const broken = await refusal(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 9, 9, 9, 9]));
    expect(broken.code).toBe("validation_failed");
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("驿站").addRows(Array.from({ length: 2000 }, (_, i) => [`LN${i}`, "工行驿站", 41.5]));
    await expect(assertSafeXlsxZip(new Uint8Array(await workbook.xlsx.writeBuffer()))).resolves.toBeUndefined();
  });
});
