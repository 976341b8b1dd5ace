import type { Block, GridCell, ImportDocument } from "../intermediate";

/**
 * The plain-text parser: text as copied from a web page or extracted from a file (the five files
 * in shared/seeds are exactly this) into the import intermediate.
 *
 * - Every non-blank line outside a table is a paragraph (a Markdown `#` line a heading); joining
 *   lines that a page break or a line wrap split is the mapper's business, it knows sentences.
 * - A line with a tab or a `|` is a table row. Consecutive table lines, with blank lines between
 *   them, form one table.
 * - A table whose lines never hold more than one non-empty cell is flattened one cell per line
 *   (seeds 001, 002): with blank lines between groups (seed 001) each group is one row, and a
 *   line without a tab right after a blank line continues the cell before it (seed 001's
 *   「结果」 / 「维持」); without blank lines each line stays a row of its own.
 * - Separator lines (`---`, `|---|---|`) are layout, not content.
 * - Markdown emphasis (`**`), autolinks (`<http://…>`) and links are reduced to their text.
 *
 * Labels and numbers printed without delimiters ("规章 0 0 1") stay paragraphs: only the mapper
 * knows which text is a label.
 */

/** Longer input is cut here (a real report is a few hundred KB at most); the mapper says so. */
export const MAX_TEXT_LENGTH = 2_000_000;

interface Line {
  /** 1-based line number. */
  no: number;
  kind: "blank" | "separator" | "cells" | "text";
  text: string;
  cells: GridCell[];
  heading?: number;
}

const BLANK = /^[\s\u3000\u00a0\ufeff]*$/;
/** `---`, `|---|:---:|`, `====`: checked as two linear tests (one pattern would backtrack). */
const SEPARATOR_CHARS = /^[\s|:：+\-—=_]+$/;
const SEPARATOR_RUN = /[-—=_]{3}/;
const MARKDOWN_HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
/** Longer lines are never headings (and the heading pattern is not run on them). */
const MAX_HEADING_LINE = 300;

/** Markdown and HTML residue in copied text, reduced to what a reader sees. */
export function cleanInline(text: string): string {
  let out = text;
  if (out.includes("*") || out.includes("__")) out = out.replace(/\*\*|__/g, "");
  if (out.includes("<")) out = out.replace(/<((?:https?:\/\/|mailto:|www\.)[^<>\s]*)>/gi, "$1");
  if (out.includes("](")) out = out.replace(/!?\[([^\]\n]{0,300})\]\([^)\s]{0,500}\)/g, "$1");
  if (out.includes("&")) {
    out = out.replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (_, name: string) =>
      name === "nbsp" ? " " : name === "amp" ? "&" : name === "lt" ? "<" : name === "gt" ? ">" : name === "quot" ? '"' : "'",
    );
  }
  // String.prototype.trim covers the ideographic space, NBSP and BOM.
  return out.trim();
}

/** Splits a line into cells with their 1-based start columns. */
function splitCells(raw: string, no: number): GridCell[] {
  const cells: GridCell[] = [];
  const push = (text: string, column: number) => cells.push({ text: cleanInline(text), at: { kind: "text", line: no, column } });
  if (raw.includes("\t")) {
    let column = 1;
    for (const part of raw.split("\t")) {
      push(part, column);
      column += part.length + 1;
    }
    return cells;
  }
  // `|`: a Markdown row `| a | b |` has a leading and a trailing pipe; extracted text ends each
  // cell with one ("规章 |", "第二十条第(一)项 | |||" = the heading and three empty cells).
  let body = raw;
  let offset = 1;
  const lead = /^\s*\|/.exec(body);
  if (lead) {
    offset += lead[0].length;
    body = body.slice(lead[0].length);
  }
  body = body.replace(/\|\s*$/, "");
  let column = offset;
  for (const part of body.split("|")) {
    push(part, column);
    column += part.length + 1;
  }
  return cells;
}

function classify(raw: string, no: number): Line {
  // A lone tab is an empty cell of a one-cell-per-line table (seed 001), not a blank line.
  if (BLANK.test(raw) && !raw.includes("\t")) return { no, kind: "blank", text: "", cells: [] };
  if (SEPARATOR_CHARS.test(raw) && SEPARATOR_RUN.test(raw)) return { no, kind: "separator", text: "", cells: [] };
  if (raw.includes("\t") || raw.includes("|")) return { no, kind: "cells", text: raw, cells: splitCells(raw, no) };
  const heading = raw.length <= MAX_HEADING_LINE && raw.trimStart().startsWith("#") ? MARKDOWN_HEADING.exec(raw) : null;
  if (heading) return { no, kind: "text", text: cleanInline(heading[2]), cells: [], heading: heading[1].length };
  return { no, kind: "text", text: cleanInline(raw), cells: [] };
}

const nonEmpty = (cells: GridCell[]) => cells.filter((c) => c.text !== "").length;

/** The one cell a line of a one-cell-per-line table holds. */
function onlyCell(line: Line): GridCell {
  return line.cells.find((c) => c.text !== "") ?? line.cells.at(-1) ?? { text: "", at: { kind: "text", line: line.no } };
}

/** Rows of one table from its lines (blank lines and continuation lines included). */
function tableRows(lines: Line[]): GridCell[][] {
  const cellLines = lines.filter((l) => l.kind === "cells");
  const onePerLine = cellLines.every((l) => nonEmpty(l.cells) <= 1);
  if (!onePerLine) {
    return lines
      .filter((l) => l.kind === "cells" || l.kind === "text")
      .map((l) => (l.kind === "cells" ? l.cells : [{ text: l.text, at: { kind: "text", line: l.no } }]));
  }
  const grouped = lines.some((l) => l.kind === "blank");
  if (!grouped) return cellLines.map((l) => [onlyCell(l)]);
  const rows: GridCell[][] = [];
  let row: GridCell[] = [];
  let pendingBreak = false;
  for (const line of lines) {
    if (line.kind === "blank") {
      pendingBreak = row.length > 0;
    } else if (line.kind === "text") {
      // A wrapped cell: 「结果」, blank line, 「维持」 (seed 001).
      const last = row.at(-1);
      if (last) last.text += line.text;
      pendingBreak = false;
    } else if (line.kind === "cells") {
      if (pendingBreak) {
        rows.push(row);
        row = [];
        pendingBreak = false;
      }
      const cell = onlyCell(line);
      row.push({ ...cell });
    }
  }
  if (row.length) rows.push(row);
  return rows;
}

/**
 * Whether a text line inside a table continues the cell before it: it follows a blank line that
 * follows a table line, and a table line comes right after it (seed 001). Short lines only: a
 * paragraph ends the table.
 */
function isContinuation(lines: Line[], i: number): boolean {
  const line = lines[i];
  if (line.kind !== "text" || line.heading || line.text.length > 40) return false;
  const next = lines[i + 1];
  if (!next || next.kind !== "cells" || nonEmpty(next.cells) > 1) return false;
  let j = i - 1;
  if (j < 0 || lines[j].kind !== "blank") return false;
  while (j >= 0 && lines[j].kind === "blank") j--;
  return j >= 0 && lines[j].kind === "cells" && nonEmpty(lines[j].cells) <= 1;
}

export function parseText(input: string): ImportDocument {
  const text = input.length > MAX_TEXT_LENGTH ? input.slice(0, MAX_TEXT_LENGTH) : input;
  const lines = text.split(/\r\n|\r|\n/).map((raw, i) => classify(raw, i + 1));
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.kind === "blank" || line.kind === "separator") {
      i++;
      continue;
    }
    if (line.kind === "text") {
      // Markup alone (「**」, 「#」) leaves nothing to read.
      if (!line.text) {
        i++;
        continue;
      }
      blocks.push(
        line.heading
          ? { kind: "heading", text: line.text, level: line.heading, at: { kind: "text", line: line.no } }
          : { kind: "paragraph", text: line.text, at: { kind: "text", line: line.no } },
      );
      i++;
      continue;
    }
    // A table: table lines, with blank lines, separators and continuation lines between them.
    const start = i;
    let end = i;
    let j = i + 1;
    while (j < lines.length) {
      const kind = lines[j].kind;
      if (kind === "cells") {
        end = j;
      } else if (kind === "text") {
        if (!isContinuation(lines, j)) break;
      }
      j++;
    }
    const own = lines.slice(start, end + 1).filter((l) => l.kind !== "separator");
    blocks.push({ kind: "table", rows: tableRows(own), at: { kind: "text", line: line.no } });
    i = end + 1;
  }
  return { source: "text", blocks };
}
