import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OversightActions } from "@/components/oversight/oversight-actions";
import { OversightHeader } from "@/components/oversight/oversight-header";
import { StatusChart } from "@/components/oversight/oversight-charts";
import { statusChart } from "@/lib/oversight/charts";
import { StatusFilterForm } from "@/components/oversight/status-filter-form";
import { StatusTable } from "@/components/oversight/status-table";
import { Pager } from "@/components/ui/pager";
import { hasPermission } from "@/lib/auth/permissions";
import { PROGRESS_STATUSES, progressStatusLabel } from "@/lib/workflow/report-status";
import { getPrisma } from "@/lib/server/db";
import { loadAgencyStatusPage } from "@/lib/server/oversight/load-agency-statuses";
import { oversightYears, parseOversightParams } from "@/lib/server/oversight/parse-oversight-params";
import { listScopeChoices } from "@/lib/server/oversight/scope-choices";
import { requireUserPage } from "@/lib/server/session";

export const metadata: Metadata = { title: "汇总与督办 · 政府信息公开工作年度报告编制系统" };

export default async function OversightStatusPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUserPage();
  // Reviewers and admins only; anyone else sees "not found", as for any page outside their role.
  if (!hasPermission(user, "report.oversee")) notFound();
  const now = new Date();
  const params = parseOversightParams(await searchParams, now);
  const prisma = await getPrisma();
  // A scope part outside the user's scope (by URL or a forged id) is not found (oversightScope).
  const [page, choices] = await Promise.all([
    loadAgencyStatusPage(prisma, user, { year: params.year, under: params.under, filter: params.filter, page: params.page, now }).catch((error: unknown) => {
      if ((error as { code?: string }).code === "NOT_FOUND") notFound();
      throw error;
    }),
    listScopeChoices(prisma, user),
  ]);
  const pageHref = (n: number) => {
    const query = new URLSearchParams(params.query);
    if (n > 1) query.set("page", String(n));
    return `/workspace/oversight?${query}`;
  };
  const filtered = page.total !== page.scopeSize;
  const unsubmitted = page.counts.NOT_STARTED + page.counts.DRAFT + page.counts.RETURNED;

  return (
    <div className="space-y-6">
      <OversightHeader tab="status" year={params.year} years={oversightYears(now)} under={params.under} choices={choices} title={page.title} />

      <section aria-labelledby="summary-title" className="space-y-3">
        <h2 id="summary-title" className="text-xl font-semibold">
          概况
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-8" data-testid="status-counts">
          <div className="rounded-md border border-border bg-surface p-3">
            <dt className="text-sm text-muted-foreground">机关总数</dt>
            <dd className="text-2xl font-semibold tabular-nums">{page.scopeSize}</dd>
          </div>
          {PROGRESS_STATUSES.map((status) => (
            <div key={status} className="rounded-md border border-border bg-surface p-3">
              <dt className="text-sm text-muted-foreground">{progressStatusLabel(status)}</dt>
              <dd className="text-2xl font-semibold tabular-nums" data-status={status}>
                <Link href={`/workspace/oversight?${withStatus(params.query, status)}`} className="no-underline hover:underline">
                  {page.counts[status]}
                </Link>
              </dd>
            </div>
          ))}
          <div className="rounded-md border border-danger/40 bg-danger-soft p-3">
            <dt className="text-sm text-danger">逾期</dt>
            <dd className="text-2xl font-semibold text-danger tabular-nums" data-testid="overdue-count">
              <Link href={`/workspace/oversight?${withOverdue(params.query)}`} className="text-danger no-underline hover:underline">
                {page.overdue}
              </Link>
            </dd>
          </div>
        </dl>
        <StatusChart model={statusChart(page.counts, { year: params.year })} />
      </section>

      <OversightActions query={params.query.toString()} year={params.year} unsubmitted={unsubmitted} published={page.counts.PUBLISHED} under={params.under} />

      <section aria-labelledby="list-title" className="space-y-3">
        <h2 id="list-title" className="text-xl font-semibold">
          各机关填报情况（{filtered ? `${page.total} / ${page.scopeSize}` : page.total} 个机关）
        </h2>
        <StatusFilterForm params={params} />
        {page.pageCount > 1 && (
          <p className="text-muted-foreground">
            第 {page.from}–{page.to} 个，共 {page.total} 个（第 {page.page} / {page.pageCount} 页）
          </p>
        )}
        {page.items.length === 0 ? (
          <p className="rounded-md border border-dashed border-border bg-surface px-6 py-8 text-center text-muted-foreground">没有符合条件的机关。</p>
        ) : (
          <StatusTable rows={page.items} year={params.year} />
        )}
        <Pager page={page.page} pageCount={page.pageCount} href={pageHref} label="各机关填报情况" />
      </section>
    </div>
  );
}

function withStatus(query: URLSearchParams, status: string): URLSearchParams {
  const next = new URLSearchParams(query);
  next.delete("status");
  next.delete("overdue");
  next.append("status", status);
  return next;
}

function withOverdue(query: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(query);
  next.delete("status");
  next.set("overdue", "1");
  return next;
}
