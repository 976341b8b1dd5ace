"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { ZReportId } from "../../comments/comment-schema";
import { defineAction, type ActionResult } from "../actions/define-action";
import { createReport } from "./create-report";
import { deleteDraft } from "./delete-draft";

export type CreateReportState = ActionResult<{ message: string }> | null;

const ZCreateReport = z.object({ year: z.coerce.number({ error: "请选择报告年度。" }).int("请选择报告年度。") });

/** Creates this editor's agency's report for the chosen year and opens the wizard on it. */
export const createReportAction = defineAction({
  input: ZCreateReport,
  permission: "report.create",
  run: async ({ prisma, user, input }) => {
    const report = await createReport(prisma, user, input.year);
    // redirect() works by throwing; the wrapper lets Next's control flow through.
    redirect(`/workspace/reports/${report.id}/edit/basic`);
  },
});

/** What 删除草稿 answers when it fails (success goes back to the list). */
export type DeleteDraftResult = ActionResult<{ message: string }>;

const ZDeleteDraft = z.object({ reportId: ZReportId });

/**
 * 删除草稿: deleteDraft re-checks the scope, that the user is the agency's editor and that the
 * report is a draft never submitted, inside the delete; then back to the list, which says so.
 */
export const deleteDraftAction = defineAction({
  input: ZDeleteDraft,
  permission: "report.edit",
  run: async ({ prisma, user, input }) => {
    const deleted = await deleteDraft(prisma, user, input);
    revalidatePath("/workspace/reports");
    redirect(`/workspace/reports?deleted=${deleted.year}`);
  },
});
