import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AgencyDialog } from "@/components/admin/agency-dialog";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listAgencies } from "@/lib/server/agencies/list-agencies";
import { hasPermission } from "@/lib/auth/permissions";
import { agencyKindLabel, deadlineDay } from "@/lib/workflow/deadline";
import { getPrisma } from "@/lib/server/db";
import { requireUserPage } from "@/lib/server/session";

export const metadata: Metadata = { title: "机关管理 · 政府信息公开工作年度报告编制系统" };

export default async function AgenciesPage() {
  const user = await requireUserPage();
  // Admin pages do not reveal themselves to other roles.
  if (!hasPermission(user, "admin.manage")) notFound();
  const agencies = await listAgencies(await getPrisma(), user);
  const names = new Map(agencies.map((a) => [a.id, a.name]));
  const formValues = agencies.map((a) => ({
    id: a.id,
    name: a.name,
    slug: a.slug,
    parentId: a.parentId,
    depth: a.depth,
    kind: a.kind,
    address: a.address,
    postcode: a.postcode,
    phone: a.phone,
    fax: a.fax,
    email: a.email,
    website: a.website,
    publishedReports: a.publishedReports,
  }));

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">机关管理</h1>
          <p className="mt-1 text-muted-foreground">机关按上下级排列。审核人可以查看本机关及全部下级机关的报告。</p>
        </div>
        <AgencyDialog agencies={formValues} />
      </div>

      <div className="rounded-md border border-border bg-surface">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>机关名称</TableHead>
              <TableHead>代号</TableHead>
              <TableHead>类别（公开期限）</TableHead>
              <TableHead>联系电话</TableHead>
              <TableHead className="text-right">账号数</TableHead>
              <TableHead className="text-right">报告数</TableHead>
              <TableHead>
                <span className="sr-only">操作</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {agencies.map((agency, i) => (
              <TableRow key={agency.id}>
                <TableCell className="min-w-[14em]">
                  <div style={{ paddingLeft: `${agency.depth * 1.75}rem` }} className="flex items-baseline gap-2">
                    {agency.depth > 0 && (
                      <span aria-hidden="true" className="text-muted-foreground">
                        └
                      </span>
                    )}
                    <span className={agency.depth === 0 ? "font-semibold" : undefined}>{agency.name}</span>
                    {agency.parentId && <span className="sr-only">（上级机关：{names.get(agency.parentId)}）</span>}
                  </div>
                </TableCell>
                <TableCell className="font-mono text-sm">{agency.slug}</TableCell>
                <TableCell className="whitespace-nowrap">
                  {agencyKindLabel(agency.kind)}
                  <span className="text-sm text-muted-foreground">（{deadlineDay(agency.kind)}前）</span>
                </TableCell>
                <TableCell className="whitespace-nowrap">{agency.phone ?? <span className="text-muted-foreground">—</span>}</TableCell>
                <TableCell className="text-right tabular-nums">{agency._count.users}</TableCell>
                <TableCell className="text-right tabular-nums">{agency._count.reports}</TableCell>
                <TableCell className="text-right">
                  <AgencyDialog agency={formValues[i]} agencies={formValues} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
