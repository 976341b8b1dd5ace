import { z } from "zod";
import { FILE_TOO_LARGE_MESSAGE, MAX_IMPORT_FILE_BYTES } from "@/lib/import/accept-import";
import { defineUploadRoute } from "@/lib/server/actions/define-upload-route";
import { AppError } from "@/lib/server/errors";
import { matchImportFile } from "@/lib/server/import/bulk-import";

export const runtime = "nodejs";

/** Room for the multipart framing around a file at the limit. */
const FORM_OVERHEAD_BYTES = 256 * 1024;

/**
 * 批量导入, step one: a multipart form with `file` (at most 20 MB), parsed on the server and
 * matched to an agency in the user's scope by the name the file gives; nothing is stored.
 * 200 `{ filename, agency: { id, name } | null, year | null, problems }` (a file that cannot be
 * read answers 200 with its reason as a problem); 403 for editors; 413 over the limit.
 */
export const POST = defineUploadRoute({
  fields: z.object({}),
  maxBodyBytes: MAX_IMPORT_FILE_BYTES + FORM_OVERHEAD_BYTES,
  tooLargeMessage: FILE_TOO_LARGE_MESSAGE,
  // Checked before the body is read: an editor's file is refused unread.
  permission: "report.import.bulk",
  run: async ({ prisma, user, files }) => {
    const file = files.file;
    if (!file || (file.bytes.byteLength === 0 && !file.filename)) {
      throw new AppError("INVALID", "请选择要上传的文件。", { fieldErrors: { file: "请选择要上传的文件。" } });
    }
    const match = await matchImportFile(prisma, user, { bytes: file.bytes, filename: file.filename });
    return Response.json(match, { headers: { "Cache-Control": "no-store" } });
  },
});
