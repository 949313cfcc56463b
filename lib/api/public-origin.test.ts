import { describe, expect, it } from "vitest";
import { publicOrigin } from "@/lib/api/public-origin";

describe("publicOrigin", () => {
  it("prefers the configured base URL, without a trailing slash", () => {
    expect(publicOrigin(new Headers({ host: "10.0.0.5:3000" }), "https://yizhan.example.cn/")).toBe("https://yizhan.example.cn");
  });

  it("takes the proxy's forwarded host and protocol, first hop only", () => {
    const headers = new Headers({ host: "127.0.0.1:3000", "x-forwarded-host": "yizhan.example.cn, proxy.internal", "x-forwarded-proto": "https,http" });
    expect(publicOrigin(headers)).toBe("https://yizhan.example.cn");
  });

  it("falls back to the Host header over plain HTTP", () => {
    expect(publicOrigin(new Headers({ host: "localhost:3000" }))).toBe("http://localhost:3000");
    expect(publicOrigin(new Headers({ host: "[::1]:3000" }))).toBe("http://[::1]:3000");
  });

  it("refuses a host that is not a host", () => {
    expect(publicOrigin(new Headers({ host: "evil.example/<script>" }))).toBe("http://localhost");
    expect(publicOrigin(new Headers({ "x-forwarded-host": "a b" }))).toBe("http://localhost");
    expect(publicOrigin(new Headers())).toBe("http://localhost");
  });
});
