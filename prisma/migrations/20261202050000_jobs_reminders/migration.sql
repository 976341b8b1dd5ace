-- Issue 10: background jobs (lib/server/jobs) and reminders (催报, lib/server/oversight/remind.ts).

-- A background job is one row: what to do, who started it, progress and result. On PostgreSQL
-- pg-boss (its own schema "pgboss", created by pg-boss itself when the workers start) only
-- carries the row's id to some instance's worker; the state lives here.
CREATE TYPE "BackgroundJobStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

CREATE TABLE "BackgroundJob" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" "BackgroundJobStatus" NOT NULL DEFAULT 'QUEUED',
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "params" JSONB NOT NULL,
    "error" TEXT,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "dispatchId" TEXT,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resultName" TEXT,
    "resultType" TEXT,
    "resultSize" INTEGER,
    "resultChunks" INTEGER,
    "summary" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    CONSTRAINT "BackgroundJob_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "BackgroundJob_progress_check" CHECK ("done" >= 0 AND "total" >= 0 AND "attempt" >= 0),
    -- A finished job says how it ended: a result when done, a message when failed.
    CONSTRAINT "BackgroundJob_outcome_check" CHECK (
        ("status" IN ('QUEUED', 'RUNNING') AND "finishedAt" IS NULL AND "resultName" IS NULL)
        OR ("status" = 'DONE' AND "finishedAt" IS NOT NULL AND "resultName" IS NOT NULL AND "resultType" IS NOT NULL
            AND "resultSize" IS NOT NULL AND "resultChunks" IS NOT NULL AND "error" IS NULL)
        OR ("status" = 'FAILED' AND "finishedAt" IS NOT NULL AND "error" IS NOT NULL AND "resultName" IS NULL)
    )
);
CREATE INDEX "BackgroundJob_userId_createdAt_idx" ON "BackgroundJob"("userId", "createdAt");
CREATE INDEX "BackgroundJob_status_heartbeatAt_idx" ON "BackgroundJob"("status", "heartbeatAt");
ALTER TABLE "BackgroundJob" ADD CONSTRAINT "BackgroundJob_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The result in pieces, in order (seq 0, 1, …), of the run (attempt) that wrote them.
CREATE TABLE "BackgroundJobChunk" (
    "jobId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    CONSTRAINT "BackgroundJobChunk_pkey" PRIMARY KEY ("jobId", "attempt", "seq")
);
ALTER TABLE "BackgroundJobChunk" ADD CONSTRAINT "BackgroundJobChunk_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "BackgroundJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Reminders name an agency and a year whose report may not exist yet (未开始), so a notification
-- names either a report or an agency and year.
ALTER TABLE "Notification" ALTER COLUMN "reportId" DROP NOT NULL;
ALTER TABLE "Notification" ADD COLUMN "agencyId" TEXT, ADD COLUMN "year" INTEGER;
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_subject_check" CHECK ("reportId" IS NOT NULL OR ("agencyId" IS NOT NULL AND "year" IS NOT NULL));
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;
