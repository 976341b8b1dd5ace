import "server-only";
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { assertPermission, type CurrentUser } from "../authz";
import { AppError } from "../errors";
import { jobDefinition } from "./definitions";
import type { JobProgress } from "./job-definition";
import { ChunkedResultWriter, deleteResultChunks, JobRunSupersededError, RESULT_CHUNK_BYTES } from "./job-results";

/*
 * One run of a background job, the same under both runtimes (runtime.ts): claim the row
 * (QUEUED → RUNNING, attempt + 1), run the kind's handler as the user who started it (read
 * afresh, permission checked again), write progress and a heartbeat while it runs, and end the
 * row DONE with its result or FAILED with a Chinese message. Every write names the run
 * (`attempt`) and changes nothing once the run was given up, so a worker that was thought dead
 * but was not cannot overwrite the run that replaced it.
 */

/** The timings and limits of job runs. */
export const JOB_LIMITS = {
  /** Progress is written at most this often (the last report always). */
  progressIntervalMs: 500,
  /** A running job's row is touched this often, even when its progress does not move. */
  heartbeatMs: 10_000,
  /** A RUNNING row untouched this long belongs to a worker that died (crash, kill, power). */
  staleAfterMs: 90_000,
  /** Runs of one job at most (a crash or a restart starts it over); then it fails. */
  maxAttempts: 3,
  /** One run may take this long; then it is stopped and fails. */
  timeLimitMs: 60 * 60_000,
  /** Finished jobs (and their results) are deleted this long after they finished. */
  retentionMs: 7 * 24 * 3_600_000,
};

/** Why a run is stopped from outside its handler. */
export type StopReason = "shutdown" | "timeout" | "superseded";

/** What users are told when a job fails. */
export const JOB_MESSAGES = {
  unexpected: "任务因系统错误未能完成，请稍后重试；如果问题持续，请联系管理员。",
  timeout: `任务运行超过 ${JOB_LIMITS.timeLimitMs / 60_000} 分钟仍未完成，已停止。请缩小范围后重试。`,
  crashed: `处理该任务的服务进程多次意外停止，任务已放弃，请重新发起。`,
  unknownKind: "系统不再支持这种任务，请重新发起。",
  userGone: "发起任务的账号已不存在。",
  badParams: "任务的参数不正确，请重新发起。",
  notQueued: "任务未能加入队列，请稍后重试。",
} as const;

/** A job a worker has claimed: its row as the run needs it. */
export interface ClaimedJob {
  id: string;
  kind: string;
  userId: string;
  params: unknown;
  attempt: number;
}

const CLAIM_SELECT = { id: true, kind: true, userId: true, params: true, attempt: true } as const;

/**
 * Claims a queued job for this worker: the one named (delivered by pg-boss), or the oldest
 * queued one (the in-process runner). A conditional update (`status = QUEUED`), so of two
 * workers claiming the same job exactly one gets it; null when there is nothing to claim.
 */
export async function claimJob(prisma: PrismaClient, jobId?: string): Promise<ClaimedJob | null> {
  for (;;) {
    const id = jobId ?? (await prisma.backgroundJob.findFirst({ where: { status: "QUEUED" }, orderBy: { createdAt: "asc" }, select: { id: true } }))?.id;
    if (!id) return null;
    const now = new Date();
    const { count } = await prisma.backgroundJob.updateMany({
      where: { id, status: "QUEUED" },
      data: { status: "RUNNING", attempt: { increment: 1 }, startedAt: now, heartbeatAt: now, done: 0, error: null },
    });
    if (count === 1) return prisma.backgroundJob.findUniqueOrThrow({ where: { id }, select: CLAIM_SELECT });
    // Someone else claimed it first; a named job is then not ours, the oldest one may be the next.
    if (jobId) return null;
  }
}

/** The user who started a job as the server sees them now, or null when the account is gone. */
export async function loadJobUser(prisma: PrismaClient | Prisma.TransactionClient, userId: string): Promise<CurrentUser | null> {
  const row = await prisma.user.findUnique({ where: { id: userId }, select: { id: true, name: true, username: true, role: true, agencyId: true } });
  return row && { id: row.id, name: row.name, username: row.username ?? "", role: row.role, agencyId: row.agencyId };
}

/** The run's own rows: RUNNING with its attempt. */
function owned(job: ClaimedJob) {
  return { id: job.id, status: "RUNNING" as const, attempt: job.attempt };
}

/** Ends the run as failed (its result pieces deleted with it); false when the run no longer owns the job. */
export async function failRun(prisma: PrismaClient, job: ClaimedJob, message: string): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.backgroundJob.updateMany({ where: owned(job), data: { status: "FAILED", error: message, finishedAt: new Date() } });
    if (count === 1) await deleteResultChunks(tx, job.id);
    return count === 1;
  });
}

/** Puts the job back in the queue (the server is stopping): true when it was requeued, false when the run no longer owned it. */
async function requeueRun(prisma: PrismaClient, job: ClaimedJob): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.backgroundJob.updateMany({ where: owned(job), data: { status: "QUEUED", done: 0, heartbeatAt: new Date() } });
    if (count === 1) await deleteResultChunks(tx, job.id);
    return count === 1;
  });
}

export interface ExecuteOptions {
  /** Aborted when the runtime stops: the run is then put back in the queue. */
  signal: AbortSignal;
  /** Told when the run was put back in the queue, so the runtime can hand it to another worker. */
  onRequeued?: (jobId: string) => Promise<void>;
  /** Size of the stored result pieces (tests use small ones). */
  chunkBytes?: number;
}

/** How a run ended, for the runtime and the tests. */
export type RunEnd = "done" | "failed" | "requeued" | "superseded";

/** Runs a claimed job to its end; never throws (every failure ends in the row). */
export async function executeJob(prisma: PrismaClient, job: ClaimedJob, options: ExecuteOptions): Promise<RunEnd> {
  const controller = new AbortController();
  const stop = (reason: StopReason) => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  const onShutdown = () => stop("shutdown");
  if (options.signal.aborted) stop("shutdown");
  else options.signal.addEventListener("abort", onShutdown, { once: true });
  const timeLimit = setTimeout(() => stop("timeout"), JOB_LIMITS.timeLimitMs);
  timeLimit.unref();

  // Progress and heartbeat: one write at a time, the latest progress wins, and a write that
  // finds the run no longer owning the job stops it.
  let latest: JobProgress | null = null;
  let lastWrite = 0;
  let writing: Promise<void> | null = null;
  const write = (): Promise<void> => {
    if (writing) return writing;
    const progress = latest;
    lastWrite = Date.now();
    writing = prisma.backgroundJob
      .updateMany({ where: owned(job), data: { heartbeatAt: new Date(), ...(progress && { done: progress.done, total: progress.total }) } })
      .then(
        ({ count }) => {
          if (count !== 1) stop("superseded");
        },
        (error: unknown) => console.warn(`[gov-report] background job ${job.id}: progress not written`, error),
      )
      .finally(() => {
        writing = null;
      });
    return writing;
  };
  const heartbeat = setInterval(() => void write(), JOB_LIMITS.heartbeatMs);
  heartbeat.unref();
  const progress = (next: JobProgress) => {
    latest = { done: Math.max(0, Math.floor(next.done)), total: Math.max(0, Math.floor(next.total)) };
    if (Date.now() - lastWrite >= JOB_LIMITS.progressIntervalMs) void write();
  };

  const writer = new ChunkedResultWriter(prisma, job.id, job.attempt, options.chunkBytes ?? RESULT_CHUNK_BYTES);
  try {
    const definition = jobDefinition(job.kind);
    if (!definition) return (await failRun(prisma, job, JOB_MESSAGES.unknownKind)) ? "failed" : "superseded";
    const user = await loadJobUser(prisma, job.userId);
    if (!user) return (await failRun(prisma, job, JOB_MESSAGES.userGone)) ? "failed" : "superseded";
    const params = definition.params.safeParse(job.params);
    if (!params.success) return (await failRun(prisma, job, JOB_MESSAGES.badParams)) ? "failed" : "superseded";
    // The role may have changed since the job was started; the handler checks the scope again.
    assertPermission(user, definition.permission);
    const outcome = await definition.run({ prisma, jobId: job.id, user, params: params.data, signal: controller.signal, progress, result: writer });
    controller.signal.throwIfAborted();
    await writer.close();
    clearInterval(heartbeat);
    await writing;
    const finished = await prisma.$transaction(async (tx) => {
      const { count } = await tx.backgroundJob.updateMany({
        where: owned(job),
        data: {
          status: "DONE",
          ...(latest && { done: latest.done, total: latest.total }),
          resultName: outcome.name,
          resultType: outcome.type,
          resultSize: writer.size,
          resultChunks: writer.chunks,
          summary: (outcome.summary ?? undefined) as Prisma.InputJsonValue | undefined,
          finishedAt: new Date(),
          heartbeatAt: new Date(),
        },
      });
      // Pieces left by earlier runs that did not finish.
      if (count === 1) await deleteResultChunks(tx, job.id, job.attempt);
      return count === 1;
    });
    return finished ? "done" : "superseded";
  } catch (error) {
    clearInterval(heartbeat);
    await writing;
    const reason = controller.signal.aborted ? (controller.signal.reason as StopReason) : null;
    if (reason === "superseded" || error instanceof JobRunSupersededError) return "superseded";
    if (reason === "shutdown") {
      if (!(await requeueRun(prisma, job).catch(() => false))) return "superseded";
      await options.onRequeued?.(job.id).catch((e: unknown) => console.warn(`[gov-report] background job ${job.id}: not handed on after shutdown`, e));
      return "requeued";
    }
    let message: string;
    if (reason === "timeout") message = JOB_MESSAGES.timeout;
    else if (error instanceof AppError) message = error.message;
    else {
      console.error(`[gov-report] background job ${job.id} (${job.kind}) failed`, error);
      message = JOB_MESSAGES.unexpected;
    }
    return (await failRun(prisma, job, message).catch((e: unknown) => {
      console.error(`[gov-report] background job ${job.id}: failure not recorded`, e);
      return false;
    }))
      ? "failed"
      : "superseded";
  } finally {
    clearTimeout(timeLimit);
    clearInterval(heartbeat);
    options.signal.removeEventListener("abort", onShutdown);
  }
}
