import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { CHART_COLOR_HEX, fitText, formatNumber, formatShare, textWidth, type BarChartModel, type ChartBar } from "@/lib/oversight/charts";
import { cn } from "@/lib/utils/cn";

/*
 * A horizontal bar chart drawn on the server as SVG (no chart library, nothing sent to the
 * browser but markup), with its data table in a <details> beside it. Each row is a label line —
 * the name on the left, value and share on the right — over a full-width bar, so long agency
 * names and numbers stay legible at a 390 px phone width; the viewBox scales it to its box.
 */

// Geometry in SVG user units; 360 wide draws about 1:1 on a phone.
const WIDTH = 360;
const PAD_X = 2;
const PLOT_W = WIDTH - 2 * PAD_X;
const LABEL_SIZE = 15;
const VALUE_SIZE = 14;
const TICK_SIZE = 12;
const ROW_H = 46;
const LABEL_Y = 16;
const BAR_Y = 23;
const BAR_H = 14;
const AXIS_H = 22;

function valueText(bar: ChartBar): string {
  return `${formatNumber(bar.value)}（${formatShare(bar.share, bar.value)}）`;
}

function tickAnchor(i: number, count: number): "start" | "middle" | "end" {
  return i === 0 ? "start" : i === count - 1 ? "end" : "middle";
}

function BreakMark({ x, y }: { x: number; y: number }) {
  return <path d={`M${x - 4} ${y + BAR_H + 2}L${x} ${y - 2}M${x + 2} ${y + BAR_H + 2}L${x + 6} ${y - 2}`} className="stroke-surface" strokeWidth={2.5} fill="none" />;
}

function ChartSvg({ model, labelledBy, describedBy }: { model: BarChartModel; labelledBy: string; describedBy: string }) {
  const plotH = model.bars.length * ROW_H;
  const height = plotH + AXIS_H;
  const x = (fraction: number) => PAD_X + fraction * PLOT_W;
  return (
    <svg
      role="img"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
      className="block h-auto w-full max-w-md"
      data-testid={`${model.id}-svg`}
    >
      {/* Tracks: the whole scale behind each bar, so a short bar reads as short. */}
      {model.bars.map((bar, i) => (
        <rect key={`track-${bar.key}`} x={x(0)} y={i * ROW_H + BAR_Y} width={PLOT_W} height={BAR_H} className="fill-muted" />
      ))}
      {model.scale.ticks.map((tick) => (
        <line key={`grid-${tick}`} x1={x(tick / model.scale.max)} x2={x(tick / model.scale.max)} y1={BAR_Y - 2} y2={plotH} className="stroke-border" strokeWidth={1} strokeDasharray={tick === 0 ? undefined : "3 3"} />
      ))}
      {model.bars.map((bar, i) => {
        const y = i * ROW_H;
        const value = valueText(bar);
        const labelMax = PLOT_W - textWidth(value, VALUE_SIZE) - 10;
        const width = bar.value > 0 ? Math.max(2, bar.fraction * PLOT_W) : 0;
        return (
          <g key={bar.key} data-key={bar.key}>
            <title>{`${bar.fullLabel}：${formatNumber(bar.value)} ${model.unit}，占 ${formatShare(bar.share, bar.value)}${bar.truncated ? "（超出刻度，未按比例绘制）" : ""}`}</title>
            <text x={x(0)} y={y + LABEL_Y} fontSize={LABEL_SIZE} className="fill-foreground">
              {fitText(bar.label, labelMax, LABEL_SIZE)}
            </text>
            <text x={x(1)} y={y + LABEL_Y} fontSize={VALUE_SIZE} textAnchor="end" className="fill-foreground font-semibold tabular-nums">
              {value}
            </text>
            {width > 0 && <rect x={x(0)} y={y + BAR_Y} width={width} height={BAR_H} rx={2} fill={CHART_COLOR_HEX[bar.color]} />}
            {bar.truncated && <BreakMark x={x(0.88)} y={y + BAR_Y} />}
          </g>
        );
      })}
      {model.scale.ticks.map((tick, i) => (
        <text key={`tick-${tick}`} x={x(tick / model.scale.max)} y={plotH + AXIS_H - 6} fontSize={TICK_SIZE} textAnchor={tickAnchor(i, model.scale.ticks.length)} className="fill-muted-foreground tabular-nums">
          {formatNumber(tick)}
        </text>
      ))}
    </svg>
  );
}

/** The chart's figures as a table: the same rows as the bars, with the total. */
function ChartTable({ model }: { model: BarChartModel }) {
  return (
    <Table data-testid={`${model.id}-table`}>
      <TableCaption className="sr-only">{model.title}（数据表）</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>{model.labelHeader}</TableHead>
          <TableHead className="text-right">{model.valueHeader}</TableHead>
          <TableHead className="text-right">占比</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {model.bars.map((bar) => (
          <TableRow key={bar.key}>
            <TableHead scope="row" className="font-normal whitespace-normal">
              <span aria-hidden="true" className="mr-2 inline-block size-3 rounded-sm align-middle" style={{ backgroundColor: CHART_COLOR_HEX[bar.color] }} />
              {bar.fullLabel}
            </TableHead>
            <TableCell className="text-right tabular-nums">{formatNumber(bar.value)}</TableCell>
            <TableCell className="text-right tabular-nums">{formatShare(bar.share, bar.value)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
      <tfoot className="border-t border-border font-semibold">
        <TableRow>
          <TableHead scope="row">合计</TableHead>
          <TableCell className="text-right tabular-nums">{formatNumber(model.total)}</TableCell>
          <TableCell className="text-right tabular-nums">{model.total > 0 ? "100.0%" : "—"}</TableCell>
        </TableRow>
      </tfoot>
    </Table>
  );
}

/**
 * A chart model as a figure: caption, one-sentence summary (the SVG's description), the SVG
 * (role="img", named by the caption), its data table in a <details> and the model's notes.
 */
export function BarChart({ model, className }: { model: BarChartModel; className?: string }) {
  const captionId = `${model.id}-caption`;
  const summaryId = `${model.id}-summary`;
  const truncated = model.bars.some((bar) => bar.truncated);
  return (
    <figure aria-labelledby={captionId} className={cn("space-y-3", className)} data-testid={model.id}>
      <figcaption id={captionId} className="text-base font-semibold text-foreground">
        {model.title}
      </figcaption>
      <p id={summaryId} className="text-sm text-muted-foreground">
        {model.summary}
      </p>
      {model.empty ? (
        <p className="rounded-md border border-dashed border-border px-4 py-6 text-center text-muted-foreground">暂无数据</p>
      ) : (
        <>
          <ChartSvg model={model} labelledBy={captionId} describedBy={summaryId} />
          {truncated && <p className="text-sm text-muted-foreground">带断开符号的横条超出刻度，未按比例绘制，数值以标注为准。</p>}
          <details className="rounded-md border border-border bg-surface px-4 py-2">
            <summary className="min-h-9 cursor-pointer py-1 text-base text-primary underline underline-offset-4">以表格查看数据（{model.bars.length} 项）</summary>
            <div className="mt-2">
              <ChartTable model={model} />
            </div>
          </details>
        </>
      )}
      {model.notes.length > 0 && (
        <ul className="space-y-1 text-sm text-muted-foreground">
          {model.notes.map((note, i) => (
            <li key={i}>{note}</li>
          ))}
        </ul>
      )}
    </figure>
  );
}
