import { z } from "zod";
import { defineRoute, ZRouteId } from "@/lib/server/actions/define-route";
import { openJobResult } from "@/lib/server/jobs/jobs";

export const runtime = "nodejs";

/**
 * A finished job's file (the ZIP of 批量下载已发布的报告), streamed from the database piece by
 * piece. Only the user who started the job, or an admin (404 for anyone else); 409 while it is
 * not done.
 */
export const GET = defineRoute({
  params: z.object({ jobId: ZRouteId }),
  permission: "report.oversee",
  run: async ({ prisma, user, params: { jobId } }) => {
    const result = await openJobResult(prisma, user, jobId);
    const chunks = result.chunks;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        } catch (error) {
          console.error(`[gov-report] background job ${jobId}: download failed`, error);
          controller.error(error);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    return new Response(body, {
      headers: {
        "Content-Type": result.type,
        "Content-Length": String(result.size),
        "Content-Disposition": `attachment; filename="reports.zip"; filename*=UTF-8''${encodeURIComponent(result.name)}`,
        "Cache-Control": "private, no-store",
      },
    });
  },
});
