import { defineConfig } from "@playwright/test";
import { fontconfigFile } from "./lib/test-support/fontconfig";

/** The server the e2e suite builds and starts itself (e2e/global-setup.ts). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
/** The same build served once more on PostgreSQL (global-setup.ts), for specs that cover both databases. */
export const E2E_POSTGRES_PORT = E2E_PORT + 1;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  globalSetup: "./e2e/global-setup.ts",
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    viewport: { width: 1366, height: 900 },
    acceptDownloads: true,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Playwright cannot download its browsers here: use Debian's Chromium.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // Chinese text in screenshots, also on machines without CJK system fonts.
      env: { ...process.env, FONTCONFIG_FILE: fontconfigFile() },
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"],
    },
  },
});
