import { getPrisma } from "@/lib/server/db";
import { AppError, errorResponse } from "@/lib/server/errors";
import { publicDownloadResponse } from "@/lib/server/public/public-download";
import { isPublicFormat, parsePublicRevision, parsePublicYear, publicDownloadPath } from "@/lib/server/public/public-params";
import { movedSlug } from "@/lib/server/public/resolve-slug";

export const runtime = "nodejs";

type Params = { params: Promise<{ slug: string; year: string; format: string }> };

/**
 * Public download of a published revision (no sign-in): DOCX, PDF or HTML of exactly the revision
 * named by ?revision=N, or of the latest one, served from storage with a strong ETag (rendered
 * once, on publication or the first request). Anything unpublished is 404.
 */
export async function GET(request: Request, { params }: Params) {
  try {
    const { slug, year: yearText, format } = await params;
    const year = parsePublicYear(yearText);
    const revision = parsePublicRevision(new URL(request.url).searchParams.get("revision"));
    if (!isPublicFormat(format) || year === null || revision === null) throw new AppError("NOT_FOUND", "该年度报告尚未发布。");
    try {
      return await publicDownloadResponse(await getPrisma(), { slug, year, format, revision, ifNoneMatch: request.headers.get("if-none-match") });
    } catch (error) {
      // An address made before the agency's slug changed: a permanent redirect to the current one.
      const moved = error instanceof AppError && error.code === "NOT_FOUND" ? await movedSlug(await getPrisma(), slug) : null;
      if (!moved) throw error;
      const target = new URL(publicDownloadPath(moved, year, format, revision ?? 0), request.url);
      if (revision === undefined) target.searchParams.delete("revision");
      return Response.redirect(target, 308);
    }
  } catch (error) {
    return errorResponse(error);
  }
}
