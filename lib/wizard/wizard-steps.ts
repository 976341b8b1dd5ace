import { SIX_SECTIONS, type SharedSectionDef } from "../../templates/shared/sections";
import type { Finding } from "../rules/types";
import { sectionHeading } from "../template/cells";
import type { SectionId, TableId } from "../template/types";
import type { TReportInput } from "../report/schema";

/**
 * The report wizard as data: one step per part of the report, each with its own URL
 * (/reports/<id>/edit/<step>). The UI renders whatever this list says, in this order.
 */
export type WizardStepId = "basic" | "overview" | "proactive" | "requests" | "reviews" | "problems" | "other" | "check";

export interface WizardStep {
  id: WizardStepId;
  /** Short label for the step list, e.g. 三、收到和处理申请. */
  label: string;
  /** Heading of the step's page. */
  title: string;
  /** The report section the step edits (none for 基本信息 and 检查与预览). */
  section?: SectionId;
  /** The statutory table the step edits, if any. */
  table?: TableId;
}

/**
 * The step of a report section, named as the templates name it: both formats share the six
 * sections (templates/shared/sections.ts), so the step list does not depend on the format.
 */
function sectionStep(section: SharedSectionDef): WizardStep {
  return {
    id: section.id,
    label: sectionHeading({ numeral: section.numeral, title: section.shortTitle }),
    title: sectionHeading(section),
    section: section.id,
    ...(section.content.kind === "table" && { table: section.content.table }),
  };
}

export const WIZARD_STEPS: readonly WizardStep[] = [
  { id: "basic", label: "基本信息", title: "基本信息" },
  ...SIX_SECTIONS.map(sectionStep),
  { id: "check", label: "检查与预览", title: "检查与预览" },
];

const STEP_IDS = new Set<string>(WIZARD_STEPS.map((s) => s.id));

export function isWizardStepId(value: string): value is WizardStepId {
  return STEP_IDS.has(value);
}

export function wizardStep(id: WizardStepId): WizardStep {
  return WIZARD_STEPS.find((s) => s.id === id)!;
}

/** The steps before and after a step, for 上一步 / 下一步. */
export function adjacentSteps(id: WizardStepId): { previous?: WizardStep; next?: WizardStep } {
  const index = WIZARD_STEPS.findIndex((s) => s.id === id);
  return { previous: WIZARD_STEPS[index - 1], next: WIZARD_STEPS[index + 1] };
}

export function stepPath(reportId: string, step: WizardStepId): string {
  return `/workspace/reports/${encodeURIComponent(reportId)}/edit/${step}`;
}

const SECTION_STEP: Record<SectionId, WizardStepId> = {
  overview: "overview",
  proactive: "proactive",
  requests: "requests",
  reviews: "reviews",
  problems: "problems",
  other: "other",
};

const TABLE_STEP: Record<TableId, WizardStepId> = { proactive: "proactive", requests: "requests", reviews: "reviews" };

/**
 * The step where a finding can be fixed.
 * - `stated.*` (title, headings, preface claims, date) and `format.*` findings concern the
 *   report's metadata and preface, edited on 基本信息 — even when they name a section.
 * - A finding about narrative text (it carries a section) goes to that section's step, also when
 *   it names the cells the text contradicts: the words are what the user edits.
 * - Otherwise the table of its first cell decides.
 * - Text findings without a section (the preface) and anything else go to 基本信息.
 */
export function stepOfFinding(finding: Finding): WizardStepId {
  if (finding.ruleId.startsWith("stated.") || finding.ruleId.startsWith("format.")) return "basic";
  if (finding.section) return SECTION_STEP[finding.section];
  if (finding.quote === undefined && finding.cells.length) return TABLE_STEP[finding.cells[0].table];
  return "basic";
}

/** How a step looks in the step list. */
export interface StepStatus {
  errors: number;
  warnings: number;
  /** The step has content and no errors. */
  done: boolean;
}

function hasText(value: string | null | undefined): boolean {
  return Boolean(value?.trim());
}

function tableHasValues(input: TReportInput, table: TableId): boolean {
  const rows = (input.tables?.[table] ?? {}) as Record<string, Record<string, unknown> | undefined>;
  return Object.values(rows).some((row) => row && Object.values(row).some((v) => v !== null && v !== undefined && v !== ""));
}

/** Whether the user has filled in what a step asks for (its findings decide whether it is right). */
export function stepHasContent(step: WizardStepId, input: TReportInput): boolean {
  const sections = input.sections ?? {};
  switch (step) {
    case "basic":
      return hasText(input.date);
    case "overview":
      return (sections.overview ?? []).some((item) => hasText(item.text));
    case "proactive":
    case "requests":
    case "reviews":
      return tableHasValues(input, step);
    case "problems":
      return hasText(sections.problems);
    case "other":
      return hasText(sections.other);
    case "check":
      return false;
  }
}

/** Error and warning counts per step, and whether each step is done. 检查与预览 sums all others. */
export function stepStatuses(findings: Finding[], input: TReportInput): Record<WizardStepId, StepStatus> {
  const statuses = Object.fromEntries(WIZARD_STEPS.map((s) => [s.id, { errors: 0, warnings: 0, done: false }])) as Record<
    WizardStepId,
    StepStatus
  >;
  for (const finding of findings) {
    const status = statuses[stepOfFinding(finding)];
    if (finding.severity === "error") status.errors++;
    else status.warnings++;
  }
  let allDone = true;
  for (const step of WIZARD_STEPS) {
    if (step.id === "check") continue;
    const status = statuses[step.id];
    status.done = status.errors === 0 && stepHasContent(step.id, input);
    allDone &&= status.done;
  }
  const check = statuses.check;
  check.errors = findings.filter((f) => f.severity === "error").length;
  check.warnings = findings.length - check.errors;
  check.done = allDone && check.errors === 0;
  return statuses;
}

/** Id of the input element of a table cell in the wizard (`cell-requests-received-total`). */
export function cellInputId(ref: { table: string; row: string; col: string }): string {
  return `cell-${ref.table}-${ref.row}-${ref.col}`;
}
