import { templateCells } from "../template/cells";
import type { ReportTemplate, SectionId } from "../template/types";
import { WIZARD_STEPS, type WizardStepId } from "../wizard/wizard-steps";
import { parseParagraphAnchor, type AnchorType } from "./anchors";
import type { CommentThreadView } from "./comment-views";

/**
 * Where the wizard shows a thread:
 * - `cell`: a marker on that table cell of the step's table, and the list under the table;
 * - `section`: the top of the section's step;
 * - `field`: under the narrative field (form path) holding the paragraph, e.g. preface,
 *   sections.overview.1.text, sections.requestsNote;
 * - `unplaced`: an anchor the report's format does not know (listed on 检查与预览).
 */
export type CommentPlace =
  | { kind: "cell"; step: WizardStepId; cell: string }
  | { kind: "section"; step: WizardStepId; section: SectionId }
  | { kind: "field"; step: WizardStepId; field: string; paragraph: number }
  | { kind: "unplaced"; step: "check" };

/** The wizard step that edits a section (the six steps carry the section ids). */
function stepOfSection(section: SectionId): WizardStepId {
  return WIZARD_STEPS.find((s) => s.section === section)?.id ?? "check";
}

/**
 * Maps a comment anchor (SECTION = section id, PARAGRAPH = the document model's paragraph anchor,
 * CELL = table.row.col; see lib/document/build-document.ts) to the place in the wizard where the
 * editor fixes what it is about.
 */
export function placeOfAnchor(template: ReportTemplate, type: AnchorType, anchor: string): CommentPlace {
  if (type === "CELL") {
    const def = templateCells(template).get(anchor);
    return def ? { kind: "cell", step: def.table, cell: anchor } : { kind: "unplaced", step: "check" };
  }
  if (type === "SECTION") {
    const section = template.sections.find((s) => s.id === anchor);
    return section ? { kind: "section", step: stepOfSection(section.id), section: section.id } : { kind: "unplaced", step: "check" };
  }
  const parsed = parseParagraphAnchor(anchor);
  if (!parsed) return { kind: "unplaced", step: "check" };
  const { part, paragraph } = parsed;
  if (part.kind === "preface") return { kind: "field", step: "basic", field: "preface", paragraph };
  if (part.kind === "topic") {
    // overview-<n> counts topics from 1; the form's items from 0.
    const index = part.topic - 1;
    return index >= 0 ? { kind: "field", step: "overview", field: `sections.overview.${index}.text`, paragraph } : { kind: "unplaced", step: "check" };
  }
  const section = template.sections.find((s) => s.id === part.section);
  if (!section) return { kind: "unplaced", step: "check" };
  const content = section.content;
  if (content.kind === "table") return { kind: "field", step: stepOfSection(section.id), field: `sections.${content.noteKey}`, paragraph };
  if (content.kind === "text") return { kind: "field", step: stepOfSection(section.id), field: `sections.${content.key}`, paragraph };
  // 总体情况 paragraphs are anchored per topic (overview-<n>-p<k>), never to the section.
  return { kind: "section", step: stepOfSection(section.id), section: section.id };
}

/** The threads of a report sorted into the places the wizard shows them. */
export interface CommentIndex {
  /** Threads per cell key (table.row.col). */
  byCell: Map<string, CommentThreadView[]>;
  /** Cells with at least one thread — what the table grid marks. */
  commentedCells: ReadonlySet<string>;
  /** Cells with at least one open thread (marked more strongly). */
  openCells: ReadonlySet<string>;
  bySection: Map<SectionId, CommentThreadView[]>;
  /** Threads per narrative field (form path). */
  byField: Map<string, CommentThreadView[]>;
  unplaced: CommentThreadView[];
  /** Open threads per step, for the overview of what is left to do. */
  openByStep: Partial<Record<WizardStepId, number>>;
  open: number;
}

function push<K>(map: Map<K, CommentThreadView[]>, key: K, thread: CommentThreadView) {
  const list = map.get(key);
  if (list) list.push(thread);
  else map.set(key, [thread]);
}

/** Sorts threads (oldest first within each place) into their wizard places. */
export function indexThreads(template: ReportTemplate, threads: CommentThreadView[]): CommentIndex {
  const index: CommentIndex = {
    byCell: new Map(),
    commentedCells: new Set(),
    openCells: new Set(),
    bySection: new Map(),
    byField: new Map(),
    unplaced: [],
    openByStep: {},
    open: 0,
  };
  const commented = index.commentedCells as Set<string>;
  const open = index.openCells as Set<string>;
  const sorted = [...threads].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const thread of sorted) {
    const place = placeOfAnchor(template, thread.anchorType, thread.anchor);
    if (!thread.resolvedAt) {
      index.open++;
      index.openByStep[place.step] = (index.openByStep[place.step] ?? 0) + 1;
    }
    switch (place.kind) {
      case "cell":
        push(index.byCell, place.cell, thread);
        commented.add(place.cell);
        if (!thread.resolvedAt) open.add(place.cell);
        break;
      case "section":
        push(index.bySection, place.section, thread);
        break;
      case "field":
        push(index.byField, place.field, thread);
        break;
      case "unplaced":
        index.unplaced.push(thread);
        break;
    }
  }
  return index;
}

/** 第 2 段 — which paragraph of a field a PARAGRAPH anchor names, for the thread's heading. */
export function paragraphLabel(type: AnchorType, anchor: string): string | null {
  if (type !== "PARAGRAPH") return null;
  const parsed = parseParagraphAnchor(anchor);
  return parsed ? `第 ${parsed.paragraph} 段` : null;
}
