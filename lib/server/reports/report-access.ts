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

/** Last year's report as the cross-year rules see it, and what it is (「2020年度已发布版本」). */
export interface PreviousYearBasis {
  content: unknown;
  label: string;
  /** The revision when it is a publication; null for an approved version not yet published. */
  revision: number | null;
}

/**
 * The same agency's report for the year before as the cross-year rules (C6–C8) compare with it:
 * its latest published revision, else its approved version — never a draft or a version under
 * review, so typing in another year's draft never changes this report's findings (issue 14.2).
 */
export async function previousYearBasis(prisma: PrismaClient, agencyId: string, year: number): Promise<PreviousYearBasis | null> {
  const previous = await prisma.report.findUnique({
    where: { agencyId_year: { agencyId, year: year - 1 } },
    select: {
      status: true,
      publications: { orderBy: { revision: "desc" }, take: 1, select: { revision: true, version: { select: { content: true } } } },
      versions: { orderBy: { number: "desc" }, take: 1, select: { content: true } },
    },
  });
  if (!previous) return null;
  const published = previous.publications[0];
  if (published) {
    return { content: published.version.content, label: `${year - 1}年度已发布版本${published.revision > 1 ? `（第 ${published.revision} 版）` : ""}`, revision: published.revision };
  }
  if (previous.status === "APPROVED" && previous.versions[0]) return { content: previous.versions[0].content, label: `${year - 1}年度审核通过版本`, revision: null };
  return null;
}

/**
 * Last year's report as stored, draft or not: only what a new report is prefilled from
 * (上年结转 from last year's 结转, create-report.ts); the rules use previousYearBasis.
 */
export async function previousYearStoredContent(prisma: PrismaClient, agencyId: string, year: number): Promise<unknown | null> {
  const previous = await prisma.report.findUnique({ where: { agencyId_year: { agencyId, year: year - 1 } }, select: { content: true } });
  return previous?.content ?? null;
}

/** The content of previousYearBasis, or null. */
export async function previousYearContent(prisma: PrismaClient, agencyId: string, year: number): Promise<unknown | null> {
  return (await previousYearBasis(prisma, agencyId, year))?.content ?? null;
}

/**
 * The rule engine's context for an agency's report: the agency's stored kind (its statutory
 * deadline), last year's report when there is one that validates (cross-year rules) and the
 * deployment's rule levels (issue 12.6).
 */
export async function crossYearContext(
  prisma: PrismaClient,
  agencyId: string,
  year: number,
): Promise<CheckContext & { comparedWith: string | null; lastYear: PreviousYearBasis | null }> {
  const [basis, agency, ruleLevels] = await Promise.all([
    previousYearBasis(prisma, agencyId, year),
    prisma.agency.findUnique({ where: { id: agencyId }, select: { kind: true } }),
    loadRuleLevels(prisma),
  ]);
  const previous = basis === null ? null : prepareReport(basis.content);
  return {
    ...(previous?.ok && { previous: previous.report }),
    ...(agency && { agencyKind: agency.kind }),
    ruleLevels,
    /** What the cross-year rules compared with, for the UI; null when they had nothing. */
    comparedWith: previous?.ok ? basis!.label : null,
    /** Last year's version itself (the review page diffs against it when it is a publication). */
    lastYear: basis,
  };
}
