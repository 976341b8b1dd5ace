import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CoverageLists } from "@/components/oversight/coverage-lists";
import { OversightHeader } from "@/components/oversight/oversight-header";
import { ResultsChart } from "@/components/oversight/oversight-charts";
import { resultsChart } from "@/lib/oversight/charts";
import { ReportView } from "@/components/report-view/report-view";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { hasPermission } from "@/lib/auth/permissions";
import { buildRollUpDocument, coverageSummary, prepareRollUp, ROLL_UP_BASIS_LABEL } from "@/lib/oversight/roll-up";
import { getPrisma } from "@/lib/server/db";
import { loadRollUp } from "@/lib/server/oversight/load-roll-up";
import { oversightYears, parseOversightParams } from "@/lib/server/oversight/parse-oversight-params";
import { listScopeChoices } from "@/lib/server/oversight/scope-choices";
import { requireUserPage } from "@/lib/server/session";

export const metadata: Metadata = { title: "数据汇总 · 汇总与督办 · 政府信息公开工作年度报告编制系统" };

export default async function OversightRollUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUserPage();
  if (!hasPermission(user, "report.oversee")) notFound();
  const now = new Date();
  const params = parseOversightParams(await searchParams, now);
  const prisma = await getPrisma();
  const [rollUp, choices] = await Promise.all([
    loadRollUp(prisma, user, { year: params.year, under: params.under, basis: params.basis }).catch((error: unknown) => {
      if ((error as { code?: string }).code === "NOT_FOUND") notFound();
      throw error;
    }),
    listScopeChoices(prisma, user),
  ]);
  const summary = coverageSummary(rollUp.coverage, rollUp.basis);
  const total = prepareRollUp(rollUp.content);
  const document = buildRollUpDocument(total, [summary]);
  const exportQuery = new URLSearchParams({ year: String(params.year) });
  if (params.under) exportQuery.set("under", params.under);
  if (params.basis !== "published") exportQuery.set("basis", params.basis);
  const errors = rollUp.findings.filter((f) => f.severity === "error");

  return (
    <div className="space-y-6">
      <OversightHeader tab="roll-up" year={params.year} years={oversightYears(now)} under={params.under} choices={choices} basis={params.basis} title={rollUp.title} />

      <section aria-labelledby="coverage-title" className="space-y-3">
        <h2 id="coverage-title" className="text-xl font-semibold">
          汇总范围
        </h2>
        <p data-testid="coverage-summary">
          {summary}采用{ROLL_UP_BASIS_LABEL[rollUp.basis]}，格式为 {rollUp.format}。
        </p>
        <CoverageLists coverage={rollUp.coverage} />
      </section>

      {rollUp.coverage.included.length > 0 && <ResultsChart model={resultsChart(total)} />}

      <section aria-labelledby="check-title" className="space-y-3">
        <h2 id="check-title" className="text-xl font-semibold">
          汇总数的勾稽关系检查
        </h2>
        {rollUp.coverage.included.length === 0 ? (
          <p className="text-muted-foreground">没有可汇总的报告。</p>
        ) : rollUp.findings.length === 0 ? (
          <Alert variant="success" data-testid="roll-up-balanced">
            汇总数符合全部勾稽关系。
          </Alert>
        ) : (
          <div className="space-y-2" data-testid="roll-up-findings">
            <Alert variant={errors.length ? "danger" : "warning"}>
              汇总数有 {errors.length} 个错误、{rollUp.findings.length - errors.length} 个警告：纳入汇总的报告中有数据不平衡。
            </Alert>
            <ol className="space-y-2">
              {rollUp.findings.map((finding, i) => (
                <li key={i} className="flex flex-wrap items-start gap-x-3 rounded-md border border-border bg-surface px-4 py-3">
                  <Badge variant={finding.severity === "error" ? "danger" : "warning"}>{finding.severity === "error" ? "错误" : "警告"}</Badge>
                  <p className="min-w-0 flex-1">{finding.message}</p>
                </li>
              ))}
            </ol>
          </div>
        )}
      </section>

      <section aria-labelledby="tables-title" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="tables-title" className="text-xl font-semibold">
            汇总表
          </h2>
          <p className="flex flex-wrap gap-4">
            <a href={`/api/oversight/export/roll-up-docx?${exportQuery}`} download>
              下载 Word
            </a>
            <a href={`/api/oversight/export/roll-up-pdf?${exportQuery}`} download>
              下载 PDF
            </a>
            <a href={`/api/oversight/export/xlsx?${exportQuery}`} download>
              下载汇总表格（XLSX）
            </a>
          </p>
        </div>
        <div className="overflow-x-auto rounded-md border border-border bg-surface p-4">
          <ReportView document={document} />
        </div>
      </section>
    </div>
  );
}
