import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";
import { IMPORT_STATUS_LABELS } from "../../import/accept-import";
import { recordAudit } from "../audit";
import type { CurrentUser } from "../authz";
import { AppError } from "../errors";
import { getImportOrThrow } from "./import-access";

/**
 * Discards a pending upload: nothing is imported. The upload stays (DISCARDED) with who discarded
 * it and when; the decision is guarded by the status inside the UPDATE, with its audit row in
 * the same transaction.
 */
export async function discardImport(prisma: PrismaClient, user: CurrentUser, input: { importId: string }, now = new Date()) {
  const upload = await getImportOrThrow(prisma, user, input.importId, "report.import");
  if (upload.status !== "PENDING") throw new AppError("CONFLICT", `该文件${IMPORT_STATUS_LABELS[upload.status]}，不能再放弃。`, { status: upload.status });
  await prisma.$transaction(async (tx) => {
    const decided = await tx.importedSource.updateMany({
      where: { id: upload.id, status: "PENDING" },
      data: { status: "DISCARDED", discardedAt: now, decidedById: user.id },
    });
    if (decided.count !== 1) throw new AppError("CONFLICT", "该文件刚刚已被他人导入或放弃，请刷新页面。");
    await recordAudit(tx, { actorId: user.id, action: "import.discard", details: { importId: upload.id, filename: upload.filename, agencyId: upload.agencyId, year: upload.year } });
  });
  return { status: "DISCARDED" as const };
}
