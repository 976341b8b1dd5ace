import type { PreparedReport } from "../report/prepare-report";
import { checkReport } from "../rules/check-report";
import type { Finding } from "../rules/types";
import type { ReportStatus } from "../workflow/report-status";

/**
 * What every output of a report that fails the rules carries (issue 11): a rule error, which
 * includes an empty required section (`section.missing`). Approved and published versions are
 * rendered without it whatever they hold (the caller decides: RenderTask.draftMark, the CLI).
 */
export const DRAFT_MARK = "草稿（未通过检查）";

/** The mark for a report with these findings (by default its own check), or none. */
export function draftMarkFor(report: PreparedReport, findings: readonly Finding[] = checkReport(report)): string | undefined {
  return findings.some((f) => f.severity === "error") ? DRAFT_MARK : undefined;
}

/** When an output carries the mark: if the report fails the rules, or never. */
export type DraftMarkPolicy = "if-failing" | "never";

/** Whether a report's downloads may carry the mark: approved and published reports are the record. */
export function draftMarkPolicy(status: ReportStatus): DraftMarkPolicy {
  return status === "APPROVED" || status === "PUBLISHED" ? "never" : "if-failing";
}
