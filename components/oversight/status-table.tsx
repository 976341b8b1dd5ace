import Link from "next/link";
import { DeadlineBadge } from "@/components/review/deadline-badge";
import { auditActionLabel } from "@/components/review/audit-labels";
import { Badge } from "@/components/ui/badge";
import { buttonClassName } from "@/components/ui/button";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AgencyStatusRow } from "@/lib/oversight/status-row";
import { agencyKindLabel } from "@/lib/workflow/deadline";
import { progressStatusLabel, progressStatusTone } from "@/lib/workflow/report-status";
import { formatDate, formatDateTime } from "@/lib/utils/format-date-time";

/** The deadline of a published report: on time, or how late it came. */
function PublishedOnTime({ daysLate }: { daysLate: number }) {
  return daysLate > 0 ? (
    <Badge variant="danger">
      <span className="mr-1 font-semibold">逾期</span>晚 {daysLate} 天发布
    </Badge>
  ) : (
    <Badge variant="success">按期发布</Badge>
  );
}

/** One page of the oversight list: each agency's report of the year and its deadline. */
export function StatusTable({ rows, year }: { rows: AgencyStatusRow[]; year: number }) {
  return (
    <div className="overflow-x-auto rounded-md border border-border bg-surface">
      <Table data-testid="status-table">
        <TableCaption className="sr-only">{year} 年度各机关年度报告的填报、审核和发布情况</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>机关</TableHead>
            <TableHead>状态</TableHead>
            <TableHead>最后修改</TableHead>
            <TableHead>检查结果</TableHead>
            <TableHead>提交 / 发布</TableHead>
            <TableHead>法定公开期限</TableHead>
            <TableHead>
              <span className="sr-only">链接</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.agency.id} data-agency={row.agency.id}>
              <TableCell className="min-w-[10em] align-top">
                <span className="block font-medium" style={{ paddingLeft: `${Math.min(row.agency.depth, 4)}em` }}>
                  {row.agency.name}
                </span>
                <span className="block text-sm text-muted-foreground" style={{ paddingLeft: `${Math.min(row.agency.depth, 4)}em` }}>
                  {agencyKindLabel(row.agency.kind)}
                </span>
              </TableCell>
              <TableCell className="align-top">
                <Badge variant={progressStatusTone(row.status)} data-testid="agency-status">
                  {progressStatusLabel(row.status)}
                </Badge>
              </TableCell>
              <TableCell className="min-w-[9em] align-top">
                {row.lastChange ? (
                  <>
                    <span className="block whitespace-nowrap">{formatDateTime(row.lastChange.at)}</span>
                    {row.lastChange.by && (
                      <span className="text-sm text-muted-foreground">
                        {row.lastChange.by}
                        {row.lastChange.action && ` · ${auditActionLabel(row.lastChange.action)}`}
                      </span>
                    )}
                  </>
                ) : (
                  <span className="text-muted-foreground">—</span>
                )}
              </TableCell>
              <TableCell className="min-w-[8em] align-top">
                {row.latestVersion ? (
                  <>
                    <span className={row.latestVersion.errors > 0 ? "font-semibold text-danger" : undefined}>{row.latestVersion.errors} 个错误</span>、
                    <span className={row.latestVersion.warnings > 0 ? "font-semibold text-warning" : undefined}>{row.latestVersion.warnings} 个警告</span>
                    <span className="block text-sm text-muted-foreground">第 {row.latestVersion.number} 版提交时</span>
                  </>
                ) : (
                  <span className="text-muted-foreground">{row.reportId ? "尚未提交" : "—"}</span>
                )}
              </TableCell>
              <TableCell className="min-w-[9em] align-top text-sm">
                <span className="block whitespace-nowrap">提交：{row.submittedAt ? formatDate(row.submittedAt) : "—"}</span>
                <span className="block whitespace-nowrap">
                  发布：{row.publishedAt ? formatDate(row.publishedAt) : "—"}
                  {row.revision !== null && row.revision > 1 && `（第 ${row.revision} 次发布）`}
                </span>
              </TableCell>
              <TableCell className="min-w-[12em] align-top">
                {row.daysLate !== null ? <PublishedOnTime daysLate={row.daysLate} /> : <DeadlineBadge daysLeft={row.daysLeft!} />}
                <span className="mt-1 block text-sm text-muted-foreground">
                  {formatDate(row.deadline)}（{row.deadlineRule}）
                </span>
              </TableCell>
              <TableCell className="align-top">
                <span className="flex flex-col items-start gap-2">
                  {row.publicPath && (
                    <Link href={row.publicPath} className="whitespace-nowrap" data-testid="public-link">
                      公开页面<span className="sr-only">：{row.agency.name}</span>
                    </Link>
                  )}
                  {row.reportId && (
                    <Link href={`/workspace/reports/${encodeURIComponent(row.reportId)}/review`} className={buttonClassName({ size: "sm", variant: "outline" })}>
                      查看<span className="sr-only">{row.agency.name} {year} 年度报告</span>
                    </Link>
                  )}
                </span>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
