import "server-only";

/**
 * Text to match literally inside a LIKE pattern (PostgreSQL's default escape character is the
 * backslash). Prisma's `contains` puts the text between % signs as it is, so a search for "%" or "_"
 * would match every row without this.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
