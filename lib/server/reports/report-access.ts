import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";
import { prepareReport } from "../../report/prepare-report";
import type { CheckContext } from "../../rules/types";
import type { Permission } from "../../auth/permissions";
import { assertReportAccess, type CurrentUser } from "../authz";
import { AppError } from "../errors";
import { loadRuleLevels } from "../rules/rule-levels";

/** Loads a report the user may act on, or fails with NOT_FOUND / FORBIDDEN. */
export async function getReportOrThrow(prisma: PrismaClient, user: CurrentUser, reportId: string, permission: Permission) {
  const report = await prisma.report.findUnique({
    where: { id: reportId },
    include: { agency: true, updatedBy: { select: { name: true } } },
  });
  if (!report) throw new AppError("NOT_FOUND", "找不到该报告，或您无权访问。");
  await assertReportAccess(prisma, user, report.agencyId, permission);
  return report;
}

export type LoadedReport = Awaited<ReturnType<typeof getReportOrThrow>>;

/** The same agency's report for the year before, as stored, or null (for cross-year rules C6–C8). */
export async function previousYearContent(prisma: PrismaClient, agencyId: string, year: number): Promise<unknown | null> {
  const previous = await prisma.report.findUnique({ where: { agencyId_year: { agencyId, year: year - 1 } }, select: { content: true } });
  return previous?.content ?? null;
}

/**
 * The rule engine's context for an agency's report: the agency's stored kind (its statutory
 * deadline), last year's report when there is one that validates (cross-year rules) and the
 * deployment's rule levels (issue 12.6).
 */
export async function crossYearContext(prisma: PrismaClient, agencyId: string, year: number): Promise<CheckContext> {
  const [content, agency, ruleLevels] = await Promise.all([
    previousYearContent(prisma, agencyId, year),
    prisma.agency.findUnique({ where: { id: agencyId }, select: { kind: true } }),
    loadRuleLevels(prisma),
  ]);
  const previous = content === null ? null : prepareReport(content);
  return { ...(previous?.ok && { previous: previous.report }), ...(agency && { agencyKind: agency.kind }), ruleLevels };
}
