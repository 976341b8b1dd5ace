import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";
import { hasPermission } from "../../auth/permissions";
import { visibleAgencyIds, type CurrentUser } from "../authz";

/**
 * The reports a user may see (editor: own agency; reviewer: agency subtree; admin: all), newest
 * year first, without their content; with what decides whether a draft may be deleted
 * (deletionFacts in ./delete-draft).
 */
export async function listReports(prisma: PrismaClient, user: CurrentUser) {
  if (!hasPermission(user, "report.view")) return [];
  const visible = await visibleAgencyIds(prisma, user);
  return prisma.report.findMany({
    where: visible ? { agencyId: { in: [...visible] } } : {},
    select: {
      id: true,
      year: true,
      format: true,
      status: true,
      updatedAt: true,
      agencyId: true,
      agency: { select: { name: true } },
      updatedBy: { select: { name: true } },
      // For deletionFacts (./delete-draft): set once the report was ever frozen.
      latestVersionId: true,
      importedFrom: { select: { id: true } },
    },
    orderBy: [{ year: "desc" }, { agency: { name: "asc" } }],
  });
}

export type ReportListItem = Awaited<ReturnType<typeof listReports>>[number];
