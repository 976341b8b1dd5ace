import "server-only";
import { recordAudit } from "../audit";
import { ZNewUserInput } from "../../admin/user-schema";
import type { PrismaClient } from "../../generated/prisma/client";
import type { Auth } from "../auth/auth";
import { assertPermission, type CurrentUser } from "../authz";
import { AppError } from "../errors";
import { isUniqueViolation, parseInput } from "../parse-input";
import { createUser } from "./create-user";

function duplicateUsername(username: string): AppError {
  return new AppError("DUPLICATE", `用户名 ${username} 已被使用。`, { fieldErrors: { username: `用户名 ${username} 已被使用，请换一个。` } });
}

/**
 * An admin creates an account: the form's input is validated field by field (password policy
 * included), then createUser stores the user and its hashed credential in one transaction.
 */
export async function registerUser(prisma: PrismaClient, auth: Auth, actor: CurrentUser, input: unknown) {
  assertPermission(actor, "admin.manage");
  const data = parseInput(ZNewUserInput, input);
  if (data.agencyId && !(await prisma.agency.findUnique({ where: { id: data.agencyId }, select: { id: true } }))) {
    throw new AppError("INVALID", "请按提示修改标出的内容。", { fieldErrors: { agencyId: "所选的机关不存在，请刷新页面后重选。" } });
  }
  if (await prisma.user.findUnique({ where: { username: data.username }, select: { id: true } })) throw duplicateUsername(data.username);
  try {
    const user = await createUser(prisma, auth, data);
    // After createUser's own transaction (shared with seeding): the account exists, then its row.
    await recordAudit(prisma, { actorId: actor.id, action: "user.create", details: { userId: user.id, username: user.username, role: user.role, agencyId: user.agencyId } });
    return user;
  } catch (error) {
    // A concurrent create of the same name passes the check above and hits the unique index.
    if (isUniqueViolation(error) || (error instanceof AppError && error.code === "DUPLICATE")) throw duplicateUsername(data.username);
    throw error;
  }
}
