import "server-only";
import type { z } from "zod";
import type { Permission } from "../../auth/permissions";
import type { PrismaClient } from "../../generated/prisma/client";
import type { CurrentUser } from "../authz";
import type { ZipSink } from "./zip-writer";

/*
 * What a background job kind declares (architecture item 14): its name, the zod schema of its
 * parameters, the permission and scope check that decide who may start it, and the handler.
 * The kinds are listed in definitions.ts; the job service (jobs.ts) and the workers
 * (runtime.ts, run-job.ts) run any of them the same way.
 */

/** A job's progress: how many of how many items are done. */
export interface JobProgress {
  done: number;
  total: number;
}

/** Where a job writes its result: bytes in order (stored in pieces in BackgroundJobChunk). */
export type JobResultSink = ZipSink;

/** What a handler gets while it runs. */
export interface JobContext<P> {
  prisma: PrismaClient;
  jobId: string;
  /** The user who started the job, read afresh when it runs (role and agency may have changed). */
  user: CurrentUser;
  params: P;
  /** Aborted when the job must stop: the server shuts down, the time limit passed, or the run was given up. */
  signal: AbortSignal;
  /** Reports progress; written to the row at most twice a second (the last report always). */
  progress(progress: JobProgress): void;
  result: JobResultSink;
}

/** How a handler's run ended: the result's file name and type, and what the UI may show about it. */
export interface JobOutcome {
  name: string;
  type: string;
  summary?: Record<string, unknown>;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  /** The stored kind, e.g. bulk-published-pdf. */
  kind: string;
  params: S;
  /** What the starting user's role must allow (checked again when the job runs). */
  permission: Permission;
  /**
   * The scope check when the job is started: throws NOT_FOUND for anything outside the user's
   * scope. The handler must check again when it runs (it gets the user read afresh).
   */
  authorize(prisma: PrismaClient, user: CurrentUser, params: z.output<S>): Promise<void>;
  run(context: JobContext<z.output<S>>): Promise<JobOutcome>;
}

/** Declares a job kind (typed parameters from its schema). */
export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}
