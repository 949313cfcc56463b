import { createHash } from "node:crypto";

/** UUID v5 layout (SHA-1 of namespace + name, version and variant bits set), so ids are stable across machines. */
function uuidV5(name: string, namespace: string): string {
  const bytes = createHash("sha1")
    .update(Buffer.from(namespace.replaceAll("-", ""), "hex"))
    .update(name, "utf8")
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const RFC4122_URL_NAMESPACE = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";
const STATION_ID_NAMESPACE = uuidV5("icbc-yizhan-directory/sample-stations", RFC4122_URL_NAMESPACE);

/**
 * A station's id derived from its branch code: the sample and every import give a station the same id
 * on every machine, so a printed QR code (a link to /stations/{id}) survives rebuilding the database.
 */
export function stationIdFromCode(code: string): string {
  return uuidV5(code, STATION_ID_NAMESPACE);
}
