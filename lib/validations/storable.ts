import * as z from "zod";
import "@/lib/validations/zod";

/**
 * What the database can hold, checked where input is validated, so that hostile or mistyped input is a
 * 400 naming the field instead of a query that fails with a 500.
 *
 * Text: PostgreSQL's text type cannot hold NUL (U+0000), and other control characters have no place in
 * what people type; multi-line fields (notes, notices) keep line breaks and tabs.
 * Dates and times: PostgreSQL has no year 0 (and JavaScript writes years past 9999 in a form it does not
 * read), so a date must fall within the years 1900–2999, which covers every date this directory records.
 */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const CONTROL_CHARACTERS_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const CONTROL_CHARACTER_MESSAGE = "含有控制字符";

/** A one-line text field: no control characters at all. */
export function oneLine<T extends z.ZodType<string, string>>(schema: T): T {
  return schema.refine((value) => !CONTROL_CHARACTERS.test(value), { message: CONTROL_CHARACTER_MESSAGE }) as T;
}

/** A text field people write in paragraphs: line breaks and tabs allowed, other control characters not. */
export function multiLine<T extends z.ZodType<string, string>>(schema: T): T {
  return schema.refine((value) => !CONTROL_CHARACTERS_BUT_LINE_BREAKS.test(value), { message: CONTROL_CHARACTER_MESSAGE }) as T;
}

const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(3000, 0, 1);

/** An ISO date or instant that PostgreSQL stores and compares as it was meant. */
export function isStorableTime(value: string): boolean {
  const time = Date.parse(value);
  return time >= EARLIEST && time < LATEST;
}

export const STORABLE_TIME_MESSAGE = "日期须在 1900 年到 2999 年之间";

/** A calendar date (YYYY-MM-DD) within the storable years. */
export const storableDateSchema = z.iso.date().refine(isStorableTime, { message: STORABLE_TIME_MESSAGE });

/** An ISO instant with an offset within the storable years. */
export const storableDateTimeSchema = z.iso.datetime({ offset: true }).refine(isStorableTime, { message: STORABLE_TIME_MESSAGE });
