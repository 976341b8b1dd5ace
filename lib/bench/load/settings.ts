/**
 * What `npm run bench:load` runs, from the environment. GOV_REPORT_BENCH_SCALE multiplies every
 * client count, duration and seed size (0.1 gives a smoke run of well under two minutes); the
 * single variables override one number each.
 */
import { isIP } from "node:net";

function numberFrom(name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
  const text = process.env[name];
  if (text === undefined || text.trim() === "") return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`${name} must be a number from ${min} to ${max} (is "${text}")`);
  return value;
}

const scale = numberFrom("GOV_REPORT_BENCH_SCALE", 1, { min: 0.01, max: 4 });
const scaled = (name: string, full: number, min: number, max: number) => Math.round(numberFrom(name, Math.max(min, Math.round(full * scale)), { min, max }));

/** Loopback only: this benchmark must never send traffic anywhere else. */
export function assertLoopback(host: string): void {
  const bare = host.replace(/^\[(.*)\]$/, "$1");
  const loopback = bare === "localhost" || (isIP(bare) === 4 && bare.startsWith("127.")) || bare === "::1";
  if (!loopback) throw new Error(`refusing a non-loopback address: ${host} (the load benchmark only talks to 127.0.0.0/8 or ::1)`);
}

function postgresAdminUrl(): string {
  const url = process.env.GOV_REPORT_BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
  assertLoopback(new URL(url).hostname);
  return url;
}

export const SETTINGS = {
  scale,
  /** Which databases to run on: "pglite,postgresql" (default), or one of them. */
  databases: (process.env.GOV_REPORT_BENCH_DATABASES ?? "pglite,postgresql")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean) as ("pglite" | "postgresql")[],
  postgresAdminUrl: postgresAdminUrl(),
  /** Which scenarios to run, in this order: e (each read alone), a (reads), b (100 editors), c (one editor), d (reads again). */
  scenarios: new Set((process.env.GOV_REPORT_BENCH_SCENARIOS ?? "e,a,b,c,d").split(",").map((s) => s.trim())),
  /** The folder holding the production build (.next/BUILD_ID); the current folder by default. */
  appDir: process.env.GOV_REPORT_BENCH_APP_DIR ?? process.cwd(),
  /** Seed: agencies below the root (each with one editor and its own draft). */
  agencies: scaled("GOV_REPORT_BENCH_AGENCIES", 100, 6, 2000),
  /** Reviewers over the whole tree (the read clients share their sessions round-robin). */
  reviewers: scaled("GOV_REPORT_BENCH_REVIEWERS", 10, 1, 100),
  /** Share of agencies with a report waiting in the review queue, and with published reports. */
  submittedShare: 0.6,
  publishedShare: 0.2,
  /** Revisions of each published report (1 = first publication, then corrections). */
  revisions: Math.round(numberFrom("GOV_REPORT_BENCH_REVISIONS", 3, { min: 1, max: 10 })),

  /** Scenario (a): concurrent read clients and how long they run. */
  readClients: scaled("GOV_REPORT_BENCH_READ_CLIENTS", 200, 2, 2000),
  readSeconds: numberFrom("GOV_REPORT_BENCH_READ_SECONDS", Math.max(3, 60 * scale), { min: 1, max: 600 }),
  /** Pause of a read client between an answer and its next request (0: closed loop, as in the issue). */
  thinkMs: numberFrom("GOV_REPORT_BENCH_THINK_MS", 0, { min: 0, max: 60_000 }),
  /** Mix of the read clients' requests (weights). */
  readMix: { page: 4, pdf: 3, queue: 3 },
  /** Scenario (b): editors saving once a second each. */
  saveClients: scaled("GOV_REPORT_BENCH_SAVE_CLIENTS", 100, 1, 2000),
  saveSeconds: numberFrom("GOV_REPORT_BENCH_SAVE_SECONDS", Math.max(3, 30 * scale), { min: 1, max: 600 }),
  saveIntervalMs: numberFrom("GOV_REPORT_BENCH_SAVE_INTERVAL_MS", 1000, { min: 10, max: 60_000 }),
  /** Scenario (c): sequential saves of one editor alone. */
  singleSaves: scaled("GOV_REPORT_BENCH_SINGLE_SAVES", 200, 10, 100_000),
  /** Scenario (e): sequential requests of each read kind alone (review queue, page, PDF). */
  singleReads: scaled("GOV_REPORT_BENCH_SINGLE_READS", 100, 10, 100_000),
  /** Per-request client timeout (the clients gave up at 30 s). */
  timeoutMs: numberFrom("GOV_REPORT_BENCH_TIMEOUT_MS", 30_000, { min: 100, max: 120_000 }),
  /** Hard cap on requests per scenario, whatever the duration. */
  maxRequests: Math.round(numberFrom("GOV_REPORT_BENCH_MAX_REQUESTS", 1_000_000, { min: 1, max: 10_000_000 })),
  /** How long to wait for the server to answer after start. */
  startTimeoutMs: numberFrom("GOV_REPORT_BENCH_START_TIMEOUT_MS", 120_000, { min: 1000, max: 600_000 }),
  /** Extra node options for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it. */
  serverNodeArgs: (process.env.GOV_REPORT_BENCH_SERVER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean),
  /** Build the app when no build exists (1, default) or stop with the command to run (0). */
  buildIfMissing: process.env.GOV_REPORT_BENCH_BUILD !== "0",
};

export type Settings = typeof SETTINGS;
