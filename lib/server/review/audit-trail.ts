import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";
import type { CurrentUser } from "../authz";
import { getReportOrThrow } from "../reports/report-access";

/** The audit trail of one report, newest first, for reviewers and admins in scope. */
export async function listAuditTrail(prisma: PrismaClient, user: CurrentUser, reportId: string) {
  const report = await getReportOrThrow(prisma, user, reportId, "report.audit");
  return prisma.auditEvent.findMany({
    where: { reportId: report.id },
    orderBy: { at: "desc" },
    take: 500,
    include: { actor: { select: { name: true, username: true } } },
  });
}
