import { z } from "zod";
import { defineRoute, ZRouteId } from "@/lib/server/actions/define-route";
import { readImportedFile } from "@/lib/server/import/imported-source";

export const runtime = "nodejs";

const ZParams = z.object({ importId: ZRouteId });

/** The published file as uploaded for import, for signed-in users whose scope covers its agency. */
export const GET = defineRoute({
  params: ZParams,
  permission: "report.view",
  run: async ({ prisma, user, params }) => {
    const file = await readImportedFile(prisma, user, params.importId);
    const ascii = file.filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
    return new Response(file.bytes as BodyInit, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
});
