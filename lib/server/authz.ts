import "server-only";
import { hasPermission, PERMISSION_DENIED, type Actor, type Permission } from "../auth/permissions";
import type { Role } from "../auth/roles";
import { Prisma, type PrismaClient } from "../generated/prisma/client";
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
  const rows = await prisma.$queryRaw<{ id: string }[]>(subtreeIdsSql(rootId));
  return new Set(rows.map((row) => row.id));
}

/** The walk of agencySubtree as an SQL query of ids, to use as a subquery (`"id" IN (…)`). */
export function subtreeIdsSql(rootId: string): Prisma.Sql {
  return Prisma.sql`
    WITH RECURSIVE "subtree" ("id") AS (
      SELECT ${rootId}::text
      UNION
      SELECT "Agency"."id" FROM "Agency" JOIN "subtree" ON "Agency"."parentId" = "subtree"."id"
    )
    SELECT "id" FROM "subtree"`;
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
 * Whether an agency is in the user's scope, without listing the scope: for reviewers one walk up
 * from the agency to the roots (a handful of rows) looking for their own agency.
 */
export async function canSeeAgency(prisma: PrismaClient, user: CurrentUser, agencyId: string): Promise<boolean> {
  if (user.role === "ADMIN") return (await prisma.agency.count({ where: { id: agencyId } })) === 1;
  if (!user.agencyId) return false;
  if (user.role !== "REVIEWER") return agencyId === user.agencyId;
  const rows = await prisma.$queryRaw<{ found: boolean }[]>`
    WITH RECURSIVE "ancestors" ("id", "parentId") AS (
      SELECT "id", "parentId" FROM "Agency" WHERE "id" = ${agencyId}
      UNION
      SELECT a."id", a."parentId" FROM "Agency" a JOIN "ancestors" x ON a."id" = x."parentId"
    )
    SELECT EXISTS (SELECT 1 FROM "ancestors" WHERE "id" = ${user.agencyId}) AS "found"`;
  return rows[0]?.found === true;
}

/**
 * The ids of the agencies a user may see as an SQL subquery (for `"id" IN (…)`), so lists over a
 * whole scope join it in the database instead of sending thousands of ids back: the same scope
 * as visibleAgencyIds; null for admins (no restriction).
 */
export function visibleAgencyIdsSql(user: CurrentUser): Prisma.Sql | null {
  if (user.role === "ADMIN") return null;
  if (!user.agencyId) return Prisma.sql`SELECT NULL::text WHERE FALSE`;
  if (user.role === "REVIEWER") return subtreeIdsSql(user.agencyId);
  return Prisma.sql`SELECT ${user.agencyId}::text`;
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
