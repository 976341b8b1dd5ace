import type { ReportDocument } from "@/lib/document/types";
import { TABLE_NAMES, templateCells } from "@/lib/template/cells";
import type { FormatVersion } from "@/lib/template/types";
import { TEMPLATES } from "@/templates";
import {
  anchorKey,
  formatPart,
  parseParagraphAnchor,
  parseSectionHeadingAnchor,
  parseTopicAnchor,
  sectionHeadingAnchor,
  type Anchor,
  type AnchorType,
} from "@/lib/comments/anchors";

/** An anchor that exists in the rendered report, with what a reviewer reads there. */
export interface AnchorInfo extends Anchor {
  key: string;
  /** Where it is, in words: 表三（收到和处理申请）… ／ 自然人, 前言 第 1 段. */
  label: string;
  /** The text or value there now (the comment's quote). */
  text: string;
}

/** Prefix of the element ids of the report on the review page (keeps them apart from page ids). */
export const REPORT_ID_PREFIX = "doc-";

const TYPE_NAMES: Record<AnchorType, string> = { SECTION: "章节", PARAGRAPH: "段落", CELL: "单元格" };

/** 表三（收到和处理申请） 三、本年度办理结果 › （三）不予公开 ／ 自然人 */
function cellLabel(format: FormatVersion, ref: string): string | null {
  const template = TEMPLATES[format];
  const def = template && templateCells(template).get(ref);
  if (!def) return null;
  const row = def.rowLabels.filter(Boolean).join(" › ");
  const col = def.colLabels.filter(Boolean).join(" › ");
  return `${TABLE_NAMES[def.table]} ${row}${row && col ? " ／ " : ""}${col}`;
}

/**
 * Every commentable place of a rendered report, in reading order: section headings, body
 * paragraphs and table value cells. The review page labels comment groups and orders them with
 * it, and the comment form quotes the text from it.
 */
export function documentAnchors(doc: ReportDocument): AnchorInfo[] {
  const format = doc.meta.format as FormatVersion;
  const anchors: AnchorInfo[] = [];
  let part = "前言";
  // Topic headings of 一、总体情况 by anchor (overview-2); an untitled topic has none.
  const topics = new Map<string, string>();
  const push = (type: AnchorType, anchor: string, label: string, text: string) => anchors.push({ type, anchor, key: anchorKey(type, anchor), label, text });

  for (const block of doc.blocks) {
    if (block.type === "heading") {
      if (block.level === 1 && block.section) {
        part = block.text;
        push("SECTION", block.section, `${TYPE_NAMES.SECTION}：${block.text}`, block.text);
      } else {
        topics.set(block.anchor, block.text);
      }
    } else if (block.type === "paragraph") {
      // The signature and date lines are not commentable.
      const paragraph = block.role === "body" ? parseParagraphAnchor(block.anchor) : null;
      if (!paragraph) continue;
      const base = formatPart(paragraph.part);
      const where = paragraph.part.kind === "topic" ? `${part} · ${topics.get(base) ?? `第 ${paragraph.part.topic} 部分`}` : part;
      push("PARAGRAPH", block.anchor, `${where} 第 ${paragraph.paragraph} 段`, block.inlines.map((i) => i.text).join(""));
    } else if (block.type === "table") {
      for (const row of block.table.bodyGroups.flat()) {
        for (const cell of row.cells) {
          if (cell.role !== "value" || !cell.ref) continue;
          const ref = `${cell.ref.table}.${cell.ref.row}.${cell.ref.col}`;
          push("CELL", ref, cellLabel(format, ref) ?? ref, cell.text);
        }
      }
    }
  }
  return anchors;
}

/** A label for an anchor that is no longer in the report (the paragraph was deleted, say). */
export function fallbackAnchorLabel(anchor: Anchor, format?: FormatVersion): string {
  if (anchor.type === "CELL" && format) {
    const label = cellLabel(format, anchor.anchor);
    if (label) return label;
  }
  return `${TYPE_NAMES[anchor.type]} ${anchor.anchor}（当前报告中已没有此处）`;
}

/** What a tag, id and data-ref of a clicked element stand for; the logic of anchorOfElement. */
export function anchorOfParts(parts: { tag: string; id?: string | null; ref?: string | null; text?: string }, prefix = REPORT_ID_PREFIX): (Anchor & { quote?: string }) | null {
  const tag = parts.tag.toLowerCase();
  if (tag === "td" && parts.ref) return { type: "CELL", anchor: parts.ref };
  const id = parts.id && parts.id.startsWith(prefix) ? parts.id.slice(prefix.length) : null;
  if (!id) return null;
  if (tag === "p" && parseParagraphAnchor(id)) return { type: "PARAGRAPH", anchor: id };
  const section = tag === "h2" ? parseSectionHeadingAnchor(id) : null;
  if (section) return { type: "SECTION", anchor: section };
  // A topic heading of 一、总体情况 has no anchor of its own: the comment goes to the section,
  // quoting the heading so the reader knows which one.
  if (tag === "h3" && parseTopicAnchor(id) !== null) return { type: "SECTION", anchor: "overview", quote: parts.text };
  return null;
}

/** The commentable element a click or key press landed in, and its anchor. */
export function anchorOfElement(start: Element, prefix = REPORT_ID_PREFIX): { element: HTMLElement; anchor: Anchor & { quote?: string } } | null {
  const element = start.closest<HTMLElement>("td[data-ref], p[id], h2[id], h3[id]");
  if (!element) return null;
  const anchor = anchorOfParts({ tag: element.tagName, id: element.id, ref: element.getAttribute("data-ref"), text: element.textContent ?? "" }, prefix);
  return anchor ? { element, anchor } : null;
}

/** The element of an anchor inside the rendered report (a SECTION is its heading). */
export function elementOfAnchor(root: ParentNode, anchor: Anchor, prefix = REPORT_ID_PREFIX): HTMLElement | null {
  if (anchor.type === "CELL") return root.querySelector<HTMLElement>(`td[data-ref="${cssString(anchor.anchor)}"]`);
  const id = `${prefix}${anchor.type === "SECTION" ? sectionHeadingAnchor(anchor.anchor) : anchor.anchor}`;
  return root.querySelector<HTMLElement>(`[id="${cssString(id)}"]`);
}

/** Escapes a value for a double-quoted CSS attribute selector. */
function cssString(value: string): string {
  return value.replace(/["\\]/g, "\\$&");
}

/** Threads as the grouping needs them. */
export interface ThreadLike {
  anchorType: AnchorType;
  anchor: string;
  resolvedAt: Date | string | null;
  createdAt: Date | string;
}

export interface ThreadGroup<T extends ThreadLike> extends Anchor {
  key: string;
  threads: T[];
  /** Threads not yet resolved. */
  open: number;
}

/**
 * Comment threads grouped by the place they are anchored to, groups in reading order of the
 * report (anchors no longer in the report last, oldest first), threads oldest first.
 */
export function groupThreadsByAnchor<T extends ThreadLike>(threads: T[], order: string[]): ThreadGroup<T>[] {
  const position = new Map(order.map((key, i) => [key, i]));
  const groups = new Map<string, ThreadGroup<T>>();
  const time = (t: ThreadLike) => new Date(t.createdAt).getTime();
  for (const thread of [...threads].sort((a, b) => time(a) - time(b))) {
    const key = anchorKey(thread.anchorType, thread.anchor);
    const group = groups.get(key) ?? { key, type: thread.anchorType, anchor: thread.anchor, threads: [], open: 0 };
    group.threads.push(thread);
    if (!thread.resolvedAt) group.open++;
    groups.set(key, group);
  }
  const rank = (g: ThreadGroup<T>) => position.get(g.key) ?? Number.MAX_SAFE_INTEGER;
  return [...groups.values()].sort((a, b) => rank(a) - rank(b) || time(a.threads[0]) - time(b.threads[0]));
}
