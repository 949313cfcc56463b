import { crc32, deflateRawSync } from "node:zlib";

/** One part of a hand-built zip: its data, and optionally a size to declare other than the true one. */
export type ZipPart = { name: string; data: Uint8Array; declaredSize?: number };

/**
 * A zip archive (deflate, no zip64) built byte by byte, so a test can make archives no zip library would
 * write: parts that declare less than they inflate to, or far more parts than a workbook has.
 */
export function buildZip(parts: ZipPart[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, "utf8");
    const compressed = deflateRawSync(part.data, { level: 9 });
    const size = part.declaredSize ?? part.data.byteLength;
    const crc = crc32(part.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.byteLength, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.byteLength, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.byteLength, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.byteLength, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.byteLength + name.byteLength + compressed.byteLength;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>LN</t></is></c></row>';

/** A worksheet of `bytes` bytes of repeated rows: the inflated body of a zip bomb. */
export function repeatedSheet(bytes: number): Uint8Array {
  return new Uint8Array(Buffer.alloc(bytes, ROW));
}

/** The smallest parts an XLSX reader looks for, around a given worksheet. */
export function workbookParts(sheet: ZipPart): ZipPart[] {
  const text = (value: string) => new Uint8Array(Buffer.from(value));
  return [
    { name: "[Content_Types].xml", data: text('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
    { name: "xl/workbook.xml", data: text('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>') },
    sheet,
  ];
}
