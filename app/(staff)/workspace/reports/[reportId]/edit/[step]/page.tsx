import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { WizardStepView } from "@/components/report-wizard/wizard-step-view";
import { isWizardStepId, wizardStep } from "@/lib/wizard/wizard-steps";
import { getPrisma } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { getReportOrThrow } from "@/lib/server/reports/report-access";
import { requireUserPage } from "@/lib/server/session";

type Params = { params: Promise<{ reportId: string; step: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { step } = await params;
  const title = isWizardStepId(step) ? wizardStep(step).title : "填报";
  return { title: `${title} · 年度报告填报` };
}

/** One step of the wizard. The data and the form live in edit/layout.tsx; this page only picks the step. */
export default async function EditStepPage({ params }: Params) {
  const { reportId, step } = await params;
  if (!isWizardStepId(step)) notFound();
  // Layouts are not re-run on every navigation: each page checks access itself.
  const user = await requireUserPage();
  try {
    await getReportOrThrow(await getPrisma(), user, reportId, "report.view");
  } catch (error) {
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
  return <WizardStepView step={step} />;
}
