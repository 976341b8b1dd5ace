import { getPrisma } from "@/lib/server/db";
import { AppError, errorResponse } from "@/lib/server/errors";
import { exportReport, isExportFormat } from "@/lib/server/reports/export-report";
import { getReportOrThrow } from "@/lib/server/reports/report-access";
import { requireUser } from "@/lib/server/session";

export const runtime = "nodejs";

type Params = { params: Promise<{ reportId: string; format: string }> };

/** Downloads the report as DOCX, PDF, standalone HTML or interchange JSON. */
export async function GET(_request: Request, { params }: Params) {
  try {
    const user = await requireUser();
    const { reportId, format } = await params;
    if (!isExportFormat(format)) throw new AppError("NOT_FOUND", "不支持的下载格式。");
    const report = await getReportOrThrow(await getPrisma(), user, reportId, "report.view");
    const file = await exportReport(report.content, format);
    return new Response(file.body as BodyInit, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="report.${format}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
