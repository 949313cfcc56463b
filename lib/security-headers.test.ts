import { describe, expect, it } from "vitest";
import { staticSecurityHeaders } from "@/next.config.js";
import {
  API_CONTENT_SECURITY_POLICY,
  createNonce,
  pageContentSecurityPolicy,
  securityHeaders,
  servedOverHttps,
  STATIC_SECURITY_HEADERS,
  tileImageSource,
  type PagePolicyOptions,
} from "@/lib/security-headers";

const OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const base: PagePolicyOptions = { nonce: "bm9uY2U=", tileUrl: OSM, https: false, development: false };

/** A policy as a map of directive to its sources, the way a browser reads it. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe("tileImageSource", () => {
  it("is the tile server's origin", () => {
    expect(tileImageSource(OSM)).toBe("https://tile.openstreetmap.org");
    expect(tileImageSource("http://tiles.internal:8080/{z}/{x}/{y}.png")).toBe("http://tiles.internal:8080");
  });

  it("widens a subdomain placeholder to the wildcard CSP understands", () => {
    expect(tileImageSource("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png")).toBe("https://*.tile.openstreetmap.org");
    // Amap's GCJ-02 tiles, with the server number inside the first label.
    expect(tileImageSource("https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}")).toBe(
      "https://*.is.autonavi.com",
    );
  });

  it("needs no source for tiles served by this site", () => {
    expect(tileImageSource("/tiles/{z}/{x}/{y}.png")).toBeNull();
  });

  it("refuses what no CSP source can express", () => {
    expect(() => tileImageSource("https://tiles.{s}.example.cn/{z}/{x}/{y}.png")).toThrow(/placeholder/);
    expect(() => tileImageSource("https://{s}.cn/{z}/{x}/{y}.png")).toThrow(/placeholder/);
    expect(() => tileImageSource("https://tiles.example.cn:{port}/{z}.png")).toThrow(/placeholder/);
    expect(() => tileImageSource("//tile.openstreetmap.org/{z}/{x}/{y}.png")).toThrow(/http\(s\) URL/);
    expect(() => tileImageSource("ftp://tiles.example.cn/{z}.png")).toThrow(/http\(s\) URL/);
  });
});

describe("pageContentSecurityPolicy", () => {
  it("runs only scripts carrying the nonce, and what they load", () => {
    const script = directives(pageContentSecurityPolicy(base)).get("script-src");
    expect(script).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]);
    expect(script).not.toContain("'unsafe-inline'");
    expect(script).not.toContain("'unsafe-eval'");
  });

  it("keeps style elements to the nonce and this origin, style attributes allowed", () => {
    const policy = directives(pageContentSecurityPolicy(base));
    expect(policy.get("style-src-elem")).toEqual(["'self'", "'nonce-bm9uY2U='"]);
    expect(policy.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
  });

  it("loads images from this site and the configured tile server only", () => {
    expect(directives(pageContentSecurityPolicy(base)).get("img-src")).toEqual(["'self'", "data:", "https://tile.openstreetmap.org"]);
    const amap = pageContentSecurityPolicy({ ...base, tileUrl: "https://webrd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}" });
    expect(directives(amap).get("img-src")).toEqual(["'self'", "data:", "https://*.is.autonavi.com"]);
    expect(directives(pageContentSecurityPolicy({ ...base, tileUrl: "/tiles/{z}/{x}/{y}.png" })).get("img-src")).toEqual(["'self'", "data:"]);
  });

  it("locks down everything else", () => {
    const policy = directives(pageContentSecurityPolicy(base));
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
    expect(policy.get("worker-src")).toEqual(["'self'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("frame-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
  });

  it("lets forms reach the single sign-on issuer when it is configured", () => {
    const policy = directives(pageContentSecurityPolicy({ ...base, oidcIssuer: "https://sso.example-bank.cn/realms/staff" }));
    expect(policy.get("form-action")).toEqual(["'self'", "https://sso.example-bank.cn"]);
  });

  it("upgrades sub-resources only on HTTPS", () => {
    expect(directives(pageContentSecurityPolicy(base)).has("upgrade-insecure-requests")).toBe(false);
    expect(directives(pageContentSecurityPolicy({ ...base, https: true })).get("upgrade-insecure-requests")).toEqual([]);
  });

  it("allows what next dev needs only in development", () => {
    const policy = directives(pageContentSecurityPolicy({ ...base, development: true }));
    expect(policy.get("script-src")).toContain("'unsafe-eval'");
    expect(policy.get("style-src-elem")).toEqual(["'self'", "'unsafe-inline'"]);
  });
});

describe("securityHeaders", () => {
  const options = { ...base, pathname: "/" };

  it("gives pages the nonce policy and API answers one that loads nothing", () => {
    expect(securityHeaders(options).get("content-security-policy")).toContain("'nonce-bm9uY2U='");
    for (const pathname of ["/api/v1/stations", "/api/auth/get-session", "/api"]) {
      expect(securityHeaders({ ...options, pathname }).get("content-security-policy")).toBe(API_CONTENT_SECURITY_POLICY);
    }
    expect(directives(API_CONTENT_SECURITY_POLICY).get("default-src")).toEqual(["'none'"]);
    // A page whose path merely starts with "api" is still a page.
    expect(securityHeaders({ ...options, pathname: "/apiary" }).get("content-security-policy")).toContain("'nonce-");
  });

  it("always sends the request-independent headers", () => {
    const headers = securityHeaders(options);
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(headers.get("x-frame-options")).toBe("DENY");
    const permissions = headers.get("permissions-policy")!.split(", ");
    expect(permissions).toContain("geolocation=(self)");
    expect(permissions).toContain("camera=()");
    expect(permissions).toContain("microphone=()");
    // Only geolocation is granted to anyone.
    expect(permissions.filter((p) => !p.endsWith("=()"))).toEqual(["geolocation=(self)"]);
  });

  it("sends HSTS only over HTTPS", () => {
    expect(securityHeaders(options).has("strict-transport-security")).toBe(false);
    expect(securityHeaders({ ...options, https: true }).get("strict-transport-security")).toMatch(/^max-age=\d{8}; includeSubDomains$/);
  });

  it("gives Next's build output the same request-independent headers (next.config.js keeps a copy)", () => {
    expect(staticSecurityHeaders).toEqual(STATIC_SECURITY_HEADERS);
  });
});

describe("servedOverHttps", () => {
  const plain = new Headers({ host: "127.0.0.1:3000" });

  it("follows a configured https origin", () => {
    expect(servedOverHttps(plain, "http:", ["https://yizhan.example.cn", undefined])).toBe(true);
    expect(servedOverHttps(plain, "http:", [undefined, "https://yizhan.example.cn"])).toBe(true);
    expect(servedOverHttps(plain, "http:", ["http://yizhan.example.cn", undefined])).toBe(false);
  });

  it("follows the reverse proxy's first X-Forwarded-Proto, or the request itself", () => {
    expect(servedOverHttps(new Headers({ "x-forwarded-proto": "https" }), "http:", [])).toBe(true);
    expect(servedOverHttps(new Headers({ "x-forwarded-proto": "https, http" }), "http:", [])).toBe(true);
    expect(servedOverHttps(new Headers({ "x-forwarded-proto": "http" }), "http:", [])).toBe(false);
    expect(servedOverHttps(plain, "https:", [])).toBe(true);
    expect(servedOverHttps(plain, "http:", [])).toBe(false);
  });
});

describe("createNonce", () => {
  it("is fresh each time and a valid CSP nonce (base64 of 128 bits)", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
