import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { cache } from "react";
import { ReportView } from "@/components/report-view/report-view";
import { getPrisma } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { publicImportNote } from "@/lib/server/import/imported-source";
import { loadPublishedReport } from "@/lib/server/public/load-published-report";
import { movedSlug } from "@/lib/server/public/resolve-slug";
import { parsePublicRevision, parsePublicYear, publicDownloadPath, publicReportPath, PUBLIC_FORMATS, type PublicFormat } from "@/lib/server/public/public-params";
import { getCurrentUser } from "@/lib/server/session";
import { formatDate } from "@/lib/utils/format-date-time";

type Props = {
  params: Promise<{ slug: string; year: string }>;
  searchParams: Promise<{ revision?: string | string[] }>;
};

const FORMAT_LABELS: Record<PublicFormat, string> = { docx: "Word（DOCX）", pdf: "PDF", html: "网页（HTML）" };

/**
 * One load per request for the metadata and the page. Anything that is not published — a draft,
 * a version under review, an unknown revision or a malformed address — is "not found".
 */
const load = cache(async (slug: string, yearText: string, revisionText: string | string[] | undefined) => {
  const year = parsePublicYear(yearText);
  const revision = parsePublicRevision(revisionText);
  if (year === null || revision === null) notFound();
  try {
    return await loadPublishedReport(await getPrisma(), slug, year, revision);
  } catch (error) {
    if (!(error instanceof AppError && error.code === "NOT_FOUND")) throw error;
  }
  // The agency's slug has changed since the link was made: the link stays good (308).
  const moved = await movedSlug(await getPrisma(), slug);
  if (moved) permanentRedirect(publicReportPath(moved, year, revision));
  notFound();
});

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { slug, year } = await params;
  const report = await load(slug, year, (await searchParams).revision);
  const earlier = report.revision < report.latestRevision ? `（第 ${report.revision} 版）` : "";
  return {
    title: `${report.title}${earlier}`,
    description: `${report.agency.name}${report.year}年政府信息公开工作年度报告，发布于${formatDate(report.publishedAt)}。`,
  };
}

function revisionName(revision: number): string {
  return revision === 1 ? `第 1 版（首次发布）` : `第 ${revision} 版（更正）`;
}

/** /reports/<agency-slug>/<year>: the published report, its downloads and its revision history. */
export default async function PublishedReportPage({ params, searchParams }: Props) {
  const { slug, year: yearText } = await params;
  const report = await load(slug, yearText, (await searchParams).revision);
  const { agency, year, revision, latestRevision, revisions } = report;
  const isEarlier = revision < latestRevision;
  // Reports imported from their published file say so; staff in scope may download that file.
  const imported = await publicImportNote(await getPrisma(), agency.slug, year, getCurrentUser);

  return (
    <div className="space-y-6">
      <nav aria-label="页面路径" className="text-base">
        <Link href={`/reports/${encodeURIComponent(agency.slug)}`} className="underline underline-offset-4">
          {agency.name}年度报告
        </Link>
        <span className="mx-2 text-muted-foreground" aria-hidden="true">
          /
        </span>
        <span aria-current="page">{year} 年度</span>
      </nav>

      <section aria-label="发布信息与下载" className="space-y-4 rounded-md border border-border bg-surface px-5 py-4">
        <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="text-muted-foreground">发布机关</dt>
          <dd>{agency.name}</dd>
          <dt className="text-muted-foreground">发布日期</dt>
          <dd>
            <time dateTime={report.publishedAt}>{formatDate(report.publishedAt)}</time>
          </dd>
          {latestRevision > 1 && (
            <>
              <dt className="text-muted-foreground">版本</dt>
              <dd>
                {revisionName(revision)}
                {isEarlier ? `，共 ${latestRevision} 版` : "，现行版本"}
              </dd>
            </>
          )}
          {imported && (
            <>
              <dt className="text-muted-foreground">来源</dt>
              <dd data-testid="imported-from-notice">
                由已发布文件导入
                {imported.sourceUrl && (
                  <a href={imported.sourceUrl} download className="ml-3 underline underline-offset-4">
                    下载原始文件
                  </a>
                )}
              </dd>
            </>
          )}
        </dl>
        <div className="flex flex-wrap items-center gap-3">
          <span className="text-muted-foreground">下载本版本：</span>
          {PUBLIC_FORMATS.map((format) => (
            <a
              key={format}
              href={publicDownloadPath(agency.slug, year, format, revision)}
              download
              className="inline-flex min-h-10 items-center rounded-md border border-input bg-surface px-4 text-base font-medium text-foreground no-underline hover:bg-muted"
            >
              {FORMAT_LABELS[format]}
            </a>
          ))}
        </div>
      </section>

      {isEarlier && (
        <div className="rounded-md border border-l-4 border-[#f3d19c] bg-warning-soft px-4 py-3">
          <p className="font-semibold text-warning">这是较早的版本</p>
          <p>
            本报告发布后已经更正，现行版本为第 {latestRevision} 版。
            <Link href={publicReportPath(agency.slug, year)} className="ml-1 underline underline-offset-4">
              查看现行版本
            </Link>
          </p>
        </div>
      )}

      {latestRevision > 1 && report.correctionNote && (
        <section aria-label="更正说明" className="rounded-md border border-l-4 border-[#b9cdea] bg-info-soft px-4 py-3">
          <p className="font-semibold text-info">更正说明（第 {revision} 版）</p>
          <p className="whitespace-pre-wrap">{report.correctionNote}</p>
        </section>
      )}

      <div className="rounded-md border border-border bg-white px-4 py-8 shadow-sm sm:px-10">
        <ReportView html={report.html} />
      </div>

      {revisions.length > 1 && (
        <section aria-labelledby="revisions-title" className="space-y-3">
          <h2 id="revisions-title" className="text-xl font-semibold">
            修订记录
          </h2>
          <ol className="space-y-3">
            {[...revisions].reverse().map((r) => {
              const current = r.revision === revision;
              return (
                <li key={r.revision} className="rounded-md border border-border bg-surface px-4 py-3">
                  <p className="flex flex-wrap items-baseline gap-x-3">
                    {current ? (
                      <span className="font-semibold" aria-current="page">
                        {revisionName(r.revision)}（正在查看）
                      </span>
                    ) : (
                      <Link
                        href={r.revision === latestRevision ? publicReportPath(agency.slug, year) : publicReportPath(agency.slug, year, r.revision)}
                        className="font-semibold underline underline-offset-4"
                      >
                        {revisionName(r.revision)}
                      </Link>
                    )}
                    <span className="text-muted-foreground">
                      发布于 <time dateTime={r.publishedAt}>{formatDate(r.publishedAt)}</time>
                    </span>
                  </p>
                  {r.correctionNote && <p className="mt-1 whitespace-pre-wrap">更正说明：{r.correctionNote}</p>}
                </li>
              );
            })}
          </ol>
        </section>
      )}
    </div>
  );
}
