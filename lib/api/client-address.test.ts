import { describe, expect, it } from "vitest";
import { proxyList, resolveClientAddress } from "./client-address";

const HEADERS = ["x-forwarded-for", "x-real-ip"];
const resolve = (headers: Record<string, string>, proxies: string[] = []) => resolveClientAddress(new Headers(headers), HEADERS, proxyList(proxies));

describe("the client address behind reverse proxies", () => {
  it("takes a single-address header as it is, in CLIENT_IP_HEADERS order", () => {
    expect(resolve({ "x-forwarded-for": "198.51.100.23" })).toBe("198.51.100.23");
    expect(resolve({ "x-real-ip": "2001:db8::1" })).toBe("2001:db8::1");
    expect(resolve({ "x-forwarded-for": "198.51.100.23", "x-real-ip": "203.0.113.9" })).toBe("198.51.100.23");
    expect(resolve({})).toBe("unknown");
  });

  it("without trusted proxies never believes the leftmost of a list, which the client wrote", () => {
    // A client sends "X-Forwarded-For: 1.2.3.4"; the proxy appends what it saw and overwrites X-Real-IP.
    expect(resolve({ "x-forwarded-for": "1.2.3.4, 198.51.100.23", "x-real-ip": "198.51.100.23" })).toBe("198.51.100.23");
    expect(resolve({ "x-forwarded-for": "1.2.3.4, 198.51.100.23" })).toBe("unknown");
  });

  it("with trusted proxies reads the list from the right, past them, to the first address that is not one", () => {
    const proxies = ["10.0.0.0/8", "2001:db8:ffff::/48", "192.0.2.7"];
    expect(resolve({ "x-forwarded-for": "1.2.3.4, 198.51.100.23, 10.1.2.3" }, proxies)).toBe("198.51.100.23");
    expect(resolve({ "x-forwarded-for": "1.2.3.4, 198.51.100.23, 192.0.2.7, 10.9.9.9" }, proxies)).toBe("198.51.100.23");
    expect(resolve({ "x-forwarded-for": "2001:db8:1::5, 2001:db8:ffff::1" }, proxies)).toBe("2001:db8:1::5");
    // Only proxies in the chain: the leftmost is the nearest thing to a client there is.
    expect(resolve({ "x-forwarded-for": "10.0.0.1, 10.0.0.2" }, proxies)).toBe("10.0.0.1");
  });

  it("takes nothing that is not an IP address", () => {
    expect(resolve({ "x-forwarded-for": "evil.example" })).toBe("unknown");
    expect(resolve({ "x-forwarded-for": "1.2.3.4, not-an-ip, 10.0.0.1" }, ["10.0.0.0/8"])).toBe("unknown");
    expect(resolve({ "x-forwarded-for": "<script>", "x-real-ip": "198.51.100.23" })).toBe("198.51.100.23");
  });

  it("leaves out malformed proxy entries rather than trusting everything", () => {
    expect(proxyList(["10.0.0.0/99", "not-a-proxy", "10.0.0.0/8"]).rules).toHaveLength(1);
  });
});
