/** One field of an audited record that differs between before and after; `undefined` means absent. */
export type FieldChange = { field: string; before: unknown; after: unknown };

type JsonRecord = Record<string, unknown>;

const isRecord = (value: unknown): value is JsonRecord => typeof value === "object" && value !== null && !Array.isArray(value);

// Lists audited whole (a station's amenities) are compared item by item under these keys, so one
// changed amenity shows as one change rather than the whole list twice.
const itemKeys = ["amenityCode", "code", "id"];

/** The record's fields by name; a list of keyed items by their key; anything else as one unnamed field. */
function fieldsOf(value: unknown): Map<string, unknown> {
  if (value === null || value === undefined) return new Map();
  if (isRecord(value)) return new Map(Object.entries(value));
  if (Array.isArray(value)) {
    const key = itemKeys.find((k) => value.every((item) => isRecord(item) && typeof item[k] === "string"));
    if (key) return new Map(value.map((item) => [(item as JsonRecord)[key] as string, item]));
  }
  return new Map([["", value]]);
}

/** JSON with object keys sorted, so two values that differ only in key order compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

/** The fields that differ between an audit event's before and after, in the order the record lists them. */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const old = fieldsOf(before);
  const now = fieldsOf(after);
  const names = [...new Set([...now.keys(), ...old.keys()])];
  return names
    // An absent field and an empty (null) one say the same: a created record's null fields are no change.
    .filter((name) => canonical(old.get(name) ?? null) !== canonical(now.get(name) ?? null))
    .map((field) => ({ field, before: old.get(field), after: now.get(field) }));
}
