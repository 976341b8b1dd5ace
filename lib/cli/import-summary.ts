import { TEMPLATES } from "../../templates";
import { describeLocation } from "../import/intermediate";
import { isValueText } from "../import/map/values";
import type { ImportOutcome, ImportProblem } from "../import/types";
import type { FormatVersion, SectionDef } from "../template/types";
import { FORMAT_NAMES, type ImportedSource } from "./read-source";

/**
 * What `gov-report import` prints: what was read from the file, what was placed in the
 * interchange JSON, each label or heading that deviates from the official format, each item
 * that has no place, and the import's problems.
 */

export interface ImportCounts {
  /** Section headings recognised in the file, official or not. */
  sectionsRead: number;
  /** Official sections that received content. */
  sectionsPlaced: number;
  /** Table values found: those placed plus the values that could not be placed. */
  cellsRead: number;
  /** Cells set in the interchange JSON (a blank cell counts: it was read as blank). */
  cellsPlaced: number;
}

function sectionPlaced(outcome: ImportOutcome, section: SectionDef): boolean {
  const { sections = {}, tables = {} } = outcome.report;
  switch (section.content.kind) {
    case "topics":
      return (sections.overview?.length ?? 0) > 0;
    case "text":
      return Boolean(sections[section.content.key]?.trim());
    case "table": {
      const table = tables[section.content.table] as Record<string, Record<string, unknown> | undefined> | undefined;
      return Boolean(sections[section.content.noteKey]?.trim()) || Object.keys(table ?? {}).length > 0;
    }
  }
}

export function importCounts(outcome: ImportOutcome): ImportCounts {
  const format: FormatVersion = outcome.report.format ?? "2021";
  const sections = TEMPLATES[format].sections;
  let cellsPlaced = 0;
  for (const table of Object.values(outcome.report.tables ?? {})) {
    for (const row of Object.values((table ?? {}) as Record<string, Record<string, unknown> | undefined>)) {
      for (const value of Object.values(row ?? {})) if (value !== undefined) cellsPlaced++;
    }
  }
  const unplacedValues = outcome.unplaced.filter((u) => u.text.trim() !== "" && isValueText(u.text) && u.reason !== "caption").length;
  return {
    sectionsRead: outcome.report.stated?.headings?.length ?? 0,
    sectionsPlaced: sections.filter((s) => sectionPlaced(outcome, s)).length,
    cellsRead: cellsPlaced + unplacedValues,
    cellsPlaced,
  };
}

/** A short quote of a long text. */
function clip(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function formatProblem(problem: ImportProblem): string {
  return `PROBLEM [${problem.code}] ${problem.message}${problem.at ? `（${describeLocation(problem.at)}）` : ""}`;
}

/** The human summary of one import, as lines (printed through terminal-text.ts). */
export function formatImportSummary(file: string, source: ImportedSource): string[] {
  const { outcome } = source;
  const { report } = outcome;
  const counts = importCounts(outcome);
  const lines: string[] = [];
  lines.push(`${file}: imported from ${FORMAT_NAMES[source.format]}${source.encoding ? ` (${source.encoding})` : ""}`);
  lines.push(`  agency:     ${report.agency ?? "(not found)"}`);
  lines.push(`  year:       ${report.year ?? "(not found)"}`);
  lines.push(`  format:     ${report.format ? `${report.format} 年版` : "(not determined)"}`);
  lines.push(`  sections:   ${counts.sectionsRead} read, ${counts.sectionsPlaced} of 6 placed`);
  lines.push(`  cells:      ${counts.cellsRead} read, ${counts.cellsPlaced} placed`);
  lines.push(`  deviations: ${outcome.deviations.length}    unplaced: ${outcome.unplaced.length}    problems: ${outcome.problems.length}`);
  if (outcome.deviations.length) {
    lines.push("", `Deviations from the official format (${outcome.deviations.length}), published → official:`);
    for (const d of outcome.deviations) {
      lines.push(`  ${d.where}  「${d.published}」 → ${d.official === null ? "(not in the format)" : `「${d.official}」`}  [${d.kind}, ${describeLocation(d.at)}]`);
    }
  }
  if (outcome.unplaced.length) {
    lines.push("", `Not placed (${outcome.unplaced.length}):`);
    for (const u of outcome.unplaced) {
      lines.push(`  ${describeLocation(u.at)}  「${clip(u.text)}」  [${u.reason}${u.where ? `, ${u.where}` : ""}]`);
    }
  }
  if (outcome.problems.length) {
    lines.push("", `Problems (${outcome.problems.length}):`);
    for (const p of outcome.problems) lines.push(`  ${formatProblem(p)}`);
  }
  return lines;
}
