import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { BlockList, isIP } from "node:net";
import { env } from "@/lib/env";

/**
 * The address a request came from, as the reverse proxy in front of the app reports it, read the way
 * better-auth reads it for its own sign-in limit (lib/auth.ts passes it the same settings), so every limit
 * keys on the same address. Headers are tried in CLIENT_IP_HEADERS order. In a list such as
 * X-Forwarded-For the leftmost entry is whatever the client wrote, so with TRUSTED_PROXIES the list is read
 * from the right, past the proxies, to the first address that is not one; without them only a header of
 * one address counts, and a longer list defers to the next header (a proxy that overwrites X-Real-IP, say).
 * Anything that is not an IP address is not an answer. Headers are client-controlled when no proxy
 * rewrites them, so this only keys rate limits and flood spotting, never anything a person's rights depend on.
 */
export function clientAddress(headers: Headers): string {
  return resolveClientAddress(headers, env.CLIENT_IP_HEADERS, trustedProxies);
}

const trustedProxies = proxyList(env.TRUSTED_PROXIES);

/** TRUSTED_PROXIES as a BlockList: addresses and CIDR ranges, IPv4 and IPv6 (malformed entries are left out). */
export function proxyList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split("/");
    const type = isIP(address) === 6 ? "ipv6" : isIP(address) === 4 ? "ipv4" : null;
    if (!type) continue;
    if (prefix === undefined) list.addAddress(address, type);
    else if (/^\d+$/.test(prefix) && Number(prefix) <= (type === "ipv4" ? 32 : 128)) list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

export function resolveClientAddress(headers: Headers, headerNames: string[], proxies: BlockList): string {
  const isProxy = (address: string) => proxies.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
  const anyProxies = proxies.rules.length > 0;
  for (const name of headerNames) {
    const hops = (headers.get(name) ?? "").split(",").map((hop) => hop.trim()).filter(Boolean);
    if (hops.length === 0) continue;
    if (!anyProxies) {
      if (hops.length === 1 && isIP(hops[0])) return hops[0];
      continue;
    }
    for (let i = hops.length - 1; i >= 0; i--) {
      if (!isIP(hops[i])) break;
      if (!isProxy(hops[i]) || i === 0) return hops[i];
    }
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
