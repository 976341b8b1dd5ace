import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";
import { prepareReport } from "../../report/prepare-report";
import { checkReport } from "../../rules/check-report";
import type { Finding } from "../../rules/types";
import { crossYearContext } from "../reports/report-access";

/** What a publication keeps of the check (Publication.findings). */
export interface FrozenFindings {
  findings: Finding[];
  /** What the cross-year rules compared with (「2020年度已发布版本」), or null. */
  comparedWith: string | null;
}

/**
 * The check of a report's latest submitted version as publishing it would freeze it: the same
 * prepareReport + checkReport (with last year's published or approved version and the rule
 * levels) as the review page runs. Null when there is no version or it no longer validates.
 */
export async function checkLatestVersion(prisma: PrismaClient, reportId: string): Promise<(FrozenFindings & { versionId: string }) | null> {
  const report = await prisma.report.findUnique({ where: { id: reportId }, select: { agencyId: true, year: true } });
  if (!report) return null;
  const version = await prisma.reportVersion.findFirst({ where: { reportId }, orderBy: { number: "desc" }, select: { id: true, content: true } });
  if (!version) return null;
  const prepared = prepareReport(version.content);
  if (!prepared.ok) return null;
  const context = await crossYearContext(prisma, report.agencyId, report.year);
  return { versionId: version.id, findings: checkReport(prepared.report, context), comparedWith: context.comparedWith };
}

/** A publication's frozen check as stored, or null (publications from before it was kept). */
export function frozenFindingsOf(value: unknown): FrozenFindings | null {
  if (!value || typeof value !== "object") return null;
  const { findings, comparedWith } = value as { findings?: unknown; comparedWith?: unknown };
  if (!Array.isArray(findings)) return null;
  return { findings: findings as Finding[], comparedWith: typeof comparedWith === "string" ? comparedWith : null };
}
