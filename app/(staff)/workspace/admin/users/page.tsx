import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AccountStatusForms } from "@/components/admin/account-status-forms";
import { CreateUserDialog, EditUserDialog, ResetPasswordDialog } from "@/components/admin/user-dialogs";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { roleLabel } from "@/lib/auth/roles";
import { listAgencies } from "@/lib/server/agencies/list-agencies";
import { hasPermission } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/server/db";
import { requireUserPage } from "@/lib/server/session";
import { listUsers } from "@/lib/server/users/list-users";
import { formatDateTime } from "@/lib/utils/format-date-time";

export const metadata: Metadata = { title: "账号管理 · 政府信息公开工作年度报告编制系统" };

export default async function UsersPage() {
  const user = await requireUserPage();
  // Admin pages do not reveal themselves to other roles.
  if (!hasPermission(user, "admin.manage")) notFound();
  const prisma = await getPrisma();
  const [users, agencies] = await Promise.all([listUsers(prisma, user), listAgencies(prisma, user)]);
  const agencyOptions = agencies.map(({ id, name, depth }) => ({ id, name, depth }));

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">账号管理</h1>
          <p className="mt-1 text-muted-foreground">共 {users.length} 个账号。用户名创建后不能修改；忘记密码时由管理员重置。</p>
        </div>
        <CreateUserDialog agencies={agencyOptions} />
      </div>

      <div className="rounded-md border border-border bg-surface">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>用户名</TableHead>
              <TableHead>姓名</TableHead>
              <TableHead>角色</TableHead>
              <TableHead>所属机关</TableHead>
              <TableHead>创建时间</TableHead>
              <TableHead>状态</TableHead>
              <TableHead>
                <span className="sr-only">操作</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {users.map((row) => {
              const value = { id: row.id, username: row.username ?? "", name: row.name, role: row.role, agencyId: row.agencyId };
              return (
                <TableRow key={row.id}>
                  <TableCell className="font-mono">{row.username}</TableCell>
                  <TableCell className="min-w-[6em]">
                    {row.name}
                    {row.id === user.id && <span className="ml-2 text-sm text-muted-foreground">（您本人）</span>}
                  </TableCell>
                  <TableCell>
                    <Badge variant={row.role === "ADMIN" ? "info" : "neutral"}>{roleLabel(row.role)}</Badge>
                  </TableCell>
                  <TableCell className="min-w-[9em]">{row.agency?.name ?? <span className="text-muted-foreground">—</span>}</TableCell>
                  <TableCell className="text-sm whitespace-nowrap text-muted-foreground">{formatDateTime(row.createdAt)}</TableCell>
                  <TableCell className="whitespace-nowrap">
                    {row.disabledAt ? (
                      <Badge variant="danger">已停用</Badge>
                    ) : row.lockedMinutes > 0 ? (
                      <Badge variant="warning">登录已锁定（{row.lockedMinutes} 分钟）</Badge>
                    ) : (
                      <Badge variant="success">正常</Badge>
                    )}
                  </TableCell>
                  <TableCell>
                    <div className="flex flex-wrap items-start justify-end gap-2">
                      <EditUserDialog user={value} agencies={agencyOptions} />
                      <ResetPasswordDialog user={value} />
                      <AccountStatusForms user={value} disabled={Boolean(row.disabledAt)} lockedMinutes={row.lockedMinutes} self={row.id === user.id} />
                    </div>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
