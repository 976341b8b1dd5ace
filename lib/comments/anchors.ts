import { templateCells } from "../template/cells";
import type { ReportTemplate } from "../template/types";

/**
 * The comment-anchor grammar, once. The document builder formats anchors with it, the server
 * validates them with it, the wizard places threads and the review page finds elements by it.
 *
 *   anchor     = SECTION:<section id> | PARAGRAPH:<paragraph> | CELL:<table>.<row>.<column>
 *   paragraph  = <part> "-p" <n>                    n counts from 1 within the part
 *   part       = "preface" | <topic> | "section-" <section id>
 *   topic      = "overview-" <k>                    k counts the topics of 一、总体情况 from 1
 *
 * The document model also names a section's heading `section-<id>` and a topic's heading
 * `overview-<k>`; the signature and date lines are not commentable. The anchor types are stored
 * as the Prisma enum AnchorType (lib/server/db/stored-enums.test.ts proves the lists agree).
 */

export const ANCHOR_TYPES = ["SECTION", "PARAGRAPH", "CELL"] as const;

export type AnchorType = (typeof ANCHOR_TYPES)[number];

export interface Anchor {
  type: AnchorType;
  /** Section id, paragraph anchor (preface-p1) or cell reference (table.row.col). */
  anchor: string;
}

/** The part of the report a paragraph belongs to. */
export type ParagraphPart = { kind: "preface" } | { kind: "topic"; topic: number } | { kind: "section"; section: string };

export interface ParagraphAnchor {
  part: ParagraphPart;
  /** 1-based position within the part. */
  paragraph: number;
}

const PART = /^(?:(preface)|overview-(\d{1,2})|section-([a-z]+))$/;
const PARAGRAPH = /^(preface|overview-\d{1,2}|section-[a-z]+)-p(\d{1,4})$/;
const KEY = /^(SECTION|PARAGRAPH|CELL):(.+)$/;

/** `preface`, `overview-2`, `section-problems`: the base of a part's paragraph anchors. */
export function formatPart(part: ParagraphPart): string {
  if (part.kind === "preface") return "preface";
  if (part.kind === "topic") return topicAnchor(part.topic);
  return sectionHeadingAnchor(part.section);
}

export function parsePart(text: string): ParagraphPart | null {
  const match = PART.exec(text);
  if (!match) return null;
  if (match[1]) return { kind: "preface" };
  if (match[2] !== undefined) return { kind: "topic", topic: Number(match[2]) };
  return { kind: "section", section: match[3] };
}

/** `overview-2-p3`: the third paragraph of the second topic. */
export function formatParagraphAnchor(part: ParagraphPart, paragraph: number): string {
  return `${formatPart(part)}-p${paragraph}`;
}

export function parseParagraphAnchor(anchor: string): ParagraphAnchor | null {
  const match = PARAGRAPH.exec(anchor);
  if (!match) return null;
  const part = parsePart(match[1]);
  return part ? { part, paragraph: Number(match[2]) } : null;
}

/** The id of a section's heading in the document model: `section-requests`. */
export function sectionHeadingAnchor(section: string): string {
  return `section-${section}`;
}

/** The section whose heading an id names, or null. */
export function parseSectionHeadingAnchor(id: string): string | null {
  const part = parsePart(id);
  return part?.kind === "section" ? part.section : null;
}

/** The id of a topic heading of 一、总体情况 in the document model: `overview-2`. */
export function topicAnchor(topic: number): string {
  return `overview-${topic}`;
}

export function parseTopicAnchor(id: string): number | null {
  const part = parsePart(id);
  return part?.kind === "topic" ? part.topic : null;
}

/** `CELL:requests.received.total` — one string per anchor, for maps and element data. */
export function anchorKey(type: AnchorType, anchor: string): string {
  return `${type}:${anchor}`;
}

export function parseAnchorKey(key: string): Anchor | null {
  const match = KEY.exec(key);
  return match ? { type: match[1] as AnchorType, anchor: match[2] } : null;
}

/** Whether an anchor names something that exists in the report's format. */
export function isValidAnchor(template: ReportTemplate, type: AnchorType, anchor: string): boolean {
  if (type === "CELL") return templateCells(template).has(anchor);
  if (type === "SECTION") return template.sections.some((s) => s.id === anchor);
  // Paragraph anchors outlive edits, so only their shape is checked, not whether the paragraph
  // exists in the current text.
  return parseParagraphAnchor(anchor) !== null;
}
