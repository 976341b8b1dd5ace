import type { Metadata } from "next";
import Link from "next/link";
import { reportsLabel } from "@/lib/auth/roles";
import { notFound } from "next/navigation";
import { BulkImportForm } from "@/components/import/bulk-import-form";
import { hasPermission } from "@/lib/auth/permissions";
import { FIRST_IMPORT_YEAR } from "@/lib/import/accept-import";
import { getPrisma } from "@/lib/server/db";
import { mayBulkImport } from "@/lib/server/import/bulk-import";
import { listImportAgencies } from "@/lib/server/import/import-access";
import { requireUserPage } from "@/lib/server/session";

export const metadata: Metadata = { title: "批量导入已发布的年报 · 政府信息公开工作年度报告编制系统" };

/** 批量导入已发布的年报: reviewers and admins upload many files for the agencies in their scope. */
export default async function BulkImportPage() {
  const user = await requireUserPage();
  if (!hasPermission(user, "report.import") || !mayBulkImport(user)) notFound();
  const prisma = await getPrisma();
  const agencies = await listImportAgencies(prisma, user);
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: thisYear - FIRST_IMPORT_YEAR + 1 }, (_, i) => thisYear - i);

  return (
    <div className="space-y-8">
      <nav aria-label="页面路径" className="text-base">
        <Link href="/workspace/reports" className="underline underline-offset-4">
          {reportsLabel(user.role)}
        </Link>
        <span className="mx-2 text-muted-foreground" aria-hidden="true">
          /
        </span>
        <Link href="/workspace/import" className="underline underline-offset-4">
          导入已发布的年报
        </Link>
        <span className="mx-2 text-muted-foreground" aria-hidden="true">
          /
        </span>
        <span aria-current="page">批量导入</span>
      </nav>
      <div>
        <h1 className="text-2xl font-semibold">批量导入已发布的年报</h1>
        <p className="mt-1 max-w-3xl text-muted-foreground">
          一次选择多个已发布的年报文件，系统逐个解析，并按文件中的机关名称匹配您负责范围内的机关。确认机关和年度后逐个上传；每个文件仍须在核对页面确认后才会导入。
        </p>
      </div>
      {agencies.length ? <BulkImportForm agencies={agencies} years={years} /> : <p className="text-muted-foreground">您的账号没有可以导入报告的机关。</p>}
    </div>
  );
}
