import { resolveText } from "../report/narrative-text";
import { cellKey, parseCellKey, type CellRef } from "../report/cell-ref";
import type { PreparedReport } from "../report/prepare-report";
import { referenceValue } from "../report/values";
import { rowGroups } from "../template/cells";
import type { NarrativeClaimDef, ReportTemplate } from "../template/types";
import { compactText, sentencesOf } from "./describe";
import { narrativeTexts } from "./narrative-texts";
import type { Finding } from "./types";

/** Cells behind a claim, for highlighting: the cell itself or a group's rows. */
function cellsOf(report: PreparedReport, reference: string): CellRef[] {
  const ref = parseCellKey(reference)!;
  if (report.cells.has(cellKey(ref))) return [ref];
  return (rowGroups(report.template).get(ref.row)?.rows ?? []).map((row) => ({ ...ref, row }));
}

const compiledClaims = new WeakMap<ReportTemplate, (NarrativeClaimDef & { regex: RegExp })[]>();

function claimsOf(template: ReportTemplate) {
  let claims = compiledClaims.get(template);
  if (!claims) {
    claims = template.narrativeClaims.map((c) => ({ ...c, regex: new RegExp(c.pattern, "g") }));
    compiledClaims.set(template, claims);
  }
  return claims;
}

/** C20: numbers the narrative states must match the tables (warning, quoting the sentence). */
export function checkNarrativeClaims(report: PreparedReport): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const claims = claimsOf(report.template);
  for (const { section, place, text } of narrativeTexts(report)) {
    for (const sentence of sentencesOf(resolveText(report, text))) {
      const compact = compactText(sentence);
      // Every claim captures a number: skip the prose that has none.
      if (!/\d/.test(compact)) continue;
      for (const claim of claims) {
        for (const match of compact.matchAll(claim.regex)) {
          const stated = Number(match[1]);
          const actual = referenceValue(report, claim.cell) ?? 0;
          const key = `${claim.cell}|${stated}|${sentence}`;
          if (stated === actual || seen.has(key)) continue;
          seen.add(key);
          findings.push({
            ruleId: "narrative.contradicts-table",
            severity: "warning",
            message: `${place}写道「${match[0]}」，但表格中的${claim.name}为 ${actual}。`,
            cells: cellsOf(report, claim.cell),
            section,
            quote: sentence,
            expected: actual,
            actual: stated,
          });
        }
      }
    }
  }
  return findings;
}
