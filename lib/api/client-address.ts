import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/**
 * The address a request came from, as the reverse proxy in front of the app reports it: the first hop
 * of the first of CLIENT_IP_HEADERS present (the same headers sign-in's limiter reads). Headers are
 * client-controlled when no proxy rewrites them, so this only keys rate limits and flood spotting, never
 * anything a person's rights depend on.
 */
export function clientAddress(headers: Headers): string {
  for (const name of env.CLIENT_IP_HEADERS) {
    const first = headers.get(name)?.split(",")[0]?.trim();
    if (first) return first;
  }
  return "unknown";
}

// A fresh key per process: hashes cannot be reversed by guessing addresses, and no secret needs
// configuring. The price is that hashes change on restart (and differ between instances), which only
// shortens how far back the staff can group reports. Rate limits do not use this hash: they key on the
// address, which lib/rate-limit.ts hashes with a key every instance shares.
const hashKey = randomBytes(32);

/** A keyed hash of the client's address: stored with feedback instead of the address itself. */
export function clientHash(headers: Headers): string {
  return createHmac("sha256", hashKey).update(clientAddress(headers)).digest("base64url");
}
