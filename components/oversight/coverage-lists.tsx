import { EXCLUSION_REASON_LABEL, type RollUpCoverage } from "@/lib/oversight/roll-up";

/** At most this many names per list on the page; the XLSX 「汇总范围」 sheet has them all. */
const MAX_NAMES = 200;

function Names({ names, testId }: { names: string[]; testId: string }) {
  const shown = names.slice(0, MAX_NAMES);
  return (
    <ul className="mt-2 columns-1 gap-6 sm:columns-2 lg:columns-3" data-testid={testId}>
      {shown.map((name, i) => (
        <li key={i}>{name}</li>
      ))}
      {names.length > shown.length && <li className="text-muted-foreground">……及其他 {names.length - shown.length} 个机关（完整清单见导出的汇总表格「汇总范围」）</li>}
    </ul>
  );
}

/** Which agencies a roll-up includes, which have no report and which are left out and why: always shown with it. */
export function CoverageLists({ coverage }: { coverage: RollUpCoverage }) {
  return (
    <div className="space-y-2">
      <details className="rounded-md border border-border bg-surface px-4 py-3" open={coverage.included.length <= 12}>
        <summary className="cursor-pointer font-medium">已纳入汇总：{coverage.included.length} 个机关</summary>
        <Names
          testId="coverage-included"
          names={coverage.included.map((i) => `${i.agency.name}（第 ${i.version.number} 版${i.version.revision ? `，第 ${i.version.revision} 次发布` : ""}）`)}
        />
      </details>
      <details className="rounded-md border border-border bg-surface px-4 py-3" open={coverage.missing.length > 0 && coverage.missing.length <= 12}>
        <summary className="cursor-pointer font-medium">尚无本年度报告：{coverage.missing.length} 个机关</summary>
        <Names testId="coverage-missing" names={coverage.missing.map((a) => a.name)} />
      </details>
      <details className="rounded-md border border-border bg-surface px-4 py-3" open={coverage.excluded.length > 0 && coverage.excluded.length <= 12}>
        <summary className="cursor-pointer font-medium">未纳入汇总：{coverage.excluded.length} 个机关</summary>
        <Names testId="coverage-excluded" names={coverage.excluded.map((e) => `${e.agency.name}（${EXCLUSION_REASON_LABEL[e.reason]}${e.format ? `：${e.format}` : ""}）`)} />
      </details>
    </div>
  );
}
