import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { cache } from "react";
import { getPrisma } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { publicAgencyPath, publicReportPath } from "@/lib/server/public/public-params";
import { listPublishedYears } from "@/lib/server/public/published-reports";
import { movedSlug } from "@/lib/server/public/resolve-slug";
import { formatDate } from "@/lib/utils/format-date-time";

type Props = { params: Promise<{ slug: string }> };

const load = cache(async (slug: string) => {
  try {
    return await listPublishedYears(await getPrisma(), slug);
  } catch (error) {
    if (!(error instanceof AppError && error.code === "NOT_FOUND")) throw error;
  }
  // The agency's slug has changed since the link was made: the link stays good (308).
  const moved = await movedSlug(await getPrisma(), slug);
  if (moved) permanentRedirect(publicAgencyPath(moved));
  notFound();
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { agency } = await load((await params).slug);
  return { title: `${agency.name}政府信息公开工作年度报告`, description: `${agency.name}历年发布的政府信息公开工作年度报告。` };
}

/** /reports/<agency-slug>: the years an agency has published, newest first. */
export default async function AgencyReportsPage({ params }: Props) {
  const { agency, years } = await load((await params).slug);

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{agency.name}政府信息公开工作年度报告</h1>
        <p className="text-muted-foreground">按年度列出本机关已向社会公布的年度报告，最新年度在前。</p>
      </div>
      {years.length === 0 ? (
        <p className="rounded-md border border-border bg-surface px-5 py-4">本机关暂无已发布的年度报告。</p>
      ) : (
        <ul className="divide-y divide-border rounded-md border border-border bg-surface">
          {years.map((y) => (
            <li key={y.year} className="flex flex-wrap items-baseline justify-between gap-x-6 gap-y-1 px-5 py-4">
              <Link href={publicReportPath(agency.slug, y.year)} className="text-lg font-semibold underline underline-offset-4">
                {y.year} 年政府信息公开工作年度报告
              </Link>
              <span className="text-muted-foreground">
                发布于 <time dateTime={y.publishedAt.toISOString()}>{formatDate(y.publishedAt)}</time>
                {y.revision > 1 && `（已更正，现行第 ${y.revision} 版）`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
