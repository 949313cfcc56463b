/**
 * Text as GBK bytes, for tests of files saved by Excel in China. Node can decode GBK but not encode it,
 * so the table is built by decoding every two-byte code once.
 */
let table: Map<string, number[]> | undefined;

export function gbkEncode(text: string): Uint8Array {
  if (!table) {
    table = new Map();
    const decoder = new TextDecoder("gbk", { fatal: true });
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        try {
          const char = decoder.decode(Uint8Array.from([lead, trail]));
          if (!table.has(char)) table.set(char, [lead, trail]);
        } catch {
          // not a character in GBK
        }
      }
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (table.has(char)) bytes.push(...table.get(char)!);
    else throw new Error(`${char} has no GBK encoding`);
  }
  return Uint8Array.from(bytes);
}
