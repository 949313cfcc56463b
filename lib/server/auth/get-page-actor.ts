import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { getRequestActor } from "@/lib/server/auth/get-request-actor";
import { anonymousActor, type Actor } from "@/lib/server/actor";

/**
 * The actor of the page being rendered, resolved once per request: the header's account menu and the
 * page itself both ask, and each resolution is a session lookup and a roles query.
 */
export const getPageActor = cache(async (): Promise<Actor> => getRequestActor(await headers()));

/**
 * The reader of a public page: anonymous, without a database query, when the request carries no session
 * cookie (every public reader); otherwise the page's actor, so signed-in staff read from the primary
 * (lib/db.ts) and see their own edits at once.
 */
export async function getPageReader(): Promise<Actor> {
  const hasSessionCookie = (await cookies()).getAll().some((c) => c.name.endsWith("better-auth.session_token"));
  return hasSessionCookie ? getPageActor() : anonymousActor;
}
