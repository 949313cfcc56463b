import createNextIntlPlugin from "next-intl/plugin";

/** STATIC_SECURITY_HEADERS of lib/security-headers.ts, which this file cannot import (it is TypeScript). */
export const staticSecurityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  {
    key: "Permissions-Policy",
    value:
      "geolocation=(self), accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), encrypted-media=(), gyroscope=(), hid=(), idle-detection=(), magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()",
  },
  { key: "X-Frame-Options", value: "DENY" },
];

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // exceljs is a large CommonJS package with its own zip and stream code: Node loads it as it is
  // rather than the server bundle carrying a copy.
  serverExternalPackages: ["exceljs"],
  // The development server logs each request's URL; a nearest search's URL carries the reader's position
  // (near=lat,lng), which the directory promises never to record. `next start` logs no requests at all.
  logging: { incomingRequests: { ignore: [/[?&]near=/] } },
  async headers() {
    return [
      {
        // proxy.ts, which sets every security header, skips Next's hashed build output for speed; these are
        // the request-independent ones of lib/security-headers.ts (a unit test keeps the two lists equal).
        source: "/_next/static/:path*",
        headers: staticSecurityHeaders,
      },
      {
        // Older WebViews (WeChat's among them) still read the worker script through the HTTP cache, which
        // would hold a fixed worker back for up to a day.
        source: "/sw.js",
        headers: [{ key: "Cache-Control", value: "no-cache" }],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
