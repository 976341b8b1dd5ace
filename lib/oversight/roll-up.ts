/**
 * The roll-up (汇总) of tables 2, 3 and 4 over many agencies' reports of one format version
 * (issue 10): which reports count, their cell-wise sum as a report-shaped total (interchange JSON)
 * that the rule engine re-checks and the document model lays out in the official format, and the
 * list of agencies included, missing and excluded. Framework-free: the server feeds it sums the
 * database computed (lib/server/oversight/roll-up.ts); tests and small tools feed it reports.
 */
import { TEMPLATES } from "../../templates";
import { sectionHeadingAnchor } from "../comments/anchors";
import { buildTable } from "../document/build-table";
import type { Block, ReportDocument } from "../document/types";
import { formatValue } from "../report/normalize-value";
import { prepareReport, type PreparedReport } from "../report/prepare-report";
import type { TReportInput } from "../report/schema";
import { checkSums } from "../rules/check-sums";
import type { Finding } from "../rules/types";
import { formatForYear, sectionHeading } from "../template/cells";
import type { FormatVersion } from "../template/types";
import type { ReportStatus } from "../workflow/report-status";
import { cellLayout, cellVector, sumsByCell, sumVectors, type CellSums } from "./cell-vector";

/** Which version of each agency's report a roll-up adds up. */
export type RollUpBasis = "published" | "submitted";

export const ROLL_UP_BASES: readonly RollUpBasis[] = ["published", "submitted"];

export const ROLL_UP_BASIS_LABEL: Record<RollUpBasis, string> = {
  published: "已发布的报告（最新一次发布的版本）",
  submitted: "最近提交的版本（含尚未发布的）",
};

export function isRollUpBasis(value: unknown): value is RollUpBasis {
  return typeof value === "string" && (ROLL_UP_BASES as readonly string[]).includes(value);
}

/** Why an agency's report is left out of a roll-up. */
export type ExclusionReason = "not-published" | "not-submitted" | "other-format" | "unreadable";

export const EXCLUSION_REASON_LABEL: Record<ExclusionReason, string> = {
  "not-published": "尚未发布",
  "not-submitted": "尚未提交审核",
  "other-format": "使用其他格式",
  unreadable: "内容无法读取",
};

export interface AgencyRef {
  id: string;
  name: string;
}

/** A frozen version a roll-up may take. */
export interface CandidateVersion {
  id: string;
  number: number;
  /** The format its content is laid out in; null when the content cannot be read (stored by an older version of the app). */
  format: string | null;
}

/** One agency of the selection, with what its report for the year offers. */
export interface RollUpCandidate {
  agency: AgencyRef;
  report: {
    id: string;
    status: ReportStatus;
    /** The latest frozen (submitted) version, whatever happened to it since. */
    latest: CandidateVersion | null;
    /** The version of the latest publication (revision), when the report was ever published. */
    published: (CandidateVersion & { revision: number }) | null;
  } | null;
}

export interface IncludedAgency {
  agency: AgencyRef;
  reportId: string;
  status: ReportStatus;
  version: CandidateVersion & { revision?: number };
}

export interface ExcludedAgency {
  agency: AgencyRef;
  reportId: string;
  status: ReportStatus;
  reason: ExclusionReason;
  /** For `other-format`: the format of the version that was left out. */
  format?: string;
  /** The version left out (other format, unreadable). */
  versionId?: string;
}

/** Which agencies a roll-up covers; always shown with it. */
export interface RollUpCoverage {
  included: IncludedAgency[];
  /** No report for the year at all. */
  missing: AgencyRef[];
  excluded: ExcludedAgency[];
}

/** The format a roll-up of a year is in: the year's format (a report of another is excluded). */
export function rollUpFormat(year: number): FormatVersion {
  return formatForYear(year, TEMPLATES);
}

/**
 * Chooses each agency's version for a roll-up: the latest publication's version, or (basis
 * `submitted`) the latest frozen version. Agencies without a report are missing; a report without
 * such a version, or whose version is in another format or cannot be read, is excluded with the
 * reason.
 */
export function chooseVersions(candidates: readonly RollUpCandidate[], options: { format: FormatVersion; basis: RollUpBasis }): RollUpCoverage {
  const coverage: RollUpCoverage = { included: [], missing: [], excluded: [] };
  for (const { agency, report } of candidates) {
    if (!report) {
      coverage.missing.push(agency);
      continue;
    }
    const version = options.basis === "published" ? report.published : report.latest;
    const base = { agency, reportId: report.id, status: report.status };
    if (!version) coverage.excluded.push({ ...base, reason: options.basis === "published" ? "not-published" : "not-submitted" });
    else if (version.format === null) coverage.excluded.push({ ...base, reason: "unreadable", versionId: version.id });
    else if (version.format !== options.format) coverage.excluded.push({ ...base, reason: "other-format", format: version.format, versionId: version.id });
    else coverage.included.push({ ...base, version });
  }
  return coverage;
}

/** Moves included versions whose cells cannot be read (content stored by an older app) to the excluded list. */
export function excludeUnreadable(coverage: RollUpCoverage, unreadable: ReadonlySet<string>): RollUpCoverage {
  if (unreadable.size === 0) return coverage;
  const gone = coverage.included.filter((i) => unreadable.has(i.version.id));
  return {
    included: coverage.included.filter((i) => !unreadable.has(i.version.id)),
    missing: coverage.missing,
    excluded: [...coverage.excluded, ...gone.map(({ agency, reportId, status, version }) => ({ agency, reportId, status, reason: "unreadable" as const, versionId: version.id }))],
  };
}

/** Cell-wise sum of reports of one format (in memory; the server lets the database do this). */
export function sumReports(format: FormatVersion, reports: readonly PreparedReport[]): CellSums {
  const layout = cellLayout(format);
  return sumVectors(
    layout,
    reports.map((report) => {
      if (report.format !== format) throw new Error(`a ${report.format} report cannot be added to a ${format} roll-up`);
      return cellVector(report);
    }),
  );
}

/**
 * The totals as an interchange JSON report of the format, named `title` (e.g. 示例市人民政府及
 * 下属机关): every cell some report filled, totals included as summed, so the rule engine compares
 * each summed total with the sum of its summed terms.
 */
export function rollUpContent(sums: CellSums, meta: { title: string; year: number }): TReportInput {
  const tables: Record<string, Record<string, Record<string, number | string>>> = {};
  const { layout } = sums;
  for (const [cellId, value] of sumsByCell(sums)) {
    if (value === null) continue;
    const [table, row, col] = cellId.split(".");
    const kind = layout.kinds[layout.positions.get(cellId)!];
    tables[table] ??= {};
    tables[table][row] ??= {};
    // Money as a decimal string (exact, at most 4 decimals), like a submitted report.
    tables[table][row][col] = kind === "money" ? formatValue(value, kind) : value;
  }
  return { format: layout.format, agency: meta.title, year: meta.year, tables } as TReportInput;
}

/** The total as a prepared report, for the rule engine and the document model. */
export function prepareRollUp(content: TReportInput): PreparedReport {
  const prepared = prepareReport(content, "strict");
  // The content is built from a template's own cells and canonical numbers: failing is a bug.
  if (!prepared.ok) throw new Error(`roll-up content does not validate: ${JSON.stringify(prepared.issues.slice(0, 3))}`);
  return prepared.report;
}

/**
 * The balance rules (勾稽关系: C1, C2, C4, C5 as the template declares them) re-run on the
 * total. Balanced reports give a balanced total; a report whose own totals disagree carries
 * that into the sum, where it shows here.
 */
export function checkRollUp(total: PreparedReport): Finding[] {
  return checkSums(total, {});
}

/** A roll-up ready to show: the total, its findings and what it covers. */
export interface RollUp {
  year: number;
  format: FormatVersion;
  basis: RollUpBasis;
  coverage: RollUpCoverage;
  content: TReportInput;
  findings: Finding[];
}

/** Builds the total and re-checks it, from sums of the included versions. */
export function buildRollUp(input: { title: string; year: number; basis: RollUpBasis; coverage: RollUpCoverage; sums: CellSums }): RollUp {
  const content = rollUpContent(input.sums, { title: input.title, year: input.year });
  return {
    year: input.year,
    format: input.sums.layout.format,
    basis: input.basis,
    coverage: input.coverage,
    content,
    findings: checkRollUp(prepareRollUp(content)),
  };
}

/** What a roll-up covers, in one sentence for its document and page. */
export function coverageSummary(coverage: RollUpCoverage, basis: RollUpBasis): string {
  const parts = [`本表汇总 ${coverage.included.length} 个机关${basis === "published" ? "已发布" : "最近提交"}的年度报告数据`];
  if (coverage.missing.length) parts.push(`${coverage.missing.length} 个机关尚无本年度报告`);
  if (coverage.excluded.length) parts.push(`${coverage.excluded.length} 个机关的报告未纳入（${exclusionCounts(coverage)}）`);
  return `${parts.join("；")}。`;
}

function exclusionCounts(coverage: RollUpCoverage): string {
  const counts = new Map<ExclusionReason, number>();
  for (const e of coverage.excluded) counts.set(e.reason, (counts.get(e.reason) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${EXCLUSION_REASON_LABEL[reason]} ${n} 个`).join("，");
}

/**
 * The roll-up as a document in the official layout — the three statutory tables under their
 * section headings, with the notes (coverage) after the title — for the existing renderers
 * (HTML, DOCX, PDF).
 */
export function buildRollUpDocument(total: PreparedReport, notes: readonly string[]): ReportDocument {
  const { template, input } = total;
  const title = `${input.agency}${input.year}${template.titleSuffix}数据汇总`;
  const blocks: Block[] = [
    { type: "title", lines: [input.agency, `${input.year}${template.titleSuffix}数据汇总`] },
    ...notes.map((text, i): Block => ({ type: "paragraph", inlines: [{ text }], role: "body", anchor: `roll-up-note-${i + 1}` })),
  ];
  for (const section of template.sections) {
    if (section.content.kind !== "table") continue;
    blocks.push({ type: "heading", level: 1, text: sectionHeading(section), section: section.id, anchor: sectionHeadingAnchor(section.id) });
    blocks.push({ type: "table", table: buildTable(total, template.tables[section.content.table]) });
  }
  return { title, meta: { agency: input.agency, year: input.year, format: total.format }, blocks };
}
