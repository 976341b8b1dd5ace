import { formatDate } from "@/lib/utils/format-date-time";
import { crossYearNote } from "@/lib/workflow/cross-year-note";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import type { Finding } from "@/lib/rules/types";

export interface FindingsSummaryProps {
  findings: Finding[];
  /** Whether last year's report took part (cross-year rules). */
  /** What the cross-year rules compared with (「2020年度已发布版本」), or null. */
  comparedWith: string | null;
  /** The publication's date when the findings are those frozen with it. */
  frozenAt?: Date | null;
  headingId?: string;
}

function FindingList({ findings, severity }: { findings: Finding[]; severity: "error" | "warning" }) {
  return (
    <ol className="space-y-2">
      {findings.map((finding, i) => (
        <li key={`${finding.ruleId}-${i}`} className="rounded-md border border-border bg-surface px-4 py-3">
          <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
            <Badge variant={severity === "error" ? "danger" : "warning"}>{severity === "error" ? "错误" : "警告"}</Badge>
            <p className="min-w-0 flex-1">{finding.message}</p>
          </div>
          {finding.quote && (
            <blockquote className="mt-2 border-l-4 border-border pl-3 text-muted-foreground">{finding.quote}</blockquote>
          )}
          <p className="mt-1 text-sm text-muted-foreground">
            规则编号：<code className="font-mono">{finding.ruleId}</code>
          </p>
        </li>
      ))}
    </ol>
  );
}

/** The rule engine's findings on a report: errors first, then warnings, each with its message. */
export function FindingsSummary({ findings, comparedWith, frozenAt, headingId = "findings-title" }: FindingsSummaryProps) {
  const errors = findings.filter((f) => f.severity === "error");
  const warnings = findings.filter((f) => f.severity === "warning");

  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <h2 id={headingId} className="text-xl font-semibold">
        检查结果
      </h2>
      <p className="text-muted-foreground">
        {crossYearNote(comparedWith)}
      </p>
      {frozenAt && <p className="text-muted-foreground" data-testid="findings-frozen">以下是 {formatDate(frozenAt)} 发布时的检查结果，随报告一同固定：此后规则级别或上一年度报告的变化不会改变它。</p>}
      {findings.length === 0 ? (
        <Alert variant="success">未发现错误或警告。</Alert>
      ) : (
        <>
          <Alert variant={errors.length ? "danger" : "warning"}>
            共 {errors.length} 个错误、{warnings.length} 个警告。
            {errors.length > 0 ? "请在提交审核前改正全部错误。" : "警告不一定是错误，请逐条确认。"}
          </Alert>
          {errors.length > 0 && (
            <div className="space-y-2">
              <h3 className="font-semibold text-danger">错误（{errors.length}）</h3>
              <FindingList findings={errors} severity="error" />
            </div>
          )}
          {warnings.length > 0 && (
            <div className="space-y-2">
              <h3 className="font-semibold text-warning">警告（{warnings.length}）</h3>
              <FindingList findings={warnings} severity="warning" />
            </div>
          )}
        </>
      )}
    </section>
  );
}
