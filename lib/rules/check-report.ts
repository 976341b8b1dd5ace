import type { PreparedReport } from "../report/prepare-report";
import { checkNarrativeClaims } from "./check-narrative";
import { checkPunctuation } from "./check-punctuation";
import { checkFormat, checkOutdatedPhrases, checkOverviewTopics, checkReferences, checkSectionsPresent } from "./check-sections";
import { checkStated } from "./check-stated";
import { checkSums } from "./check-sums";
import { checkValues } from "./check-values";
import type { CheckContext, Finding } from "./types";

/**
 * Runs every rule on a prepared report. Pure and synchronous: the browser runs it on each
 * keystroke, the server before saving a submission, the CLI on files.
 */
export function checkReport(report: PreparedReport, context: CheckContext = {}): Finding[] {
  const findings = [
    ...checkFormat(report),
    ...checkValues(report),
    ...checkSums(report, context),
    ...checkSectionsPresent(report),
    ...checkOverviewTopics(report),
    ...checkStated(report, context),
    ...checkOutdatedPhrases(report),
    ...checkReferences(report),
    ...checkNarrativeClaims(report, context),
    ...checkPunctuation(report),
  ];
  // Errors first; otherwise keep document order.
  return findings.map((f, i) => ({ f, i })).sort((a, b) => severityRank(a.f) - severityRank(b.f) || a.i - b.i).map(({ f }) => f);
}

function severityRank(f: Finding): number {
  return f.severity === "error" ? 0 : 1;
}

export function countFindings(findings: Finding[]): { errors: number; warnings: number } {
  const errors = findings.filter((f) => f.severity === "error").length;
  return { errors, warnings: findings.length - errors };
}
