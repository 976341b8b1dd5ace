import "server-only";
import { randomUUID } from "node:crypto";
import type { BackgroundJobStatus } from "../../generated/prisma/enums";
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { assertPermission, type CurrentUser } from "../authz";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { jobDefinition, type JobKind } from "./definitions";
import { readResultChunks } from "./job-results";
import { JOB_MESSAGES } from "./run-job";
import { jobRuntimeFor } from "./runtime";

/*
 * The job service (architecture item 14): start a job of a registered kind, read its progress,
 * download its result. Whoever started a job — or an admin — may read it; to anyone else it does
 * not exist (NOT_FOUND), whatever they know of its id.
 */

/** Unfinished jobs one user may have at once; more are refused until one ends. */
export const MAX_OPEN_JOBS_PER_USER = 3;

/** A job as its owner sees it (progress bar, download link). */
export interface JobView {
  id: string;
  kind: string;
  status: BackgroundJobStatus;
  done: number;
  total: number;
  /** Why it failed, in Chinese. */
  error: string | null;
  /** The result's file name once DONE. */
  resultName: string | null;
  resultSize: number | null;
  summary: Record<string, unknown> | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const VIEW_SELECT = {
  id: true,
  kind: true,
  userId: true,
  status: true,
  done: true,
  total: true,
  error: true,
  resultName: true,
  resultSize: true,
  summary: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} as const satisfies Prisma.BackgroundJobSelect;

const NOT_FOUND_MESSAGE = "找不到该任务，或您无权查看。";

/**
 * Starts a job: checks the kind's permission, parses its parameters and checks the scope (the
 * definition's authorize: a selection outside the user's scope is NOT_FOUND), then records the
 * job QUEUED and hands it to a worker (starting this process's workers when they are not
 * running yet). The job checks the scope again when it runs, as the user who started it.
 */
export async function enqueueJob(prisma: PrismaClient, user: CurrentUser, kind: JobKind, rawParams: unknown): Promise<{ id: string }> {
  const definition = jobDefinition(kind);
  if (!definition) throw new AppError("INVALID", JOB_MESSAGES.unknownKind);
  assertPermission(user, definition.permission);
  const params = parseInput(definition.params, rawParams, { summary: "first" });
  await definition.authorize(prisma, user, params);
  const open = await prisma.backgroundJob.count({ where: { userId: user.id, status: { in: ["QUEUED", "RUNNING"] } } });
  if (open >= MAX_OPEN_JOBS_PER_USER) throw new AppError("CONFLICT", `您已有 ${open} 个任务正在进行，请等其中一个完成后再发起。`);

  const runtime = await jobRuntimeFor(prisma);
  const id = randomUUID();
  const dispatchId = randomUUID();
  await prisma.backgroundJob.create({
    data: { id, kind, userId: user.id, params: params as Prisma.InputJsonValue, dispatchId, heartbeatAt: new Date() },
  });
  try {
    await runtime.dispatch(id, dispatchId);
  } catch (error) {
    console.error(`[gov-report] background job ${id}: could not be queued`, error);
    await prisma.backgroundJob.updateMany({ where: { id, status: "QUEUED" }, data: { status: "FAILED", error: JOB_MESSAGES.notQueued, finishedAt: new Date() } });
    throw new AppError("CONFLICT", JOB_MESSAGES.notQueued);
  }
  return { id };
}

const JOB_SELECT = { ...VIEW_SELECT, attempt: true, resultType: true, resultChunks: true } as const satisfies Prisma.BackgroundJobSelect;

/** The job row if this user may see it: its owner, or an admin; else NOT_FOUND. */
async function findVisibleJob(prisma: PrismaClient, user: CurrentUser, jobId: string) {
  const job = await prisma.backgroundJob.findUnique({ where: { id: jobId }, select: JOB_SELECT });
  if (!job || (job.userId !== user.id && user.role !== "ADMIN")) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
  // Fail closed: reading a job needs what starting it needed (a reviewer made an editor loses it).
  const definition = jobDefinition(job.kind);
  if (definition) assertPermission(user, definition.permission);
  return job;
}

function toView(row: Prisma.BackgroundJobGetPayload<{ select: typeof VIEW_SELECT }>): JobView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    done: row.done,
    total: row.total,
    error: row.error,
    resultName: row.resultName,
    resultSize: row.resultSize,
    summary: (row.summary ?? null) as Record<string, unknown> | null,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

/** A job's status and progress, for its owner or an admin. */
export async function getJob(prisma: PrismaClient, user: CurrentUser, jobId: string): Promise<JobView> {
  return toView(await findVisibleJob(prisma, user, jobId));
}

/** The user's own jobs of a kind, newest first (to show a running export again after a reload). */
export async function listOwnJobs(prisma: PrismaClient, user: CurrentUser, kind: JobKind, take = 10): Promise<JobView[]> {
  const rows = await prisma.backgroundJob.findMany({ where: { userId: user.id, kind }, orderBy: { createdAt: "desc" }, take, select: VIEW_SELECT });
  return rows.map(toView);
}

/** A finished job's result: its name, type, size and bytes, read piece by piece. */
export interface JobResult {
  name: string;
  type: string;
  size: number;
  chunks: AsyncGenerator<Uint8Array>;
}

/** The result of a DONE job, for its owner or an admin; CONFLICT while it is not done. */
export async function openJobResult(prisma: PrismaClient, user: CurrentUser, jobId: string): Promise<JobResult> {
  const job = await findVisibleJob(prisma, user, jobId);
  if (job.status !== "DONE") {
    throw new AppError("CONFLICT", job.status === "FAILED" ? "该任务未能完成，没有可下载的文件。" : "任务尚未完成，请稍候。");
  }
  return { name: job.resultName!, type: job.resultType!, size: job.resultSize!, chunks: readResultChunks(prisma, jobId, job.attempt, job.resultChunks!) };
}
