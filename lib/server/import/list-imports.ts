import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";
import { assertPermission, visibleAgencyIds, type CurrentUser } from "../authz";

/** How many pending uploads the start page lists (the newest). */
export const PENDING_LIST_LIMIT = 20;

/** Uploads in the user's scope still waiting for a decision, newest first (no content, no bytes). */
export async function listPendingImports(prisma: PrismaClient, user: CurrentUser, limit = PENDING_LIST_LIMIT) {
  assertPermission(user, "report.import");
  const visible = await visibleAgencyIds(prisma, user);
  const rows = await prisma.importedSource.findMany({
    where: { status: "PENDING", ...(visible && { agencyId: { in: [...visible] } }) },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, filename: true, sourceKind: true, year: true, createdAt: true, agency: { select: { name: true } }, createdBy: { select: { name: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    filename: row.filename,
    sourceKind: row.sourceKind,
    year: row.year,
    agency: row.agency.name,
    createdBy: row.createdBy.name,
    createdAt: row.createdAt,
  }));
}
