import { z } from "zod";
import { defineRoute } from "@/lib/server/actions/define-route";
import { AppError } from "@/lib/server/errors";
import { exportOversight, isOversightExportKind } from "@/lib/server/oversight/oversight-exports";
import { parseOversightParams } from "@/lib/server/oversight/parse-oversight-params";

export const runtime = "nodejs";

const ZParams = z.object({ kind: z.string().max(30) });

/**
 * Downloads of 汇总与督办 (XLSX, CSV, the roll-up as DOCX/PDF, the draft 通报) for the selection in
 * the query string (year, under, basis). Reviewers their subtree, admins all, editors refused.
 */
export const GET = defineRoute({
  params: ZParams,
  permission: "report.oversee",
  run: async ({ prisma, user, params: { kind }, request }) => {
    if (!isOversightExportKind(kind)) throw new AppError("NOT_FOUND", "不支持的导出格式。");
    const file = await exportOversight(prisma, user, kind, parseOversightParams(new URL(request.url).searchParams));
    return new Response(file.body as BodyInit, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="oversight-export"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        "Cache-Control": "private, no-store",
      },
    });
  },
});
