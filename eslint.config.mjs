import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/** The core (lib/, templates/) stays framework-free so the browser, server and CLI share it. */
const FRAMEWORK_IMPORTS = {
  patterns: [
    { group: ["react", "react-dom", "react/*", "react-dom/*"], message: "lib/ is framework-free: React belongs in components/ or app/." },
    { group: ["next", "next/*"], message: "lib/ is framework-free: Next.js belongs in app/ or lib/server/." },
    { group: ["@prisma/*", "**/generated/prisma/**"], message: "Only lib/server/ may import Prisma." },
  ],
};

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "lib/generated/**"] },
  {
    files: ["lib/**/*.ts", "templates/**/*.ts"],
    ignores: ["lib/server/**"],
    rules: { "no-restricted-imports": ["error", FRAMEWORK_IMPORTS] },
  },
];

export default config;
