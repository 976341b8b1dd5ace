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

/**
 * SUBMITTED … PUBLISHED announce a report's transition; REMINDER is a reviewer's or admin's
 * reminder (催报, lib/server/oversight/remind.ts) about an agency's report of a year.
 */
export type NotificationKind = "SUBMITTED" | "RETURNED" | "APPROVED" | "PUBLISHED" | "REMINDER";

/** In-app notifications, written in the same transaction as the change they announce. */
export async function notify(db: Db, userIds: string[], notification: { reportId: string; kind: NotificationKind; message: string }) {
  if (!userIds.length) return;
  await db.notification.createMany({
    data: [...new Set(userIds)].map((userId) => ({ id: randomUUID(), userId, ...notification })),
  });
}

/** One reminder: to one user, about an agency's report of a year (which may not exist yet). */
export interface Reminder {
  userId: string;
  agencyId: string;
  year: number;
  /** The report when the agency has one for the year; the inbox finds it later otherwise. */
  reportId: string | null;
  message: string;
  /** When it was sent (what the once-a-day rule counts from). */
  createdAt: Date;
}

/** Reminders (kind REMINDER), written in the transaction that records who sent them. */
export async function notifyReminders(db: Db, reminders: readonly Reminder[]): Promise<void> {
  if (!reminders.length) return;
  await db.notification.createMany({
    data: reminders.map((r) => ({ id: randomUUID(), kind: "REMINDER" satisfies NotificationKind, ...r })),
  });
}
