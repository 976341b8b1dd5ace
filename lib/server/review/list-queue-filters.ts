import "server-only";
import { Prisma, type PrismaClient } from "../../generated/prisma/client";

import { assertPermission, visibleAgencyIds, type CurrentUser } from "../authz";

/** Agency names sort as in a Chinese index (pinyin); one collator, not one per comparison. */
export const ZH_COLLATOR = new Intl.Collator("zh-CN");

/**
 * The filter form's choices within a scope (null: every agency): the agencies by name and the
 * years that have reports, newest first. Two small queries; the years come from the
 * (agencyId, year) index without reading any report.
 */
export async function queueFiltersIn(prisma: PrismaClient, scope: Set<string> | null) {
  if (scope && scope.size === 0) return { agencies: [], years: [] };
  const ids = scope ? [...scope] : null;
  const inScope = (column: Prisma.Sql) => (ids ? Prisma.sql`WHERE ${column} = ANY(${ids}::text[])` : Prisma.empty);
  const [agencies, years] = await Promise.all([
    prisma.$queryRaw<{ id: string; name: string }[]>`SELECT "id", "name" FROM "Agency" ${inScope(Prisma.sql`"id"`)}`,
    prisma.$queryRaw<{ year: number }[]>`SELECT DISTINCT "year" FROM "Report" ${inScope(Prisma.sql`"agencyId"`)} ORDER BY "year" DESC`,
  ]);
  return {
    agencies: agencies.sort((a, b) => ZH_COLLATOR.compare(a.name, b.name)),
    years: years.map((r) => Number(r.year)),
  };
}

/** The choices of the queue's filter form: agencies of the reviewer's subtree and years with reports. */
export async function listQueueFilters(prisma: PrismaClient, user: CurrentUser) {
  assertPermission(user, "report.review", "只有审核人可以查看审核队列。");
  return queueFiltersIn(prisma, await visibleAgencyIds(prisma, user));
}
