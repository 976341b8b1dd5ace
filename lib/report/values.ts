import { rowGroups, templateCells } from "../template/cells";
import type { ReportTemplate, RuleDef } from "../template/types";
import { cellKey, parseCellKey, type CellRef } from "./cell-ref";
import type { PreparedReport } from "./prepare-report";

type SumRule = Extract<RuleDef, { kind: "sum" }>;

const sumRuleIndex = new WeakMap<ReportTemplate, Map<string, SumRule>>();

/** The sum rule that defines a cell as a total, if any (e.g. requests.received.total). */
export function sumRuleFor(report: PreparedReport, ref: CellRef): SumRule | undefined {
  let index = sumRuleIndex.get(report.template);
  if (!index) {
    index = new Map();
    for (const key of templateCells(report.template).keys()) {
      const cell = parseCellKey(key)!;
      const rule = report.template.rules.find(
        (r): r is SumRule =>
          r.kind === "sum" &&
          r.table === cell.table &&
          (r.along === "row"
            ? cell.col === r.target && (!r.within || r.within.includes(cell.row))
            : cell.row === r.target && (!r.within || r.within.includes(cell.col))),
      );
      if (rule) index.set(key, rule);
    }
    sumRuleIndex.set(report.template, index);
  }
  return index.get(cellKey(ref));
}

/** The terms a sum rule adds up for one target cell. */
export function sumTerms(rule: SumRule, target: CellRef): CellRef[] {
  return rule.terms.map((term) =>
    rule.along === "row" ? { ...target, col: term } : { ...target, row: term },
  );
}

/** The value the input gives for a cell (null when blank or unreadable). */
export function givenValue(report: PreparedReport, ref: CellRef): number | null {
  return report.cells.get(cellKey(ref))?.value ?? null;
}

/**
 * The total computed from a total cell's terms, blanks counting as 0; null when every term is
 * blank or the cell is not a total.
 */
export function computedValue(report: PreparedReport, ref: CellRef): number | null {
  const key = cellKey(ref);
  if (report.computed.has(key)) return report.computed.get(key)!;
  const rule = sumRuleFor(report, ref);
  let result: number | null = null;
  if (rule) {
    for (const term of sumTerms(rule, ref)) {
      const value = effectiveValue(report, term);
      if (value !== null) result = (result ?? 0) + value;
    }
  }
  report.computed.set(key, result);
  return result;
}

/** What the report shows in a cell: the given value, or for a blank total the computed one. */
export function effectiveValue(report: PreparedReport, ref: CellRef): number | null {
  return givenValue(report, ref) ?? computedValue(report, ref);
}

/**
 * Resolves a `{{table.row.column}}` reference: a cell, or a row group's sum (requests.withheld.total).
 * Returns undefined for an unknown reference.
 */
export function referenceValue(report: PreparedReport, reference: string): number | null | undefined {
  const ref = parseCellKey(reference);
  if (!ref) return undefined;
  if (report.cells.has(reference)) return effectiveValue(report, ref);
  const group = rowGroups(report.template).get(ref.row);
  if (!group || group.table !== ref.table || !report.cells.has(cellKey({ ...ref, row: group.rows[0] }))) return undefined;
  let sum: number | null = null;
  for (const row of group.rows) {
    const value = effectiveValue(report, { ...ref, row });
    if (value !== null) sum = (sum ?? 0) + value;
  }
  return sum;
}

/** The cell definition behind a reference, for value kind and labels (groups use their first row). */
export function referenceCell(report: PreparedReport, reference: string) {
  const direct = report.cells.get(reference);
  if (direct) return direct.def;
  const ref = parseCellKey(reference);
  const group = ref && rowGroups(report.template).get(ref.row);
  return group ? report.cells.get(cellKey({ ...ref, row: group.rows[0] }))?.def : undefined;
}
