import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { E2E_PORT } from "../playwright.config";

const STATE_FILE = join(tmpdir(), `gov-report-e2e-${E2E_PORT}.json`);

async function waitForServer(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok || response.status === 307 || response.status === 308) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer at ${url} within ${timeoutMs} ms`);
}

/**
 * Builds the app (proving the build never opens the database: DATA_DIR must not appear) and
 * starts the production server on a fresh embedded database.
 */
export default async function globalSetup() {
  const dataDir = join(mkdtempSync(join(tmpdir(), "gov-report-e2e-")), "data");
  if (!process.env.E2E_SKIP_BUILD) {
    const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
      stdio: "inherit",
      env: { ...process.env, DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) throw new Error("next build failed");
    if (existsSync(dataDir)) throw new Error(`next build opened the database: ${dataDir} was created`);
  }
  rmSync(dataDir, { recursive: true, force: true });
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(E2E_PORT)], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(E2E_PORT), NEXT_TELEMETRY_DISABLED: "1", GOV_REPORT_HIDE_DEMO_ACCOUNTS: "1" },
    detached: false,
  });
  writeFileSync(STATE_FILE, JSON.stringify({ pid: server.pid, dataDir }));
  await waitForServer(`http://localhost:${E2E_PORT}/login`, 60_000);
}

export { STATE_FILE };
