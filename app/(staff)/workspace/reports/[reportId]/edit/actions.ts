"use server";

import { z } from "zod";
import type { CommentThreadView } from "@/lib/report/comment-places";
import { actionFailure, type ActionFailure } from "@/lib/server/action-error";
import type { CurrentUser } from "@/lib/server/authz";
import { addComment, listComments, resolveComment } from "@/lib/server/comments/comments";
import { getPrisma } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";
import { toThreadViews } from "@/lib/server/reports/load-editor-workflow";
import { requireUser } from "@/lib/server/session";
import { startCorrection } from "@/lib/server/workflow/review-report";
import { submitReport } from "@/lib/server/workflow/submit-report";

/** What the wizard's workflow actions answer. */
export type WorkflowActionResult = { ok: true; message: string; status: string } | ActionFailure;

/** What the comment actions answer: the report's threads as they are now, to show at once. */
export type CommentActionResult = { ok: true; message: string; threads: CommentThreadView[] } | ActionFailure;

const ZId = z.string().trim().min(1, "缺少报告编号。").max(100);

const ZSubmit = z.object({
  reportId: ZId,
  version: z.number({ error: "缺少报告版本。" }).int().nonnegative(),
  warningNote: z.string().max(2000, "提交理由不能超过 2000 字。").optional(),
});
const ZStartCorrection = z.object({ reportId: ZId });
const ZReply = z.object({
  reportId: ZId,
  parentId: z.string().trim().min(1).max(100),
  body: z.string({ error: "请填写回复内容。" }).max(2000, "回复不能超过 2000 字。"),
});
const ZResolve = z.object({ reportId: ZId, commentId: z.string().trim().min(1).max(100) });

/**
 * 提交审核: submitReport re-checks the editor's scope, the strict schema and the rules on the
 * saved content, and refuses a version other than the one the editor looked at.
 */
export async function submitReportAction(input: z.input<typeof ZSubmit>): Promise<WorkflowActionResult> {
  try {
    const user = await requireUser();
    const data = parseInput(ZSubmit, input);
    const result = await submitReport(await getPrisma(), user, { reportId: data.reportId, version: data.version, warningNote: data.warningNote });
    return { ok: true, status: result.status, message: "已提交审核。审核人会收到通知；审核期间报告不能修改。" };
  } catch (error) {
    if (error instanceof AppError && error.code === "CONFLICT") {
      // Either the status moved on (details carry it) or the content was saved after the
      // editor's last look: a submission must be exactly what the editor saw.
      const statusChanged = Boolean(error.details?.status);
      return {
        ...actionFailure(error),
        message: statusChanged
          ? `没有提交：${error.message}请刷新页面查看最新状态。`
          : "没有提交：报告在您打开之后又被保存过（可能是在另一个窗口或由他人保存），提交的必须是您看到的内容。请刷新页面，核对最新内容后再提交审核。",
      };
    }
    return actionFailure(error);
  }
}

/** 发起更正: the published report goes back to draft; its published revision stays public. */
export async function startCorrectionAction(input: z.input<typeof ZStartCorrection>): Promise<WorkflowActionResult> {
  try {
    const user = await requireUser();
    const data = parseInput(ZStartCorrection, input);
    const result = await startCorrection(await getPrisma(), user, data);
    return { ok: true, status: result.status, message: "已发起更正，报告回到草稿状态，可以修改。" };
  } catch (error) {
    return actionFailure(error);
  }
}

async function threadsNow(user: CurrentUser, reportId: string): Promise<CommentThreadView[]> {
  return toThreadViews(await listComments(await getPrisma(), user, reportId));
}

/** Replies to a thread (the reply takes the thread's anchor; addComment re-checks the scope). */
export async function replyToCommentAction(input: z.input<typeof ZReply>): Promise<CommentActionResult> {
  try {
    const user = await requireUser();
    const data = parseInput(ZReply, input);
    // The anchor is the parent's: addComment replaces whatever is passed here.
    await addComment(await getPrisma(), user, { reportId: data.reportId, parentId: data.parentId, anchorType: "SECTION", anchor: "overview", body: data.body });
    return { ok: true, message: "已回复。", threads: await threadsNow(user, data.reportId) };
  } catch (error) {
    return actionFailure(error);
  }
}

/** Marks a thread resolved (已处理). */
export async function resolveCommentAction(input: z.input<typeof ZResolve>): Promise<CommentActionResult> {
  try {
    const user = await requireUser();
    const data = parseInput(ZResolve, input);
    await resolveComment(await getPrisma(), user, data);
    return { ok: true, message: "已标记为已处理。", threads: await threadsNow(user, data.reportId) };
  } catch (error) {
    return actionFailure(error);
  }
}
