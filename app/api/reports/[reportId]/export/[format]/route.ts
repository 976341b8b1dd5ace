import { z } from "zod";
import { draftMarkPolicy } from "@/lib/document/draft-mark";
import { defineRoute, ZRouteId } from "@/lib/server/actions/define-route";
import { AppError } from "@/lib/server/errors";
import { exportReport, isExportFormat } from "@/lib/server/reports/export-report";
import { getReportOrThrow, previousYearContent } from "@/lib/server/reports/report-access";
import { loadRuleLevels } from "@/lib/server/rules/rule-levels";

export const runtime = "nodejs";

const ZParams = z.object({ reportId: ZRouteId, format: z.string() });

/** Downloads the report as DOCX, PDF, standalone HTML or interchange JSON, rendered in the render pool. */
export const GET = defineRoute({
  params: ZParams,
  permission: "report.view",
  run: async ({ prisma, user, params: { reportId, format } }) => {
    if (!isExportFormat(format)) throw new AppError("NOT_FOUND", "不支持的下载格式。");
    const report = await getReportOrThrow(prisma, user, reportId, "report.view");
    // A draft's download says when it fails the rules as a submission would check them (the
    // deployment's levels, last year's report, the agency's kind); approved and published
    // reports are the record.
    const draftMark = draftMarkPolicy(report.status);
    const check =
      draftMark === "if-failing" && format !== "json"
        ? await Promise.all([loadRuleLevels(prisma), previousYearContent(prisma, report.agencyId, report.year)]).then(([ruleLevels, previousContent]) => ({
            ruleLevels,
            previousContent,
            agencyKind: report.agency.kind,
          }))
        : undefined;
    const file = await exportReport(report.content, format, { draftMark, check });
    return new Response(file.body as BodyInit, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="report.${format}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        "Cache-Control": "private, no-store",
      },
    });
  },
});
