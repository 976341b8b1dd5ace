import "server-only";
import { reportsLabel } from "../../auth/roles";
import { canReviewReport, hasPermission, isReportEditor } from "../../auth/permissions";
import type { PrismaClient } from "../../generated/prisma/client";
import { formatDateTime } from "../../utils/format-date-time";
import type { CurrentUser } from "../authz";
import { listComments } from "../comments/comments";
import { toThreadViews } from "../comments/thread-views";
import { publicReportPath } from "../public/public-params";
import { getReportOrThrow } from "./report-access";

/**
 * The workflow side of the wizard, as plain data: whether this user is the report's editor (may
 * submit or start a correction), the reviewer's reason when the report was returned, the comment
 * threads, and the public address once a revision is published. Anyone who may view the report
 * gets it (report.view); what they may do is re-checked by each action.
 */
export async function loadEditorWorkflow(prisma: PrismaClient, user: CurrentUser, reportId: string) {
  const report = await getReportOrThrow(prisma, user, reportId, "report.view");
  const [threads, returned, publication, lastVersion] = await Promise.all([
    listComments(prisma, user, report.id),
    report.status === "RETURNED"
      ? prisma.auditEvent.findFirst({
          where: { reportId: report.id, action: "report.return" },
          orderBy: { at: "desc" },
          select: { at: true, details: true, actor: { select: { name: true } } },
        })
      : null,
    prisma.publication.findFirst({ where: { reportId: report.id }, orderBy: { revision: "desc" }, select: { revision: true, publishedAt: true } }),
    prisma.reportVersion.findFirst({ where: { reportId: report.id }, orderBy: { number: "desc" }, select: { warningNote: true } }),
  ]);
  const reason = (returned?.details as { reason?: unknown } | null)?.reason;
  return {
    isEditor: isReportEditor(user, report),
    /** What this user's report list is called (the breadcrumb back to it). */
    reportsLabel: reportsLabel(user.role),
    canComment: hasPermission(user, "report.comment"),
    /** Reviewers in scope with a decision to take get a way to the review page (where decisions are taken). */
    canReview: canReviewReport(user, report),
    returned: returned
      ? { reason: typeof reason === "string" ? reason : "", by: returned.actor?.name ?? null, atText: formatDateTime(returned.at) }
      : null,
    published: publication
      ? { revision: publication.revision, publishedText: formatDateTime(publication.publishedAt), path: publicReportPath(report.agency.slug, report.year) }
      : null,
    lastWarningNote: lastVersion?.warningNote ?? null,
    threads: toThreadViews(threads),
  };
}

export type EditorWorkflow = Awaited<ReturnType<typeof loadEditorWorkflow>>;
