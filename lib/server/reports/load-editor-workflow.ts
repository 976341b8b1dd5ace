import type { PrismaClient } from "../../generated/prisma/client";
import { ROLE_LABELS } from "../../labels";
import type { CommentThreadView } from "../../report/comment-places";
import { formatDateTime } from "../../utils/format-date-time";
import { hasPermission, type CurrentUser } from "../authz";
import { listComments, type CommentThread } from "../comments/comments";
import { publicReportPath } from "../public/public-params";
import { getReportOrThrow } from "./report-access";

/** Threads as the browser gets them: names instead of ids, times as ISO and as shown. */
export function toThreadViews(threads: CommentThread[]): CommentThreadView[] {
  return threads.map((t) => ({
    id: t.id,
    anchorType: t.anchorType,
    anchor: t.anchor,
    quote: t.quote,
    body: t.body,
    author: t.author.name,
    authorRole: ROLE_LABELS[t.author.role],
    createdAt: t.createdAt.toISOString(),
    createdText: formatDateTime(t.createdAt),
    versionNumber: t.version?.number ?? null,
    resolvedAt: t.resolvedAt?.toISOString() ?? null,
    resolvedText: t.resolvedAt ? formatDateTime(t.resolvedAt) : null,
    resolvedBy: t.resolvedBy?.name ?? null,
    replies: t.replies.map((r) => ({
      id: r.id,
      body: r.body,
      author: r.author.name,
      authorRole: ROLE_LABELS[r.author.role],
      createdAt: r.createdAt.toISOString(),
      createdText: formatDateTime(r.createdAt),
    })),
  }));
}

/**
 * The workflow side of the wizard, as plain data: whether this user is the report's editor (may
 * submit or start a correction), the reviewer's reason when the report was returned, the comment
 * threads, and the public address once a revision is published. Anyone who may view the report
 * gets it (report.view); what they may do is re-checked by each action.
 */
export async function loadEditorWorkflow(prisma: PrismaClient, user: CurrentUser, reportId: string) {
  const report = await getReportOrThrow(prisma, user, reportId, "report.view");
  const [threads, returned, publication] = await Promise.all([
    listComments(prisma, user, report.id),
    report.status === "RETURNED"
      ? prisma.auditEvent.findFirst({
          where: { reportId: report.id, action: "report.return" },
          orderBy: { at: "desc" },
          select: { at: true, details: true, actor: { select: { name: true } } },
        })
      : null,
    prisma.publication.findFirst({ where: { reportId: report.id }, orderBy: { revision: "desc" }, select: { revision: true, publishedAt: true } }),
  ]);
  const reason = (returned?.details as { reason?: unknown } | null)?.reason;
  return {
    isEditor: hasPermission(user, "report.edit") && report.agencyId === user.agencyId,
    canComment: hasPermission(user, "report.comment"),
    /** Reviewers in scope get a way to the review page (where decisions are taken). */
    canReview: hasPermission(user, "report.review"),
    returned: returned
      ? { reason: typeof reason === "string" ? reason : "", by: returned.actor?.name ?? null, atText: formatDateTime(returned.at) }
      : null,
    published: publication
      ? { revision: publication.revision, publishedText: formatDateTime(publication.publishedAt), path: publicReportPath(report.agency.slug, report.year) }
      : null,
    threads: toThreadViews(threads),
  };
}

export type EditorWorkflow = Awaited<ReturnType<typeof loadEditorWorkflow>>;
