import "server-only";
import { ZAgencyInput } from "../../admin/agency-schema";
import { descendantIds } from "../../admin/agency-tree";
import type { PrismaClient } from "../../generated/prisma/client";
import { assertPermission, type CurrentUser } from "../authz";
import { AppError } from "../errors";
import { isUniqueViolation, parseInput } from "../parse-input";
import { assertAgencyUnique, duplicateAgencyError } from "./assert-agency-unique";
import { takeAdvisoryLock } from "../advisory-lock";
import { recordAudit } from "../audit";
import { nameSortKey } from "../../admin/name-sort-key";

/** What an agency update may change, each recorded in the audit trail with before and after. */
const AUDITED_FIELDS = {
  name: true,
  slug: true,
  parentId: true,
  kind: true,
  address: true,
  postcode: true,
  phone: true,
  fax: true,
  email: true,
  website: true,
} as const;

/**
 * Changes an agency's name, slug, parent, kind (its statutory deadline) or contact data; each
 * change is audited with its old and new value. The new parent may not be the agency
 * itself or one of its descendants (that would cut the subtree off the tree and make reviewer
 * scopes loop). Existing reports keep their content; saves take the agency name from the record.
 * A new slug keeps the old one as an alias, so published links keep working; publications keep
 * the name and slug they were published under (migration 20261211090000).
 */
export async function updateAgency(prisma: PrismaClient, actor: CurrentUser, agencyId: string, input: unknown) {
  assertPermission(actor, "admin.manage");
  const data = parseInput(ZAgencyInput, input);
  try {
    return await prisma.$transaction(async (tx) => {
      await takeAdvisoryLock(tx, "agency-tree");
      const agencies = await tx.agency.findMany({ select: { id: true, name: true, parentId: true } });
      if (!agencies.some((a) => a.id === agencyId)) throw new AppError("NOT_FOUND", "找不到该机关，可能已被删除。");
      if (data.parentId) {
        if (!agencies.some((a) => a.id === data.parentId)) {
          throw new AppError("INVALID", "请按提示修改标出的内容。", { fieldErrors: { parentId: "所选的上级机关不存在，请刷新页面后重选。" } });
        }
        if (descendantIds(agencies, agencyId).has(data.parentId)) {
          throw new AppError("INVALID", "请按提示修改标出的内容。", { fieldErrors: { parentId: "上级机关不能是本机关或本机关的下级机关。" } });
        }
      }
      await assertAgencyUnique(tx, data, agencyId);
      const before = await tx.agency.findUniqueOrThrow({ where: { id: agencyId }, select: AUDITED_FIELDS });
      const after = {
        name: data.name,
        slug: data.slug,
        parentId: data.parentId,
        kind: data.kind ?? before.kind,
        // Cleared contact fields are stored as null, not left as they were.
        address: data.address ?? null,
        postcode: data.postcode ?? null,
        phone: data.phone ?? null,
        fax: data.fax ?? null,
        email: data.email ?? null,
        website: data.website ?? null,
      };
      // With the name's sort key: triggers move it and its subtree in tree order (migration 20261202051000).
      const updated = await tx.agency.update({ where: { id: agencyId }, data: { ...after, nameKey: nameSortKey(after.name) } });
      if (before.slug !== after.slug) {
        // The old slug keeps answering (a permanent redirect, lib/server/public/resolve-slug.ts);
        // back to a slug it had before, that one is the agency's own again.
        await tx.agencySlugAlias.deleteMany({ where: { slug: after.slug, agencyId } });
        await tx.agencySlugAlias.upsert({ where: { slug: before.slug }, create: { slug: before.slug, agencyId }, update: { agencyId } });
      }
      const changes = Object.fromEntries(
        (Object.keys(after) as (keyof typeof after)[]).filter((key) => before[key] !== after[key]).map((key) => [key, { from: before[key], to: after[key] }]),
      );
      if (Object.keys(changes).length > 0) {
        await recordAudit(tx, { actorId: actor.id, action: "agency.update", details: { agencyId, name: updated.name, changes } });
      }
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateAgencyError();
    throw error;
  }
}
