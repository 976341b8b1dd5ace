import "server-only";
import { buildDocument } from "../../document/build-document";
import type { PrismaClient } from "../../generated/prisma/client";
import { prepareReport } from "../../report/prepare-report";
import { checkReport } from "../../rules/check-report";
import { hasPermission, type CurrentUser } from "../authz";
import { EDITABLE_STATUSES, getReportOrThrow } from "./report-access";

/**
 * Everything the preview page shows, as plain data: the document, the rule findings (with last
 * year's report of the same agency for the cross-year rules) and what the user may do.
 */
export async function loadReportPreview(prisma: PrismaClient, user: CurrentUser, reportId: string) {
  const report = await getReportOrThrow(prisma, user, reportId, "report.view");
  const previousRow = await prisma.report.findUnique({
    where: { agencyId_year: { agencyId: report.agencyId, year: report.year - 1 } },
    select: { content: true },
  });
  const prepared = prepareReport(report.content);
  const previous = previousRow ? prepareReport(previousRow.content) : null;
  const canEdit =
    hasPermission(user, "report.edit") && report.agencyId === user.agencyId && (EDITABLE_STATUSES as readonly string[]).includes(report.status);

  return {
    report: {
      id: report.id,
      agency: report.agency.name,
      year: report.year,
      format: report.format,
      status: report.status,
      version: report.version,
      updatedAt: report.updatedAt,
      updatedBy: report.updatedBy?.name ?? null,
    },
    /** Null when the stored content no longer validates (it was saved by an older version). */
    document: prepared.ok ? buildDocument(prepared.report) : null,
    findings: prepared.ok ? checkReport(prepared.report, previous?.ok ? { previous: previous.report } : {}) : [],
    comparedWithPrevious: previous?.ok === true,
    canEdit,
  };
}

export type ReportPreview = Awaited<ReturnType<typeof loadReportPreview>>;
