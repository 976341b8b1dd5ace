"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import type { PrismaClient } from "../../generated/prisma/client";
import type { CommentThreadView } from "../../comments/comment-views";
import { ZAddComment, ZReplyToComment, ZResolveComment } from "../../comments/comment-schema";
import { defineAction, type ActionResult } from "../actions/define-action";
import type { CurrentUser } from "../authz";
import { addComment, listComments, resolveComment } from "./comments";
import { toThreadViews } from "./thread-views";

/** What the wizard's comment actions answer: the report's threads as they are now, to show at once. */
export type CommentActionResult = ActionResult<{ message: string; threads: CommentThreadView[] }>;

/** What the review page's comment actions answer (the page re-renders its threads). */
export type ReviewCommentActionResult = ActionResult<{ message: string }>;

function refreshReview(reportId: string) {
  revalidatePath(`/workspace/reports/${encodeURIComponent(reportId)}/review`);
  revalidatePath("/workspace/review");
}

async function threadsNow(prisma: PrismaClient, user: CurrentUser, reportId: string): Promise<CommentThreadView[]> {
  return toThreadViews(await listComments(prisma, user, reportId));
}

/** Review page: a new comment at an anchor, or a reply (addComment re-checks scope and anchor). */
export const addCommentAction = defineAction({
  input: ZAddComment,
  permission: "report.comment",
  run: async ({ prisma, user, input }) => {
    await addComment(prisma, user, input);
    refreshReview(input.reportId);
    return { message: input.parentId ? "已回复。" : "已添加批注。" };
  },
});

/** Review page: marks a thread resolved (已处理). */
export const resolveCommentAction = defineAction({
  input: ZResolveComment,
  permission: "report.comment",
  run: async ({ prisma, user, input }) => {
    await resolveComment(prisma, user, input);
    refreshReview(input.reportId);
    return { message: "已标记为已处理。" };
  },
});

/**
 * Wizard: replies to a thread and answers with the threads as they are now. Nothing is
 * revalidated: re-rendering the wizard's page would reset the form the editor is typing in.
 */
export const replyToThreadAction = defineAction({
  input: ZReplyToComment,
  permission: "report.comment",
  run: async ({ prisma, user, input }) => {
    // The reply takes the thread's anchor: addComment replaces whatever is passed here.
    await addComment(prisma, user, { reportId: input.reportId, parentId: input.parentId, anchorType: "SECTION", anchor: "overview", body: input.body });
    return { message: "已回复。", threads: await threadsNow(prisma, user, input.reportId) };
  },
});

/** Wizard: marks a thread resolved and answers with the threads as they are now. */
export const resolveThreadAction = defineAction({
  input: ZResolveComment,
  permission: "report.comment",
  run: async ({ prisma, user, input }) => {
    await resolveComment(prisma, user, input);
    return { message: "已标记为已处理。", threads: await threadsNow(prisma, user, input.reportId) };
  },
});
