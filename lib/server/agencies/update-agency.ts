import "server-only";
import { ZAgencyInput } from "../../admin/agency-schema";
import { descendantIds } from "../../admin/agency-tree";
import type { PrismaClient } from "../../generated/prisma/client";
import { assertPermission, type CurrentUser } from "../authz";
import { AppError } from "../errors";
import { isUniqueViolation, parseInput } from "../parse-input";
import { assertAgencyUnique, duplicateAgencyError } from "./assert-agency-unique";
import { takeAdvisoryLock } from "../advisory-lock";

/**
 * Changes an agency's name, slug, parent or contact data. The new parent may not be the agency
 * itself or one of its descendants (that would cut the subtree off the tree and make reviewer
 * scopes loop). Existing reports keep their content; saves take the agency name from the record.
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
      return tx.agency.update({
        where: { id: agencyId },
        // Cleared contact fields are stored as null, not left as they were.
        data: {
          name: data.name,
          slug: data.slug,
          parentId: data.parentId,
          address: data.address ?? null,
          postcode: data.postcode ?? null,
          phone: data.phone ?? null,
          fax: data.fax ?? null,
          email: data.email ?? null,
          website: data.website ?? null,
        },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateAgencyError();
    throw error;
  }
}
