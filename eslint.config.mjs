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
  {
    // Routes may be renamed or moved; UI that imported from them would break. Server actions live
    // beside their domain module in lib/server.
    files: ["components/**/*.ts", "components/**/*.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/app/*", "**/app/**"], message: "components/ never imports from app/: use lib/ (server actions live in lib/server/<domain>/actions.ts)." }] }],
    },
  },
  {
    // An import cycle is a concept split across modules that need each other: move what they
    // share into its own module.
    files: ["**/*.ts", "**/*.tsx", "**/*.mjs"],
    ignores: ["lib/generated/**"],
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
];

export default config;
