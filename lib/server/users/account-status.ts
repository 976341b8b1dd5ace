import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";
import { clearFailures, lockedMinutes } from "../auth/login-throttle";
import { recordAudit } from "../audit";
import { assertPermission, type CurrentUser } from "../authz";
import { AppError } from "../errors";

/** The message a disabled account gets when it tries to sign in. */
export const ACCOUNT_DISABLED = "该账号已停用，不能登录。如需恢复，请联系系统管理员。";

async function accountOf(prisma: PrismaClient, userId: string) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { id: true, username: true, name: true, disabledAt: true } });
  if (!user) throw new AppError("NOT_FOUND", "找不到该账号。");
  return user;
}

/**
 * Disables or enables an account (issue 14.7). Disabling signs it out everywhere in the same
 * transaction, so whoever holds its session loses access at once; an admin cannot disable their
 * own account (the deployment would be left without a way back in). Audited with who and when.
 */
export async function setAccountDisabled(prisma: PrismaClient, actor: CurrentUser, userId: string, disabled: boolean) {
  assertPermission(actor, "admin.manage");
  const user = await accountOf(prisma, userId);
  if (disabled && user.id === actor.id) throw new AppError("INVALID", "不能停用自己正在使用的账号。");
  if (Boolean(user.disabledAt) === disabled) return user;
  return prisma.$transaction(async (tx) => {
    // Only the change this call sees: a concurrent disable of the same account writes no second row.
    const changed = await tx.user.updateMany({ where: { id: user.id, disabledAt: disabled ? null : { not: null } }, data: { disabledAt: disabled ? new Date() : null } });
    if (changed.count === 0) return user;
    if (disabled) await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, { actorId: actor.id, action: disabled ? "user.disable" : "user.enable", details: { userId: user.id, username: user.username } });
    return { ...user, disabledAt: disabled ? new Date() : null };
  });
}

/** Lifts the sign-in lock of an account (after 5 failed attempts, lib/server/auth/login-throttle.ts); audited. */
export async function unlockAccount(prisma: PrismaClient, actor: CurrentUser, userId: string) {
  assertPermission(actor, "admin.manage");
  const user = await accountOf(prisma, userId);
  const username = user.username ?? "";
  const wasLocked = (await lockedMinutes(prisma, username)) > 0;
  await clearFailures(prisma, username);
  if (wasLocked) await recordAudit(prisma, { actorId: actor.id, action: "user.unlock", details: { userId: user.id, username } });
  return { ...user, wasLocked };
}

/** Whether a user name may sign in at all (the sign-in hook asks before the password is checked). */
export async function isAccountDisabled(prisma: PrismaClient, username: string): Promise<boolean> {
  if (!username) return false;
  const user = await prisma.user.findUnique({ where: { username: username.toLowerCase() }, select: { disabledAt: true } });
  return Boolean(user?.disabledAt);
}
