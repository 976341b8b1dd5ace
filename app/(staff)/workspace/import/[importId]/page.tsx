import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ImportReviewScreen } from "@/components/import/import-review-screen";
import { SourcePane } from "@/components/import/source-pane";
import { Badge } from "@/components/ui/badge";
import { IMPORT_STATUS_LABELS } from "@/lib/import/accept-import";
import { getPrisma } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { loadImportReview } from "@/lib/server/import/load-import-review";
import { requireUserPage } from "@/lib/server/session";

export const metadata: Metadata = { title: "核对导入的年报 · 政府信息公开工作年度报告编制系统" };

/** /workspace/import/<id>: the source beside what was read from it; accept (as draft or historical) or discard. */
export default async function ImportReviewPage({ params }: { params: Promise<{ importId: string }> }) {
  const user = await requireUserPage();
  const { importId } = await params;
  let review;
  try {
    review = await loadImportReview(await getPrisma(), user, importId);
  } catch (error) {
    // Outside the user's scope looks the same as absent (fail closed, no hint it exists).
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
  const { source, ...data } = review;

  return (
    <div className="space-y-6">
      <nav aria-label="页面路径" className="text-base">
        <Link href="/workspace/import" className="underline underline-offset-4">
          导入已发布的年报
        </Link>
        <span className="mx-2 text-muted-foreground" aria-hidden="true">
          /
        </span>
        <span aria-current="page">核对</span>
      </nav>
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold break-words">
          核对导入：{review.agency.name} {review.year} 年度
        </h1>
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-muted-foreground">
          <Badge variant={review.status === "PENDING" ? "warning" : review.status === "ACCEPTED" ? "success" : "neutral"}>{IMPORT_STATUS_LABELS[review.status]}</Badge>
          <span className="break-all">{review.filename}</span>
        </p>
      </div>
      <ImportReviewScreen review={data} source={<SourcePane source={source} kindName={review.kindName} />} />
    </div>
  );
}
