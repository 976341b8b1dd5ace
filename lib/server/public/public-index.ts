import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";
import type { IndexAgency } from "../../public/public-index";

/** How long one instance serves the index it read (a new publication shows within this). */
const TTL_MS = 30_000;
let cached: { at: number; agencies: IndexAgency[] } | null = null;

/**
 * Every agency with the years it has published, for the public index (/reports): two queries,
 * kept for 30 s per instance. Not shared between instances, and nothing depends on it being
 * shared: it is a read cache of public data, at most 30 s behind the database.
 */
export async function loadPublicAgencies(prisma: PrismaClient, now = Date.now()): Promise<IndexAgency[]> {
  if (cached && now - cached.at < TTL_MS) return cached.agencies;
  const [agencies, published] = await Promise.all([
    prisma.agency.findMany({ select: { id: true, name: true, slug: true, parentId: true } }),
    prisma.report.findMany({ where: { publications: { some: {} } }, select: { agencyId: true, year: true }, orderBy: { year: "desc" } }),
  ]);
  const years = new Map<string, number[]>();
  for (const { agencyId, year } of published) years.set(agencyId, [...(years.get(agencyId) ?? []), year]);
  const result = agencies.map((a) => ({ ...a, years: years.get(a.id) ?? [] }));
  cached = { at: now, agencies: result };
  return result;
}

/** For tests: the next load reads the database. */
export function forgetPublicAgencies(): void {
  cached = null;
}
