/**
 * The agencies × key indicators matrix of the oversight page (issue 10): per agency a few figures
 * a supervisor compares — 本年新收, 予以公开, 不予公开, 结转下年度, 复议, 诉讼, 收费金额 — with the
 * change against the agency's previous year and flags for outliers. Indicators are named by the
 * narrative reference grammar (`requests.withheld.total` is the （三）不予公开 group's total) and
 * resolved against each format's template, so a format lacking a figure (2019 has no fee amount)
 * yields null instead of a wrong number.
 */
import { TEMPLATES } from "../../templates";
import { parseCellKey } from "../report/cell-ref";
import { rowGroups, templateCells } from "../template/cells";
import type { FormatVersion, ValueKind } from "../template/types";
import type { AgencyRef } from "./roll-up";

export type KeyIndicatorId = "received" | "granted" | "withheld" | "carriedForward" | "reconsideration" | "litigation" | "fees";

export interface KeyIndicatorDef {
  id: KeyIndicatorId;
  /** Column heading. */
  label: string;
  /** Cells or row-group totals (`{{…}}` grammar) that the indicator adds up. */
  refs: string[];
  kind: Extract<ValueKind, "count" | "money">;
}

export const KEY_INDICATORS: readonly KeyIndicatorDef[] = [
  { id: "received", label: "本年新收", refs: ["requests.received.total"], kind: "count" },
  { id: "granted", label: "予以公开", refs: ["requests.granted.total"], kind: "count" },
  { id: "withheld", label: "不予公开", refs: ["requests.withheld.total"], kind: "count" },
  { id: "carriedForward", label: "结转下年度", refs: ["requests.carried_forward.total"], kind: "count" },
  { id: "reconsideration", label: "行政复议", refs: ["reviews.reconsideration.total"], kind: "count" },
  { id: "litigation", label: "行政诉讼", refs: ["reviews.litigation_direct.total", "reviews.litigation_after_reconsideration.total"], kind: "count" },
  { id: "fees", label: "收费金额（万元）", refs: ["proactive.fees.amount"], kind: "money" },
];

/** A change beyond this factor between two years is flagged. */
export const OUTLIER_FACTOR = 3;
/**
 * …when the larger of the two values is at least this much: small counts (0 → 1 复议) change
 * by large factors all the time and are not worth a supervisor's look.
 */
export const OUTLIER_MIN_VALUE = 10;

export type OutlierFlag = "jump" | "zero-among-peers";

export const OUTLIER_FLAG_LABEL: Record<OutlierFlag, string> = {
  jump: `与上年相比变化超过 ${OUTLIER_FACTOR} 倍`,
  "zero-among-peers": "本机关为 0，其他机关均不为 0",
};

const cellsMemo = new Map<string, string[] | null>();

/**
 * The cells an indicator adds up in a format, or null when the format lacks one of its figures.
 * A group reference expands to the group's rows in the same column.
 */
export function indicatorCells(format: FormatVersion, indicator: KeyIndicatorDef): string[] | null {
  const key = `${format}:${indicator.id}`;
  if (cellsMemo.has(key)) return cellsMemo.get(key)!;
  const template = TEMPLATES[format];
  const cells = templateCells(template);
  const result: string[] = [];
  for (const reference of indicator.refs) {
    const ref = parseCellKey(reference);
    const group = ref && rowGroups(template).get(ref.row);
    const expanded = !ref ? [] : cells.has(reference) ? [reference] : group?.table === ref.table ? group.rows.map((row) => `${ref.table}.${row}.${ref.col}`) : [];
    if (!expanded.length || !expanded.every((id) => cells.has(id))) {
      cellsMemo.set(key, null);
      return null;
    }
    result.push(...expanded);
  }
  cellsMemo.set(key, result);
  return result;
}

/** Every cell any indicator needs in a format (what the server reads per version). */
export function indicatorCellIds(format: FormatVersion): string[] {
  return [...new Set(KEY_INDICATORS.flatMap((indicator) => indicatorCells(format, indicator) ?? []))];
}

export type IndicatorValues = Record<KeyIndicatorId, number | null>;

/** An agency's indicators from its cells (report units; null = blank): null where all are blank. */
export function indicatorValues(format: FormatVersion, cell: (cellId: string) => number | null): IndicatorValues {
  const values = {} as IndicatorValues;
  for (const indicator of KEY_INDICATORS) {
    let sum: number | null = null;
    for (const id of indicatorCells(format, indicator) ?? []) {
      const value = cell(id);
      if (value !== null) sum = (sum ?? 0) + value;
    }
    values[indicator.id] = sum === null ? null : round(sum, indicator.kind);
  }
  return values;
}

function round(value: number, kind: KeyIndicatorDef["kind"]): number {
  return kind === "money" ? Math.round(value * 10_000) / 10_000 : value;
}

export interface IndicatorInput {
  agency: AgencyRef;
  current: IndicatorValues;
  /** The same agency's previous year, when it has a report there. */
  previous: IndicatorValues | null;
}

export interface IndicatorCell {
  value: number | null;
  previous: number | null;
  /** value − previous, when both are known. */
  change: number | null;
  /** value ÷ previous, when both are known and previous is not 0. */
  ratio: number | null;
  flags: OutlierFlag[];
}

export interface IndicatorRow {
  agency: AgencyRef;
  cells: Record<KeyIndicatorId, IndicatorCell>;
  /** Whether any cell is flagged. */
  flagged: boolean;
}

/**
 * One row per agency with year-over-year change and outlier flags: `jump` when the larger of the
 * two years is more than OUTLIER_FACTOR times the smaller (and at least OUTLIER_MIN_VALUE);
 * `zero-among-peers` when the agency shows 0 (or nothing) and every other agency of the matrix —
 * at least two — shows more.
 */
export function indicatorMatrix(inputs: readonly IndicatorInput[], options: { factor?: number; minValue?: number } = {}): IndicatorRow[] {
  const factor = options.factor ?? OUTLIER_FACTOR;
  const minValue = options.minValue ?? OUTLIER_MIN_VALUE;
  const positives = new Map<KeyIndicatorId, number>(KEY_INDICATORS.map((i) => [i.id, inputs.filter((input) => (input.current[i.id] ?? 0) > 0).length]));
  return inputs.map((input) => {
    const cells = {} as Record<KeyIndicatorId, IndicatorCell>;
    for (const indicator of KEY_INDICATORS) {
      const value = input.current[indicator.id];
      const previous = input.previous?.[indicator.id] ?? null;
      const both = value !== null && previous !== null;
      const flags: OutlierFlag[] = [];
      if (both) {
        const [low, high] = value < previous ? [value, previous] : [previous, value];
        if (high >= minValue && high > factor * low) flags.push("jump");
      }
      const peers = inputs.length - 1;
      if ((value ?? 0) === 0 && peers >= 2 && positives.get(indicator.id) === peers) flags.push("zero-among-peers");
      cells[indicator.id] = {
        value,
        previous,
        change: both ? round(value - previous, indicator.kind) : null,
        ratio: both && previous !== 0 ? value / previous : null,
        flags,
      };
    }
    return { agency: input.agency, cells, flagged: Object.values(cells).some((c) => c.flags.length > 0) };
  });
}
