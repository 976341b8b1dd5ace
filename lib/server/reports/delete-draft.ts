import "server-only";
import { draftDeletionBlock, type DraftDeletionFacts } from "../../auth/permissions";
import type { PrismaClient } from "../../generated/prisma/client";
import { statusLabel } from "../../workflow/report-status";
import { recordAudit } from "../audit";
import type { CurrentUser } from "../authz";
import { AppError } from "../errors";
import { getReportOrThrow, type LoadedReport } from "./report-access";

/**
 * A report row as draftDeletionBlock sees it. Ever frozen ⇔ `latestVersionId` is set: the
 * versions trigger sets it on every version and nothing clears it, and a publication always
 * names a version. `importedFrom` is the ImportedSource that made it, if any.
 */
export function deletionFacts(report: { agencyId: string; status: DraftDeletionFacts["status"]; latestVersionId: string | null; importedFrom: unknown }): DraftDeletionFacts {
  return { agencyId: report.agencyId, status: report.status, everSubmitted: report.latestVersionId !== null, imported: report.importedFrom !== null };
}

/** Why a report cannot be deleted, in the editor's words (draftDeletionBlock gives the reason). */
function refusal(report: LoadedReport, block: NonNullable<ReturnType<typeof draftDeletionBlock>>): AppError {
  const name = `${report.agency.name} ${report.year} 年度报告`;
  switch (block) {
    case "role":
      return new AppError("FORBIDDEN", "只有本机关的填报人可以删除报告草稿。");
    case "submitted":
      return new AppError(
        "CONFLICT",
        `${name}已提交过审核，提交的版本和审核记录须完整保留，因此不能删除。如需更正，请在报告退回修改后，或发布后发起更正，修改内容再重新提交审核。`,
        { status: report.status },
      );
    case "status":
      return new AppError("CONFLICT", `${name}当前状态为「${statusLabel(report.status)}」，只有从未提交过的草稿可以删除。`, { status: report.status });
    case "imported":
      return new AppError("CONFLICT", `${name}由导入的已发布文件生成，导入记录须保留，因此不能删除。如内容有误，请直接在草稿中修改。`, { status: report.status });
  }
}

/**
 * Deletes a draft created by mistake (the wrong year, say) that never left the agency: only its
 * own editors, only while it is 草稿 and was never submitted (no version, no publication) nor
 * made from an imported file. Afterwards the agency may create that year again.
 *
 * What goes with it, relation by relation (prisma/schema.prisma):
 * - ReportVersion, Publication, ImportedSource: there are none — the guard requires it, and their
 *   Restrict foreign keys would refuse the delete anyway.
 * - Comment: threads on the draft belong to it alone and are deleted (their comment.create audit
 *   rows stay).
 * - Notification: reminders (催报) also name the agency and year, which is still due: they are
 *   kept, detached from the draft (the inbox links them to the list, as before a report existed);
 *   any other notification about the draft goes with it (ON DELETE CASCADE).
 * - AuditEvent: kept whole. `reportId` is a plain column, not a foreign key (migration
 *   20261210090000_delete_drafts), so the draft's earlier rows keep naming it, and the
 *   `report.delete` row written here says what it was: agency, year, format.
 *
 * The checks run twice: before the transaction for a precise message, and inside the delete's
 * own WHERE (status 草稿, no version, no publication, no import), after locking the row, so a
 * submission that commits first wins cleanly and this one changes nothing.
 */
export async function deleteDraft(prisma: PrismaClient, user: CurrentUser, input: { reportId: string }) {
  // Out of scope is not found; in scope, draftDeletionBlock decides (role first).
  const report = await getReportOrThrow(prisma, user, input.reportId, "report.view");
  const importedFrom = await prisma.importedSource.findUnique({ where: { reportId: report.id }, select: { id: true } });
  const block = draftDeletionBlock(user, deletionFacts({ ...report, importedFrom }));
  if (block) throw refusal(report, block);

  const comments = await prisma.$transaction(async (tx) => {
    // The row lock first: a submission, save or new comment waits for this transaction, and
    // what they find afterwards is either the untouched draft or no report.
    await tx.$queryRaw`SELECT "id" FROM "Report" WHERE "id" = ${report.id} FOR UPDATE`;
    await tx.notification.updateMany({
      where: { reportId: report.id, agencyId: { not: null }, year: { not: null } },
      data: { reportId: null },
    });
    const removed = await tx.comment.deleteMany({ where: { reportId: report.id } });
    const deleted = await tx.report.deleteMany({
      where: {
        id: report.id,
        agencyId: report.agencyId,
        status: "DRAFT",
        versions: { none: {} },
        publications: { none: {} },
        importedFrom: { is: null },
      },
    });
    // Rolls back the writes above too: nothing is half-done.
    if (deleted.count !== 1) throw new AppError("CONFLICT", "报告刚刚已被提交或删除，没有删除。请刷新页面查看最新状态。");
    await recordAudit(tx, {
      actorId: user.id,
      action: "report.delete",
      reportId: report.id,
      details: { reportId: report.id, agencyId: report.agencyId, agency: report.agency.name, year: report.year, format: report.format, comments: removed.count },
    });
    return removed.count;
  });
  return { agency: report.agency.name, year: report.year, comments };
}
