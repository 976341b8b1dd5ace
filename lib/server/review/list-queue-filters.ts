import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";

import { assertPermission, visibleAgencyIds, type CurrentUser } from "../authz";

/** The choices of the queue's filter form: agencies of the reviewer's subtree and years with reports. */
export async function listQueueFilters(prisma: PrismaClient, user: CurrentUser) {
  assertPermission(user, "report.review", "只有审核人可以查看审核队列。");
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
