import "server-only";
import { buildDocument } from "../../document/build-document";
import type { PrismaClient } from "../../generated/prisma/client";
import { prepareReport } from "../../report/prepare-report";
import { checkReport } from "../../rules/check-report";
import { canEditReport } from "../../auth/permissions";
import { canStartCorrection } from "../../workflow/transitions";
import type { CurrentUser } from "../authz";
import { crossYearContext, getReportOrThrow } from "./report-access";
import { frozenFindingsOf } from "../workflow/frozen-findings";

/**
 * Everything the preview page shows, as plain data: the document, the rule findings (with last
 * year's report of the same agency for the cross-year rules) and what the user may do.
 */
export async function loadReportPreview(prisma: PrismaClient, user: CurrentUser, reportId: string) {
  const report = await getReportOrThrow(prisma, user, reportId, "report.view");
  const [context, publication] = await Promise.all([
    crossYearContext(prisma, report.agencyId, report.year),
    report.status === "PUBLISHED" ? prisma.publication.findFirst({ where: { reportId: report.id }, orderBy: { revision: "desc" }, select: { findings: true, publishedAt: true } }) : null,
  ]);
  const prepared = prepareReport(report.content);
  // Published: the check frozen with the publication (what the content was published with).
  const frozen = publication ? frozenFindingsOf(publication.findings) : null;

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
    findings: frozen ? frozen.findings : prepared.ok ? checkReport(prepared.report, context) : [],
    comparedWith: frozen ? frozen.comparedWith : context.comparedWith,
    /** When the findings shown are those frozen with the publication: its date. */
    findingsFrozenAt: frozen ? publication!.publishedAt : null,
    canEdit: canEditReport(user, report),
    /** A published report's own editor: the page offers 发起更正. */
    canCorrect: canStartCorrection(user, report),
  };
}

export type ReportPreview = Awaited<ReturnType<typeof loadReportPreview>>;
