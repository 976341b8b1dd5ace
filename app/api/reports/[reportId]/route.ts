import { z } from "zod";
import { defineRoute, ZRouteId } from "@/lib/server/actions/define-route";
import { getReportOrThrow } from "@/lib/server/reports/report-access";
import { ZReportVersion } from "@/lib/server/reports/report-input";
import { saveReport } from "@/lib/server/reports/save-report";

const ZParams = z.object({ reportId: ZRouteId });

/** Autosave's body: the version the client edited and the draft (validated by saveReport). */
const ZSaveBody = z.object({
  version: ZReportVersion,
  content: z.unknown(),
});

/** The current stored report (used to reload or merge after a conflict). */
export const GET = defineRoute({
  params: ZParams,
  permission: "report.view",
  run: async ({ prisma, user, params }) => {
    const report = await getReportOrThrow(prisma, user, params.reportId, "report.view");
    return Response.json({
      version: report.version,
      status: report.status,
      content: report.content,
      updatedBy: report.updatedBy?.name ?? null,
      updatedAt: report.updatedAt.toISOString(),
    });
  },
});

/** Autosave: `{ version, content }` → 200 `{ version, savedAt }`, 409 on a stale version, 400 on invalid content. */
export const PUT = defineRoute({
  params: ZParams,
  body: ZSaveBody,
  permission: "report.edit",
  run: async ({ prisma, user, params, body, timing }) => Response.json(await saveReport(prisma, user, { reportId: params.reportId, ...body }, timing)),
});
