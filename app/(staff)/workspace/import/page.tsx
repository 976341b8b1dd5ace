import type { Metadata } from "next";
import Link from "next/link";
import { reportsLabel } from "@/lib/auth/roles";
import { notFound } from "next/navigation";
import { ImportUploadForm } from "@/components/import/import-upload-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { buttonClassName } from "@/components/ui/button";
import { hasPermission } from "@/lib/auth/permissions";
import { FIRST_IMPORT_YEAR } from "@/lib/import/accept-import";
import { IMPORT_FILE_KIND_NAMES, type ImportFileKind } from "@/lib/import/file-kinds";
import { getPrisma } from "@/lib/server/db";
import { mayBulkImport } from "@/lib/server/import/bulk-import";
import { listImportAgencies } from "@/lib/server/import/import-access";
import { listPendingImports } from "@/lib/server/import/list-imports";
import { requireUserPage } from "@/lib/server/session";
import { formatDateTime } from "@/lib/utils/format-date-time";

export const metadata: Metadata = { title: "导入已发布的年报 · 政府信息公开工作年度报告编制系统" };

/** 导入已发布的年报: upload a published report (file or pasted text) for an agency in scope; pending uploads. */
export default async function ImportStartPage({ searchParams }: { searchParams: Promise<{ discarded?: string | string[] }> }) {
  const user = await requireUserPage();
  if (!hasPermission(user, "report.import")) notFound();
  const prisma = await getPrisma();
  const [agencies, pending] = await Promise.all([listImportAgencies(prisma, user), listPendingImports(prisma, user)]);
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: thisYear - FIRST_IMPORT_YEAR + 1 }, (_, i) => thisYear - i);
  const defaultAgencyId = agencies.some((a) => a.id === user.agencyId) ? user.agencyId! : (agencies[0]?.id ?? "");
  const discarded = (await searchParams).discarded === "1";

  return (
    <div className="space-y-8">
      <nav aria-label="页面路径" className="text-base">
        <Link href="/workspace/reports" className="underline underline-offset-4">
          {reportsLabel(user.role)}
        </Link>
        <span className="mx-2 text-muted-foreground" aria-hidden="true">
          /
        </span>
        <span aria-current="page">导入已发布的年报</span>
      </nav>
      <div>
        <h1 className="text-2xl font-semibold">导入已发布的年报</h1>
        <p className="mt-1 max-w-3xl text-muted-foreground">
          上传已经发布的政府信息公开工作年度报告（网页、Word、PDF 或文本），系统读出其中的各部分和统计表，您核对、更正后导入：作为本年度的草稿继续填报，或作为往年已发布的报告保存，供下一年度结转和跨年对比使用。
        </p>
      </div>
      {mayBulkImport(user) && (
        <p>
          <Link href="/workspace/import/batch" className={buttonClassName({ variant: "outline" })} data-testid="import-bulk-link">
            批量导入已发布的年报
          </Link>
        </p>
      )}
      {discarded && <Alert variant="info">已放弃该文件，没有导入任何内容。</Alert>}

      <Card aria-labelledby="import-upload-title">
        <CardHeader>
          <CardTitle id="import-upload-title">上传年报</CardTitle>
          <CardDescription>上传后先显示解析结果，确认前不会新建任何报告。</CardDescription>
        </CardHeader>
        <CardContent>
          {agencies.length ? (
            <ImportUploadForm agencies={agencies} years={years} defaultAgencyId={defaultAgencyId} defaultYear={thisYear - 1} />
          ) : (
            <p className="text-muted-foreground">您的账号没有可以导入报告的机关。</p>
          )}
        </CardContent>
      </Card>

      <section aria-labelledby="import-pending-title" className="space-y-3">
        <h2 id="import-pending-title" className="text-xl font-semibold">
          待确认的导入
        </h2>
        {pending.length === 0 ? (
          <p className="rounded-md border border-dashed border-border bg-surface px-6 py-6 text-center text-muted-foreground">没有待确认的导入。</p>
        ) : (
          <div className="rounded-md border border-border bg-surface">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>文件</TableHead>
                  <TableHead>机关</TableHead>
                  <TableHead>年度</TableHead>
                  <TableHead>上传</TableHead>
                  <TableHead>
                    <span className="sr-only">操作</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {pending.map((item) => (
                  <TableRow key={item.id}>
                    <TableCell className="min-w-[10em] break-all">
                      {item.filename}
                      <span className="block text-sm text-muted-foreground">{IMPORT_FILE_KIND_NAMES[item.sourceKind as ImportFileKind] ?? item.sourceKind}</span>
                    </TableCell>
                    <TableCell className="min-w-[8em]">{item.agency}</TableCell>
                    <TableCell className="whitespace-nowrap">{item.year} 年度</TableCell>
                    <TableCell className="text-muted-foreground">
                      <span className="block text-foreground">{item.createdBy}</span>
                      <span className="text-sm whitespace-nowrap">{formatDateTime(item.createdAt)}</span>
                    </TableCell>
                    <TableCell>
                      <Link href={`/workspace/import/${encodeURIComponent(item.id)}`} className={buttonClassName({ variant: "outline", size: "sm" })}>
                        核对<span className="sr-only">{item.filename}</span>
                      </Link>
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
