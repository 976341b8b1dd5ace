import type { PrismaClient } from "../../generated/prisma/client";
import type { CurrentUser } from "../authz";

/** The seeded users as the server sees them, by user name. */
export async function loadCurrentUsers(prisma: PrismaClient): Promise<Record<string, CurrentUser>> {
  const users: Record<string, CurrentUser> = {};
  for (const user of await prisma.user.findMany()) {
    users[user.username!] = { id: user.id, name: user.name, username: user.username!, role: user.role, agencyId: user.agencyId };
  }
  return users;
}
