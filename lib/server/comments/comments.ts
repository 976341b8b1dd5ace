import "server-only";
import { randomUUID } from "node:crypto";
import { TEMPLATES } from "../../../templates";
import { isValidAnchor, type AnchorType } from "../../comments/anchors";
import { NOTE_MAX_LENGTH, QUOTE_MAX_LENGTH } from "../../comments/limits";
import type { PrismaClient } from "../../generated/prisma/client";
import type { FormatVersion } from "../../template/types";
import { recordAudit } from "../audit";
import type { CurrentUser } from "../authz";
import { AppError } from "../errors";
import { getReportOrThrow } from "../reports/report-access";

export interface NewComment {
  reportId: string;
  anchorType: AnchorType;
  anchor: string;
  body: string;
  quote?: string;
  /** Reply to this comment (same report; the reply takes the thread's anchor). */
  parentId?: string;
}

/** Adds a comment (or a reply) anchored to a section, paragraph or table cell. */
export async function addComment(prisma: PrismaClient, user: CurrentUser, input: NewComment) {
  const report = await getReportOrThrow(prisma, user, input.reportId, "report.comment");
  const body = (input.body ?? "").trim();
  if (!body) throw new AppError("INVALID", "请填写批注内容。");
  if (body.length > NOTE_MAX_LENGTH) throw new AppError("INVALID", `批注不能超过 ${NOTE_MAX_LENGTH} 字。`);
  let anchorType = input.anchorType;
  let anchor = input.anchor;
  if (input.parentId) {
    const parent = await prisma.comment.findFirst({ where: { id: input.parentId, reportId: report.id } });
    if (!parent) throw new AppError("NOT_FOUND", "要回复的批注不存在。");
    anchorType = parent.anchorType;
    anchor = parent.anchor;
  } else if (!isValidAnchor(TEMPLATES[report.format as FormatVersion], anchorType, anchor)) {
    throw new AppError("INVALID", "批注位置无效。");
  }
  const version = await prisma.reportVersion.findFirst({ where: { reportId: report.id }, orderBy: { number: "desc" }, select: { id: true } });
  return prisma.$transaction(async (tx) => {
    const comment = await tx.comment.create({
      data: {
        id: randomUUID(),
        reportId: report.id,
        versionId: version?.id ?? null,
        anchorType,
        anchor,
        quote: input.quote?.slice(0, QUOTE_MAX_LENGTH) ?? null,
        parentId: input.parentId ?? null,
        authorId: user.id,
        body,
      },
    });
    await recordAudit(tx, { actorId: user.id, action: "comment.create", reportId: report.id, versionId: version?.id, details: { commentId: comment.id, anchorType, anchor } });
    return comment;
  });
}

/** Marks a thread resolved (its root comment). */
export async function resolveComment(prisma: PrismaClient, user: CurrentUser, input: { reportId: string; commentId: string }) {
  const report = await getReportOrThrow(prisma, user, input.reportId, "report.comment");
  return prisma.$transaction(async (tx) => {
    const updated = await tx.comment.updateMany({
      where: { id: input.commentId, reportId: report.id, parentId: null, resolvedAt: null },
      data: { resolvedAt: new Date(), resolvedById: user.id },
    });
    if (updated.count !== 1) throw new AppError("NOT_FOUND", "批注不存在或已处理。");
    await recordAudit(tx, { actorId: user.id, action: "comment.resolve", reportId: report.id, details: { commentId: input.commentId } });
  });
}

/** Comment threads of a report, oldest first, with author names. */
export async function listComments(prisma: PrismaClient, user: CurrentUser, reportId: string) {
  const report = await getReportOrThrow(prisma, user, reportId, "report.view");
  const comments = await prisma.comment.findMany({
    where: { reportId: report.id },
    orderBy: { createdAt: "asc" },
    include: { author: { select: { name: true, role: true } }, resolvedBy: { select: { name: true } }, version: { select: { number: true } } },
  });
  const roots = comments.filter((c) => !c.parentId);
  return roots.map((root) => ({ ...root, replies: comments.filter((c) => c.parentId === root.id) }));
}

export type CommentThread = Awaited<ReturnType<typeof listComments>>[number];
