import "server-only";
import { canEditReport, readOnlyReason } from "../../auth/permissions";
import type { PrismaClient } from "../../generated/prisma/client";
import type { CurrentUser } from "../authz";
import { loadRuleLevels } from "../rules/rule-levels";
import { getReportOrThrow, previousYearBasis } from "./report-access";

/**
 * What the report wizard needs, as plain data: the stored draft with its version (for optimistic
 * saving), last year's report of the same agency (for the cross-year rules, checked in the
 * browser), the deployment's rule levels (so the live check shows the server's severities) and
 * whether this user may change the report now.
 */
export async function loadReportForEditing(prisma: PrismaClient, user: CurrentUser, reportId: string) {
  const report = await getReportOrThrow(prisma, user, reportId, "report.view");
  const [previous, ruleLevels] = await Promise.all([previousYearBasis(prisma, report.agencyId, report.year), loadRuleLevels(prisma)]);
  return {
    report: {
      id: report.id,
      agency: report.agency.name,
      /** The agency's stored kind: its statutory deadline (wizard hint, live date check). */
      agencyKind: report.agency.kind,
      year: report.year,
      format: report.format,
      status: report.status,
      version: report.version,
      content: report.content as unknown,
      updatedAt: report.updatedAt.toISOString(),
      updatedBy: report.updatedBy?.name ?? null,
    },
    previousContent: previous?.content ?? null,
    /** What previousContent is (「2020年度已发布版本」), shown as the source of the comparison. */
    previousLabel: previous?.label ?? null,
    ruleLevels,
    canEdit: canEditReport(user, report),
    /** Why the wizard is read-only, for the banner (null when the user may edit). */
    readOnlyReason: readOnlyReason(user, report),
  };
}

export type ReportForEditing = Awaited<ReturnType<typeof loadReportForEditing>>;
