import type { CellRef } from "../report/cell-ref";
import type { SectionId } from "../template/types";

export type Severity = "error" | "warning";

/**
 * One problem the rule engine found. `cells` lets the UI highlight the cells involved;
 * `quote` holds the sentence or heading a text finding is about.
 */
export interface Finding {
  /** Stable id of the rule, e.g. requests.balance. */
  ruleId: string;
  severity: Severity;
  /** What a clerk needs to know, in Chinese: which cells, expected vs actual. */
  message: string;
  cells: CellRef[];
  section?: SectionId;
  quote?: string;
  expected?: number | string;
  actual?: number | string;
  /** A correction the editor can apply with one click: the field's whole new text. */
  fix?: FindingFix;
}

export interface FindingFix {
  /** Path of the text in the report input, e.g. sections.problems. */
  field: string;
  /** The field's text the check saw, which the correction replaces (and only it). */
  from: string;
  /** The field's text as corrected. */
  text: string;
  /** What the button says, e.g. 改为全角标点. */
  label: string;
}

/** Data a check may use beyond the report itself. */
export interface CheckContext {
  /** The same agency's report for the previous year, for cross-year rules (C6–C8). */
  previous?: import("../report/prepare-report").PreparedReport;
  /**
   * The agency's stored kind, which decides its statutory deadline (C10); without it (a report
   * file checked by the command line) the kind is guessed from the agency's name.
   */
  agencyKind?: import("../workflow/deadline").AgencyKind;
  /** The deployment's rule levels (lib/rules/rule-levels.ts); without them, the project's policy. */
  ruleLevels?: RuleLevels;
}

/** A level a deployment sets a rule to (lib/rules/rule-levels.ts applies them). */
export type RuleLevel = "error" | "warning" | "off";
/** Levels by rule id; a rule not named keeps its default. */
export type RuleLevels = Readonly<Record<string, RuleLevel>>;
