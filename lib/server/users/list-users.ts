import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";
import { assertPermission, type CurrentUser } from "../authz";

/** Every account with its agency, for the account management page. Admins only. */
export async function listUsers(prisma: PrismaClient, actor: CurrentUser) {
  assertPermission(actor, "admin.manage");
  return prisma.user.findMany({
    select: { id: true, username: true, name: true, role: true, agencyId: true, createdAt: true, agency: { select: { name: true } } },
    orderBy: [{ role: "asc" }, { username: "asc" }],
  });
}

export type UserListItem = Awaited<ReturnType<typeof listUsers>>[number];
