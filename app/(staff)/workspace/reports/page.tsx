import type { Metadata } from "next";
import Link from "next/link";
import { reportsLabel } from "@/lib/auth/roles";
import { DeleteDraftDialog } from "@/components/reports/delete-draft-dialog";
import { NewReportForm } from "@/components/reports/new-report-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClassName } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatLabel } from "@/lib/labels";
import { statusLabel, statusTone } from "@/lib/workflow/report-status";
import { canStartCorrection, correctionPath } from "@/lib/workflow/transitions";
import { canDeleteDraft, canEditReport, hasPermission } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/server/authz";
import { getPrisma } from "@/lib/server/db";
import { FIRST_YEAR } from "@/lib/server/reports/create-report";
import { deletionFacts } from "@/lib/server/reports/delete-draft";
import { listReports } from "@/lib/server/reports/list-reports";
import { requireUserPage } from "@/lib/server/session";
import { formatDateTime } from "@/lib/utils/format-date-time";

export const metadata: Metadata = { title: "年度报告 · 政府信息公开工作年度报告编制系统" };

function scopeDescription(user: CurrentUser): string {
  if (user.role === "ADMIN") return "全部机关的年度报告。";
  if (user.role === "REVIEWER") return "本机关及下属机关的年度报告。";
  return "本机关的年度报告。";
}

/** The year of the draft just deleted (`?deleted=2025`, set by deleteDraftAction), if the address names one. */
function deletedYear(value: string | string[] | undefined): number | null {
  const year = typeof value === "string" && /^\d{4}$/.test(value) ? Number(value) : null;
  return year !== null && year >= FIRST_YEAR ? year : null;
}

export default async function ReportsPage({ searchParams }: { searchParams: Promise<{ deleted?: string | string[] }> }) {
  const user = await requireUserPage();
  const deleted = deletedYear((await searchParams).deleted);
  const reports = await listReports(await getPrisma(), user);
  const canCreate = hasPermission(user, "report.create") && user.agencyId !== null;
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i);
  const ownYears = reports.filter((r) => r.agencyId === user.agencyId).map((r) => r.year);
  const canEdit = (report: (typeof reports)[number]) => canEditReport(user, report);
  const canImport = hasPermission(user, "report.import");
  const canDelete = (report: (typeof reports)[number]) => canDeleteDraft(user, deletionFacts(report));
  const canCorrect = (report: (typeof reports)[number]) => canStartCorrection(user, report);

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{reportsLabel(user.role)}</h1>
          <p className="mt-1 text-muted-foreground">{scopeDescription(user)}</p>
        </div>
        {canImport && (
          <Link href="/workspace/import" className={buttonClassName({ variant: "outline" })} data-testid="link-import">
            导入已发布的年报
          </Link>
        )}
      </div>

      {deleted !== null && (
        <Alert variant="success" role="status" data-testid="draft-deleted">
          已删除 {deleted} 年度报告草稿，删除已记入审计记录。如有需要，可以重新新建该年度的报告。
        </Alert>
      )}

      {canCreate && (
        <Card aria-labelledby="new-report-title">
          <CardHeader>
            <CardTitle id="new-report-title">新建年度报告</CardTitle>
            <CardDescription>每个机关每个年度只有一份报告。报告年度通常是上一年。</CardDescription>
          </CardHeader>
          <CardContent>
            <NewReportForm years={years} defaultYear={thisYear - 1} existingYears={ownYears} />
          </CardContent>
        </Card>
      )}

      <section aria-labelledby="report-list-title" className="space-y-3">
        <h2 id="report-list-title" className="text-xl font-semibold">
          报告列表
        </h2>
        {reports.length === 0 ? (
          <p className="rounded-md border border-dashed border-border bg-surface px-6 py-8 text-center text-muted-foreground">
            {canCreate ? "还没有年度报告。请在上方选择年度，新建一份报告。" : "目前没有可以查看的年度报告。"}
          </p>
        ) : (
          <div className="rounded-md border border-border bg-surface">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>机关</TableHead>
                  <TableHead>年度</TableHead>
                  <TableHead>格式</TableHead>
                  <TableHead>状态</TableHead>
                  <TableHead>最后保存</TableHead>
                  <TableHead>
                    <span className="sr-only">操作</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {reports.map((report) => (
                  <TableRow key={report.id}>
                    <TableCell className="min-w-[9em] font-medium">{report.agency.name}</TableCell>
                    <TableCell className="whitespace-nowrap">{report.year} 年度</TableCell>
                    <TableCell className="whitespace-nowrap">{formatLabel(report.format)}</TableCell>
                    <TableCell>
                      <Badge variant={statusTone(report.status)}>{statusLabel(report.status)}</Badge>
                    </TableCell>
                    <TableCell className="text-muted-foreground">
                      <span className="block text-foreground">{report.updatedBy?.name ?? "—"}</span>
                      <span className="text-sm whitespace-nowrap">{formatDateTime(report.updatedAt)}</span>
                    </TableCell>
                    <TableCell>
                      <div className="flex flex-wrap justify-end gap-2">
                        {canEdit(report) && (
                          <Link href={`/workspace/reports/${report.id}/edit/basic`} className={buttonClassName({ size: "sm" })}>
                            填报<span className="sr-only">{`${report.agency.name} ${report.year} 年度报告`}</span>
                          </Link>
                        )}
                        <Link href={`/workspace/reports/${report.id}/preview`} className={buttonClassName({ variant: "outline", size: "sm" })}>
                          预览<span className="sr-only">{`${report.agency.name} ${report.year} 年度报告`}</span>
                        </Link>
                        {canCorrect(report) && (
                          <Link href={correctionPath(report.id)} className={buttonClassName({ variant: "outline", size: "sm" })}>
                            发起更正<span className="sr-only">{`${report.agency.name} ${report.year} 年度报告`}</span>
                          </Link>
                        )}
                        {canDelete(report) && <DeleteDraftDialog reportId={report.id} agency={report.agency.name} year={report.year} />}
                      </div>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </section>
    </div>
  );
}
