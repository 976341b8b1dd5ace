import "server-only";
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import type { PrismaClient } from "../../generated/prisma/client";
import { getDatabase } from "../db";
import type { Database } from "../db/open-database";
import { claimJob, executeJob, failRun, JOB_LIMITS, JOB_MESSAGES, type ClaimedJob } from "./run-job";

/*
 * Who runs the background jobs (architecture item 14), chosen by the database:
 *
 * - PGlite (embedded, one process per data directory): an in-process runner. The BackgroundJob
 *   table is the queue — a worker loop claims the oldest QUEUED row — so nothing lives only in
 *   memory: a job queued or running when the process stopped is run again on the next start.
 * - PostgreSQL: pg-boss (schema "pgboss" in the same database, over the app's own connection
 *   pool). It carries only the row's id; any instance's worker may fetch it, claim the row and
 *   run it, and state, progress and result are written to the row, so every instance answers a
 *   progress or download request for any job.
 *
 * A worker that dies (crash, kill -9, power) leaves its row RUNNING with a heartbeat that stops
 * moving. Every instance sweeps every 30 s: a RUNNING row whose heartbeat is older than 90 s is
 * run again from the start (QUEUED, handed to pg-boss anew) until it has had 3 runs, then it
 * fails with a message saying so; pg-boss's own retries are off (retryLimit 0) because the row,
 * not pg-boss, knows whether the job really ran. A QUEUED row whose pg-boss job was lost (the
 * send failed, or pg-boss expired it) is handed over again. Stopping (tests, shutdown) puts
 * running jobs back in the queue and hands them on.
 *
 * The workers start with the server (startJobWorkers in prepareServer) and, lazily, on the
 * first request that needs them (jobRuntimeFor); `next build` never starts them, and
 * stopJobWorkers / stopAllJobWorkers end every timer and worker so tests and scripts exit.
 */

/** The pg-boss queue that carries job row ids. */
export const JOB_QUEUE = "gov-report-jobs";

/** Jobs one instance runs at once (rendering itself is spread over the render pool). */
const DEFAULT_CONCURRENCY = 2;
const SWEEP_INTERVAL_MS = 30_000;
/** How often an idle pg-boss worker looks for work (a job sent by this instance wakes it at once). */
const DEFAULT_POLLING_SECONDS = 2;

export interface JobWorkerOptions {
  /** Jobs run at once by this instance (default 2). */
  concurrency?: number;
  /** Size of stored result pieces (tests use small ones). */
  chunkBytes?: number;
  /** pg-boss polling interval in seconds (default 2). */
  pollingIntervalSeconds?: number;
}

/** The running workers of one database. */
export interface JobRuntime {
  readonly kind: "in-process" | "pg-boss";
  /** Hands a new QUEUED row (with its dispatch id) to a worker. */
  dispatch(jobId: string, dispatchId: string): Promise<void>;
  /** Gives up stale runs, hands lost ones over again and deletes expired jobs (also runs by itself every 30 s). */
  sweep(): Promise<void>;
  /** Stops the workers, putting running jobs back in the queue; resolves when they have stopped. */
  stop(): Promise<void>;
}

/** Gives up runs whose heartbeat stopped: queued again while runs are left, else failed. Returns the ids queued again. */
async function recoverStaleRuns(prisma: PrismaClient, olderThan: Date | null): Promise<string[]> {
  const stale = await prisma.backgroundJob.findMany({
    where: { status: "RUNNING", ...(olderThan && { heartbeatAt: { lt: olderThan } }) },
    select: { id: true, kind: true, userId: true, params: true, attempt: true },
  });
  const requeued: string[] = [];
  for (const job of stale as ClaimedJob[]) {
    if (job.attempt >= JOB_LIMITS.maxAttempts) {
      await failRun(prisma, job, JOB_MESSAGES.crashed);
      continue;
    }
    // Conditional on the same run and a still stale heartbeat: of several sweeping instances one wins.
    const { count } = await prisma.backgroundJob.updateMany({
      where: { id: job.id, status: "RUNNING", attempt: job.attempt, ...(olderThan && { heartbeatAt: { lt: olderThan } }) },
      data: { status: "QUEUED", done: 0, heartbeatAt: new Date() },
    });
    if (count === 1) requeued.push(job.id);
  }
  return requeued;
}

async function deleteExpiredJobs(prisma: PrismaClient): Promise<void> {
  await prisma.backgroundJob.deleteMany({ where: { finishedAt: { lt: new Date(Date.now() - JOB_LIMITS.retentionMs) } } });
}

function logSweepError(error: unknown) {
  console.warn("[gov-report] background jobs: sweep failed", error);
}

/** PGlite: worker loops in this process, the BackgroundJob table as the queue. */
class InProcessRuntime implements JobRuntime {
  readonly kind = "in-process" as const;
  private readonly controller = new AbortController();
  private readonly loops = new Set<Promise<void>>();
  private wanted = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: JobWorkerOptions,
  ) {}

  async start(): Promise<void> {
    // One process per data directory: whatever is RUNNING now was running when the last one stopped.
    await recoverStaleRuns(this.prisma, null);
    await deleteExpiredJobs(this.prisma);
    this.timer = setInterval(() => void this.sweep().catch(logSweepError), SWEEP_INTERVAL_MS);
    this.timer.unref();
    this.kick();
  }

  async dispatch(): Promise<void> {
    this.kick();
  }

  async sweep(): Promise<void> {
    await recoverStaleRuns(this.prisma, new Date(Date.now() - JOB_LIMITS.staleAfterMs));
    await deleteExpiredJobs(this.prisma);
    this.kick();
  }

  /** Makes sure a loop will look at the queue: a new one when fewer than `concurrency` run, else a running one looks again. */
  private kick() {
    if (this.controller.signal.aborted) return;
    this.wanted = true;
    while (this.loops.size < (this.options.concurrency ?? DEFAULT_CONCURRENCY)) {
      const loop = this.loop().finally(() => {
        this.loops.delete(loop);
        // Asked to look again after this loop's last look: start another.
        if (this.wanted) this.kick();
      });
      this.loops.add(loop);
    }
  }

  private async loop(): Promise<void> {
    try {
      while (this.wanted && !this.controller.signal.aborted) {
        this.wanted = false;
        for (let job = await claimJob(this.prisma); job; job = this.controller.signal.aborted ? null : await claimJob(this.prisma)) {
          // Another job may be waiting behind this one: look again when done.
          this.wanted = true;
          await executeJob(this.prisma, job, { signal: this.controller.signal, chunkBytes: this.options.chunkBytes });
        }
      }
    } catch (error) {
      if (!this.controller.signal.aborted) console.error("[gov-report] background jobs: worker loop failed", error);
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.controller.abort();
    await Promise.allSettled([...this.loops]);
  }
}

/** The pg-boss job states in which it will still be (or is being) delivered to a worker. */
const PENDING_STATES = new Set(["created", "retry", "active"]);

/** PostgreSQL: pg-boss over the app's pool, workers in every instance. */
class PgBossRuntime implements JobRuntime {
  readonly kind = "pg-boss" as const;
  private readonly controller = new AbortController();
  private boss: PgBoss | undefined;
  private workerIds: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly db: Database,
    private readonly options: JobWorkerOptions,
  ) {}

  private get prisma(): PrismaClient {
    return this.db.prisma;
  }

  async start(): Promise<void> {
    const { default: PgBossClass } = await import("pg-boss");
    const boss = new PgBossClass({
      // The app's pool (lib/server/db/open-database.ts): no second pool to size or to close.
      db: {
        executeSql: async (text: string, values: unknown[]) => {
          if (this.closed) throw new Error("background jobs stopped");
          const rows = await this.db.sql.query<unknown>(text, values);
          return { rows: Array.isArray(rows) ? rows : [] };
        },
      },
      schema: "pgboss",
      // No cron schedules; maintenance (expiry, archiving) stays on.
      schedule: false,
      supervise: true,
      migrate: true,
    });
    boss.on("error", (error: Error) => {
      if (!this.closed) console.warn(`[gov-report] background jobs (pg-boss): ${error.message}`);
    });
    await boss.start();
    await boss.createQueue(JOB_QUEUE, { name: JOB_QUEUE, policy: "standard", retryLimit: 0, expireInSeconds: this.expireInSeconds });
    this.boss = boss;
    for (let i = 0; i < (this.options.concurrency ?? DEFAULT_CONCURRENCY); i++) {
      this.workerIds.push(
        await boss.work<{ jobId: string }>(JOB_QUEUE, { batchSize: 1, pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? DEFAULT_POLLING_SECONDS }, async ([job]) => {
          await this.run(job.data.jobId);
        }),
      );
    }
    await this.sweep().catch(logSweepError);
    this.timer = setInterval(() => void this.sweep().catch(logSweepError), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  /** pg-boss gives up a delivery a little after our own time limit stopped the run. */
  private get expireInSeconds(): number {
    return Math.ceil(JOB_LIMITS.timeLimitMs / 1000) + 300;
  }

  private async run(jobId: string | undefined): Promise<void> {
    if (typeof jobId !== "string" || this.controller.signal.aborted) return;
    const job = await claimJob(this.prisma, jobId);
    // Claimed elsewhere, finished, or a duplicate delivery: nothing to do.
    if (!job) return;
    await executeJob(this.prisma, job, { signal: this.controller.signal, chunkBytes: this.options.chunkBytes, onRequeued: (id) => this.redispatch(id) });
  }

  async dispatch(jobId: string, dispatchId: string): Promise<void> {
    const boss = this.boss;
    if (!boss || this.controller.signal.aborted) throw new Error("background jobs stopped");
    await boss.send(JOB_QUEUE, { jobId }, { id: dispatchId, retryLimit: 0, expireInSeconds: this.expireInSeconds });
    // Wake this instance's idle workers instead of waiting for their next poll.
    for (const id of this.workerIds) boss.notifyWorker(id);
  }

  /** Hands a QUEUED row to pg-boss under a new dispatch id (only if nobody did so meanwhile). */
  private async redispatch(jobId: string, previous?: string | null): Promise<void> {
    const dispatchId = randomUUID();
    const { count } = await this.prisma.backgroundJob.updateMany({
      where: { id: jobId, status: "QUEUED", ...(previous !== undefined && { dispatchId: previous }) },
      data: { dispatchId, heartbeatAt: new Date() },
    });
    if (count !== 1) return;
    const boss = this.boss;
    if (!boss) return;
    await boss.send(JOB_QUEUE, { jobId }, { id: dispatchId, retryLimit: 0, expireInSeconds: this.expireInSeconds });
    for (const id of this.workerIds) boss.notifyWorker(id);
  }

  async sweep(): Promise<void> {
    const cutoff = new Date(Date.now() - JOB_LIMITS.staleAfterMs);
    for (const id of await recoverStaleRuns(this.prisma, cutoff)) await this.redispatch(id);
    // Queued for a while: hand over again unless its pg-boss job is still waiting or running.
    const waiting = await this.prisma.backgroundJob.findMany({ where: { status: "QUEUED", heartbeatAt: { lt: cutoff } }, select: { id: true, dispatchId: true } });
    for (const job of waiting) {
      const carrier = job.dispatchId ? await this.boss?.getJobById(JOB_QUEUE, job.dispatchId) : null;
      if (carrier && PENDING_STATES.has(carrier.state)) continue;
      await this.redispatch(job.id, job.dispatchId);
    }
    await deleteExpiredJobs(this.prisma);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    // Running jobs see the abort, go back to the queue and are sent on while pg-boss still runs.
    this.controller.abort();
    try {
      await this.boss?.stop({ graceful: true, wait: true, timeout: 15_000 });
    } finally {
      this.closed = true;
    }
  }
}

/*
 * One runtime per database, per process: kept on globalThis because Next.js may load this
 * module once per route bundle, and each copy must not start workers of its own.
 */
const STATE_KEY = Symbol.for("gov-report.background-jobs");
const globalState = globalThis as typeof globalThis & { [STATE_KEY]?: Map<PrismaClient, Promise<JobRuntime>> };
const runtimes = (globalState[STATE_KEY] ??= new Map());

/** Starts the background workers for a database (once; later calls return the same runtime). */
export function startJobWorkers(db: Database, options: JobWorkerOptions = {}): Promise<JobRuntime> {
  const existing = runtimes.get(db.prisma);
  if (existing) return existing;
  const runtime: Promise<JobRuntime> = (async () => {
    const created = db.kind === "postgresql" ? new PgBossRuntime(db, options) : new InProcessRuntime(db.prisma, options);
    try {
      await created.start();
    } catch (error) {
      await created.stop().catch(() => undefined);
      throw error;
    }
    return {
      kind: created.kind,
      dispatch: (jobId, dispatchId) => created.dispatch(jobId, dispatchId),
      sweep: () => created.sweep(),
      // A stopped runtime is forgotten, so the next start makes a new one.
      stop: async () => {
        if (runtimes.get(db.prisma) === runtime) runtimes.delete(db.prisma);
        await created.stop();
      },
    };
  })();
  runtimes.set(db.prisma, runtime);
  runtime.catch(() => {
    if (runtimes.get(db.prisma) === runtime) runtimes.delete(db.prisma);
  });
  return runtime;
}

/**
 * The runtime of the database this Prisma client belongs to: the one started for it, or — for
 * the server's own database — started now (the first request that needs the workers).
 */
export async function jobRuntimeFor(prisma: PrismaClient): Promise<JobRuntime> {
  const started = runtimes.get(prisma);
  if (started) return started;
  const db = await getDatabase();
  if (db.prisma !== prisma) throw new Error("background jobs: no workers started for this database (call startJobWorkers first)");
  return startJobWorkers(db);
}

/** Stops the workers of one database (before closing it). */
export async function stopJobWorkers(db: Pick<Database, "prisma">): Promise<void> {
  const runtime = runtimes.get(db.prisma);
  if (!runtime) return;
  runtimes.delete(db.prisma);
  await (await runtime.catch(() => null))?.stop();
}

/** Stops every runtime of this process (shutdown, end of a script). */
export async function stopAllJobWorkers(): Promise<void> {
  const all = [...runtimes.values()];
  runtimes.clear();
  await Promise.allSettled(all.map(async (r) => (await r.catch(() => null))?.stop()));
}

/** Starts this process's workers for the server's database if they are not running, without waiting (requests that read jobs). */
export function wakeJobWorkers(prisma: PrismaClient): void {
  if (runtimes.has(prisma)) return;
  void jobRuntimeFor(prisma).catch((error: unknown) => console.warn("[gov-report] background jobs: workers not started", error));
}
