// Types of next.config.js's exports, for the test that compares its header list with lib/security-headers.ts.
import type { NextConfig } from "next";

export declare const staticSecurityHeaders: ReadonlyArray<{ key: string; value: string }>;
declare const nextConfig: NextConfig;
export default nextConfig;
