import type { ReactNode } from "react";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { LogoutButton } from "@/components/shell/logout-button";
import { NavLink } from "@/components/shell/nav-link";
import { reportsLabel, roleLabel } from "@/lib/auth/roles";
import { hasPermission } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/server/db";
import { countUnreadNotifications } from "@/lib/server/notifications/inbox";
import { requireUserPage } from "@/lib/server/session";

/**
 * The staff shell. It is not a security boundary (layouts are not re-run on every navigation):
 * each page checks the user and its permission itself.
 */
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const user = await requireUserPage();
  const prisma = await getPrisma();
  const [agency, unread] = await Promise.all([
    user.agencyId ? prisma.agency.findUnique({ where: { id: user.agencyId }, select: { name: true } }) : null,
    countUnreadNotifications(prisma, user),
  ]);
  const isAdmin = hasPermission(user, "admin.manage");
  const isReviewer = hasPermission(user, "report.review");
  const oversees = hasPermission(user, "report.oversee");

  return (
    <div className="flex min-h-screen flex-col">
      <header className="bg-header text-header-foreground">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-6 py-3">
          <p className="text-lg font-semibold tracking-wide">政府信息公开工作年度报告编制系统</p>
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
            <p className="text-base" aria-label="当前用户">
              <span className="font-semibold">{user.name}</span>
              <span className="mx-2 opacity-80" aria-hidden="true">
                ·
              </span>
              <span>{roleLabel(user.role)}</span>
              {agency && (
                <>
                  <span className="mx-2 opacity-80" aria-hidden="true">
                    ·
                  </span>
                  <span>{agency.name}</span>
                </>
              )}
            </p>
            <NotificationBell unread={unread} />
            <LogoutButton />
          </div>
        </div>
        <nav aria-label="主导航" className="border-t border-white/20">
          <ul className="mx-auto flex max-w-7xl flex-wrap gap-1 px-4 py-1.5">
            <li>
              <NavLink href="/workspace/reports">{reportsLabel(user.role)}</NavLink>
            </li>
            {isReviewer && (
              <li>
                <NavLink href="/workspace/review">审核队列</NavLink>
              </li>
            )}
            {oversees && (
              <li>
                <NavLink href="/workspace/oversight">汇总与督办</NavLink>
              </li>
            )}
            {isAdmin && (
              <>
                <li>
                  <NavLink href="/workspace/admin/agencies">机关管理</NavLink>
                </li>
                <li>
                  <NavLink href="/workspace/admin/users">账号管理</NavLink>
                </li>
                {hasPermission(user, "admin.rules") && (
                  <li>
                    <NavLink href="/workspace/admin/rules">规则级别</NavLink>
                  </li>
                )}
              </>
            )}
          </ul>
        </nav>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-6 py-8">
        {children}
      </main>
    </div>
  );
}
