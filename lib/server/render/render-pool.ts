import "server-only";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import type * as NodeModule from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Piscina } from "piscina";
import type { ExportFormat, RenderedFile, RenderReply, RenderTask } from "../../render/worker/render-protocol";

/*
 * The one owner of CPU-heavy rendering (architecture item 15): every DOCX, PDF, HTML and JSON
 * export runs in a piscina pool of worker threads, never on the request thread.
 *
 * The workers load dist/render-worker.mjs, a standalone bundle of lib/render/worker/render-worker.ts
 * made by scripts/build-render-worker.mjs (`npm ci` and `npm run build` run it). It is found at
 * <project root>/dist/render-worker.mjs, the project root being the working directory when it
 * holds this project's package.json (next start, npm scripts, vitest), else the nearest such
 * folder above this module (the CLI started from elsewhere); GOV_REPORT_RENDER_WORKER overrides
 * the path. Outside production the pool rebuilds the bundle when one of its sources changed, so
 * `next dev` and the tests never render with stale code; in production a missing bundle is an
 * error naming the command that builds it.
 */

/** The command that builds the worker bundle (named in the error when it is missing). */
export const RENDER_WORKER_BUILD_COMMAND = "npm run build:worker";

/** The most threads the default sizing uses: renders are short, each thread holds ≈100 MB of fonts. */
const DEFAULT_MAX_THREADS = 4;
/** Threads above the first one stop after this long without work. */
const IDLE_TIMEOUT_MS = 60_000;
/** Outside production, how often a render may check the bundle against its sources. */
const STALE_CHECK_INTERVAL_MS = 1_000;

/** The bundle is missing (or cannot be built); rendering is refused rather than done in-thread. */
export class RenderWorkerMissingError extends Error {
  constructor(path: string, cause?: unknown) {
    super(`The render worker bundle ${path} is missing: build it with \`${RENDER_WORKER_BUILD_COMMAND}\` (npm ci and npm run build do it too).`, { cause });
    this.name = "RenderWorkerMissingError";
  }
}

/**
 * Worker threads: GOV_REPORT_RENDER_THREADS when set (1–64), else the available cores,
 * between 1 and 4.
 */
export function renderThreadCount(env: Record<string, string | undefined> = process.env, cores = availableParallelism()): number {
  const configured = env.GOV_REPORT_RENDER_THREADS?.trim();
  if (configured) {
    if (!/^\d+$/.test(configured) || Number(configured) < 1 || Number(configured) > 64) {
      throw new Error(`GOV_REPORT_RENDER_THREADS must be a whole number from 1 to 64, not "${configured}".`);
    }
    return Number(configured);
  }
  return Math.min(DEFAULT_MAX_THREADS, Math.max(1, cores));
}

function isProjectRoot(dir: string): boolean {
  try {
    return (JSON.parse(readFileSync(/*turbopackIgnore: true*/ join(dir, "package.json"), "utf8")) as { name?: string }).name === "gov-report";
  } catch {
    return false;
  }
}

let root: string | undefined;

/** The project folder: the working directory, or the nearest folder above this module, holding our package.json. */
export function projectRoot(): string {
  if (root) return root;
  const cwd = /*turbopackIgnore: true*/ process.cwd();
  if (isProjectRoot(cwd)) return (root = cwd);
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    if (isProjectRoot(dir)) return (root = dir);
  }
  return (root = cwd);
}

/** Where the workers' bundle is (see the top of this file). */
export function renderWorkerPath(env: Record<string, string | undefined> = process.env): string {
  return env.GOV_REPORT_RENDER_WORKER || join(projectRoot(), "dist", "render-worker.mjs");
}

/** True when the bundle is older than one of the sources it was built from (or lists none). */
function isStale(bundle: string): boolean {
  const inputsFile = join(dirname(bundle), "render-worker.inputs.json");
  if (!existsSync(/*turbopackIgnore: true*/ bundle) || !existsSync(/*turbopackIgnore: true*/ inputsFile)) return true;
  const built = statSync(/*turbopackIgnore: true*/ bundle).mtimeMs;
  const { inputs } = JSON.parse(readFileSync(/*turbopackIgnore: true*/ inputsFile, "utf8")) as { inputs: string[] };
  return inputs.some((input) => {
    const path = join(/*turbopackIgnore: true*/ projectRoot(), input);
    return !existsSync(/*turbopackIgnore: true*/ path) || statSync(/*turbopackIgnore: true*/ path).mtimeMs > built;
  });
}

function buildBundle(bundle: string): void {
  const script = join(projectRoot(), "scripts", "build-render-worker.mjs");
  const result = spawnSync(process.execPath, [script, "--quiet"], { cwd: projectRoot(), encoding: "utf8" });
  if (result.status !== 0) throw new RenderWorkerMissingError(bundle, new Error(result.stderr || result.error?.message || "build failed"));
}

/** piscina, loaded by Node at run time: bundled, it could not find its own worker file. */
function loadPiscina(): typeof Piscina {
  const { createRequire } = process.getBuiltinModule("node:module") as unknown as typeof NodeModule;
  const piscina = createRequire(join(projectRoot(), "package.json"))("piscina") as typeof Piscina & { Piscina?: typeof Piscina };
  return piscina.Piscina ?? piscina;
}

/** Per-format counts of renders asked of the pool. */
type FormatCounts = Record<ExportFormat, number>;

interface PoolState {
  pool?: Piscina;
  bundle?: string;
  lastCheck: number;
  submitted: number;
  completed: number;
  failed: number;
  byFormat: FormatCounts;
}

/*
 * One pool per process, kept on globalThis: Next.js may load this module once per route bundle
 * and again after a hot reload, and each copy must not start threads of its own.
 */
const STATE_KEY = Symbol.for("gov-report.render-pool");
const globalState = globalThis as typeof globalThis & { [STATE_KEY]?: PoolState };

function state(): PoolState {
  return (globalState[STATE_KEY] ??= { lastCheck: 0, submitted: 0, completed: 0, failed: 0, byFormat: { docx: 0, pdf: 0, html: 0, json: 0 } });
}

function createPool(bundle: string): Piscina {
  const threads = renderThreadCount();
  const PiscinaPool = loadPiscina();
  return new PiscinaPool({
    filename: pathToFileURL(bundle).href,
    minThreads: 1,
    maxThreads: threads,
    idleTimeout: IDLE_TIMEOUT_MS,
    // The bundle needs no loader or flag of the host (vitest's, tsx's), only Node.
    execArgv: [],
  });
}

/** The pool, started on first use; outside production rebuilt (and restarted) when the bundle is stale. */
function currentPool(): Piscina {
  const s = state();
  const bundle = renderWorkerPath();
  const autoBuild = process.env.NODE_ENV !== "production" && !process.env.GOV_REPORT_RENDER_WORKER;
  const now = Date.now();
  if (autoBuild && (!s.pool || now - s.lastCheck > STALE_CHECK_INTERVAL_MS)) {
    s.lastCheck = now;
    if (isStale(bundle)) {
      buildBundle(bundle);
      // In-flight renders finish on the old threads; new ones go to threads with the new code.
      void s.pool?.close().catch(() => undefined);
      s.pool = undefined;
    }
  }
  if (!s.pool || s.bundle !== bundle) {
    if (!existsSync(/*turbopackIgnore: true*/ bundle)) throw new RenderWorkerMissingError(bundle);
    void s.pool?.close().catch(() => undefined);
    s.pool = createPool(bundle);
    s.bundle = bundle;
  }
  return s.pool;
}

/** A file rendered by the pool: binary bodies as a Buffer over the transferred bytes. */
export type PoolRenderedFile = Omit<RenderedFile, "body"> & { body: string | Buffer };

export type PoolRender =
  | { ok: true; file: PoolRenderedFile; threadId: number; renderMs: number }
  | { ok: false; reason: "invalid-content"; threadId: number; renderMs: number };

/** Renders in a worker thread and waits for it; queued while all threads are busy. */
export async function renderInPool(task: RenderTask): Promise<PoolRender> {
  const pool = currentPool();
  const s = state();
  s.submitted++;
  s.byFormat[task.format]++;
  let reply: RenderReply;
  try {
    reply = (await pool.run(task)) as RenderReply;
  } catch (error) {
    s.failed++;
    throw error;
  }
  s.completed++;
  if (!reply.ok) return reply;
  const { body } = reply.file;
  return { ...reply, file: { ...reply.file, body: typeof body === "string" ? body : Buffer.from(body) } };
}

/** What the pool is doing, for the benchmark and for tests. */
export interface RenderPoolStats {
  /** Threads running now, and the most the pool starts. */
  threads: number;
  maxThreads: number;
  /** Renders waiting for a free thread. */
  queued: number;
  /** Renders asked of the pool, finished, failed since the process started. */
  submitted: number;
  completed: number;
  failed: number;
  byFormat: FormatCounts;
  /** Median milliseconds a render waited for a thread and ran (piscina's histograms; 0 before any). */
  waitMsP50: number;
  runMsP50: number;
}

export function renderPoolStats(): RenderPoolStats {
  const s = state();
  const pool = s.pool;
  return {
    threads: pool?.threads.length ?? 0,
    maxThreads: pool?.options.maxThreads ?? renderThreadCount(),
    queued: pool?.queueSize ?? 0,
    submitted: s.submitted,
    completed: s.completed,
    failed: s.failed,
    byFormat: { ...s.byFormat },
    waitMsP50: pool?.histogram.waitTime?.p50 ?? 0,
    runMsP50: pool?.histogram.runTime?.p50 ?? 0,
  };
}

/** Stops the threads (waiting for renders in flight); the next render starts a new pool. */
export async function closeRenderPool(): Promise<void> {
  const s = state();
  const pool = s.pool;
  s.pool = undefined;
  s.bundle = undefined;
  await pool?.close();
}
