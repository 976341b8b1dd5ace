import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { isPdfjsException } from "./lib/import/pdf/pdfjs-exceptions";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // `server-only` throws outside React Server Components; tests run server code directly.
      "server-only": fileURLToPath(new URL("./lib/test-support/empty-module.ts", import.meta.url)),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "templates/**/*.test.ts", "components/**/*.test.{ts,tsx}", "app/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    // Auth in integration tests must not create a secret file in ./data.
    env: { BETTER_AUTH_SECRET: "test-only-secret-0123456789abcdef0123456789abcdef" },
    hookTimeout: 60_000,
    // pdf.js's in-process worker may leave a rejection unheard when the damaged-PDF fuzz tests
    // abandon a parse (lib/import/pdf/read-pdf.ts, ignorePdfjsRejections); only those are let go.
    onUnhandledError: (error) => !isPdfjsException(error),
  },
});
