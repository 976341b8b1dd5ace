import type { PreparedReport } from "../report/prepare-report";
import { checkContent } from "./check-content";
import { checkDates } from "./check-dates";
import { checkNarrativeClaims } from "./check-narrative";
import { checkPunctuation } from "./check-punctuation";
import { checkFormat, checkOutdatedPhrases, checkOverviewTopics, checkReferences, checkSectionsPresent } from "./check-sections";
import { checkStated } from "./check-stated";
import { checkSums } from "./check-sums";
import { checkValues } from "./check-values";
import { usablePrevious } from "./cross-year";
import { mergeFindings } from "./merge-findings";
import { applyRuleLevels } from "./rule-severities";
import type { CheckContext, Finding } from "./types";

/**
 * Runs every rule on a prepared report. Pure and synchronous: the browser runs it on each
 * keystroke, the server before saving a submission, the CLI on files. The cross-year rules run
 * only when `previous` is the same agency's report for the year before (`crossYearStatus`).
 */
export function checkReport(report: PreparedReport, given: CheckContext = {}): Finding[] {
  // Another agency's report, or another year's, is no last year's report (cross-year.ts).
  const context: CheckContext = { ...given, previous: usablePrevious(report, given.previous) };
  const findings = [
    ...checkFormat(report),
    ...checkValues(report),
    ...checkSums(report, context),
    ...checkSectionsPresent(report),
    ...checkOverviewTopics(report),
    ...checkStated(report, context),
    ...checkDates(report),
    ...checkOutdatedPhrases(report),
    ...checkReferences(report),
    ...checkNarrativeClaims(report, context),
    ...checkPunctuation(report),
    ...checkContent(report, context),
  ];
  // One finding per defect, at the policy's (or the deployment's) level; errors first, otherwise
  // in document order.
  const leveled = applyRuleLevels(mergeFindings(findings), given.ruleLevels);
  return leveled.map((f, i) => ({ f, i })).sort((a, b) => severityRank(a.f) - severityRank(b.f) || a.i - b.i).map(({ f }) => f);
}

function severityRank(f: Finding): number {
  return f.severity === "error" ? 0 : 1;
}

export function countFindings(findings: Finding[]): { errors: number; warnings: number } {
  const errors = findings.filter((f) => f.severity === "error").length;
  return { errors, warnings: findings.length - errors };
}
