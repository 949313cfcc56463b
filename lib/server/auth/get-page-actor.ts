import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { getRequestActor } from "@/lib/server/auth/get-request-actor";
import type { Actor } from "@/lib/server/actor";

/**
 * The actor of the page being rendered, resolved once per request: the header's account menu and the
 * page itself both ask, and each resolution is a session lookup and a roles query.
 */
export const getPageActor = cache(async (): Promise<Actor> => getRequestActor(await headers()));
