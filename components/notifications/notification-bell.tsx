"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { unreadBadgeText } from "@/lib/workflow/workflow-messages";
import { cn } from "@/lib/utils/cn";

/**
 * The bell in the staff header: a link to 通知 with the unread count. The count comes from the
 * server layout (which re-renders after 标为已读 and on every full page load).
 */
export function NotificationBell({ unread }: { unread: number }) {
  const pathname = usePathname();
  const href = "/workspace/notifications";
  const active = pathname === href;
  const badge = unreadBadgeText(unread);

  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      aria-label={unread > 0 ? `通知：${unread} 条未读` : "通知：没有未读"}
      className={cn(
        "relative inline-flex min-h-10 items-center gap-2 rounded-md px-3 text-base text-header-foreground no-underline hover:bg-white/15 focus-visible:outline-white",
        active && "bg-white/20 font-semibold",
      )}
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      <span aria-hidden="true">通知</span>
      {badge && (
        <span aria-hidden="true" className="min-w-6 rounded-full bg-[#fde68a] px-1.5 text-center text-sm leading-6 font-semibold text-[#1f2937]">
          {badge}
        </span>
      )}
    </Link>
  );
}
