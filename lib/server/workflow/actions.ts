"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ZNoteText, ZReportId } from "../../comments/comment-schema";
import { NOTE_MAX_LENGTH } from "../../comments/limits";
import { actionFailure, type ActionFailure } from "../action-error";
import { defineAction, type ActionResult } from "../actions/define-action";
import { ZReportVersion } from "../reports/report-input";
import type { PrismaClient } from "../../generated/prisma/client";
import type { CurrentUser } from "../authz";
import type { AppError } from "../errors";
import { approveReport, publishReport, returnReport, startCorrection } from "./review-report";
import { submitReport } from "./submit-report";

/** What the workflow actions answer: a message to show and the status the report is in now. */
export type WorkflowActionResult = ActionResult<{ message: string; status: string }>;

const ZSubmit = z.object({
  reportId: ZReportId,
  version: ZReportVersion,
  warningNote: z.string().max(NOTE_MAX_LENGTH, `提交理由不能超过 ${NOTE_MAX_LENGTH} 字。`).optional(),
});
const ZReport = z.object({ reportId: ZReportId });
const ZReturn = z.object({ reportId: ZReportId, reason: ZNoteText("退回理由") });
const ZPublish = z.object({ reportId: ZReportId, correctionNote: ZNoteText("更正说明").optional() });

/** The review page and the queue show the status: both must be re-rendered after a decision. */
function refreshReview(reportId: string) {
  revalidatePath(`/workspace/reports/${encodeURIComponent(reportId)}/review`);
  revalidatePath("/workspace/review");
}

/**
 * A decision failed because someone else acted first (or the report moved on): say so in plain
 * words and refresh, so the page shows the status that won.
 */
function decisionConflict(error: AppError, input: { reportId: string } | undefined): ActionFailure | undefined {
  if (error.code !== "CONFLICT") return undefined;
  if (input) refreshReview(input.reportId);
  return { ...actionFailure(error), message: `操作没有完成：${error.message}可能有其他审核人刚刚处理了这份报告，页面已更新为最新状态。` };
}

/**
 * 提交审核: submitReport re-checks the editor's scope, the strict schema and the rules on the
 * saved content, and refuses a version other than the one the editor looked at.
 */
export const submitReportAction = defineAction({
  input: ZSubmit,
  permission: "report.edit",
  run: async ({ prisma, user, input }) => {
    const result = await submitReport(prisma, user, input);
    return { status: result.status, message: "已提交审核。审核人会收到通知；审核期间报告不能修改。" };
  },
  onError: (error) => {
    if (error.code !== "CONFLICT") return undefined;
    // Either the status moved on (details carry it) or the content was saved after the editor's
    // last look: a submission must be exactly what the editor saw.
    return {
      ...actionFailure(error),
      message: error.details?.status
        ? `没有提交：${error.message}请刷新页面查看最新状态。`
        : "没有提交：报告在您打开之后又被保存过（可能是在另一个窗口或由他人保存），提交的必须是您看到的内容。请刷新页面，核对最新内容后再提交审核。",
    };
  },
});

/** 发起更正: the published report goes back to draft; its published revision stays public. */
export const startCorrectionAction = defineAction({
  input: ZReport,
  permission: "report.edit",
  run: async ({ prisma, user, input }) => {
    const result = await startCorrection(prisma, user, input);
    return { status: result.status, message: "已发起更正，报告回到草稿状态，可以修改。" };
  },
});

/**
 * A reviewer's decision: the domain function takes it inside one guarded transaction; the review
 * page and the queue are refreshed; losing a race is said in plain words.
 */
function reviewDecision<S extends z.ZodType<{ reportId: string }>>(
  input: S,
  decide: (prisma: PrismaClient, user: CurrentUser, input: z.output<S>) => Promise<{ status: string }>,
  message: string,
) {
  return defineAction({
    input,
    permission: "report.review",
    run: async ({ prisma, user, input: data }) => {
      const result = await decide(prisma, user, data);
      refreshReview(data.reportId);
      return { status: result.status, message };
    },
    onError: decisionConflict,
  });
}

export const returnReportAction = reviewDecision(ZReturn, returnReport, "已退回修改。填报人会收到通知，并能看到退回理由和未处理的批注。");

export const approveReportAction = reviewDecision(ZReport, approveReport, "已审核通过。报告内容已锁定，可以发布。");

export const publishReportAction = reviewDecision(ZPublish, publishReport, "已发布。报告已在公开页面向社会公开。");
