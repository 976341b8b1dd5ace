import type { PrismaClient } from "../../generated/prisma/client";
import { hasPermission, visibleAgencyIds, type CurrentUser } from "../authz";
import { AppError } from "../errors";

/** The choices of the queue's filter form: agencies of the reviewer's subtree and years with reports. */
export async function listQueueFilters(prisma: PrismaClient, user: CurrentUser) {
  if (!hasPermission(user, "report.review")) throw new AppError("FORBIDDEN", "只有审核人可以查看审核队列。");
  const scope = await visibleAgencyIds(prisma, user);
  const where = scope ? { id: { in: [...scope] } } : {};
  const [agencies, years] = await Promise.all([
    prisma.agency.findMany({ where, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    prisma.report.findMany({
      where: scope ? { agencyId: { in: [...scope] } } : {},
      distinct: ["year"],
      select: { year: true },
      orderBy: { year: "desc" },
    }),
  ]);
  return {
    agencies: agencies.sort((a, b) => a.name.localeCompare(b.name, "zh-CN")),
    years: years.map((r) => r.year),
  };
}
