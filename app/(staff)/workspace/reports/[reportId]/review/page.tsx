import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FindingsSummary } from "@/components/reports/findings-summary";
import { ReportView } from "@/components/report-view/report-view";
import { documentAnchors, fallbackAnchorLabel, REPORT_ID_PREFIX } from "@/components/review/anchors";
import { anchorKey, type AnchorType } from "@/lib/comments/anchors";
import { excerpt } from "@/components/review/audit-labels";
import { AuditTrailPanel, VersionHistory } from "@/components/review/audit-trail-panel";
import { CompareView } from "@/components/review/compare-view";
import { DeadlineBadge } from "@/components/review/deadline-badge";
import { ReviewDecisions } from "@/components/review/review-decisions";
import { ReviewWorkspace } from "@/components/review/review-workspace";
import { traceVersions } from "@/components/review/version-trace";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { formatLabel } from "@/lib/labels";
import { statusLabel, statusTone } from "@/lib/workflow/report-status";
import { getPrisma } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { COMPARE_MODES, loadReview, type CompareMode } from "@/lib/server/review/load-review";
import { requireUserPage } from "@/lib/server/session";
import type { FormatVersion } from "@/lib/template/types";
import { cn } from "@/lib/utils/cn";
import { formatDateTime } from "@/lib/utils/format-date-time";

export const metadata: Metadata = { title: "审核报告 · 政府信息公开工作年度报告编制系统" };

const TABS = [
  { id: "report", label: "报告与批注" },
  { id: "diff", label: "修改对比" },
  { id: "findings", label: "检查结果" },
  { id: "history", label: "审核记录" },
] as const;
type TabId = (typeof TABS)[number]["id"];

type SearchParams = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function ReviewReportPage({ params, searchParams }: { params: Promise<{ reportId: string }>; searchParams: Promise<SearchParams> }) {
  const user = await requireUserPage();
  const { reportId } = await params;
  const query = await searchParams;
  const tab: TabId = TABS.some((t) => t.id === one(query.tab)) ? (one(query.tab) as TabId) : "report";
  const compareParam = one(query.compare);
  const compare: CompareMode | undefined = COMPARE_MODES.find((m) => m === compareParam);

  let review;
  try {
    review = await loadReview(await getPrisma(), user, reportId, { compare });
  } catch (error) {
    // Editors, and anyone outside the report's scope, see the same "not found" (fail closed).
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
  const { report, shown, document, findings } = review;
  const baseHref = `/workspace/reports/${encodeURIComponent(report.id)}/review`;
  const format = report.format as FormatVersion;
  const anchors = document ? documentAnchors(document) : [];
  const labels = new Map(anchors.map((a) => [a.key, a.label]));
  const anchorLabel = (type: string, anchor: string) => labels.get(anchorKey(type as AnchorType, anchor)) ?? fallbackAnchorLabel({ type: type as AnchorType, anchor }, format);
  const comments = new Map(review.threads.flatMap((t) => [[t.id, t.body] as const, ...t.replies.map((r) => [r.id, r.body] as const)]));
  const threads = review.threads;
  const openComments = threads.filter((t) => !t.resolvedAt).length;
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  const lastPublication = review.publications.at(-1);
  const revisionsByVersion: Record<number, number[]> = {};
  for (const p of review.publications) (revisionsByVersion[p.versionNumber] ??= []).push(p.revision);
  const shownTitle = shown ? `第 ${shown.number} 版` : "当前草稿";
  // Against last year the right side needs its year too.
  const compareTitle = review.comparison.mode === "lastYear" ? `${report.year} 年度${shownTitle}` : shownTitle;

  return (
    <div className="space-y-6">
      <nav aria-label="页面路径" className="text-base">
        {user.role === "REVIEWER" ? (
          <Link href="/workspace/review" className="underline underline-offset-4">
            审核队列
          </Link>
        ) : (
          <Link href="/workspace/reports" className="underline underline-offset-4">
            报告列表
          </Link>
        )}
        <span className="mx-2 text-muted-foreground" aria-hidden="true">
          /
        </span>
        <span aria-current="page">审核报告</span>
      </nav>

      <header className="space-y-3">
        <h1 className="text-2xl font-semibold">
          {report.agency} {report.year} 年度报告
        </h1>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-base">
          <span>
            状态：<Badge variant={statusTone(report.status)}>{statusLabel(report.status)}</Badge>
          </span>
          <span className="text-muted-foreground">{formatLabel(report.format)}格式</span>
          <span className="text-muted-foreground">
            {shown ? `显示第 ${shown.number} 版：${shown.submittedBy} 于 ${formatDateTime(shown.submittedAt)} 提交` : "尚未提交审核，显示当前草稿"}
          </span>
          {report.status !== "PUBLISHED" && (
            <span>
              公开期限：
              <DeadlineBadge daysLeft={report.daysLeft} deadline={report.deadline} rule={report.deadlineRule} />
            </span>
          )}
        </div>
        {shown && shown.warningCount > 0 && (
          <Alert variant="warning">
            <p>
              提交时有 {shown.warningCount} 个警告{shown.errorCount > 0 && `、${shown.errorCount} 个错误`}。填报人的说明：
            </p>
            <blockquote className="mt-1 border-l-4 border-[#f3d19c] pl-3 whitespace-pre-wrap">{shown.warningNote ?? "（未填写）"}</blockquote>
          </Alert>
        )}
        {!review.canComment && review.transitions.length === 0 && user.role === "ADMIN" && (
          <p className="text-muted-foreground">管理员可以查看审核情况和审核记录，不能批注、审核或发布。</p>
        )}
        <ReviewDecisions
          reportId={report.id}
          transitions={review.transitions}
          openComments={openComments}
          lastPublication={lastPublication ? { revision: lastPublication.revision, publishedText: formatDateTime(lastPublication.publishedAt) } : null}
          publicPath={`/reports/${encodeURIComponent(report.agencySlug)}/${report.year}`}
          reportDate={review.reportDate}
        />
      </header>

      <nav aria-label="审核视图" className="border-b border-border">
        <ul className="flex flex-wrap gap-1">
          {TABS.map((t) => {
            const count = t.id === "findings" ? `（${errors} 个错误、${warnings} 个警告）` : t.id === "report" && openComments > 0 ? `（${openComments} 条未处理批注）` : "";
            const href = t.id === "diff" && compare ? `${baseHref}?tab=diff&compare=${compare}` : t.id === "report" ? baseHref : `${baseHref}?tab=${t.id}`;
            return (
              <li key={t.id}>
                <Link
                  href={href}
                  aria-current={tab === t.id ? "page" : undefined}
                  className={cn(
                    "-mb-px inline-flex min-h-11 items-center border-b-4 px-4 text-base no-underline",
                    tab === t.id ? "border-primary font-semibold text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
                  )}
                >
                  {t.label}
                  {count && <span className="ml-1 text-sm">{count}</span>}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      {tab === "report" &&
        (document ? (
          <ReviewWorkspace reportId={report.id} format={format} anchors={anchors} threads={threads} canComment={review.canComment}>
            <ReportView document={document} idPrefix={REPORT_ID_PREFIX} />
          </ReviewWorkspace>
        ) : (
          <Alert variant="danger">本报告保存的内容不符合报告格式，无法显示。请联系管理员。</Alert>
        ))}

      {tab === "diff" && <CompareView comparison={review.comparison} afterTitle={compareTitle} baseHref={baseHref} />}

      {tab === "findings" &&
        (document ? (
          <FindingsSummary findings={findings} comparedWith={review.comparedWith} frozenAt={review.findingsFrozenAt} />
        ) : (
          <Alert variant="danger">本报告保存的内容不符合报告格式，无法检查。</Alert>
        ))}

      {tab === "history" && (
        <div className="space-y-8">
          <VersionHistory traces={traceVersions(review.versions, review.audit)} revisions={revisionsByVersion} />
          <AuditTrailPanel
            events={review.audit}
            context={{ anchorLabel, commentExcerpt: (id) => (comments.has(id) ? excerpt(comments.get(id)!) : undefined) }}
          />
        </div>
      )}
    </div>
  );
}
