import "server-only";
import { recordAudit } from "../audit";
import { ZUserUpdate } from "../../admin/user-schema";
import type { PrismaClient } from "../../generated/prisma/client";
import { takeAdvisoryLock } from "../advisory-lock";
import { assertPermission, type CurrentUser } from "../authz";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";

/**
 * Changes an account's name, role or agency (the user name never changes: it is how people
 * sign in and how the audit trail names them). Role and agency take effect on the user's next
 * request, because the session reads them from the database.
 */
export async function updateUser(prisma: PrismaClient, actor: CurrentUser, userId: string, input: unknown) {
  assertPermission(actor, "admin.manage");
  const data = parseInput(ZUserUpdate, input);
  return prisma.$transaction(async (tx) => {
    await takeAdvisoryLock(tx, "admin-roles");
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, name: true, agencyId: true, username: true } });
    if (!user) throw new AppError("NOT_FOUND", "找不到该账号。");
    if (user.role === "ADMIN" && data.role !== "ADMIN") {
      // An admin cannot demote themselves, and the system keeps at least one admin.
      if (user.id === actor.id) throw new AppError("INVALID", "不能取消自己的管理员角色。", { fieldErrors: { role: "不能取消自己的管理员角色。" } });
      const admins = await tx.user.count({ where: { role: "ADMIN" } });
      if (admins <= 1) throw new AppError("INVALID", "系统至少需要一个管理员。", { fieldErrors: { role: "这是系统中唯一的管理员，不能更改其角色。" } });
    }
    if (data.agencyId && !(await tx.agency.findUnique({ where: { id: data.agencyId }, select: { id: true } }))) {
      throw new AppError("INVALID", "请按提示修改标出的内容。", { fieldErrors: { agencyId: "所选的机关不存在，请刷新页面后重选。" } });
    }
    const updated = await tx.user.update({ where: { id: userId }, data: { name: data.name, role: data.role, agencyId: data.agencyId } });
    const before = { name: user.name, role: user.role, agencyId: user.agencyId };
    const after = { name: updated.name, role: updated.role, agencyId: updated.agencyId };
    const changes = Object.fromEntries((Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k]).map((k) => [k, { from: before[k], to: after[k] }]));
    if (Object.keys(changes).length > 0) await recordAudit(tx, { actorId: actor.id, action: "user.update", details: { userId, username: user.username, changes } });
    return updated;
  });
}
