import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { IndicatorTable } from "@/components/oversight/indicator-table";
import { OversightHeader } from "@/components/oversight/oversight-header";
import { ReceivedChart } from "@/components/oversight/oversight-charts";
import { receivedChart } from "@/lib/oversight/charts";
import { buttonClassName } from "@/components/ui/button";
import { Pager } from "@/components/ui/pager";
import { hasPermission } from "@/lib/auth/permissions";
import { OUTLIER_FACTOR, OUTLIER_MIN_VALUE } from "@/lib/oversight/indicators";
import { coverageSummary } from "@/lib/oversight/roll-up";
import { DEFAULT_PAGE_SIZE, pageOf } from "@/lib/paging/paging";
import { getPrisma } from "@/lib/server/db";
import { loadIndicatorMatrix } from "@/lib/server/oversight/load-indicator-matrix";
import { oversightYears, parseOversightParams } from "@/lib/server/oversight/parse-oversight-params";
import { listScopeChoices } from "@/lib/server/oversight/scope-choices";
import { requireUserPage } from "@/lib/server/session";

export const metadata: Metadata = { title: "指标对比 · 汇总与督办 · 政府信息公开工作年度报告编制系统" };

export default async function OversightIndicatorsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUserPage();
  if (!hasPermission(user, "report.oversee")) notFound();
  const now = new Date();
  const raw = await searchParams;
  const params = parseOversightParams(raw, now);
  const onlyFlagged = raw.flagged === "1";
  const prisma = await getPrisma();
  const [matrix, choices] = await Promise.all([
    loadIndicatorMatrix(prisma, user, { year: params.year, under: params.under, basis: params.basis }).catch((error: unknown) => {
      if ((error as { code?: string }).code === "NOT_FOUND") notFound();
      throw error;
    }),
    listScopeChoices(prisma, user),
  ]);
  const flaggedCount = matrix.rows.filter((r) => r.flagged).length;
  const rows = onlyFlagged ? matrix.rows.filter((r) => r.flagged) : matrix.rows;
  const page = pageOf(rows, params.page, DEFAULT_PAGE_SIZE);
  const base = new URLSearchParams({ year: String(params.year) });
  if (params.under) base.set("under", params.under);
  if (params.basis !== "published") base.set("basis", params.basis);
  const href = (options: { page?: number; flagged?: boolean }) => {
    const query = new URLSearchParams(base);
    if (options.flagged ?? onlyFlagged) query.set("flagged", "1");
    if (options.page && options.page > 1) query.set("page", String(options.page));
    return `/workspace/oversight/indicators?${query}`;
  };

  return (
    <div className="space-y-6">
      <OversightHeader tab="indicators" year={params.year} years={oversightYears(now)} under={params.under} choices={choices} basis={params.basis} title={matrix.title} />
      <section aria-labelledby="matrix-title" className="space-y-3">
        <h2 id="matrix-title" className="text-xl font-semibold">
          各机关主要指标（{matrix.rows.length} 个机关）
        </h2>
        <p>{coverageSummary(matrix.coverage, params.basis)}</p>
        <p className="text-muted-foreground">
          每格下方是与本机关上年报告相比的变化。标注 ⚠ 的需要核实：与上年相比变化超过 {OUTLIER_FACTOR} 倍（且不少于 {OUTLIER_MIN_VALUE}），或本机关为 0 而其他机关均不为 0。
        </p>
        {matrix.rows.length > 0 && <ReceivedChart model={receivedChart(matrix.rows.map((r) => ({ agency: r.agency, value: r.cells.received.value })), 15, { year: params.year })} />}
        <p className="flex flex-wrap gap-3">
          {onlyFlagged ? (
            <Link href={href({ flagged: false })} className={buttonClassName({ variant: "outline" })}>
              显示全部机关
            </Link>
          ) : (
            <Link href={href({ flagged: true })} className={buttonClassName({ variant: "outline" })}>
              只看需要核实的（{flaggedCount} 个机关）
            </Link>
          )}
        </p>
        {page.items.length === 0 ? (
          <p className="rounded-md border border-dashed border-border bg-surface px-6 py-8 text-center text-muted-foreground">
            {onlyFlagged ? "没有需要核实的机关。" : "没有可对比的报告。"}
          </p>
        ) : (
          <IndicatorTable rows={page.items} year={params.year} />
        )}
        <Pager page={page.page} pageCount={page.pageCount} href={(n) => href({ page: n })} label="各机关主要指标" />
      </section>
    </div>
  );
}
