import type { PrismaClient } from "../../generated/prisma/client";
import type { Auth } from "../auth/auth";
import type { CurrentUser } from "../authz";
import { seedDemoData } from "../seed/seed-demo";
import { createUser } from "../users/create-user";

/** The seeded users as the server sees them, by user name. */
export async function loadCurrentUsers(prisma: PrismaClient): Promise<Record<string, CurrentUser>> {
  const users: Record<string, CurrentUser> = {};
  for (const user of await prisma.user.findMany()) {
    users[user.username!] = { id: user.id, name: user.name, username: user.username!, role: user.role, agencyId: user.agencyId };
  }
  return users;
}

/**
 * The demo data and a second tree outside 示例市人民政府's subtree (agency-other, 另一市人民政府)
 * with its own reviewer, lingshen: for "outside the reviewer's scope" cases. Returns the users.
 */
export async function seedDemoWithOutsideReviewer(prisma: PrismaClient, auth: Auth): Promise<Record<string, CurrentUser>> {
  await seedDemoData(prisma, auth);
  await prisma.agency.create({ data: { id: "agency-other", name: "另一市人民政府", slug: "lingyi-shi" } });
  await createUser(prisma, auth, { username: "lingshen", name: "林审", role: "REVIEWER", agencyId: "agency-other", password: "Other2026gov" });
  return loadCurrentUsers(prisma);
}
