import { z } from "zod";
import { prepareReport } from "@/lib/report/prepare-report";
import { defineRoute, ZRouteId } from "@/lib/server/actions/define-route";
import { defineUploadRoute } from "@/lib/server/actions/define-upload-route";
import { AppError } from "@/lib/server/errors";
import { getReportOrThrow } from "@/lib/server/reports/report-access";
import { isEditableStatus } from "@/lib/workflow/report-status";
import type { FormatVersion } from "@/lib/template/types";
import {
  buildTablesWorkbook,
  MAX_XLSX_BYTES,
  placeUploadedWorkbook,
  tablesWorkbookFilename,
  XLSX_CONTENT_TYPE,
  XLSX_TOO_LARGE_MESSAGE,
} from "@/lib/wizard/xlsx-template";

export const runtime = "nodejs";

const ZParams = z.object({ reportId: ZRouteId });

/** Room for the multipart framing around a file at the limit. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * 下载 Excel 模板: the statutory tables of the report's format in the printed layout with the
 * saved values (lib/wizard/xlsx-template.ts). Whoever may view the report may download it.
 */
export const GET = defineRoute({
  params: ZParams,
  permission: "report.view",
  run: async ({ prisma, user, params: { reportId } }) => {
    const report = await getReportOrThrow(prisma, user, reportId, "report.view");
    const prepared = prepareReport(report.content);
    if (!prepared.ok) throw new AppError("INVALID", "报告内容格式不正确，无法生成 Excel 模板。");
    const body = await buildTablesWorkbook(prepared.report);
    const filename = tablesWorkbookFilename(report.agency.name, report.year);
    return new Response(new Uint8Array(body), {
      headers: {
        "Content-Type": XLSX_CONTENT_TYPE,
        "Content-Disposition": `attachment; filename="tables.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        "Cache-Control": "private, no-store",
      },
    });
  },
});

/**
 * 上传填好的 Excel: a multipart form with `file` (.xlsx, at most 5 MB), for users who may edit the
 * report while it is editable. The workbook is read and placed on the server and nothing is
 * stored: 200 `{ tables: TablePlacement[], skipped }` — per table the paste plan the wizard
 * applies to the form as after a paste (autosave and undo as for a paste); 400 with a Chinese
 * reason for a file that cannot be read or holds none of the tables; 413 over the limit.
 */
export async function POST(request: Request, segment: { params: Promise<unknown> }): Promise<Response> {
  const parsed = ZParams.safeParse((await segment?.params) ?? {});
  const handler = defineUploadRoute({
    fields: z.object({}),
    maxBodyBytes: MAX_XLSX_BYTES + FORM_OVERHEAD_BYTES,
    tooLargeMessage: XLSX_TOO_LARGE_MESSAGE,
    permission: "report.edit",
    run: async ({ prisma, user, files }) => {
      // A malformed id names nothing (after authentication, as for every route).
      if (!parsed.success) throw new AppError("NOT_FOUND");
      const report = await getReportOrThrow(prisma, user, parsed.data.reportId, "report.edit");
      if (!isEditableStatus(report.status)) throw new AppError("CONFLICT", "报告已提交审核，不能再修改。");
      const file = files.file;
      if (!file || file.bytes.byteLength === 0) {
        throw new AppError("INVALID", "请选择要上传的 Excel 文件（.xlsx）。", { fieldErrors: { file: "请选择要上传的 Excel 文件（.xlsx）。" } });
      }
      const placed = await placeUploadedWorkbook(report.format as FormatVersion, file.bytes);
      if (!placed.ok) throw new AppError("INVALID", placed.message, { fieldErrors: { file: placed.message } });
      return Response.json(placed.result, { headers: { "Cache-Control": "no-store" } });
    },
  });
  return handler(request);
}
