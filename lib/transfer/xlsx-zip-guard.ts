import yauzl, { type Entry, type ZipFile } from "yauzl";
import { AppError } from "@/lib/errors";

/**
 * An XLSX file is a zip archive, and exceljs inflates every part of it into memory before our row limit
 * can look at it: a few megabytes that inflate to gigabytes (a zip bomb) would take the server down.
 * These limits are checked first, against what the archive declares and then against what its parts
 * actually inflate to. A real import at the row limit (20 000 rows of 25 varied columns written by our
 * own exporter) is about 40 MB inflated at a ratio of about 20 in 16 parts.
 */
export const XLSX_LIMITS = {
  maxEntries: 200,
  maxUncompressedBytes: 80 * 1024 * 1024,
  /** Deflate tops out near 1 000:1; spreadsheets stay well under 100:1. */
  maxCompressionRatio: 200,
} as const;

/** Parts this small are left out of the ratio check: a tiny file can compress well without harm. */
const RATIO_FLOOR_BYTES = 1024 * 1024;

const tooBig = (detail: string) =>
  new AppError("payload_too_large", `Excel 文件解压后过大（最多 ${XLSX_LIMITS.maxUncompressedBytes / 1024 / 1024} MB），请减少行数或分成几个文件`, [
    { path: "file", message: detail },
  ]);
const unreadable = () =>
  new AppError("validation_failed", "无法读取这个 Excel 文件，它可能已损坏；请在 Excel 中重新保存为 .xlsx", [{ path: "file", message: "zip 结构无效" }]);

/**
 * Refuses an XLSX whose zip structure would be dangerous to inflate: too many parts, declared sizes
 * over the limit, a suspicious compression ratio, or parts that inflate to more than they declare
 * (yauzl's `validateEntrySizes` stops the stream there). Inflating streams every part through and
 * keeps nothing, so memory stays at one window whatever the archive holds.
 */
export async function assertSafeXlsxZip(bytes: Uint8Array): Promise<void> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, validateEntrySizes: true }, (error, file) =>
      error ? reject(unreadable()) : resolve(file),
    ),
  );
  try {
    if (zip.entryCount > XLSX_LIMITS.maxEntries) {
      throw new AppError("payload_too_large", `Excel 文件内部的部件过多（${zip.entryCount} 个，最多 ${XLSX_LIMITS.maxEntries} 个）`, [{ path: "file", message: "zip 条目过多" }]);
    }
    const entries = await readEntries(zip);
    let declared = 0;
    for (const entry of entries) {
      declared += entry.uncompressedSize;
      if (declared > XLSX_LIMITS.maxUncompressedBytes) throw tooBig(`声明的解压大小超过 ${XLSX_LIMITS.maxUncompressedBytes} 字节`);
      if (entry.uncompressedSize > RATIO_FLOOR_BYTES && entry.uncompressedSize > entry.compressedSize * XLSX_LIMITS.maxCompressionRatio) {
        throw new AppError("payload_too_large", "Excel 文件的压缩比异常，可能是恶意构造的文件，已拒绝", [{ path: "file", message: `${entry.fileName} 压缩比过高` }]);
      }
    }
    // The declared sizes are the sender's word: inflate and count, stopping at the first part that lies.
    for (const entry of entries) {
      if (entry.fileName.endsWith("/")) continue;
      await drain(zip, entry);
    }
  } finally {
    zip.close();
  }
}

function readEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on("entry", (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once("end", () => resolve(entries));
    zip.once("error", () => reject(unreadable()));
    zip.readEntry();
  });
}

function drain(zip: ZipFile, entry: Entry): Promise<void> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(unreadable());
      stream.on("data", () => {});
      stream.once("end", () => resolve());
      // yauzl names the part whose inflated size differs from what it declared: a bomb or a broken file.
      stream.once("error", (streamError: Error) =>
        reject(/too many bytes|too few bytes|expected/i.test(streamError.message) ? tooBig(`${entry.fileName} 解压后的大小与声明不符`) : unreadable()),
      );
    });
  });
}
