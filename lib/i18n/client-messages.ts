import { getMessages } from "next-intl/server";

/** What every page's client components need; staff and admin areas add their own in their layouts. */
export const PUBLIC_CLIENT_NAMESPACES = ["common", "finder", "station", "pwa", "auth"] as const;

/**
 * The messages handed to client components: only the namespaces named, because whatever is passed is
 * serialised into every page of the subtree, and a reader's phone has no use for the admin pages' words.
 */
export async function clientMessages(extra: readonly string[] = []) {
  const messages = await getMessages();
  const names = new Set<string>([...PUBLIC_CLIENT_NAMESPACES, ...extra]);
  return Object.fromEntries(Object.entries(messages).filter(([name]) => names.has(name)));
}
