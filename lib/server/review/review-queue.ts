import "server-only";
import type { PrismaClient, ReportStatus } from "../../generated/prisma/client";
import { daysUntilDeadline } from "../../workflow/transitions";

import { assertPermission, visibleAgencyIds, type CurrentUser } from "../authz";

export interface QueueFilter {
  status?: ReportStatus | "ALL";
  agencyId?: string;
  year?: number;
  sort?: "submittedAt" | "daysLeft" | "agency" | "errors";
}

/**
 * Reports awaiting review across the reviewer's agency subtree, with the counts frozen at
 * submission and the days left to the statutory deadline.
 */
export async function listReviewQueue(prisma: PrismaClient, user: CurrentUser, filter: QueueFilter = {}, now = new Date()) {
  assertPermission(user, "report.review", "只有审核人可以查看审核队列。");
  const scope = await visibleAgencyIds(prisma, user);
  const status = filter.status ?? "SUBMITTED";
  const reports = await prisma.report.findMany({
    where: {
      ...(scope ? { agencyId: { in: [...scope] } } : {}),
      ...(status !== "ALL" ? { status } : {}),
      ...(filter.agencyId ? { agencyId: filter.agencyId } : {}),
      ...(filter.year ? { year: filter.year } : {}),
    },
    include: { agency: { select: { name: true } }, versions: { orderBy: { number: "desc" }, take: 1 } },
  });
  const rows = reports.map((r) => {
    const version = r.versions[0];
    return {
      id: r.id,
      agency: r.agency.name,
      agencyId: r.agencyId,
      year: r.year,
      status: r.status,
      submittedAt: r.submittedAt,
      versionNumber: version?.number ?? null,
      errors: version?.errorCount ?? null,
      warnings: version?.warningCount ?? null,
      warningNote: version?.warningNote ?? null,
      daysLeft: daysUntilDeadline(r.agency.name, r.year, now),
    };
  });
  const sort = filter.sort ?? "daysLeft";
  const key: Record<NonNullable<QueueFilter["sort"]>, (row: (typeof rows)[number]) => number | string> = {
    submittedAt: (row) => row.submittedAt?.getTime() ?? Infinity,
    daysLeft: (row) => row.daysLeft,
    agency: (row) => row.agency,
    errors: (row) => -(row.warnings ?? 0),
  };
  return rows.sort((a, b) => {
    const [x, y] = [key[sort](a), key[sort](b)];
    return typeof x === "string" ? x.localeCompare(String(y), "zh-CN") : x - Number(y);
  });
}

export type QueueRow = Awaited<ReturnType<typeof listReviewQueue>>[number];
