import "server-only";
import { nameSortKey } from "../../admin/name-sort-key";
import type { PrismaClient } from "../../generated/prisma/client";

/**
 * Gives every agency without a stored sort key its key (Agency.nameKey, migration
 * 20261202051000_agency_tree_order): agencies written by seeds or tests, before that migration,
 * or renamed without one. The database's triggers then place them and their subtrees in tree
 * order again. Cheap when there is nothing to do (a partial index holds exactly the agencies
 * without a key); the keys depend on the name alone, so two processes doing it at once write the
 * same values. Returns how many agencies got a key.
 */
export async function ensureAgencyNameKeys(prisma: PrismaClient): Promise<number> {
  const missing = await prisma.$queryRaw<{ id: string; name: string }[]>`SELECT "id", "name" FROM "Agency" WHERE "nameKey" IS NULL`;
  if (missing.length === 0) return 0;
  return prisma.$executeRaw`
    UPDATE "Agency" a SET "nameKey" = t."key"
    FROM unnest(${missing.map((m) => m.id)}::text[], ${missing.map((m) => m.name)}::text[], ${missing.map((m) => nameSortKey(m.name))}::text[]) AS t("id", "name", "key")
    WHERE a."id" = t."id" AND a."name" = t."name" AND a."nameKey" IS NULL`;
}
