import { cellKey, type CellRef } from "../report/cell-ref";
import type { PreparedReport } from "../report/prepare-report";
import { effectiveValue, givenValue, sumTerms } from "../report/values";
import { TABLE_NAMES, tableAxes } from "../template/cells";
import type { RuleDef, TableId } from "../template/types";
import { describeCell } from "./describe";
import { usablePrevious } from "./cross-year";
import type { CheckContext, Finding } from "./types";

type RuleOf<K extends RuleDef["kind"]> = Extract<RuleDef, { kind: K }>;

/** Ids of the rows (or columns) a table has, in order, for rules applied "in every column/row". */
function axisIds(report: PreparedReport, table: TableId, axis: "row" | "col"): string[] {
  return tableAxes(report.template).get(table)?.[axis] ?? [];
}

function def(report: PreparedReport, ref: CellRef) {
  return report.cells.get(cellKey(ref))?.def;
}

/** A given total that differs from the sum of its terms (C2, C4, C5). */
function checkSum(report: PreparedReport, rule: RuleOf<"sum">): Finding[] {
  const findings: Finding[] = [];
  const across = rule.along === "row" ? axisIds(report, rule.table, "row") : axisIds(report, rule.table, "col");
  for (const id of rule.within ?? across) {
    const target: CellRef =
      rule.along === "row" ? { table: rule.table, row: id, col: rule.target } : { table: rule.table, row: rule.target, col: id };
    const targetDef = def(report, target);
    if (!targetDef) continue;
    const given = givenValue(report, target);
    if (given === null) continue;
    // This rule's own terms: a cell may be the target of two rules ((七)总计 × 总计).
    const terms = sumTerms(rule, target).filter((t) => def(report, t));
    const computed = terms.reduce((s, t) => s + (effectiveValue(report, t) ?? 0), 0);
    if (given === computed) continue;
    findings.push({
      ruleId: rule.id,
      severity: rule.severity,
      message: `${describeCell(targetDef)}填写为 ${given}，但按「${rule.name}」应为 ${computed}。`,
      cells: [target, ...terms],
      expected: computed,
      actual: given,
    });
  }
  return findings;
}

/** C1: 一 + 二 = （七）总计 + 四, in every column. */
function checkBalance(report: PreparedReport, rule: RuleOf<"balance">): Finding[] {
  const findings: Finding[] = [];
  for (const col of axisIds(report, rule.table, "col")) {
    const refs = (rows: string[]) => rows.map((row) => ({ table: rule.table, row, col }));
    const sum = (rows: string[]) => refs(rows).reduce((s, r) => s + (effectiveValue(report, r) ?? 0), 0);
    const left = sum(rule.left);
    const right = sum(rule.right);
    if (left === right) continue;
    const colName = def(report, refs(rule.left)[0])?.colLabels.at(-1);
    findings.push({
      ruleId: rule.id,
      severity: rule.severity,
      message: `${TABLE_NAMES[rule.table]}「${colName}」列不平衡：第一项加第二项之和为 ${left}，第三项（七）总计加第四项之和为 ${right}，两者应相等（${rule.name}）。`,
      cells: [...refs(rule.left), ...refs(rule.right)],
      expected: left,
      actual: right,
    });
  }
  return findings;
}

/** C6: this year's carried-over row equals last year's carried-forward row. */
function checkCarry(report: PreparedReport, previous: PreparedReport, rule: RuleOf<"carry">): Finding[] {
  const findings: Finding[] = [];
  for (const col of axisIds(report, rule.table, "col")) {
    const current = { table: rule.table, row: rule.row, col };
    const before = { table: rule.table, row: rule.previousRow, col };
    if (!def(report, current) || !def(previous, before)) continue;
    const now = effectiveValue(report, current) ?? 0;
    const then = effectiveValue(previous, before) ?? 0;
    if (now === then) continue;
    findings.push({
      ruleId: rule.id,
      severity: rule.severity,
      message: `${describeCell(def(report, current)!)}为 ${now}，但 ${previous.input.year} 年报告「结转下年度继续办理」为 ${then}（${rule.name}）。`,
      cells: [current],
      expected: then,
      actual: now,
    });
  }
  return findings;
}

/** C7/C8: a stock column carried from last year's report. */
function checkStock(report: PreparedReport, previous: PreparedReport, rule: RuleOf<"stock">): Finding[] {
  const findings: Finding[] = [];
  for (const row of rule.rows) {
    const at = (r: PreparedReport, col: string) => {
      const ref = { table: rule.table, row, col };
      return def(r, ref) ? (effectiveValue(r, ref) ?? 0) : undefined;
    };
    const parts = [
      at(previous, rule.column),
      ...rule.previousPlus.map((c) => at(previous, c)),
      ...rule.plus.map((c) => at(report, c)),
      ...rule.minus.map((c) => at(report, c)),
    ];
    const now = at(report, rule.column);
    if (now === undefined || parts.some((p) => p === undefined)) continue;
    const minusStart = 1 + rule.previousPlus.length + rule.plus.length;
    const expected = parts.reduce<number>((s, p, i) => (i >= minusStart ? s - p! : s + p!), 0);
    if (now === expected) continue;
    const target = { table: rule.table, row, col: rule.column };
    findings.push({
      ruleId: rule.id,
      severity: rule.severity,
      message: `${describeCell(def(report, target)!)}为 ${now}，按 ${previous.input.year} 年报告推算应为 ${expected}（${rule.name}），请核实。`,
      cells: [target],
      expected,
      actual: now,
    });
  }
  return findings;
}

/** Runs the template's arithmetic rules; cross-year rules only when last year's report is given. */
export function checkSums(report: PreparedReport, context: CheckContext): Finding[] {
  // checkReport has set aside a previous report that is not last year's (cross-year.ts); checked
  // again here for callers of this rule alone.
  const previous = usablePrevious(report, context.previous);
  return report.template.rules.flatMap((rule) => {
    switch (rule.kind) {
      case "sum":
        return checkSum(report, rule);
      case "balance":
        return checkBalance(report, rule);
      case "carry":
        return previous ? checkCarry(report, previous, rule) : [];
      case "stock":
        return previous ? checkStock(report, previous, rule) : [];
    }
  });
}
