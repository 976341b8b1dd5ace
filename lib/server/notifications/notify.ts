import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "../../generated/prisma/client";

type Db = PrismaClient | Prisma.TransactionClient;

/** Reviewers responsible for an agency: those of the agency itself or any agency above it. */
export async function reviewersOf(db: Db, agencyId: string): Promise<string[]> {
  const agencies = await db.agency.findMany({ select: { id: true, parentId: true } });
  const parent = new Map(agencies.map((a) => [a.id, a.parentId]));
  const chain: string[] = [];
  for (let id: string | null | undefined = agencyId; id && !chain.includes(id); id = parent.get(id)) chain.push(id);
  const reviewers = await db.user.findMany({ where: { role: "REVIEWER", agencyId: { in: chain } }, select: { id: true } });
  return reviewers.map((r) => r.id);
}

export async function editorsOf(db: Db, agencyId: string): Promise<string[]> {
  return (await db.user.findMany({ where: { role: "EDITOR", agencyId }, select: { id: true } })).map((u) => u.id);
}

export type NotificationKind = "SUBMITTED" | "RETURNED" | "APPROVED" | "PUBLISHED";

/** In-app notifications, written in the same transaction as the change they announce. */
export async function notify(db: Db, userIds: string[], notification: { reportId: string; kind: NotificationKind; message: string }) {
  if (!userIds.length) return;
  await db.notification.createMany({
    data: [...new Set(userIds)].map((userId) => ({ id: randomUUID(), userId, ...notification })),
  });
}
