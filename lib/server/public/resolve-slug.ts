import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";

/**
 * Where a public URL's slug has moved: the agency's current slug when `slug` is one it had
 * before (AgencySlugAlias, written when an admin changes it), else null. Asked only on the way
 * to a 404, so a current slug costs no extra query; the page answers with a permanent redirect.
 */
export async function movedSlug(prisma: PrismaClient, slug: string): Promise<string | null> {
  const alias = await prisma.agencySlugAlias.findUnique({ where: { slug }, select: { agency: { select: { slug: true } } } });
  return alias?.agency.slug ?? null;
}
