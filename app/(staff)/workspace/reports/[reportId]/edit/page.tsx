import { redirect } from "next/navigation";

/** /reports/<id>/edit opens the wizard's first step (access is checked there). */
export default async function EditReportPage({ params }: { params: Promise<{ reportId: string }> }) {
  const { reportId } = await params;
  redirect(`/workspace/reports/${encodeURIComponent(reportId)}/edit/basic`);
}
