import type { BarChartModel } from "@/lib/oversight/charts";
import { BarChart } from "./bar-chart";

/*
 * The three charts of the oversight page 「汇总与督办」 (issue 10), as server components drawing
 * the models of lib/oversight/charts.ts: build the model on the server (statusChart,
 * receivedChart, resultsChart) and pass it in. Nothing here runs in the browser.
 */

interface ChartProps {
  model: BarChartModel;
  className?: string;
}

/** (a) How many agencies stand at each status: 未开始, 草稿, 待审核, 退回修改, 审核通过, 已发布. */
export function StatusChart({ model, className }: ChartProps) {
  return <BarChart model={model} className={className} />;
}

/** (b) Applications received (本年新收) per agency: the top agencies and 「其他 N 个机关」. */
export function ReceivedChart({ model, className }: ChartProps) {
  return <BarChart model={model} className={className} />;
}

/** (c) The results of the region total (表三 三、本年度办理结果 and 结转下年度). */
export function ResultsChart({ model, className }: ChartProps) {
  return <BarChart model={model} className={className} />;
}
