import { formatValue, type ValueProblem } from "../report/normalize-value";
import type { CellState, PreparedReport } from "../report/prepare-report";
import { sumRuleFor } from "../report/values";
import { TABLE_IDS, TABLE_NAMES, type CellDef } from "../template/cells";
import { describeCell, describeCells } from "./describe";
import type { Finding } from "./types";

const PROBLEM_TEXT: Record<ValueProblem, string> = {
  "not-a-number": "无法识别为数字",
  "wrong-unit": "单位与本列不符",
  negative: "不能为负数",
  "not-integer": "应为整数",
  "money-precision": "金额以万元为单位，最多保留四位小数",
};

const PROBLEM_RULE: Record<ValueProblem, string> = {
  "not-a-number": "value.unreadable",
  "wrong-unit": "value.unreadable",
  negative: "value.negative",
  "not-integer": "value.not-integer",
  "money-precision": "value.money-precision",
};

function shown(raw: unknown): string {
  return typeof raw === "string" ? raw.trim() : String(raw);
}

/** Words or units typed into a number cell (a sign or spaces alone are fine). */
function hasTextOrUnit(raw: unknown): boolean {
  return typeof raw === "string" && /[^0-9+\-.\s]/.test(raw);
}

/** C9 and common errors: kinds and ranges, text or units in cells, blanks where 0 belongs. */
export function checkValues(report: PreparedReport): Finding[] {
  const findings: Finding[] = [];
  const blanks = new Map<string, CellDef[]>();
  for (const cell of report.cells.values()) {
    const { def } = cell;
    const ref = { table: def.table, row: def.row, col: def.col };
    if (cell.problem) {
      findings.push({
        ruleId: PROBLEM_RULE[cell.problem],
        severity: "error",
        message: `${describeCell(def)}填写了「${shown(cell.raw)}」，${PROBLEM_TEXT[cell.problem]}。`,
        cells: [ref],
        actual: shown(cell.raw),
      });
    } else if (cell.rewritten && hasTextOrUnit(cell.raw) && cell.value !== null) {
      const unit = def.kind === "money" ? " 万元" : "";
      findings.push({
        ruleId: "value.text-in-cell",
        severity: "warning",
        message: `${describeCell(def)}填写了「${shown(cell.raw)}」，已按 ${formatValue(cell.value, def.kind)}${unit} 计；单元格内应只填数字${def.kind === "money" ? "（金额以万元为单位）" : ""}。`,
        cells: [ref],
        actual: shown(cell.raw),
        expected: formatValue(cell.value, def.kind),
      });
    } else if (cell.value === null && !sumRuleFor(report, ref)) {
      blanks.set(def.table, [...(blanks.get(def.table) ?? []), def]);
    }
  }
  for (const table of TABLE_IDS) {
    const defs = blanks.get(table);
    if (!defs) continue;
    findings.push({
      ruleId: "value.blank",
      severity: "warning",
      message: `${TABLE_NAMES[table]}有 ${defs.length} 个单元格空白（${describeCells(defs)}）。没有发生的事项应填 0，不应留空。`,
      cells: defs.map((d) => ({ table: d.table, row: d.row, col: d.col })),
    });
  }
  findings.push(...checkRegulationAuthority(report));
  return findings;
}

/**
 * C21: only bodies with rule-making power (State Council departments; governments of provinces,
 * autonomous regions, municipalities and cities with districts) make 规章.
 */
export function hasRuleMakingPower(agency: string): boolean {
  const name = agency.replace(/\s+/g, "");
  if (/^(国务院|中华人民共和国|国家)/.test(name) || /部$/.test(name)) return true;
  return /人民政府$/.test(name) && !/(县|区|镇|乡|街道|旗)人民政府$/.test(name);
}

function checkRegulationAuthority(report: PreparedReport): Finding[] {
  if (hasRuleMakingPower(report.input.agency)) return [];
  const nonZero: CellState[] = [...report.cells.values()].filter(
    (c) => c.def.table === "proactive" && c.def.row === "regulations" && (c.value ?? 0) > 0,
  );
  if (!nonZero.length) return [];
  const values = nonZero.map((c) => `${c.def.colLabels.at(-1)} ${c.value}`).join("，");
  return [
    {
      ruleId: "proactive.regulations-authority",
      severity: "warning",
      message: `表二「规章」行填有数字（${values}）。规章只能由国务院部门和省、自治区、直辖市、设区的市、自治州人民政府制定，「${report.input.agency}」一般应填 0，请核实。`,
      cells: nonZero.map((c) => ({ table: c.def.table, row: c.def.row, col: c.def.col })),
    },
  ];
}
