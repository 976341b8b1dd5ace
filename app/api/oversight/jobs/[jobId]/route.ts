import { z } from "zod";
import { defineRoute, ZRouteId } from "@/lib/server/actions/define-route";
import { getJob } from "@/lib/server/jobs/jobs";
import { wakeJobWorkers } from "@/lib/server/jobs/runtime";

export const runtime = "nodejs";

/**
 * A job's status and progress: `{ id, kind, status: QUEUED|RUNNING|DONE|FAILED, done, total,
 * error, resultName, resultSize, summary, createdAt, startedAt, finishedAt }`. Only the user who
 * started it, or an admin; anyone else gets 404.
 */
export const GET = defineRoute({
  params: z.object({ jobId: ZRouteId }),
  permission: "report.oversee",
  run: async ({ prisma, user, params: { jobId } }) => {
    // This instance may have just started: let it take its share of the queue.
    wakeJobWorkers(prisma);
    return Response.json(await getJob(prisma, user, jobId), { headers: { "Cache-Control": "private, no-store" } });
  },
});
