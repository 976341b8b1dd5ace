"use server";

import { redirect } from "next/navigation";
import { actionFailure, type ActionFailure } from "@/lib/server/action-error";
import { getPrisma } from "@/lib/server/db";
import { createReport } from "@/lib/server/reports/create-report";
import { requireUser } from "@/lib/server/session";

export type CreateReportState = { ok: true } | ActionFailure | null;

/** Creates this editor's agency's report for the chosen year and opens the wizard on it. */
export async function createReportAction(_previous: CreateReportState, formData: FormData): Promise<CreateReportState> {
  let reportId: string;
  try {
    const user = await requireUser();
    const report = await createReport(await getPrisma(), user, Number(formData.get("year")));
    reportId = report.id;
  } catch (error) {
    return actionFailure(error);
  }
  // Outside the try: redirect() works by throwing.
  redirect(`/workspace/reports/${reportId}/edit/basic`);
}
