"use server";

import "server-only";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction, type ActionResult } from "../actions/define-action";
import { createReport } from "./create-report";

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
