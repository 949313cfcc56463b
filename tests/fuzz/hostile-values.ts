import fc from "fast-check";

/** A JSON Schema as the OpenAPI document holds it (zod's toJSONSchema output). */
export type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
  $ref?: string;
};

/**
 * Text that has broken web apps before: the NUL byte PostgreSQL refuses in text, a lone surrogate that is
 * not valid UTF-8, SQL and LIKE metacharacters, markup, spreadsheet formulas, numbers in odd spellings,
 * right-to-left overrides and characters outside the Basic Multilingual Plane.
 */
export const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\uffff",
  "\u202e\u0644",
  "𠮷😀👩‍👩‍👧",
  "'",
  '"',
  "\\",
  "%",
  "_",
  "%_%",
  "' OR '1'='1",
  "1' OR 1=1 --",
  "1; DROP TABLE station; --",
  "'); DELETE FROM \"user\"; --",
  "$1",
  "<script>window.__xss=1</script>",
  '"><img src=x onerror=alert(1)>',
  "=HYPERLINK(\"http://evil.example\")",
  "@SUM(1+1)",
  "%00",
  "%E0%A4%A",
  "../../../etc/passwd",
  "NaN",
  "Infinity",
  "-0",
  "1e309",
  "0x1F",
  "null",
  "true",
  "[]",
  "{}",
  "\r\n",
  "\t",
];

/** Numbers at and beyond the bounds that bite: 32-bit and 64-bit integer columns, doubles, JS's safe integers. */
const EDGE_NUMBERS = [0, -1, 1, 0.5, -0.5, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, -(2 ** 53), 2 ** 63, 1e308, -1e308, Number.MIN_VALUE];

/** The same as query-string text, plus spellings JSON cannot carry. */
const EDGE_NUMBER_TEXT = [...EDGE_NUMBERS.map(String), "1e3", "1.", ".5", "+1", "00000000000000000001", "9".repeat(400), "210100", "211499", "999999", "50000", "50001"];

const longText = fc.integer({ min: 1_000, max: 20_000 }).chain((n) => fc.constantFrom("x", "汉", "%", "'", "😀").map((c) => c.repeat(n)));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string() },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 1, arbitrary: longText },
  { weight: 1, arbitrary: fc.constantFrom(...EDGE_NUMBER_TEXT) },
  { weight: 1, arbitrary: fc.uuid() },
);

/** Any JSON value of a shallow kind: what a field gets when the client sends the wrong type. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  hostileString,
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
);

function numbersFor(schema: Schema): fc.Arbitrary<number> {
  const bounds = [schema.minimum, schema.maximum].filter((n): n is number => n !== undefined).flatMap((n) => [n, n - 1, n + 1]);
  return fc.oneof(fc.constantFrom(...EDGE_NUMBERS, ...bounds), schema.type === "integer" ? fc.integer() : fc.double({ noNaN: true, noDefaultInfinity: true }));
}

function stringsFor(schema: Schema): fc.Arbitrary<string> {
  const lengths = [schema.minLength, schema.maxLength].filter((n): n is number => n !== undefined).flatMap((n) => [n - 1, n, n + 1]).filter((n) => n >= 0);
  const options: fc.Arbitrary<string>[] = [hostileString];
  if (lengths.length) options.push(fc.constantFrom(...lengths).chain((n) => fc.constantFrom("a", "汉", "<", "'").map((c) => c.repeat(n))));
  if (schema.format === "uuid") options.push(fc.uuid());
  if (schema.format === "date-time") options.push(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
  if (schema.format === "date") options.push(fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
  if (schema.format === "email") options.push(fc.emailAddress());
  return fc.oneof(...options);
}

export type SchemaContext = {
  resolve: (ref: string) => Schema;
  /** Ids of records that exist, for fields that name one (format uuid). */
  knownId: fc.Arbitrary<string>;
};

/** A value the schema accepts (as far as its JSON Schema tells): what a well-behaved client sends. */
export function validValue(schema: Schema, context: SchemaContext, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) return validValue(context.resolve(schema.$ref), context, depth);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  if (branches.length) return fc.oneof(...branches.map((branch) => validValue(branch, context, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const fits = (text: string) => text.length >= (schema.minLength ?? 0) && text.length <= (schema.maxLength ?? Infinity);
  switch (type) {
    case "integer":
      return fc.integer({ min: Math.max(schema.minimum ?? -1000, -(2 ** 31)), max: Math.min(schema.maximum ?? 1_000_000, 2 ** 31 - 1) });
    case "number":
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "string":
      if (schema.format === "uuid") return fc.oneof(context.knownId, fc.uuid());
      if (schema.format === "date-time") return fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((d) => d.toISOString());
      if (schema.format === "date") return fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      if (schema.format === "email") return fc.emailAddress().filter(fits);
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
      return fc.oneof(fc.string({ unit: "grapheme", minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) }), fc.constantFrom(...NASTY_STRINGS.filter(fits), "a".repeat(schema.minLength ?? 1)));
    case "array":
      return schema.items && depth < 5 ? fc.array(validValue(schema.items, context, depth + 1), { maxLength: Math.min(schema.maxItems ?? 3, 3) }) : fc.constant([]);
    case "object": {
      if (!schema.properties || depth >= 5) return fc.constant({});
      const fields = Object.fromEntries(Object.entries(schema.properties).map(([name, field]) => [name, validValue(field, context, depth + 1)]));
      return fc.record(fields, { requiredKeys: schema.required ?? [] });
    }
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

/**
 * Values for a field described by `schema`: mostly of the right kind, at and beyond its bounds, and
 * sometimes of the wrong type altogether. Objects keep any subset of their properties and may gain one.
 */
export function hostileValue(schema: Schema, context: SchemaContext, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) return hostileValue(context.resolve(schema.$ref), context, depth);
  if (depth > 4) return wrongType;
  const options: fc.Arbitrary<unknown>[] = [];
  if (schema.enum) options.push(fc.constantFrom(...schema.enum));
  if (schema.const !== undefined) options.push(fc.constant(schema.const));
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) options.push(hostileValue(branch, context, depth + 1));
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  for (const type of types) {
    if (type === "integer" || type === "number") options.push(numbersFor(schema));
    if (type === "string") {
      options.push(stringsFor(schema));
      // A value that passes every other check but carries one hostile character or phrase.
      options.push(fc.tuple(validValue(schema, context, depth + 1), fc.constantFrom(...NASTY_STRINGS)).map(([valid, nasty]) => `${String(valid).slice(0, Math.max(0, (schema.maxLength ?? 40) - nasty.length))}${nasty}`));
    }
    if (type === "boolean") options.push(fc.boolean());
    if (type === "array" && schema.items) {
      const item = hostileValue(schema.items, context, depth + 1);
      options.push(fc.array(item, { maxLength: 4 }));
      // One more item than allowed, all alike, so the bound itself is tried without huge random arrays.
      if (schema.maxItems !== undefined) options.push(item.map((value) => Array.from({ length: schema.maxItems! + 1 }, () => value)));
    }
    if (type === "object" && schema.properties) {
      // Mostly valid fields with the odd hostile one, so a case gets past the first check to the next.
      const fields = Object.fromEntries(
        Object.entries(schema.properties).map(([name, field]) => [
          name,
          fc.oneof({ weight: 3, arbitrary: validValue(field, context, depth + 1) }, { weight: 1, arbitrary: hostileValue(field, context, depth + 1) }),
        ]),
      );
      for (const requiredKeys of [schema.required ?? [], []]) {
        options.push(
          fc.tuple(fc.record(fields, { requiredKeys }), fc.option(fc.tuple(hostileString, wrongType), { freq: 5 })).map(([object, extra]) =>
            extra ? { ...object, [extra[0]]: extra[1] } : object,
          ),
        );
      }
    }
  }
  return options.length ? fc.oneof({ weight: 1, arbitrary: wrongType }, ...options.map((arbitrary) => ({ weight: 4, arbitrary }))) : wrongType;
}

/**
 * A query parameter's text: the documented values (enum members, numbers at and past bounds, coordinate
 * lists) and hostile strings; sometimes repeated, which the API must refuse rather than trip over.
 */
export function hostileQueryValue(schema: Schema): fc.Arbitrary<string | string[]> {
  const coordinates = fc.array(fc.oneof(fc.constantFrom(...EDGE_NUMBER_TEXT), fc.double().map(String), fc.constantFrom("41.8", "123.4", "")), { minLength: 1, maxLength: 5 }).map((parts) => parts.join(","));
  const single = fc.oneof(
    ...(schema.enum ? [fc.constantFrom(...(schema.enum as string[]))] : []),
    fc.constantFrom(...EDGE_NUMBER_TEXT),
    coordinates,
    stringsFor(schema),
  );
  return fc.oneof({ weight: 5, arbitrary: single }, { weight: 1, arbitrary: fc.array(single, { minLength: 2, maxLength: 3 }) });
}
