import { describe, expect, it } from "vitest";
import { decodeText } from "@/lib/transfer/decode-text";
import { gbkEncode } from "@/tests/support/gbk-encode";

const text = "编码 code,名称 name\r\nLN210102001,工行沈阳和平支行营业室\r\n";
describe("decodeText", () => {
  it("reads UTF-8 with and without a byte-order mark, dropping the mark", () => {
    const bytes = new TextEncoder().encode(text);
    expect(decodeText(bytes)).toEqual({ ok: true, encoding: "utf-8", text });
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]))).toEqual({ ok: true, encoding: "utf-8", text });
  });

  it("reads GBK (what Excel in China saves as CSV) as GB18030", () => {
    expect(decodeText(gbkEncode(text))).toEqual({ ok: true, encoding: "gb18030", text });
  });

  it("refuses bytes that are neither UTF-8 nor GBK, and UTF-16, with a reason that says what to do", () => {
    const neither = decodeText(Uint8Array.from([0x61, 0xff, 0x62, 0x80]));
    expect(neither).toMatchObject({ ok: false });
    expect(!neither.ok && neither.reason).toContain("CSV UTF-8");
    expect(decodeText(Uint8Array.from([0xff, 0xfe, 0x61, 0x00]))).toMatchObject({ ok: false, reason: expect.stringContaining("UTF-16") });
  });
});
