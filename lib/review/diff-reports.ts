import { paragraphsOf } from "../report/narrative-text";
import { formatValue } from "../report/normalize-value";
import { prepareReport, type PreparedReport } from "../report/prepare-report";
import { effectiveValue } from "../report/values";
import type { CellDef } from "../template/cells";

export interface CellChange {
  /** table.row.col */
  key: string;
  def: CellDef;
  before: string;
  after: string;
}

export type ParagraphChange =
  | { kind: "same"; text: string }
  | { kind: "added"; text: string }
  | { kind: "removed"; text: string }
  | { kind: "changed"; before: string; after: string };

export interface PartDiff {
  /** Where the text sits, e.g. 前言, 一、总体情况（二）依申请公开, 五、存在的主要问题及改进情况. */
  part: string;
  changes: ParagraphChange[];
}

export interface ReportDiff {
  cells: CellChange[];
  /** Cells that exist in only one of the two formats (a 2020 → 2021 comparison). */
  unmatchedCells: number;
  text: PartDiff[];
  changedParagraphs: number;
}

function textParts(report: PreparedReport): Map<string, string[]> {
  const sections = report.input.sections ?? {};
  const parts = new Map<string, string[]>();
  parts.set("前言", paragraphsOf(report.input.preface));
  (sections.overview ?? []).forEach((item, i) => {
    parts.set(`一、总体情况 ${item.title ?? `第 ${i + 1} 段`}`, paragraphsOf(item.text));
  });
  parts.set("二、主动公开政府信息情况（表前说明）", paragraphsOf(sections.proactiveNote));
  parts.set("三、收到和处理政府信息公开申请情况（表前说明）", paragraphsOf(sections.requestsNote));
  parts.set("四、政府信息公开行政复议、行政诉讼情况（表前说明）", paragraphsOf(sections.reviewsNote));
  parts.set("五、存在的主要问题及改进情况", paragraphsOf(sections.problems));
  parts.set("六、其他需要报告的事项", paragraphsOf(sections.other));
  return parts;
}

/** Paragraph diff by longest common subsequence; adjacent removed+added pairs become "changed". */
export function diffParagraphs(before: string[], after: string[]): ParagraphChange[] {
  const n = before.length;
  const m = after.length;
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = before[i] === after[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const raw: ParagraphChange[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      raw.push({ kind: "same", text: before[i++] });
      j++;
    } else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      raw.push({ kind: "removed", text: before[i++] });
    } else {
      raw.push({ kind: "added", text: after[j++] });
    }
  }
  const merged: ParagraphChange[] = [];
  for (const change of raw) {
    const last = merged.at(-1);
    if (change.kind === "added" && last?.kind === "removed") merged[merged.length - 1] = { kind: "changed", before: last.text, after: change.text };
    else merged.push(change);
  }
  return merged;
}

/**
 * What changed between two reports (a previous submission, or last year's published report):
 * every numeric cell whose printed value differs, and the narrative paragraph by paragraph.
 */
export function diffReports(beforeInput: unknown, afterInput: unknown): ReportDiff {
  const before = prepareReport(beforeInput);
  const after = prepareReport(afterInput);
  if (!before.ok || !after.ok) throw new Error("diffReports: invalid report content");
  const cells: CellChange[] = [];
  let unmatchedCells = 0;
  for (const [key, state] of after.report.cells) {
    const old = before.report.cells.get(key);
    if (!old) {
      unmatchedCells++;
      continue;
    }
    const show = (r: PreparedReport) => formatValue(effectiveValue(r, state.def), state.def.kind);
    const [b, a] = [show(before.report), show(after.report)];
    if (a !== b) cells.push({ key, def: state.def, before: b, after: a });
  }
  for (const key of before.report.cells.keys()) if (!after.report.cells.has(key)) unmatchedCells++;

  const beforeParts = textParts(before.report);
  const afterParts = textParts(after.report);
  const names = [...new Set([...beforeParts.keys(), ...afterParts.keys()])];
  const text = names
    .map((part) => ({ part, changes: diffParagraphs(beforeParts.get(part) ?? [], afterParts.get(part) ?? []) }))
    .filter((p) => p.changes.length > 0);
  const changedParagraphs = text.reduce((s, p) => s + p.changes.filter((c) => c.kind !== "same").length, 0);
  return { cells, unmatchedCells, text, changedParagraphs };
}
