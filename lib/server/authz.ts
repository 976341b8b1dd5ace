import "server-only";
import { hasPermission, PERMISSION_DENIED, type Actor, type Permission } from "../auth/permissions";
import type { Role } from "../auth/roles";
import type { PrismaClient } from "../generated/prisma/client";
import { AppError } from "./errors";

/** The signed-in user as the server sees it (role and agency read fresh from the database). */
export interface CurrentUser extends Actor {
  id: string;
  name: string;
  username: string;
  role: Role;
  agencyId: string | null;
}

/** Fails with FORBIDDEN when the user's role lacks the permission (the message says whose work it is). */
export function assertPermission(user: CurrentUser, permission: Permission, message = PERMISSION_DENIED[permission]): void {
  if (!hasPermission(user, permission)) throw new AppError("FORBIDDEN", message);
}

/**
 * Ids of an agency and all agencies below it: one recursive query walking down the parentId
 * index, so its cost follows the size of the subtree, not of the whole agency table. UNION (not
 * UNION ALL) makes a cycle in the tree end the walk instead of looping. The root is always in
 * the result, as a reviewer always sees their own agency.
 */
export async function agencySubtree(prisma: PrismaClient, rootId: string): Promise<Set<string>> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE "subtree" ("id") AS (
      SELECT ${rootId}::text
      UNION
      SELECT "Agency"."id" FROM "Agency" JOIN "subtree" ON "Agency"."parentId" = "subtree"."id"
    )
    SELECT "id" FROM "subtree"`;
  return new Set(rows.map((row) => row.id));
}

/**
 * The agencies whose reports a user may see: editors their own, reviewers their subtree, admins
 * all (null = no restriction).
 */
export async function visibleAgencyIds(prisma: PrismaClient, user: CurrentUser): Promise<Set<string> | null> {
  if (user.role === "ADMIN") return null;
  if (!user.agencyId) return new Set();
  if (user.role === "REVIEWER") return agencySubtree(prisma, user.agencyId);
  return new Set([user.agencyId]);
}

/**
 * Fails closed: a report outside the user's scope is reported as not found (no hint that it
 * exists); a permission the role lacks is forbidden.
 */
export async function assertReportAccess(prisma: PrismaClient, user: CurrentUser, agencyId: string, permission: Permission) {
  const visible = await visibleAgencyIds(prisma, user);
  if (visible && !visible.has(agencyId)) throw new AppError("NOT_FOUND", "找不到该报告，或您无权访问。");
  // Editing needs no extra agency check: only editors may edit, and they see only their agency.
  assertPermission(user, permission);
}
