import type { LabelDeviationKind, TReportInput } from "../report/schema";
import type { FormatVersion, TableId } from "../template/types";
import type { SourceLocation } from "./intermediate";

/** What can be imported. Parsers for HTML, DOCX and PDF add their kinds here. */
export type ImportSource = { kind: "text"; text: string };

/**
 * The interchange JSON as imported. `agency` and `year` are required by the contract but may be
 * missing from a text (a problem then says so); everything else is the contract, with the
 * optional `stated.labels` extension.
 */
export type ImportedReport = Omit<TReportInput, "agency" | "year"> & { agency?: string; year?: number };

/** Kinds of difference between a published label or heading and the official one. */
export type DeviationKind =
  | LabelDeviationKind
  /** A section heading whose numeral differs from the official one (seed 001: 六 for 五). */
  | "renumbered"
  /** A section heading without its numeral (总体情况 for 一、总体情况). */
  | "unnumbered"
  /** A section the format does not have (seed 001: 三、公开平台建设和信息发布情况). */
  | "extra-section";

/**
 * A label or heading as published that differs from the official one. `where` is a label ref
 * (`requests.row.withheld_state_secret`, see ZStatedLabel) or `section.<id>` for a heading.
 */
export interface Deviation {
  where: string;
  published: string;
  /** The official text; null for an extra section. */
  official: string | null;
  kind: DeviationKind;
  at: SourceLocation;
}

/** Why content found in the source has no place in the interchange JSON. */
export type UnplacedReason =
  /** A section the format does not have (pre-2019 公开平台建设 …). */
  | "extra-section"
  /** A row the format does not have, written under an official row (seed 000: 行政确认). */
  | "improvised-row"
  /** A row label that matches no row of the table. */
  | "unknown-row"
  /** A header cell that matches no header of the table. */
  | "unknown-header"
  /** A value beyond the row's columns. */
  | "surplus-value"
  /** A second row with the label of a row already read. */
  | "duplicate-row"
  /** A table in the other format version than the report (2019 table in a 2021 report). */
  | "format-mismatch"
  /** A table inside a narrative section. */
  | "table-in-narrative"
  /** Text too long for a table cell. */
  | "cell-too-long"
  /** 表一, 表二 … captions printed above tables. */
  | "caption"
  /** A letterhead line such as 海东市公安局文件. */
  | "letterhead"
  /** The agency's name signed under the last section (its date is the report's `date`). */
  | "signature"
  /** A heading before the first section that the format does not have (seed 002: 概述). */
  | "front-matter-heading"
  /** A table that appears before the first section heading or outside any table section. */
  | "table-outside-section";

export interface Unplaced {
  text: string;
  at: SourceLocation;
  reason: UnplacedReason;
  /** The table or section it was found in. */
  where?: string;
}

export interface ImportProblem {
  /** Stable id, e.g. `table.format-mismatch`, `section.missing`, `title.missing`. */
  code: string;
  /** Chinese message for clerks. */
  message: string;
  at?: SourceLocation;
}

/** The result of importing one published report. */
export interface ImportOutcome {
  report: ImportedReport;
  /**
   * Where each imported item came from: cell refs (`proactive.licensing.decisions`) and keys
   * such as `sections.overview.1`, `sections.overview.1.title`, `sections.problems`, `preface`,
   * `agency`, `year`, `date`, `contact.phone`, `stated.title`, `stated.period`,
   * `stated.sectionCount`, `stated.headings.2`.
   */
  provenance: Record<string, SourceLocation>;
  deviations: Deviation[];
  unplaced: Unplaced[];
  problems: ImportProblem[];
  /** Format versions the table headers show (a table with nothing telling is absent). */
  detected: Partial<Record<TableId, FormatVersion>>;
}
