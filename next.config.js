/** @type {import('next').NextConfig} */
const nextConfig = {
  // `npm test` type-checks the whole project (npm run typecheck); the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // No `X-Powered-By: Next.js`. The security headers (CSP with a per-request nonce, frame, sniffing,
  // referrer, permissions, HSTS over https, no-store on signed-in APIs) are set in proxy.ts.
  poweredByHeader: false,
  // Server action bodies: proxy.ts refuses larger ones with 413 first (MAX_ACTION_BODY_BYTES in
  // lib/server/http/request-guard.ts); this is Next's own limit, kept equal.
  // proxy.ts runs before every route, and Next buffers the body for it up to this size and cuts
  // off the rest: above the import upload's limit (20 MB and the form around it, app/api/imports),
  // so the route sees a larger body whole enough to refuse it with its own 413.
  experimental: { serverActions: { bodySizeLimit: "1mb" }, proxyClientMaxBodySize: "22mb" },
  // Loaded from node_modules at run time rather than bundled: the PDF renderer reads its font files by
  // path, PGlite loads its WebAssembly and data files next to its own module.
  serverExternalPackages: [
    "pdfkit",
    "fontkit",
    "@expo-google-fonts/noto-serif-sc",
    "@expo-google-fonts/noto-sans-sc",
    "lxgw-wenkai-webfont",
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "pg",
  ],
};

export default nextConfig;
