/**
 * Chart models of the oversight page 「汇总与督办」 (issue 10): the agencies' status distribution,
 * applications received per agency (top N and the rest folded into one bar) and the results of
 * the region total (表三 三、本年度办理结果 and 四、结转下年度继续办理). Framework-free pure
 * functions: components/oversight/oversight-charts.tsx draws the models as server-side SVG with a
 * data table beside them, so no chart library reaches the browser.
 *
 * Every bar carries its label, value and share in words, so a chart never relies on colour alone;
 * colours are tokens (CHART_COLOR_HEX), each at least 3:1 against white.
 */
import { leafRows, rowGroups } from "../template/cells";
import type { ReportTemplate, RowNode, RuleDef, TableId } from "../template/types";
import { effectiveValue } from "../report/values";
import type { PreparedReport } from "../report/prepare-report";
import { PROGRESS_STATUSES, progressStatusLabel, type ProgressStatus } from "../workflow/report-status";
import type { AgencyRef } from "./roll-up";

/** Bar colours (CHART_COLOR_HEX). */
export type ChartColor = "primary" | "slate" | "info" | "warning" | "danger" | "success" | "teal" | "violet";

/**
 * The colour of each token: the theme's colours (app/globals.css) plus two, each ≥ 3:1 against
 * the white surface (WCAG 1.4.11, non-text contrast; most reach 4.5:1), drawn as SVG fill.
 */
export const CHART_COLOR_HEX: Record<ChartColor, string> = {
  primary: "#1e4f91", // --primary
  slate: "#4b5563", // --muted-foreground
  info: "#1e4f91", // --info
  warning: "#8a4600", // --warning
  danger: "#b42318", // --danger
  success: "#166534", // --success
  teal: "#0f766e",
  violet: "#6d28d9",
};

export interface ChartBar {
  /** Stable key: status, agency id, row id, or `others`. */
  key: string;
  /** What the bar is labelled with (short). */
  label: string;
  /** The full wording, for the data table and the tooltip (the label may be shortened). */
  fullLabel: string;
  value: number;
  /** Percent of the chart's total, one decimal (see shares()): equal values have equal shares; they add up to 100. */
  share: number;
  color: ChartColor;
  /** The bar folds several items (「其他 N 个机关」). */
  others?: { count: number; mean: number; max: number };
  /** The bar is longer than the scale and is drawn cut (with a break mark), its value written out. */
  truncated: boolean;
  /** Length as a fraction of the scale, 0…1. */
  fraction: number;
}

export interface ChartScale {
  /** The value at the right end of the plot (a round number ≥ every untruncated bar). */
  max: number;
  /** Round values from 0 to max for grid lines. */
  ticks: number[];
}

export interface BarChartModel {
  /** DOM id prefix for the figure's caption, description and table (unique on a page). */
  id: string;
  title: string;
  /** One sentence telling what the chart shows, for screen readers and under the caption. */
  summary: string;
  /** Headers of the data table. */
  labelHeader: string;
  valueHeader: string;
  /** Unit after numbers (个, 件). */
  unit: string;
  bars: ChartBar[];
  /** Sum of all bars (what shares are of). */
  total: number;
  scale: ChartScale;
  /** Nothing to show (no agencies, no figures). */
  empty: boolean;
  /** Remarks printed under the chart and the table (e.g. agencies without figures). */
  notes: string[];
}

const NUMBER = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 4 });

export function formatNumber(value: number): string {
  return NUMBER.format(value);
}

/** A share as printed: 「12.5%」; a value too small to show at one decimal is 「<0.1%」, not 0. */
export function formatShare(share: number, value?: number): string {
  return share === 0 && value !== undefined && value > 0 ? "<0.1%" : `${share.toFixed(1)}%`;
}

/** Round numbers for an axis: 1, 2, 2.5 or 5 × 10ⁿ per step, integer steps (counts). */
export function niceScale(max: number, targetTicks = 4): ChartScale {
  if (!(max > 0)) return { max: 1, ticks: [0, 1] };
  const rough = max / targetTicks;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power);
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let i = 0; i * step <= top + step / 1e9; i++) ticks.push(Math.round(i * step * 1e6) / 1e6);
  return { max: top, ticks };
}

/**
 * Percentages (one decimal) of each value in the total, adding up to 100.0 where that can be done
 * fairly: the largest remainder method, except that equal values always get equal shares and a
 * larger value never a smaller share. Tenths that could only be split within a tie are not handed
 * out; such a tie is rounded to the nearest tenth instead (three equal values: 33.3 each, 99.9 in
 * all). All 0 when the total is 0.
 */
export function shares(values: readonly number[]): number[] {
  const total = values.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return values.map(() => 0);
  const exact = values.map((v) => (v / total) * 1000);
  const tenths = exact.map((e) => Math.floor(e + 1e-9));
  const rest = (i: number) => exact[i] - tenths[i];
  let left = 1000 - tenths.reduce((a, b) => a + b, 0);
  const ties = new Map<number, number[]>();
  values.forEach((v, i) => ties.set(v, [...(ties.get(v) ?? []), i]));
  const groups = [...ties.values()].filter((g) => rest(g[0]) > 1e-9).sort((a, b) => rest(b[0]) - rest(a[0]) || a[0] - b[0]);
  const skipped: number[][] = [];
  let largestSkipped = -Infinity;
  for (const group of groups) {
    if (left <= 0) break;
    const value = values[group[0]];
    if (group.length > left || value <= largestSkipped) {
      skipped.push(group);
      largestSkipped = Math.max(largestSkipped, value);
      continue;
    }
    for (const i of group) tenths[i]++;
    left -= group.length;
  }
  for (const group of skipped) if (rest(group[0]) >= 0.5) for (const i of group) tenths[i]++;
  return tenths.map((t) => t / 10);
}

type BarInput = Omit<ChartBar, "share" | "truncated" | "fraction">;

/** Adds shares, the scale and bar lengths; `scaleOf` picks which bars the scale must hold (default all). */
function model(base: Omit<BarChartModel, "bars" | "total" | "scale" | "empty">, items: BarInput[], options: { scaleOf?: (bar: BarInput) => boolean; empty?: boolean } = {}): BarChartModel {
  const total = items.reduce((a, b) => a + b.value, 0);
  const percent = shares(items.map((b) => b.value));
  const scaled = items.filter(options.scaleOf ?? (() => true));
  const scale = niceScale(Math.max(0, ...scaled.map((b) => b.value)));
  const bars = items.map((bar, i): ChartBar => ({
    ...bar,
    share: percent[i],
    truncated: bar.value > scale.max,
    fraction: Math.min(1, Math.max(0, bar.value / scale.max)),
  }));
  return { ...base, bars, total, scale, empty: options.empty ?? items.length === 0 };
}

// ——— (a) status distribution ———

/** One colour per status, distinct where the badge tones coincide (未开始/退回修改, 审核通过/已发布). */
export const STATUS_COLOR: Record<ProgressStatus, ChartColor> = {
  NOT_STARTED: "warning",
  DRAFT: "slate",
  SUBMITTED: "info",
  RETURNED: "danger",
  APPROVED: "teal",
  PUBLISHED: "success",
};

/** How many agencies stand at each status, in workflow order (every status, zeros included). */
export function statusChart(counts: Partial<Record<ProgressStatus, number>>, options: { id?: string; year?: number } = {}): BarChartModel {
  const items = PROGRESS_STATUSES.map((status): BarInput => {
    const label = progressStatusLabel(status);
    return { key: status, label, fullLabel: label, value: counts[status] ?? 0, color: STATUS_COLOR[status] };
  });
  const chart = model(
    {
      id: options.id ?? "chart-status",
      title: `${options.year ? `${options.year} 年度` : ""}各机关年度报告状态分布`,
      summary: "",
      labelHeader: "状态",
      valueHeader: "机关数",
      unit: "个",
      notes: [],
    },
    items,
    { empty: items.every((b) => b.value === 0) },
  );
  const summary = chart.total
    ? `共 ${formatNumber(chart.total)} 个机关：${chart.bars.map((b) => `${b.label} ${formatNumber(b.value)} 个（${formatShare(b.share, b.value)}）`).join("，")}。`
    : "没有机关。";
  return { ...chart, summary };
}

// ——— (b) applications received per agency ———

export const DEFAULT_TOP = 15;

export interface AgencyValue {
  agency: AgencyRef;
  /** null: the agency has no figure (no report, or the cells are blank). */
  value: number | null;
}

const COLLATOR = new Intl.Collator("zh-Hans-CN");

/**
 * The agencies with the most applications received (本年新收), largest first (ties by name), and
 * the rest folded into one bar 「其他 N 个机关」 holding their sum; the scale is set by the named
 * agencies, so a large remainder is drawn cut with its value written out. Agencies without a
 * figure are left out and counted in a note. Folding starts only when at least two agencies would
 * fold (a bar 「其他 1 个机关」 says less than the agency's name).
 */
export function receivedChart(rows: readonly AgencyValue[], top = DEFAULT_TOP, options: { id?: string; year?: number; title?: string } = {}): BarChartModel {
  const known = rows
    .filter((r): r is AgencyValue & { value: number } => typeof r.value === "number" && Number.isFinite(r.value))
    .sort((a, b) => b.value - a.value || COLLATOR.compare(a.agency.name, b.agency.name) || (a.agency.id < b.agency.id ? -1 : a.agency.id > b.agency.id ? 1 : 0));
  const limit = Math.max(0, Math.floor(top));
  const named = known.length - limit >= 2 ? known.slice(0, limit) : known;
  const rest = known.slice(named.length);
  const items: BarInput[] = named.map(({ agency, value }) => ({ key: agency.id, label: agency.name, fullLabel: agency.name, value, color: "primary" }));
  if (rest.length) {
    const sum = rest.reduce((a, b) => a + b.value, 0);
    const label = `其他 ${formatNumber(rest.length)} 个机关`;
    items.push({
      key: "others",
      label,
      fullLabel: `${label}（合计）`,
      value: sum,
      color: "slate",
      others: { count: rest.length, mean: Math.round((sum / rest.length) * 10) / 10, max: rest[0].value },
    });
  }
  const missing = rows.length - known.length;
  const notes: string[] = [];
  if (rest.length) {
    const others = items[items.length - 1].others!;
    notes.push(`「其他 ${formatNumber(others.count)} 个机关」为排名第 ${named.length + 1} 位及以后各机关的合计，平均每个机关 ${formatNumber(others.mean)} 件，其中最多 ${formatNumber(others.max)} 件。`);
  }
  if (missing) notes.push(`另有 ${formatNumber(missing)} 个机关没有本年新收数据（尚无报告或未填写），未列入。`);
  const total = items.reduce((a, b) => a + b.value, 0);
  const lead = known[0];
  const summary = known.length
    ? `${formatNumber(known.length)} 个机关共收到 ${formatNumber(total)} 件；最多的是${lead.agency.name}（${formatNumber(lead.value)} 件）。${rest.length ? `图中列出前 ${named.length} 个机关，其余 ${formatNumber(rest.length)} 个机关合为一项。` : ""}`
    : "没有机关的本年新收数据。";
  return model(
    {
      id: options.id ?? "chart-received",
      title: options.title ?? `${options.year ? `${options.year} 年度` : ""}各机关本年新收政府信息公开申请数量${rest.length ? `（前 ${named.length} 位）` : ""}`,
      summary,
      labelHeader: "机关",
      valueHeader: "本年新收（件）",
      unit: "件",
      notes,
    },
    items,
    { scaleOf: (bar) => !bar.others, empty: known.length === 0 },
  );
}

// ——— (c) results of the region total ———

export interface ResultCategory {
  /** Row id, or group id of a group of rows (withheld, unable, …). */
  key: string;
  /** The official label, e.g. （三）不予公开. */
  fullLabel: string;
  /** Without numbering and explanatory brackets, e.g. 不予公开. */
  label: string;
  /** The leaf rows the category adds up. */
  rows: string[];
}

export interface ResultCategories {
  table: TableId;
  /** The column holding each row's total over applicant kinds (总计). */
  column: string;
  /** （一）…（六） of 三、本年度办理结果, then 四、结转下年度继续办理. */
  categories: ResultCategory[];
}

/** Strips 「（三）」「四、」「1.」 numbering and a trailing explanatory bracket: 「（二）部分公开（区分处理的…）」 → 「部分公开」. */
export function shortRowLabel(label: string): string {
  const short = label
    .replace(/^\s*(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+[.．、])\s*/, "")
    .replace(/（[^（）]*）\s*$/, "")
    .trim();
  return short || label;
}

function findRowNode(nodes: readonly RowNode[], matches: (node: RowNode) => boolean): RowNode | undefined {
  for (const node of nodes) {
    if (matches(node)) return node;
    const found = node.children && findRowNode(node.children, matches);
    if (found) return found;
  }
  return undefined;
}

type SumRule = Extract<RuleDef, { kind: "sum" }>;
type BalanceRule = Extract<RuleDef, { kind: "balance" }>;

const categoriesMemo = new WeakMap<ReportTemplate, ResultCategories>();

/**
 * The result categories of a format, read from its template rather than listed by id: the
 * balance rule 第一项加第二项之和等于第三项加第四项之和 names on its right side the results' total
 * row (（七）总计, the target of a column sum) and 结转下年度; the row group holding that total is
 * 三、本年度办理结果, whose other children — a row, a group of rows, or a row that answers to a
 * group id — are the categories. The column is the target of the table's row sum (总计).
 */
export function resultCategories(template: ReportTemplate): ResultCategories {
  const memo = categoriesMemo.get(template);
  if (memo) return memo;
  const sums = template.rules.filter((r): r is SumRule => r.kind === "sum");
  for (const balance of template.rules.filter((r): r is BalanceRule => r.kind === "balance")) {
    const table = template.tables[balance.table];
    const totalRule = sums.find((r) => r.table === balance.table && r.along === "column" && balance.right.includes(r.target));
    const columnRule = sums.find((r) => r.table === balance.table && r.along === "row");
    if (!totalRule || !columnRule || table.layout !== "grid" || !table.rows) continue;
    const parent = findRowNode(table.rows, (node) => !!node.children?.some((child) => child.id === totalRule.target && !child.children));
    if (!parent?.children) continue;
    const groups = rowGroups(template);
    const categories: ResultCategory[] = parent.children
      .filter((child) => child.id !== totalRule.target)
      .map((child) => {
        const rows = child.children ? leafRows(child.children).map((l) => l.node.id!) : [child.id!];
        const key = (child.children ? child.id : (child.groupId ?? child.id)) ?? rows[0];
        return { key, fullLabel: child.label, label: shortRowLabel(child.label), rows: groups.get(key)?.rows ?? rows };
      });
    for (const rowId of balance.right.filter((row) => row !== totalRule.target)) {
      const node = findRowNode(table.rows, (n) => n.id === rowId);
      if (node) categories.push({ key: rowId, fullLabel: node.label, label: shortRowLabel(node.label), rows: node.children ? leafRows(node.children).map((l) => l.node.id!) : [rowId] });
    }
    const result = { table: balance.table, column: columnRule.target, categories };
    categoriesMemo.set(template, result);
    return result;
  }
  throw new Error(`template ${template.version} has no results group (a balance rule whose right side holds a column total)`);
}

/** Colours of the result categories, in order (（一）…（六）, 结转下年度); more categories repeat. */
const RESULT_COLORS: readonly ChartColor[] = ["success", "teal", "danger", "warning", "violet", "slate", "primary"];

/**
 * The results of a roll-up total (or any report) in its format's categories: 予以公开, 部分公开,
 * 不予公开, 无法提供, 不予处理, 其他处理 and 结转下年度继续办理, each the sum of its rows' 总计
 * (blanks as 0). Shares are of all applications handled this year (本年度办理结果 + 结转下年度,
 * which the balance rule equals 本年新收 + 上年结转).
 */
export function resultsChart(total: PreparedReport, options: { id?: string; title?: string } = {}): BarChartModel {
  const { table, column, categories } = resultCategories(total.template);
  let anyValue = false;
  const items = categories.map((category, i): BarInput => {
    let value = 0;
    for (const row of category.rows) {
      const v = effectiveValue(total, { table, row, col: column });
      if (v !== null) {
        value += v;
        anyValue = true;
      }
    }
    return { key: category.key, label: category.label, fullLabel: category.fullLabel, value, color: RESULT_COLORS[i % RESULT_COLORS.length] };
  });
  const { input } = total;
  const chart = model(
    {
      id: options.id ?? "chart-results",
      title: options.title ?? `${input.agency ? `${input.agency} ` : ""}${input.year ? `${input.year} 年度` : ""}政府信息公开申请办理结果`,
      summary: "",
      labelHeader: "办理结果",
      valueHeader: "申请数（件）",
      unit: "件",
      notes: [],
    },
    items,
    { empty: !anyValue },
  );
  const top = chart.bars.reduce<ChartBar | null>((best, bar) => (!best || bar.value > best.value ? bar : best), null);
  const summary =
    chart.total > 0 && top
      ? `共 ${formatNumber(chart.total)} 件申请（本年度办理结果与结转下年度之和），最多的是${top.label}，${formatNumber(top.value)} 件（${formatShare(top.share, top.value)}）。`
      : anyValue
        ? "各项办理结果均为 0。"
        : "汇总中没有办理结果数据。";
  return { ...chart, summary };
}

// ——— drawing helpers (pure, shared with the component) ———

/** Estimated width of text in SVG user units: CJK and full-width characters 1 em, others about 0.6 em. */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 1 : 0.6;
  return em * fontSize;
}

/** The text, shortened with 「…」 to fit a width (the full text goes to the tooltip and the table). */
export function fitText(text: string, maxWidth: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(`${chars.join("")}…`, fontSize) > maxWidth) chars.pop();
  return `${chars.join("")}…`;
}
