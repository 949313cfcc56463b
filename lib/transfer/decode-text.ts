/**
 * A CSV file's bytes as text. Excel in China saves "CSV (逗号分隔)" in GBK unless told to use UTF-8, so
 * both are read: UTF-8 (with or without a byte-order mark) first, since valid UTF-8 is almost never
 * accidental; then GB18030 (a superset of GBK and GB2312). Bytes that are neither are refused with a
 * reason rather than turned into replacement characters that would be imported as station names.
 */
export type DecodedText = { ok: true; text: string; encoding: "utf-8" | "gb18030" } | { ok: false; reason: string };

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeAs("utf-8", bytes.subarray(3));
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, reason: "文件是 UTF-16（Unicode 文本）编码，请在 Excel 中另存为「CSV UTF-8（逗号分隔）」后再导入" };
  }
  const utf8 = decodeAs("utf-8", bytes);
  if (utf8.ok) return utf8;
  const gb = decodeAs("gb18030", bytes);
  if (gb.ok) return gb;
  return { ok: false, reason: "无法识别文件的编码（既不是 UTF-8 也不是 GBK），请在 Excel 中另存为「CSV UTF-8（逗号分隔）」后再导入" };
}

function decodeAs(encoding: "utf-8" | "gb18030", bytes: Uint8Array): DecodedText {
  try {
    return { ok: true, encoding, text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: `不是有效的 ${encoding} 文本` };
  }
}
