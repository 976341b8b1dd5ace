import type { Metadata } from "next";
import { MarkReadForm } from "@/components/notifications/mark-read-form";
import { Badge } from "@/components/ui/badge";
import { getPrisma } from "@/lib/server/db";
import { listNotifications, openNotificationHref } from "@/lib/server/notifications/inbox";
import { requireUserPage } from "@/lib/server/session";
import { formatDateTime } from "@/lib/utils/format-date-time";
import { cn } from "@/lib/utils/cn";

export const metadata: Metadata = { title: "通知 · 政府信息公开工作年度报告编制系统" };

/**
 * The user's notifications, newest first (the last 50): each opens (marked read on the way,
 * [notificationId]/route.ts) the report — reviewers
 * to the review page, editors to the wizard's 检查与预览; a reminder (催报) to the year's report
 * of its agency, or to the report list while there is none. Only the user's own are listed.
 */
export default async function NotificationsPage() {
  const user = await requireUserPage();
  const { items, unread } = await listNotifications(await getPrisma(), user);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold">通知</h1>
          <p className="text-muted-foreground">{unread > 0 ? `${unread} 条未读` : "没有未读通知"}</p>
        </div>
        {unread > 0 && <MarkReadForm label="全部标为已读" />}
      </div>

      {items.length === 0 ? (
        <p className="rounded-md border border-border bg-surface px-5 py-4">
          暂无通知。报告提交审核、退回修改、审核通过和发布时，以及审核人提醒尚未提交的报告时，相关人员会在这里收到通知。
        </p>
      ) : (
        <ol className="space-y-3">
          {items.map((item) => {
            const isUnread = !item.readAt;
            return (
              <li
                key={item.id}
                className={cn(
                  "flex flex-wrap items-start justify-between gap-3 rounded-md border bg-surface px-4 py-3",
                  isUnread ? "border-border border-l-4 border-l-primary" : "border-border",
                )}
              >
                <div className="min-w-0 flex-1 space-y-1">
                  <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
                    {isUnread && <Badge variant="info">未读</Badge>}
                    <Badge>{item.label}</Badge>
                    <time dateTime={item.createdAt.toISOString()}>{formatDateTime(item.createdAt)}</time>
                  </p>
                  {/* A plain link: opening marks it read (the route), and a Link's prefetch would do that unopened. */}
                  <a href={openNotificationHref(item.id)} className={cn("block underline underline-offset-4", isUnread && "font-semibold")}>
                    {item.message}
                  </a>
                </div>
                {isUnread && <MarkReadForm id={item.id} label="标为已读" srLabel={item.message} />}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
