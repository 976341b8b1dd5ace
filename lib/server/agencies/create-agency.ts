import "server-only";
import { randomUUID } from "node:crypto";
import { ZAgencyInput } from "../../admin/agency-schema";
import type { PrismaClient } from "../../generated/prisma/client";
import { assertPermission, type CurrentUser } from "../authz";
import { AppError } from "../errors";
import { isUniqueViolation, parseInput } from "../parse-input";
import { assertAgencyUnique, duplicateAgencyError } from "./assert-agency-unique";
import { takeAdvisoryLock } from "../advisory-lock";
import { recordAudit } from "../audit";
import { suggestAgencyKind } from "../../workflow/deadline";
import { nameSortKey } from "../../admin/name-sort-key";

/**
 * Creates an agency under an existing parent (or as a root), of the kind the admin chose or, when
 * none was chosen, the kind its name suggests; audited. Admins only.
 */
export async function createAgency(prisma: PrismaClient, actor: CurrentUser, input: unknown) {
  assertPermission(actor, "admin.manage");
  const data = parseInput(ZAgencyInput, input);
  try {
    return await prisma.$transaction(async (tx) => {
      await takeAdvisoryLock(tx, "agency-tree");
      if (data.parentId && !(await tx.agency.findUnique({ where: { id: data.parentId }, select: { id: true } }))) {
        throw new AppError("INVALID", "请按提示修改标出的内容。", { fieldErrors: { parentId: "所选的上级机关不存在，请刷新页面后重选。" } });
      }
      await assertAgencyUnique(tx, data);
      // The sort key places it in tree order (triggers compute its path from it; migration 20261202051000).
      const agency = await tx.agency.create({ data: { id: randomUUID(), ...data, kind: data.kind ?? suggestAgencyKind(data.name), nameKey: nameSortKey(data.name) } });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "agency.create",
        details: { agencyId: agency.id, name: agency.name, slug: agency.slug, parentId: agency.parentId, kind: agency.kind, kindSuggested: data.kind === undefined },
      });
      return agency;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateAgencyError();
    throw error;
  }
}
