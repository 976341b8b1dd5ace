import type { Metadata } from "next";
import Link from "next/link";
import { reportsLabel } from "@/lib/auth/roles";
import { notFound } from "next/navigation";
import { FindingsSummary } from "@/components/reports/findings-summary";
import { ImportReportJson } from "@/components/reports/import-report-json";
import { ReportView } from "@/components/report-view/report-view";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClassName } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatLabel } from "@/lib/labels";
import { statusLabel } from "@/lib/workflow/report-status";
import { correctionPath } from "@/lib/workflow/transitions";
import { getPrisma } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { findImportOfReport } from "@/lib/server/import/imported-source";
import { loadReportPreview } from "@/lib/server/reports/load-report-preview";
import { requireUserPage } from "@/lib/server/session";
import { formatDateTime } from "@/lib/utils/format-date-time";

export const metadata: Metadata = { title: "报告预览 · 政府信息公开工作年度报告编制系统" };

const DOWNLOADS = [
  { format: "docx", label: "下载 Word（DOCX）" },
  { format: "pdf", label: "下载 PDF" },
  { format: "html", label: "下载网页（HTML）" },
  { format: "json", label: "下载 JSON 数据" },
] as const;

export default async function ReportPreviewPage({ params }: { params: Promise<{ reportId: string }> }) {
  const user = await requireUserPage();
  const { reportId } = await params;
  const prisma = await getPrisma();
  let preview;
  try {
    preview = await loadReportPreview(prisma, user, reportId);
  } catch (error) {
    // Outside the user's scope looks the same as absent (fail closed, no hint it exists).
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
  const { report, document, findings, comparedWith, findingsFrozenAt, canEdit, canCorrect } = preview;
  // Access to the report was checked above; its source file is for the same users.
  const imported = await findImportOfReport(prisma, report.id);
  const exportBase = `/api/reports/${encodeURIComponent(report.id)}/export`;

  return (
    <div className="space-y-8">
      <nav aria-label="页面路径" className="text-base">
        <Link href="/workspace/reports" className="underline underline-offset-4">
          {reportsLabel(user.role)}
        </Link>
        <span className="mx-2 text-muted-foreground" aria-hidden="true">
          /
        </span>
        <span aria-current="page">预览</span>
      </nav>

      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-2">
          <h1 className="text-2xl font-semibold">
            {report.agency} {report.year} 年度报告
          </h1>
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-muted-foreground">
            <Badge>{statusLabel(report.status)}</Badge>
            <span>{formatLabel(report.format)}格式</span>
            <span>
              最后保存：{report.updatedBy ?? "—"} · {formatDateTime(report.updatedAt)}
            </span>
          </p>
        </div>
        {canEdit && (
          <Link href={`/workspace/reports/${report.id}/edit/basic`} className={buttonClassName({ size: "lg" })}>
            继续填报
          </Link>
        )}
        {canCorrect && (
          <Link href={correctionPath(report.id)} className={buttonClassName({ variant: "outline", size: "lg" })}>
            发起更正
          </Link>
        )}
      </div>

      {imported && (
        <Alert variant="info" data-testid="imported-from-notice">
          由已发布文件导入：<span className="break-all">{imported.filename}</span>
          {imported.acceptedAs === "HISTORICAL" ? "（作为往年已发布报告）" : "（作为本年度草稿）"}
          {imported.decidedBy && `，${imported.decidedBy.name}`}
          {imported.acceptedAt && ` 于 ${formatDateTime(imported.acceptedAt)} 导入`}。
          <a href={`/api/imports/${encodeURIComponent(imported.id)}/source`} download className="ml-2 font-medium underline underline-offset-4">
            下载原始文件
          </a>
        </Alert>
      )}

      <Card aria-labelledby="downloads-title">
        <CardHeader>
          <CardTitle id="downloads-title">下载</CardTitle>
          <CardDescription>下载的文件与下方预览使用同一份内容。</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-wrap gap-3">
          {DOWNLOADS.map(({ format, label }) => (
            <a key={format} href={`${exportBase}/${format}`} download className={buttonClassName({ variant: "outline" })}>
              {label}
            </a>
          ))}
        </CardContent>
      </Card>

      {document ? (
        <FindingsSummary findings={findings} comparedWith={comparedWith} frozenAt={findingsFrozenAt} />
      ) : (
        <Alert variant="danger" role="alert">
          本报告保存的内容不符合报告格式，无法预览和检查。请导入正确的 JSON 文件，或联系管理员。
        </Alert>
      )}

      {canEdit && (
        <Card aria-labelledby="import-title">
          <CardHeader>
            <CardTitle id="import-title">导入 JSON</CardTitle>
            <CardDescription>用 JSON 文件替换本报告的内容，例如从其他系统导出的数据。</CardDescription>
          </CardHeader>
          <CardContent>
            <ImportReportJson reportId={report.id} version={report.version} agency={report.agency} year={report.year} format={report.format} />
          </CardContent>
        </Card>
      )}

      {document && (
        <section aria-labelledby="report-preview-title" className="space-y-3">
          <h2 id="report-preview-title" className="text-xl font-semibold">
            报告预览
          </h2>
          <div className="rounded-md border border-border bg-white px-4 py-8 shadow-sm sm:px-10">
            <ReportView document={document} />
          </div>
        </section>
      )}
    </div>
  );
}
