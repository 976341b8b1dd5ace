import "server-only";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client";
import { prepareReport } from "../../report/prepare-report";
import { checkReport, countFindings } from "../../rules/check-report";
import { submissionProblem } from "../../workflow/transitions";
import type { CurrentUser } from "../authz";
import { AppError } from "../errors";
import { notify, reviewersOf } from "../notifications/notify";
import { recordVersionCells } from "../oversight/version-cells";
import { crossYearContext, getReportOrThrow } from "../reports/report-access";
import { applyTransition } from "./apply-transition";

/**
 * Submits a report for review: it must pass the strict schema with no rule errors; warnings
 * need the editor's reason. Freezes the content as an immutable, numbered version, with its
 * table cells stored for the oversight roll-up.
 */
export async function submitReport(prisma: PrismaClient, user: CurrentUser, input: { reportId: string; version: number; warningNote?: string }) {
  const report = await getReportOrThrow(prisma, user, input.reportId, "report.edit");
  const strict = prepareReport(report.content, "strict");
  if (!strict.ok) throw new AppError("INVALID", `报告内容不完整或格式不正确（${strict.issues[0].path}），不能提交审核。`);
  const counts = countFindings(checkReport(strict.report, await crossYearContext(prisma, report.agencyId, report.year)));
  const problem = submissionProblem(counts, input.warningNote);
  if (problem) throw new AppError("INVALID", problem, counts);
  const warningNote = counts.warnings > 0 ? input.warningNote!.trim() : null;

  return applyTransition(prisma, user, "submit", {
    reportId: report.id,
    expectedVersion: input.version,
    data: { submittedAt: new Date() },
    details: { ...counts, warningNote },
    effects: async (tx) => {
      const last = await tx.reportVersion.aggregate({ where: { reportId: report.id }, _max: { number: true } });
      const version = await tx.reportVersion.create({
        data: {
          id: randomUUID(),
          reportId: report.id,
          number: (last._max.number ?? 0) + 1,
          content: report.content as object,
          errorCount: counts.errors,
          warningCount: counts.warnings,
          warningNote,
          submittedById: user.id,
        },
      });
      // The same transaction stores the version's cells for the oversight roll-up.
      await recordVersionCells(tx, version.id, version.content);
      await notify(tx, await reviewersOf(tx, report.agencyId), {
        reportId: report.id,
        kind: "SUBMITTED",
        message: `${report.agency.name} ${report.year} 年度报告已提交审核（第 ${version.number} 版）。`,
      });
      return { versionId: version.id };
    },
  });
}
