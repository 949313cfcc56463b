import type { MetadataRoute } from "next";
import common from "@/messages/zh-CN/common.json";

/**
 * /manifest.webmanifest. Browsers fetch it without the language cookie, so it is always the Chinese one;
 * the names come from the Chinese messages rather than being repeated here.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: common.siteName,
    short_name: common.siteName,
    description: common.siteDescription,
    lang: "zh-CN",
    dir: "ltr",
    start_url: "/",
    scope: "/",
    display: "standalone",
    theme_color: "#c7000b",
    background_color: "#f6f7f9",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
    ],
  };
}
