import { BulkExportButton } from "@/components/oversight/bulk-export-button";
import { RemindForm } from "@/components/oversight/remind-form";

export interface OversightActionsProps {
  /** The view's selection (year, scope, filters) as a query string; exports take the same. */
  query: string;
  year: number;
  under?: string;
  /** Agencies that have not submitted (未开始, 草稿, 退回修改): who a reminder goes to. */
  unsubmitted: number;
  published: number;
}

const EXPORTS: { kind: string; label: string; hint: string }[] = [
  { kind: "xlsx", label: "汇总表格（XLSX）", hint: "表二、表三、表四的汇总数、各机关数据、填报情况" },
  { kind: "status-csv", label: "填报情况（CSV）", hint: "每个机关一行" },
  { kind: "cells-csv", label: "各机关数据（CSV）", hint: "每个机关一行，每个单元格一列" },
  { kind: "roll-up-docx", label: "数据汇总表（Word）", hint: "官方格式的三张统计表" },
  { kind: "roll-up-pdf", label: "数据汇总表（PDF）", hint: "官方格式的三张统计表" },
  { kind: "bulletin-docx", label: "通报稿（Word）", hint: "各机关的状态、逾期和检查问题，供修改" },
];

/**
 * What a supervisor does with the selection: downloads (plain links — a GET with the same
 * selection, authorized on the server like the page), a reminder to the agencies that have not
 * submitted, and the ZIP of every published report as a background job.
 */
export function OversightActions({ query, year, under, unsubmitted, published }: OversightActionsProps) {
  return (
    <section aria-labelledby="actions-title" className="grid gap-4 lg:grid-cols-2">
      <h2 id="actions-title" className="sr-only">
        导出和督办
      </h2>
      <div className="space-y-3 rounded-md border border-border bg-surface p-4">
        <h3 className="text-lg font-semibold">导出</h3>
        <ul className="space-y-2" data-testid="export-links">
          {EXPORTS.map((e) => (
            <li key={e.kind}>
              <a href={`/api/oversight/export/${e.kind}?${query}`} download data-export={e.kind} className="font-medium">
                {e.label}
              </a>
              <span className="ml-2 text-sm text-muted-foreground">{e.hint}</span>
            </li>
          ))}
        </ul>
        <p className="text-sm text-muted-foreground">汇总数采用各机关已发布的报告；「数据汇总」页可改为采用最近提交的版本。</p>
      </div>
      <div className="space-y-4 rounded-md border border-border bg-surface p-4">
        <h3 className="text-lg font-semibold">督办</h3>
        <RemindForm year={year} under={under} unsubmitted={unsubmitted} />
        <BulkExportButton year={year} under={under} published={published} />
      </div>
    </section>
  );
}
