import type { NextConfig } from "next";

// For every response, API and static files included. Pages also get a Content-Security-Policy with
// a per-request nonce (proxy.ts); HSTS is sent by server.mjs when the request came over HTTPS.
const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const config: NextConfig = {
  // Tests build into their own folder so they never disturb a running demo's build.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  compress: process.env.NEXT_COMPRESS !== "false",
  serverExternalPackages: ["@node-rs/argon2", "pg", "pg-boss", "@prisma/adapter-pg", "csv-parse", "pg-copy-streams"],
  experimental: { authInterrupts: true },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default config;
