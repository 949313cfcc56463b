import createNextIntlPlugin from "next-intl/plugin";

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
        // Older WebViews (WeChat's among them) still read the worker script through the HTTP cache, which
        // would hold a fixed worker back for up to a day.
        source: "/sw.js",
        headers: [{ key: "Cache-Control", value: "no-cache" }],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
