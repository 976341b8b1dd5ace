import { z } from "zod";
import { FILE_TOO_LARGE_MESSAGE, MAX_IMPORT_FILE_BYTES } from "@/lib/import/accept-import";
import { defineUploadRoute } from "@/lib/server/actions/define-upload-route";
import { AppError } from "@/lib/server/errors";
import { summarizeImport } from "@/lib/server/import/bulk-import";
import { uploadImport } from "@/lib/server/import/upload-import";

export const runtime = "nodejs";

/** Room for the form's other fields and the multipart framing around a file at the limit. */
const FORM_OVERHEAD_BYTES = 256 * 1024;

const ZUploadFields = z.object({
  agencyId: z.string({ error: "请选择机关。" }).min(1, "请选择机关。").max(100, "请选择机关。"),
  year: z.coerce.number({ error: "请选择报告年度。" }).int("请选择报告年度。"),
  /** Whether the form sends a file (`file`) or pasted text (`text`). */
  mode: z.enum(["file", "text"], { error: "请选择上传文件或粘贴文本。" }).default("file"),
});

/**
 * 导入已发布的年报: a multipart form with `agencyId`, `year`, `mode` and either `file` (.txt .html
 * .htm .docx .doc .pdf, at most 20 MB) or `text` (pasted). The file is parsed on the server and
 * stored for review: 201 `{ id, url, findings: { errors, warnings }, problems }` (the rule findings of
 * the report as it would be imported and the number of import problems, as the review screen counts them); 400 with the importer's Chinese reason when the file cannot
 * be read (nothing stored); 413 over the limit; 404 for an agency outside the user's scope.
 */
export const POST = defineUploadRoute({
  fields: ZUploadFields,
  rawFields: ["text"],
  maxBodyBytes: MAX_IMPORT_FILE_BYTES + FORM_OVERHEAD_BYTES,
  tooLargeMessage: FILE_TOO_LARGE_MESSAGE,
  permission: "report.import",
  run: async ({ prisma, user, fields, raw, files }) => {
    let source: Parameters<typeof uploadImport>[2]["source"];
    if (fields.mode === "text") {
      source = { text: raw.text ?? "" };
    } else {
      const file = files.file;
      if (!file || (file.bytes.byteLength === 0 && !file.filename)) {
        throw new AppError("INVALID", "请选择要上传的文件。", { fieldErrors: { file: "请选择要上传的文件。" } });
      }
      source = { bytes: file.bytes, filename: file.filename };
    }
    const { id, existing } = await uploadImport(prisma, user, { agencyId: fields.agencyId, year: fields.year, source });
    const summary = await summarizeImport(prisma, user, id);
    return Response.json({ id, existing, url: `/workspace/import/${encodeURIComponent(id)}`, ...summary }, { status: existing ? 200 : 201, headers: { "Cache-Control": "no-store" } });
  },
});
