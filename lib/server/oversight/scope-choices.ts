import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";
import { assertPermission, type CurrentUser } from "../authz";
import { ZH_COLLATOR } from "../review/list-queue-filters";

export interface ScopeChoice {
  id: string;
  name: string;
  /** 0 for the top of the user's scope, 1 for the agencies directly below it. */
  depth: 0 | 1;
}

/** More choices than this and the list stops (the search by name finds the rest). */
const MAX_CHOICES = 300;

/**
 * The parts of the user's scope an oversight view can be narrowed to: the top of the scope (a
 * reviewer's own agency; for admins every root) and the agencies directly below it, tops first,
 * each followed by its children by name. Two indexed lookups on parentId, whatever the tree's size.
 */
export async function listScopeChoices(prisma: PrismaClient, user: CurrentUser): Promise<ScopeChoice[]> {
  assertPermission(user, "report.oversee");
  const select = { id: true, name: true, parentId: true } as const;
  const tops =
    user.role === "ADMIN" ? await prisma.agency.findMany({ where: { parentId: null }, select, take: MAX_CHOICES }) : user.agencyId ? await prisma.agency.findMany({ where: { id: user.agencyId }, select }) : [];
  const children = tops.length ? await prisma.agency.findMany({ where: { parentId: { in: tops.map((t) => t.id) } }, select, take: MAX_CHOICES }) : [];
  const byName = (a: { name: string }, b: { name: string }) => ZH_COLLATOR.compare(a.name, b.name);
  const choices: ScopeChoice[] = [];
  for (const top of [...tops].sort(byName)) {
    choices.push({ id: top.id, name: top.name, depth: 0 });
    for (const child of children.filter((c) => c.parentId === top.id).sort(byName)) choices.push({ id: child.id, name: child.name, depth: 1 });
  }
  return choices.slice(0, MAX_CHOICES);
}
