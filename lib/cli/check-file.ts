import type { SourceLocation } from "../import/intermediate";
import type { Deviation } from "../import/types";
import type { PreparedReport } from "../report/prepare-report";
import { checkReport, countFindings } from "../rules/check-report";
import type { RuleLevels } from "../rules/rule-levels";
import type { Finding } from "../rules/types";
import type { FormatVersion } from "../template/types";
import { prepareImported, readSourceFile, SourceError, sourceFormatOf, type ImportedSource, type ReadOptions, type SourceFormat } from "./read-source";

/**
 * Checking one file, shared by `check <file>` and the batch workers: read or import it
 * (read-source.ts) and run every rule. An imported report carries its table labels as published
 * (`stated.labels`), which the rules report as stated.label-wording warnings; headings as
 * published (`stated.headings`) are the stated.heading-* rules'.
 */

export interface CheckedFile {
  file: string;
  source: SourceFormat;
  report: PreparedReport;
  /** Errors first. */
  findings: Finding[];
  errors: number;
  warnings: number;
  /** Present for an imported file. */
  imported?: ImportedSource;
}

/**
 * Where in the source the label or heading a finding quotes was printed (stated.label-wording,
 * stated.heading-wording, …): the location of the import's deviation with the same published
 * and official text.
 */
export function labelLocation(finding: Finding, deviations: Deviation[]): SourceLocation | undefined {
  if (finding.quote === undefined || finding.expected === undefined) return undefined;
  return deviations.find((d) => d.published === finding.quote && d.official === finding.expected)?.at;
}

/** Reads or imports a file and checks it. Throws a SourceError when it cannot be checked. */
export async function checkFile(file: string, options: { previous?: PreparedReport; ruleLevels?: RuleLevels } & ReadOptions = {}): Promise<CheckedFile> {
  const source = await readSourceFile(file, options);
  const report = source.kind === "json" ? source.report : prepareImported(file, source);
  const findings = checkReport(report, { previous: options.previous, ruleLevels: options.ruleLevels });
  const { errors, warnings } = countFindings(findings);
  return { file, source: source.format, report, findings, errors, warnings, imported: source.kind === "import" ? source : undefined };
}

/** Reads a report of any kind the CLI reads (--previous, render), prepared for the rules. */
export async function readReportFile(file: string, options: ReadOptions = {}): Promise<PreparedReport> {
  const source = await readSourceFile(file, options);
  return source.kind === "json" ? source.report : prepareImported(file, source);
}

/** A batch row: what `check --summary` writes for one file. */
export interface SummaryRow {
  file: string;
  /** The kind of file read, by extension; empty for an unsupported one. */
  source: SourceFormat | "";
  agency?: string;
  year?: number;
  format?: FormatVersion;
  errors?: number;
  warnings?: number;
  /** Distinct rule ids, sorted, with a count when repeated: `value.blank ×3, value.text-in-cell`. */
  findings: string;
  /** Import problem codes, sorted, with counts. */
  problems: string;
  deviations?: number;
  unplaced?: number;
  /** Why the file could not be checked (one line). */
  error?: string;
  /** ok: checked, no errors; errors: checked, with errors; failed: not checked. */
  status: "ok" | "errors" | "failed";
  ms: number;
}

/** Sorted distinct values with a count when repeated. */
export function tally(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([value, n]) => (n > 1 ? `${value} ×${n}` : value))
    .join(", ");
}

/** Checks one file for the batch. Never throws: a file that fails is a row with its error. */
export async function summarizeFile(file: string, ruleLevels?: RuleLevels): Promise<SummaryRow> {
  const started = performance.now();
  const source = sourceFormatOf(file) ?? "";
  try {
    const checked = await checkFile(file, { ruleLevels });
    const { input, format } = checked.report;
    const outcome = checked.imported?.outcome;
    return {
      file,
      source,
      agency: input.agency,
      year: input.year,
      format,
      errors: checked.errors,
      warnings: checked.warnings,
      findings: tally(checked.findings.map((f) => f.ruleId)),
      problems: tally(outcome?.problems.map((p) => p.code) ?? []),
      deviations: outcome?.deviations.length,
      unplaced: outcome?.unplaced.length,
      status: checked.errors > 0 ? "errors" : "ok",
      ms: performance.now() - started,
    };
  } catch (error) {
    const message = error instanceof SourceError ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
    const row = failedRow(file, source, message, performance.now() - started);
    const outcome = error instanceof SourceError ? error.imported?.outcome : undefined;
    if (outcome) {
      row.problems = tally(outcome.problems.map((p) => p.code));
      row.deviations = outcome.deviations.length;
      row.unplaced = outcome.unplaced.length;
      if (typeof outcome.report.agency === "string") row.agency = outcome.report.agency;
      if (typeof outcome.report.year === "number") row.year = outcome.report.year;
    }
    return row;
  }
}

export function failedRow(file: string, source: SourceFormat | "", error: string, ms = 0): SummaryRow {
  // The file's name leads the message; the row names the file already.
  const reason = error.startsWith(`${file}: `) ? error.slice(file.length + 2) : error;
  return { file, source, findings: "", problems: "", error: reason, status: "failed", ms };
}
