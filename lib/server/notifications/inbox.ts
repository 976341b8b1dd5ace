import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";
import { NOTIFICATION_KIND_LABELS, notificationHref } from "../../workflow/workflow-messages";
import type { CurrentUser } from "../authz";

/** Where a reminder leads when its agency has no report for the year yet: the list, to create it. */
export const REPORTS_LIST_HREF = "/workspace/reports";

/** A notification as the inbox shows it: what it says, its kind's name and where it leads. */
export interface InboxItem {
  id: string;
  kind: string;
  /** The kind's Chinese name (提交审核, 退回修改 …, 催报提醒). */
  label: string;
  message: string;
  href: string;
  readAt: Date | null;
  createdAt: Date;
}

function kindLabel(kind: string): string {
  return NOTIFICATION_KIND_LABELS[kind] ?? kind;
}

/**
 * The user's last 50 notifications and the unread count. A notification about a report leads to
 * it (reviewers to the review page, editors to 检查与预览); a reminder names an agency and year,
 * and leads to that year's report as it is now — also when it was created after the reminder —
 * or, while there is none, to the report list.
 */
export async function listNotifications(prisma: PrismaClient, user: CurrentUser): Promise<{ items: InboxItem[]; unread: number }> {
  const [rows, unread] = await Promise.all([
    prisma.notification.findMany({ where: { userId: user.id }, orderBy: { createdAt: "desc" }, take: 50 }),
    prisma.notification.count({ where: { userId: user.id, readAt: null } }),
  ]);
  const targets = await targetsOf(prisma, user, rows);
  const items = rows.map((row, i) => ({
    id: row.id,
    kind: row.kind,
    label: kindLabel(row.kind),
    message: row.message,
    href: targets[i],
    readAt: row.readAt,
    createdAt: row.createdAt,
  }));
  return { items, unread };
}

type NotificationRow = { reportId: string | null; agencyId: string | null; year: number | null };

/** Where each notification leads (one query for the reminders' reports, none otherwise). */
async function targetsOf(prisma: PrismaClient, user: CurrentUser, rows: NotificationRow[]): Promise<string[]> {
  const subjects = rows.filter((r) => !r.reportId && r.agencyId && r.year !== null).map((r) => ({ agencyId: r.agencyId!, year: r.year! }));
  const reports = subjects.length
    ? await prisma.report.findMany({ where: { OR: subjects }, select: { id: true, agencyId: true, year: true } })
    : [];
  const reportOf = new Map(reports.map((r) => [`${r.agencyId}\u0000${r.year}`, r.id]));
  return rows.map((row) => {
    const reportId = row.reportId ?? (row.agencyId && row.year !== null ? reportOf.get(`${row.agencyId}\u0000${row.year}`) : undefined);
    return reportId ? notificationHref(user.role, reportId) : REPORTS_LIST_HREF;
  });
}

/** Where the inbox sends a notification's link: it is opened there (and marked read on the way). */
export function openNotificationHref(id: string): string {
  return `/workspace/notifications/${encodeURIComponent(id)}`;
}

/**
 * Opens one of the user's notifications: marks it read and says where it leads. Another user's
 * notification, or one that does not exist, leads back to the inbox and changes nothing.
 */
export async function openNotification(prisma: PrismaClient, user: CurrentUser, id: string): Promise<string> {
  const row = await prisma.notification.findFirst({ where: { id, userId: user.id }, select: { id: true, readAt: true, reportId: true, agencyId: true, year: true } });
  if (!row) return "/workspace/notifications";
  if (!row.readAt) await prisma.notification.updateMany({ where: { id: row.id, readAt: null }, data: { readAt: new Date() } });
  return (await targetsOf(prisma, user, [row]))[0];
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
