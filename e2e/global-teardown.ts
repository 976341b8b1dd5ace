import { existsSync, readFileSync, rmSync } from "node:fs";
import pg from "pg";
import { POSTGRES_ADMIN_URL, STATE_FILE, type E2eState } from "./global-setup";

/** Stops a server's whole process group (`next start` forks the server itself). */
function stop(pid: number) {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, "SIGTERM");
      return;
    } catch {
      // not a group leader, or already gone
    }
  }
}

export default async function globalTeardown() {
  if (!existsSync(STATE_FILE)) return;
  const state = JSON.parse(readFileSync(STATE_FILE, "utf8")) as E2eState;
  stop(state.pid);
  if (state.postgres) stop(state.postgres.pid);
  await new Promise((r) => setTimeout(r, 500));
  rmSync(state.dataDir, { recursive: true, force: true });
  if (state.postgres) {
    rmSync(state.postgres.dataDir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${state.postgres.database}" WITH (FORCE)`);
    await admin.end();
  }
  rmSync(STATE_FILE, { force: true });
}
