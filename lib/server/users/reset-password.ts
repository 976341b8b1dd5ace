import "server-only";
import { recordAudit } from "../audit";
import { randomUUID } from "node:crypto";
import { passwordProblem } from "../../auth/password-policy";
import type { PrismaClient } from "../../generated/prisma/client";
import type { Auth } from "../auth/auth";
import { assertPermission, type CurrentUser } from "../authz";
import { AppError } from "../errors";

/**
 * Sets a new password for an account (hashed by better-auth, as at creation) and signs the
 * account out everywhere, so whoever knew the old password loses access at once. An admin
 * resetting their own password stays signed in here.
 */
export async function resetPassword(prisma: PrismaClient, auth: Auth, actor: CurrentUser, userId: string, password: unknown) {
  assertPermission(actor, "admin.manage");
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { id: true, username: true } });
  if (!user) throw new AppError("NOT_FOUND", "找不到该账号。");
  const problem = typeof password === "string" ? passwordProblem(password, user.username ?? "") : "请填写新密码。";
  if (problem) throw new AppError("INVALID", problem, { fieldErrors: { password: problem } });
  const hash = await (await auth.$context).password.hash(password as string);
  await prisma.$transaction(async (tx) => {
    const updated = await tx.account.updateMany({ where: { userId, providerId: "credential" }, data: { password: hash } });
    if (updated.count === 0) {
      await tx.account.create({ data: { id: randomUUID(), accountId: userId, providerId: "credential", userId, password: hash } });
    }
    if (userId !== actor.id) await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, { actorId: actor.id, action: "user.resetPassword", details: { userId, username: user.username } });
  });
}
