/** @type {import('next').NextConfig} */
const nextConfig = {
  // `npm test` type-checks the whole project (npm run typecheck); the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // Loaded from node_modules at run time rather than bundled: pdfmake reads its font files by
  // path, PGlite loads its WebAssembly and data files next to its own module.
  serverExternalPackages: [
    "pdfmake",
    "pdfkit",
    "fontkit",
    "@expo-google-fonts/noto-serif-sc",
    "@expo-google-fonts/noto-sans-sc",
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "pg",
  ],
};

export default nextConfig;
