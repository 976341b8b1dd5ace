import { redirect } from "next/navigation";

/** A report's own address shows its preview; access is checked there. */
export default async function ReportPage({ params }: { params: Promise<{ reportId: string }> }) {
  const { reportId } = await params;
  redirect(`/workspace/reports/${encodeURIComponent(reportId)}/preview`);
}
