"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionFailure, type ActionFailure } from "@/lib/server/action-error";
import { addComment, resolveComment } from "@/lib/server/comments/comments";
import { getPrisma } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/parse-input";
import { requireUser } from "@/lib/server/session";
import { approveReport, publishReport, returnReport } from "@/lib/server/workflow/review-report";

/** What the review page's actions answer: a message to show, or a failure with a Chinese message. */
export type ReviewActionResult = { ok: true; message: string; status?: string } | ActionFailure;

const ZId = z.string().trim().min(1, "缺少报告编号。").max(100);
const ZText = (what: string) => z.string({ error: `请填写${what}。` }).max(2000, `${what}不能超过 2000 字。`);

const ZAddComment = z.object({
  reportId: ZId,
  anchorType: z.enum(["SECTION", "PARAGRAPH", "CELL"], { error: "批注位置无效。" }),
  anchor: z.string().trim().min(1, "批注位置无效。").max(200, "批注位置无效。"),
  body: ZText("批注内容"),
  quote: z.string().max(2000).optional(),
  parentId: z.string().trim().min(1).max(100).optional(),
});

const ZResolve = z.object({ reportId: ZId, commentId: z.string().trim().min(1).max(100) });
const ZReturn = z.object({ reportId: ZId, reason: ZText("退回理由") });
const ZApprove = z.object({ reportId: ZId });
const ZPublish = z.object({ reportId: ZId, correctionNote: ZText("更正说明").optional() });

/** The review page and the queue show status and threads: both must be re-rendered. */
function refresh(reportId: string) {
  revalidatePath(`/workspace/reports/${encodeURIComponent(reportId)}/review`);
  revalidatePath("/workspace/review");
}

/**
 * A decision failed because someone else acted first (or the report moved on): say so in plain
 * words and refresh, so the page shows the status that won.
 */
function decisionFailure(error: unknown, input: unknown): ActionFailure {
  const failure = actionFailure(error);
  if (error instanceof AppError && error.code === "CONFLICT") {
    const reportId = (input as { reportId?: unknown } | null)?.reportId;
    if (typeof reportId === "string") refresh(reportId);
    return { ...failure, message: `操作没有完成：${error.message}可能有其他审核人刚刚处理了这份报告，页面已更新为最新状态。` };
  }
  return failure;
}

export async function addCommentAction(input: z.input<typeof ZAddComment>): Promise<ReviewActionResult> {
  try {
    const user = await requireUser();
    const data = parseInput(ZAddComment, input);
    // addComment re-checks scope, permission and that the anchor exists in the report's format.
    await addComment(await getPrisma(), user, data);
    refresh(data.reportId);
    return { ok: true, message: data.parentId ? "已回复。" : "已添加批注。" };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function resolveCommentAction(input: z.input<typeof ZResolve>): Promise<ReviewActionResult> {
  try {
    const user = await requireUser();
    const data = parseInput(ZResolve, input);
    await resolveComment(await getPrisma(), user, data);
    refresh(data.reportId);
    return { ok: true, message: "已标记为已处理。" };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function returnReportAction(input: z.input<typeof ZReturn>): Promise<ReviewActionResult> {
  try {
    const user = await requireUser();
    const data = parseInput(ZReturn, input);
    const result = await returnReport(await getPrisma(), user, data);
    refresh(data.reportId);
    return { ok: true, status: result.status, message: "已退回修改。填报人会收到通知，并能看到退回理由和未处理的批注。" };
  } catch (error) {
    return decisionFailure(error, input);
  }
}

export async function approveReportAction(input: z.input<typeof ZApprove>): Promise<ReviewActionResult> {
  try {
    const user = await requireUser();
    const data = parseInput(ZApprove, input);
    const result = await approveReport(await getPrisma(), user, data);
    refresh(data.reportId);
    return { ok: true, status: result.status, message: "已审核通过。报告内容已锁定，可以发布。" };
  } catch (error) {
    return decisionFailure(error, input);
  }
}

export async function publishReportAction(input: z.input<typeof ZPublish>): Promise<ReviewActionResult> {
  try {
    const user = await requireUser();
    const data = parseInput(ZPublish, input);
    const result = await publishReport(await getPrisma(), user, data);
    refresh(data.reportId);
    return { ok: true, status: result.status, message: "已发布。报告已在公开页面向社会公开。" };
  } catch (error) {
    return decisionFailure(error, input);
  }
}
