import { sectionHeading } from "../../template/cells";
import type { ReportTemplate, SectionDef } from "../../template/types";
import type { Block, SourceLocation } from "../intermediate";
import { classifyLabel, editDistance, prepareLabel } from "./labels";
import { readNumber } from "./stated";

/**
 * Section headings in their real variants: with or without the numeral (「总体情况」), with other
 * separators (「一.」), a trailing 「。」 (seed 001), reworded (「五、存在问题及改进情况」), renumbered
 * after an extra section (seed 001's 七、其他需要报告的事项), Markdown-marked (seed 003), and the
 * pre-2019 format's 「三、公开平台建设和信息发布情况」. A heading is recognised by the words of its
 * section (SectionDef.recognisedBy); a numbered line the format does not know is an extra
 * section only when its numeral is the next one.
 */

export interface HeadingMatch {
  /** The section, or null for an extra section. */
  section: SectionDef | null;
  published: string;
  numeral?: number;
  at: SourceLocation;
}

export interface SectionRegion {
  heading: HeadingMatch;
  blocks: Block[];
}

const NUMBERED = /^(?:第\s*)?([一二三四五六七八九十]{1,3})\s*(?:部分)?\s*[、.．,，:：\s]\s*(.+)$/;
/** The pre-2019 format's platform section (公开平台建设和信息发布情况). */
const PLATFORM = /平台建设|信息发布/;

function recognise(sections: SectionDef[], body: string): SectionDef | undefined {
  const compact = body.replace(/[\s\u3000]+/g, "");
  return sections.find((s) => s.recognisedBy.some((words) => words.every((w) => compact.includes(w))));
}

/** Without a numeral, a heading must read as the official title, not merely share a word. */
function readsAsTitle(body: string, section: SectionDef): boolean {
  const published = prepareLabel(body);
  const official = prepareLabel(section.title);
  if (published.numbering) return false;
  const kind = classifyLabel(published, official);
  if (kind && kind !== "truncated" && kind !== "typo") return true;
  return editDistance(published.bare, official.bare, Math.floor(official.bare.length / 4)) <= Math.floor(official.bare.length / 4);
}

export interface HeadingState {
  seen: Set<string>;
  lastNumeral: number;
}

/**
 * Whether a line is a section heading, given the headings before it. `isTableLabel` keeps table
 * rows such as 「四、结转下年度继续办理」 from being read as headings.
 */
export function recogniseHeading(
  text: string,
  at: SourceLocation,
  template: ReportTemplate,
  state: HeadingState,
  isTableLabel: (text: string) => boolean,
): HeadingMatch | null {
  const published = text.trim();
  if (!published || published.length > 50 || /[。；;！？!?]/.test(published.slice(0, -1))) return null;
  if (isTableLabel(published)) return null;
  const numbered = NUMBERED.exec(published);
  if (numbered) {
    const numeral = readNumber(numbered[1]);
    if (numeral === undefined || numeral < state.lastNumeral) return null;
    const section = recognise(template.sections, numbered[2]);
    // An equal numeral: the line taken for an extra section before was a numbered paragraph.
    if (section && !state.seen.has(section.id)) return { section, published, numeral, at };
    if (numeral === state.lastNumeral) return null;
    if (!section && numeral === state.lastNumeral + 1 && numbered[2].length <= 30 && (PLATFORM.test(numbered[2]) || /情况|事项|工作$/.test(numbered[2]))) {
      return { section: null, published, numeral, at };
    }
    return null;
  }
  const section = recognise(template.sections, published);
  if (section && !state.seen.has(section.id) && readsAsTitle(published, section)) return { section, published, at };
  return null;
}

/**
 * Splits the blocks at section headings: the front matter before the first, then one region per
 * heading. A table row holding nothing but a section heading (a heading caught in a layout table)
 * splits its table.
 */
export function splitSections(
  blocks: Block[],
  template: ReportTemplate,
  isTableLabel: (text: string) => boolean,
): { front: Block[]; regions: SectionRegion[] } {
  const state: HeadingState = { seen: new Set(), lastNumeral: 0 };
  const front: Block[] = [];
  const regions: SectionRegion[] = [];
  const push = (block: Block) => (regions.length ? regions[regions.length - 1].blocks : front).push(block);
  const open = (heading: HeadingMatch) => {
    const last = regions[regions.length - 1];
    if (last && !last.heading.section && heading.numeral !== undefined && heading.numeral === last.heading.numeral) {
      // 「六、加强……工作」 inside 五 was no section: give it and what followed back.
      regions.pop();
      const previous = regions.length ? regions[regions.length - 1].blocks : front;
      previous.push({ kind: "paragraph", text: last.heading.published, at: last.heading.at }, ...last.blocks);
    }
    if (heading.section) state.seen.add(heading.section.id);
    if (heading.numeral !== undefined) state.lastNumeral = heading.numeral;
    regions.push({ heading, blocks: [] });
  };
  for (const block of blocks) {
    if (block.kind !== "table") {
      const heading = recogniseHeading(block.text, block.at, template, state, isTableLabel);
      if (heading) open(heading);
      else push(block);
      continue;
    }
    let rows: typeof block.rows = [];
    for (const row of block.rows) {
      const filled = row.filter((c) => c.text.trim() !== "");
      const heading =
        filled.length === 1 && !isTableLabel(filled[0].text) ? recogniseHeading(filled[0].text, filled[0].at, template, state, isTableLabel) : null;
      if (heading && heading.numeral !== undefined && heading.section) {
        if (rows.length) push({ kind: "table", rows, at: rows[0][0]?.at ?? block.at });
        rows = [];
        open(heading);
      } else {
        rows.push(row);
      }
    }
    if (rows.length) push({ kind: "table", rows, at: rows[0][0]?.at ?? block.at });
  }
  return { front, regions };
}

/** The official heading a section should carry. */
export function officialHeading(section: SectionDef): string {
  return sectionHeading(section);
}
