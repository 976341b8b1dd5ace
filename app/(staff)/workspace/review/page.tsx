import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeadlineBadge } from "@/components/review/deadline-badge";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClassName } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Pager } from "@/components/ui/pager";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { statusLabel, statusTone } from "@/lib/workflow/report-status";
import { hasPermission } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/server/db";
import { parseQueueParams, QUEUE_STATUSES } from "@/lib/server/review/parse-queue-params";
import { loadReviewQueuePage } from "@/lib/server/review/review-queue";
import { requireUserPage } from "@/lib/server/session";
import { formatDateTime } from "@/lib/utils/format-date-time";

export const metadata: Metadata = { title: "审核队列 · 政府信息公开工作年度报告编制系统" };

const STATUS_OPTIONS: Record<(typeof QUEUE_STATUSES)[number], string> = {
  SUBMITTED: "待审核",
  APPROVED: "审核通过（待发布）",
  RETURNED: "退回修改",
  PUBLISHED: "已发布",
  DRAFT: "草稿（未提交）",
  ALL: "全部状态",
};

const SORT_OPTIONS = { daysLeft: "距公开期限（最紧急在前）", submittedAt: "提交时间（最早在前）", agency: "机关名称" } as const;

export default async function ReviewQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUserPage();
  // Reviewers only; anyone else sees "not found", as for any page outside their role.
  if (!hasPermission(user, "report.review")) notFound();
  const params = parseQueueParams(await searchParams);
  // One scope query, the rows with their frozen counts, and the filter choices (no report content).
  const queue = await loadReviewQueuePage(await getPrisma(), user, params.filter, new Date(), { page: params.page });
  const { items: rows, options } = queue;
  const filtered = params.status !== "SUBMITTED" || params.agency || params.year;
  const pageHref = (page: number) => {
    const query = new URLSearchParams();
    if (params.status !== "SUBMITTED") query.set("status", params.status);
    if (params.agency) query.set("agency", params.agency);
    if (params.year) query.set("year", String(params.year));
    if (params.sort !== "daysLeft") query.set("sort", params.sort);
    if (page > 1) query.set("page", String(page));
    const search = query.toString();
    return search ? `/workspace/review?${search}` : "/workspace/review";
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">审核队列</h1>
          <p className="mt-1 text-muted-foreground">本机关及下属机关提交审核的年度报告。检查结果是提交时的结果。</p>
        </div>
        {hasPermission(user, "report.import") && (
          <Link href="/workspace/import" className={buttonClassName({ variant: "outline" })} data-testid="link-import">
            导入已发布的年报
          </Link>
        )}
      </div>

      <form method="get" action="/workspace/review" className="rounded-md border border-border bg-surface p-4" aria-label="筛选和排序">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[repeat(4,minmax(0,1fr))_auto] lg:items-end">
          <div className="space-y-1.5">
            <Label htmlFor="queue-status">状态</Label>
            <Select id="queue-status" name="status" defaultValue={params.status}>
              {QUEUE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_OPTIONS[s]}
                </option>
              ))}
            </Select>
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="queue-agency">机关</Label>
            <Select id="queue-agency" name="agency" defaultValue={params.agency ?? ""}>
              <option value="">全部机关</option>
              {options.agencies.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </Select>
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="queue-year">年度</Label>
            <Select id="queue-year" name="year" defaultValue={params.year ? String(params.year) : ""}>
              <option value="">全部年度</option>
              {options.years.map((y) => (
                <option key={y} value={y}>
                  {y} 年度
                </option>
              ))}
            </Select>
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="queue-sort">排序</Label>
            <Select id="queue-sort" name="sort" defaultValue={params.sort}>
              {Object.entries(SORT_OPTIONS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </div>
          <div className="flex flex-wrap gap-3">
            <Button type="submit">筛选</Button>
            {filtered && (
              <Link href="/workspace/review" className={buttonClassName({ variant: "outline" })}>
                清除筛选
              </Link>
            )}
          </div>
        </div>
      </form>

      <section aria-labelledby="queue-title" className="space-y-3">
        <h2 id="queue-title" className="text-xl font-semibold">
          {STATUS_OPTIONS[params.status]}的报告（{queue.total} 份）
        </h2>
        {queue.pageCount > 1 && (
          <p className="text-muted-foreground">
            第 {queue.from}–{queue.to} 份，共 {queue.total} 份（第 {queue.page} / {queue.pageCount} 页）
          </p>
        )}
        {rows.length === 0 ? (
          <p className="rounded-md border border-dashed border-border bg-surface px-6 py-8 text-center text-muted-foreground">
            {params.status === "SUBMITTED" && !filtered ? "目前没有等待审核的报告。" : "没有符合条件的报告。"}
          </p>
        ) : (
          <div className="rounded-md border border-border bg-surface">
            <Table>
              <TableCaption className="sr-only">按「{SORT_OPTIONS[params.sort]}」排序</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead>机关</TableHead>
                  <TableHead>年度</TableHead>
                  <TableHead>状态</TableHead>
                  <TableHead>提交时间</TableHead>
                  <TableHead>提交时检查结果</TableHead>
                  <TableHead>距法定公开期限</TableHead>
                  <TableHead>
                    <span className="sr-only">操作</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((row) => {
                  const name = `${row.agency} ${row.year} 年度报告`;
                  return (
                    <TableRow key={row.id}>
                      <TableCell className="min-w-[9em] align-top font-medium">{row.agency}</TableCell>
                      <TableCell className="align-top whitespace-nowrap">{row.year} 年度</TableCell>
                      <TableCell className="align-top">
                        <Badge variant={statusTone(row.status)}>{statusLabel(row.status)}</Badge>
                      </TableCell>
                      <TableCell className="align-top">
                        {row.submittedAt ? (
                          <>
                            <span className="block whitespace-nowrap">{formatDateTime(row.submittedAt)}</span>
                            {row.versionNumber && <span className="text-sm text-muted-foreground">第 {row.versionNumber} 版</span>}
                          </>
                        ) : (
                          <span className="text-muted-foreground">未提交</span>
                        )}
                      </TableCell>
                      <TableCell className="max-w-[22em] min-w-[12em] align-top">
                        {row.errors === null ? (
                          <span className="text-muted-foreground">—</span>
                        ) : (
                          <>
                            <span className={row.errors > 0 ? "font-semibold text-danger" : undefined}>{row.errors} 个错误</span>、
                            <span className={row.warnings ? "font-semibold text-warning" : undefined}>{row.warnings} 个警告</span>
                            {row.warningNote && (
                              <span className="mt-1 block text-sm text-muted-foreground">
                                填报人说明：<q>{row.warningNote}</q>
                              </span>
                            )}
                          </>
                        )}
                      </TableCell>
                      <TableCell className="align-top">
                        {row.status === "PUBLISHED" ? (
                          <span className="text-muted-foreground">已发布</span>
                        ) : (
                          <DeadlineBadge daysLeft={row.daysLeft} deadline={row.deadline} />
                        )}
                      </TableCell>
                      <TableCell className="align-top">
                        <Link
                          href={`/workspace/reports/${encodeURIComponent(row.id)}/review`}
                          className={buttonClassName({ size: "sm", variant: row.status === "SUBMITTED" ? "primary" : "outline" })}
                        >
                          {row.status === "SUBMITTED" ? "审核" : "查看"}
                          <span className="sr-only">{name}</span>
                        </Link>
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
        )}
        <Pager page={queue.page} pageCount={queue.pageCount} href={pageHref} label="审核队列" />
      </section>
    </div>
  );
}
