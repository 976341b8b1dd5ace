import { editGrid } from "@/lib/wizard/paste-grid";
import type { TReportInput } from "@/lib/report/schema";
import { cellInputId, stepOfFinding, type WizardStepId } from "@/lib/wizard/wizard-steps";
import type { Finding } from "@/lib/rules/types";
import type { FormatVersion, SectionId } from "@/lib/template/types";

export interface FindingTarget {
  step: WizardStepId;
  /** Element id to focus. */
  id: string;
  /** Text to select in a textarea. */
  select?: string;
}

/** Ids of elements of the 基本信息 step that findings point at. */
export const BASIC_TARGETS = {
  facts: "report-facts",
  stated: "stated-info",
  preface: "field-preface",
  prefaceChoice: "preface-choice",
  date: "field-date",
} as const;

interface NarrativePlace {
  path: string;
  section?: SectionId;
  text: string;
}

/** Every narrative field of the draft with its form path, in document order. */
export function narrativePlaces(values: TReportInput): NarrativePlace[] {
  const sections = values.sections ?? {};
  const places: NarrativePlace[] = [];
  if (values.preface !== undefined) places.push({ path: "preface", text: values.preface ?? "" });
  (sections.overview ?? []).forEach((item, i) => {
    places.push({ path: `sections.overview.${i}.title`, section: "overview", text: item.title ?? "" });
    places.push({ path: `sections.overview.${i}.text`, section: "overview", text: item.text ?? "" });
  });
  const notes = [
    ["proactive", "sections.proactiveNote", sections.proactiveNote],
    ["requests", "sections.requestsNote", sections.requestsNote],
    ["reviews", "sections.reviewsNote", sections.reviewsNote],
    ["problems", "sections.problems", sections.problems],
    ["other", "sections.other", sections.other],
  ] as const;
  for (const [section, path, text] of notes) places.push({ path, section, text: text ?? "" });
  return places;
}

export function fieldIdOf(path: string): string {
  return `field-${path.replaceAll(".", "-")}`;
}

const DEFAULT_FIELD: Partial<Record<WizardStepId, string>> = {
  overview: "sections.overview.0.text",
  proactive: "sections.proactiveNote",
  requests: "sections.requestsNote",
  reviews: "sections.reviewsNote",
  problems: "sections.problems",
  other: "sections.other",
};

/**
 * Where the wizard takes the user for a finding: the step (wizard-steps) and the element — the
 * first editable cell it names, the text field holding the sentence it quotes (selected), or the
 * field the rule is about.
 */
export function findingTarget(finding: Finding, values: TReportInput, format: FormatVersion): FindingTarget {
  const step = stepOfFinding(finding);
  if (step === "proactive" || step === "requests" || step === "reviews") {
    if (finding.cells.length && finding.quote === undefined) {
      const grid = editGrid(format, step);
      const editable = finding.cells.find((ref) => {
        const pos = grid.positions.get(`${ref.table}.${ref.row}.${ref.col}`);
        return pos && !grid.lines[pos.row].slots[pos.col]?.readOnly;
      });
      return { step, id: cellInputId(editable ?? finding.cells[0]) };
    }
  }
  if (step === "basic") {
    if (finding.ruleId.startsWith("stated.date")) return { step, id: BASIC_TARGETS.date };
    if (finding.ruleId.startsWith("format.")) return { step, id: BASIC_TARGETS.facts };
    const inPreface = finding.ruleId.startsWith("stated.preface") || (!finding.section && finding.quote !== undefined);
    if (inPreface) {
      if (values.preface === undefined) return { step, id: BASIC_TARGETS.prefaceChoice };
      return { step, id: BASIC_TARGETS.preface, select: finding.quote && values.preface.includes(finding.quote) ? finding.quote : undefined };
    }
    return { step, id: values.stated ? BASIC_TARGETS.stated : BASIC_TARGETS.facts };
  }
  const places = narrativePlaces(values).filter((p) => p.section === finding.section);
  if (finding.quote) {
    const holder = places.find((p) => p.text.includes(finding.quote!));
    if (holder) return { step, id: fieldIdOf(holder.path), select: finding.quote };
  }
  const fallback = DEFAULT_FIELD[step];
  return { step, id: fallback ? fieldIdOf(fallback) : "step-heading" };
}
