import type { PrismaClient } from "../../generated/prisma/client";
import { assertReportAccess, type CurrentUser, type Permission } from "../authz";
import { AppError } from "../errors";

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

/** Statuses in which the editor may change the report. */
export const EDITABLE_STATUSES = ["DRAFT", "RETURNED"] as const;
