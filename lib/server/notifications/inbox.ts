import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";
import type { CurrentUser } from "../authz";

export async function listNotifications(prisma: PrismaClient, user: CurrentUser) {
  const [items, unread] = await Promise.all([
    prisma.notification.findMany({ where: { userId: user.id }, orderBy: { createdAt: "desc" }, take: 50 }),
    prisma.notification.count({ where: { userId: user.id, readAt: null } }),
  ]);
  return { items, unread };
}

/** Marks the user's own notifications read (ids of others are ignored). */
export async function markNotificationsRead(prisma: PrismaClient, user: CurrentUser, ids?: string[]) {
  await prisma.notification.updateMany({
    where: { userId: user.id, readAt: null, ...(ids ? { id: { in: ids } } : {}) },
    data: { readAt: new Date() },
  });
}

/** The bell's number: unread notifications of the user (a count, no rows). */
export async function countUnreadNotifications(prisma: PrismaClient, user: CurrentUser): Promise<number> {
  return prisma.notification.count({ where: { userId: user.id, readAt: null } });
}
