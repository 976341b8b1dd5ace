import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";
import { lockedNames } from "../auth/login-throttle";
import { assertPermission, type CurrentUser } from "../authz";

/**
 * Every account with its agency, for the account management page, with whether it is disabled
 * and how many minutes its sign-in lock still lasts (0: not locked). Admins only.
 */
export async function listUsers(prisma: PrismaClient, actor: CurrentUser) {
  assertPermission(actor, "admin.manage");
  const users = await prisma.user.findMany({
    select: { id: true, username: true, name: true, role: true, agencyId: true, createdAt: true, disabledAt: true, agency: { select: { name: true } } },
    orderBy: [{ role: "asc" }, { username: "asc" }],
  });
  const locks = await lockedNames(prisma);
  return users.map((u) => ({ ...u, lockedMinutes: locks.get((u.username ?? "").toLowerCase()) ?? 0 }));
}

export type UserListItem = Awaited<ReturnType<typeof listUsers>>[number];
