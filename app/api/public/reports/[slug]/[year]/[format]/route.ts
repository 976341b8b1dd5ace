import { getPrisma } from "@/lib/server/db";
import { AppError, errorResponse } from "@/lib/server/errors";
import { exportPublishedReport } from "@/lib/server/public/load-published-report";
import { isPublicFormat, parsePublicRevision, parsePublicYear } from "@/lib/server/public/public-params";

export const runtime = "nodejs";

type Params = { params: Promise<{ slug: string; year: string; format: string }> };

/**
 * Public download of a published revision (no sign-in): DOCX, PDF or HTML of exactly the revision
 * named by ?revision=N, or of the latest one. Anything unpublished is 404.
 */
export async function GET(request: Request, { params }: Params) {
  try {
    const { slug, year: yearText, format } = await params;
    const year = parsePublicYear(yearText);
    const revision = parsePublicRevision(new URL(request.url).searchParams.get("revision"));
    if (!isPublicFormat(format) || year === null || revision === null) throw new AppError("NOT_FOUND", "该年度报告尚未发布。");
    const file = await exportPublishedReport(await getPrisma(), slug, year, format, revision);
    return new Response(file.body as BodyInit, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="report.${format}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        // A named revision never changes (publications are append-only); "latest" may move on.
        "Cache-Control": revision === undefined ? "public, no-cache" : "public, max-age=86400, immutable",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
