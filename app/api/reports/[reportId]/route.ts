import { getPrisma } from "@/lib/server/db";
import { errorResponse, AppError } from "@/lib/server/errors";
import { getReportOrThrow } from "@/lib/server/reports/report-access";
import { saveReport } from "@/lib/server/reports/save-report";
import { requireUser } from "@/lib/server/session";

type Params = { params: Promise<{ reportId: string }> };

/** The current stored report (used to reload or merge after a conflict). */
export async function GET(_request: Request, { params }: Params) {
  try {
    const user = await requireUser();
    const { reportId } = await params;
    const report = await getReportOrThrow(await getPrisma(), user, reportId, "report.view");
    return Response.json({
      version: report.version,
      status: report.status,
      content: report.content,
      updatedBy: report.updatedBy?.name ?? null,
      updatedAt: report.updatedAt.toISOString(),
    });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Autosave: `{ version, content }` → 200 `{ version, savedAt }`, 409 on a stale version, 400 on invalid content. */
export async function PUT(request: Request, { params }: Params) {
  try {
    const user = await requireUser();
    const { reportId } = await params;
    let body: { version?: unknown; content?: unknown };
    try {
      body = await request.json();
    } catch {
      throw new AppError("INVALID", "请求内容不是有效的 JSON。");
    }
    const result = await saveReport(await getPrisma(), user, { reportId, version: Number(body.version), content: body.content });
    return Response.json(result);
  } catch (error) {
    return errorResponse(error);
  }
}
