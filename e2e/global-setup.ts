import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import { join } from "node:path";
import pg from "pg";
import { E2E_PORT, E2E_POSTGRES_PORT } from "../playwright.config";

const STATE_FILE = join(tmpdir(), `gov-report-e2e-${E2E_PORT}.json`);

/** The PostgreSQL server of the integration tests (CI starts it: .ci/run). */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/postgres";

/** What teardown must stop and remove. */
export interface E2eState {
  pid: number;
  dataDir: string;
  postgres?: { pid: number; database: string; url: string; dataDir: string };
}

/** A fresh PostgreSQL database for the second server (the same build, the other database). */
async function createPostgresDatabase(): Promise<{ database: string; url: string }> {
  const database = `gov_report_e2e_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL} (start it, or set TEST_POSTGRES_URL): ${(error as Error).message}`);
  }
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${database}`;
  return { database, url: url.toString() };
}

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
/** Fails when something already listens on `port`: the suite would test that server instead. */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`port ${port} is in use (another e2e run or app server?): stop it, or run the suite with E2E_PORT=<another port>`)
          : error,
      ),
    );
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

export default async function globalSetup() {
  await assertPortFree(E2E_PORT);
  await assertPortFree(E2E_POSTGRES_PORT);
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
    // Its own process group, so teardown stops `next start` and the server it forks.
    detached: true,
  });
  const state: E2eState = { pid: server.pid!, dataDir };
  writeFileSync(STATE_FILE, JSON.stringify(state));

  // The same build once more on PostgreSQL, for the specs that must hold on both databases
  // (e2e/input-fuzz.spec.ts). Its own DATA_DIR only keeps the lock-free auth secret out of ./data.
  const { database, url } = await createPostgresDatabase();
  const postgresDataDir = mkdtempSync(join(tmpdir(), "gov-report-e2e-pg-"));
  const postgresServer = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(E2E_POSTGRES_PORT)], {
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: url,
      DATA_DIR: postgresDataDir,
      PORT: String(E2E_POSTGRES_PORT),
      NEXT_TELEMETRY_DISABLED: "1",
      GOV_REPORT_HIDE_DEMO_ACCOUNTS: "1",
    },
    detached: true,
  });
  state.postgres = { pid: postgresServer.pid!, database, url, dataDir: postgresDataDir };
  writeFileSync(STATE_FILE, JSON.stringify(state));
  await Promise.all([waitForServer(`http://localhost:${E2E_PORT}/login`, 60_000), waitForServer(`http://localhost:${E2E_POSTGRES_PORT}/login`, 60_000)]);
}

export { STATE_FILE };
