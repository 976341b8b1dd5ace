import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { KEY_INDICATORS, OUTLIER_FLAG_LABEL, type IndicatorCell, type IndicatorRow, type KeyIndicatorDef } from "@/lib/oversight/indicators";

const NUMBER = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 4 });

function change(cell: IndicatorCell): string {
  if (cell.change === null) return cell.previous === null ? "上年无数据" : "";
  if (cell.change === 0) return "与上年持平";
  const sign = cell.change > 0 ? "+" : "−";
  const ratio = cell.ratio !== null ? `（${cell.ratio >= 1 ? "+" : "−"}${NUMBER.format(Math.abs(Math.round((cell.ratio - 1) * 100)))}%）` : "";
  return `${sign}${NUMBER.format(Math.abs(cell.change))}${ratio}`;
}

function Cell({ cell, indicator }: { cell: IndicatorCell; indicator: KeyIndicatorDef }) {
  const flagged = cell.flags.length > 0;
  return (
    <TableCell className={flagged ? "bg-warning-soft align-top" : "align-top"} data-indicator={indicator.id}>
      <span className="block text-right font-medium tabular-nums">{cell.value === null ? "—" : NUMBER.format(cell.value)}</span>
      <span className="block text-right text-sm whitespace-nowrap text-muted-foreground tabular-nums">{change(cell)}</span>
      {cell.flags.map((flag) => (
        <span key={flag} className="mt-1 block text-sm font-medium text-warning">
          ⚠ {OUTLIER_FLAG_LABEL[flag]}
        </span>
      ))}
    </TableCell>
  );
}

/** Agencies × key indicators, each with its change against the agency's previous year and outlier flags in words. */
export function IndicatorTable({ rows, year }: { rows: IndicatorRow[]; year: number }) {
  return (
    <div className="overflow-x-auto rounded-md border border-border bg-surface">
      <Table data-testid="indicator-table">
        <TableCaption className="sr-only">{year} 年度各机关主要指标及与上年相比的变化；标注 ⚠ 的为需要核实的异常值</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>机关</TableHead>
            {KEY_INDICATORS.map((indicator) => (
              <TableHead key={indicator.id} className="text-right whitespace-nowrap">
                {indicator.label}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.agency.id}>
              <TableCell className="min-w-[10em] align-top font-medium">{row.agency.name}</TableCell>
              {KEY_INDICATORS.map((indicator) => (
                <Cell key={indicator.id} cell={row.cells[indicator.id]} indicator={indicator} />
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
