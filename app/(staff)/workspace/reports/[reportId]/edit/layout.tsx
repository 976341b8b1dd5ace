import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { ReportWizardProvider } from "@/components/report-wizard/report-wizard-provider";
import { getPrisma } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { loadEditorWorkflow } from "@/lib/server/reports/load-editor-workflow";
import { loadReportForEditing } from "@/lib/server/reports/load-report-for-editing";
import { requireUserPage } from "@/lib/server/session";

/**
 * The report wizard: one form for all steps lives here (a layout keeps its state while the user
 * moves between /edit/<step> pages), with the workflow around it: status, return reason and the
 * comment threads. Anyone who may view the report sees it; only editors of the report's agency,
 * while it is a draft or returned, can change it.
 */
export default async function EditReportLayout({ children, params }: { children: ReactNode; params: Promise<{ reportId: string }> }) {
  const user = await requireUserPage();
  const { reportId } = await params;
  let data, workflow;
  try {
    const prisma = await getPrisma();
    [data, workflow] = await Promise.all([loadReportForEditing(prisma, user, reportId), loadEditorWorkflow(prisma, user, reportId)]);
  } catch (error) {
    // Outside the user's scope looks the same as absent (fail closed, no hint it exists).
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
  // A new status (after 提交审核 or 发起更正 and a refresh) starts a fresh wizard: whether it
  // saves, and what it offers, depend on the status.
  return (
    <ReportWizardProvider key={data.report.status} data={data} workflow={workflow}>
      {children}
    </ReportWizardProvider>
  );
}
