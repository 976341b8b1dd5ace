import { resolveText } from "../report/narrative-text";
import { parseCellKey, type CellRef, cellKey } from "../report/cell-ref";
import type { PreparedReport } from "../report/prepare-report";
import { referenceValue } from "../report/values";
import { rowGroups } from "../template/cells";
import { compactText, sentencesOf } from "./describe";
import { parseClaims, type Claim, type CountClaim } from "./narrative/number-phrases";
import type { NarrativeSubjectDef } from "../template/types";
import { narrativeTexts } from "./narrative-texts";
import type { CheckContext, Finding } from "./types";

/** Cells behind a reference, for highlighting: the cell itself or a group's rows. */
function cellsOf(report: PreparedReport, reference: string): CellRef[] {
  const ref = parseCellKey(reference)!;
  if (report.cells.has(cellKey(ref))) return [ref];
  return (rowGroups(report.template).get(ref.row)?.rows ?? []).map((row) => ({ ...ref, row }));
}

/** The sum of cells in a report, or undefined when its format lacks one of them (blank cells count 0). */
function tableSum(report: PreparedReport, cells: readonly string[]): number | undefined {
  let sum = 0;
  for (const cell of cells) {
    const value = referenceValue(report, cell);
    if (value === undefined) return undefined;
    sum += value ?? 0;
  }
  return sum;
}

/** A stated percentage matches when it is the figure rounded (or cut) to the decimals it has. */
function percentMatches(stated: number, decimals: number, actual: number): boolean {
  return Math.abs(actual - stated) < 10 ** -decimals + 1e-9;
}

/** A percentage to the decimals the text gave, at least one. */
const format = (n: number, decimals: number) => n.toFixed(Math.max(1, decimals));

interface AnalysedSentence {
  sentence: string;
  compact: string;
  claims: readonly Claim[];
}

/**
 * The sentences of a text with their claims, kept per template's subjects for the texts seen
 * last: the wizard checks on every keystroke, and while a table is typed into the narrative's
 * texts (their bound numbers resolved) rarely change. The claims are only read.
 */
const analysedTexts = new WeakMap<readonly NarrativeSubjectDef[], Map<string, AnalysedSentence[]>>();
const ANALYSED_TEXTS_KEPT = 500;

function analysed(text: string, subjects: readonly NarrativeSubjectDef[]): AnalysedSentence[] {
  let cache = analysedTexts.get(subjects);
  if (!cache) analysedTexts.set(subjects, (cache = new Map()));
  const known = cache.get(text);
  if (known) return known;
  const result: AnalysedSentence[] = [];
  for (const sentence of sentencesOf(text)) {
    const compact = compactText(sentence);
    // Every claim holds a number: skip the prose that has none.
    if (!/\d|[一二两三四五六七八九十]件/.test(compact)) continue;
    result.push({ sentence, compact, claims: parseClaims(compact, subjects) });
  }
  if (cache.size >= ANALYSED_TEXTS_KEPT) cache.clear();
  cache.set(text, result);
  return result;
}

/**
 * C20: what the narrative states about tables 3 and 4 must agree with them (warnings, each
 * quoting its sentence): counts (narrative.contradicts-table), parts that add up to more than
 * the total they are of (narrative.parts-exceed-total), shares (narrative.share-mismatch) and,
 * when last year's report is known, year-over-year changes (narrative.change-mismatch).
 */
export function checkNarrativeClaims(report: PreparedReport, context: CheckContext = {}): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const subjects = report.template.narrativeSubjects;
  const byId = new Map(subjects.map((s) => [s.id, s]));
  for (const { section, place, text } of narrativeTexts(report)) {
    for (const { sentence, compact, claims } of analysed(resolveText(report, text), subjects)) {
      const push = (claim: Claim, finding: Omit<Finding, "section" | "quote" | "severity">) => {
        const key = `${finding.ruleId}|${compact.slice(claim.start, claim.end)}|${sentence}`;
        if (seen.has(key)) return;
        seen.add(key);
        findings.push({ ...finding, severity: "warning", section, quote: sentence });
      };
      const quoted = (claim: Claim) => `${place}写道「${compact.slice(claim.start, claim.end)}」`;
      const highlight = (claim: CountClaim) => claim.cells.flatMap((cell) => cellsOf(report, cell));
      for (const claim of claims) {
        switch (claim.kind) {
          case "count": {
            const actual = tableSum(report, claim.cells);
            if (actual === undefined || actual === claim.value) break;
            push(claim, {
              ruleId: "narrative.contradicts-table",
              message: `${quoted(claim)}，但表格中的${claim.name}为 ${actual}。`,
              cells: highlight(claim),
              expected: actual,
              actual: claim.value,
            });
            break;
          }
          case "parts": {
            const sum = claim.parts.reduce((a, b) => a + b, 0);
            if (sum <= claim.total) break;
            push(claim, {
              ruleId: "narrative.parts-exceed-total",
              message: `${quoted(claim)}：其中各项合计 ${sum}，多于总数 ${claim.total}。`,
              cells: [],
              expected: claim.total,
              actual: sum,
            });
            break;
          }
          case "share": {
            const base = claim.of.subject.shareOf ? byId.get(claim.of.subject.shareOf) : undefined;
            const total = base && tableSum(report, base.cells);
            if (!base || !total) break;
            const actual = (claim.of.value / total) * 100;
            if (percentMatches(claim.percent, claim.decimals, actual)) break;
            push(claim, {
              ruleId: "narrative.share-mismatch",
              message: `${quoted(claim)}，但 ${claim.of.value} 占${base.name} ${total} 的 ${format(actual, claim.decimals)}%。`,
              cells: highlight(claim.of),
              expected: Number(actual.toFixed(Math.max(1, claim.decimals))),
              actual: claim.percent,
            });
            break;
          }
          case "change": {
            if (!context.previous) break;
            const last = tableSum(context.previous, claim.of.cells);
            if (last === undefined) break;
            const now = claim.of.value;
            if (claim.unit === "count") {
              if (now - last === claim.value) break;
              push(claim, {
                ruleId: "narrative.change-mismatch",
                message: `${quoted(claim)}，但上年报告中的${claim.of.name}为 ${last}，变化为 ${now - last}。`,
                cells: highlight(claim.of),
                expected: now - last,
                actual: claim.value,
              });
            } else {
              if (last === 0) break;
              const actual = ((now - last) / last) * 100;
              if (percentMatches(claim.value, claim.decimals, actual)) break;
              push(claim, {
                ruleId: "narrative.change-mismatch",
                message: `${quoted(claim)}，但上年报告中的${claim.of.name}为 ${last}，变化为 ${format(actual, claim.decimals)}%。`,
                cells: highlight(claim.of),
                expected: Number(actual.toFixed(Math.max(1, claim.decimals))),
                actual: claim.value,
              });
            }
            break;
          }
        }
      }
    }
  }
  return findings;
}
