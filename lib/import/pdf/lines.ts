import type { TextRun } from "./page-content";

/**
 * Text runs → lines. A PDF has no spaces between CJK characters and often no space characters
 * at all: words, and the pieces a producer splits a line into (a font change for digits, a
 * kerning adjustment), are only positions. Runs on one baseline form a line; within it, runs
 * close together are joined — without a space where either side is CJK, since Chinese has none,
 * unless the gap is as wide as a character — and runs far apart (columns of a table drawn
 * without rules) stay separate chunks.
 */

/** A piece of a line: runs joined without a wide gap. */
export interface Chunk {
  text: string;
  x: number;
  right: number;
  /** Baseline. */
  y: number;
  size: number;
  font: string;
  /** The runs it was joined from. */
  runs: TextRun[];
}

export interface Line {
  page: number;
  /** Chunks in reading order, separated by wide gaps. */
  chunks: Chunk[];
  /** The chunks' text joined with a space. */
  text: string;
  x: number;
  right: number;
  /** Baseline. */
  y: number;
  /** Largest font size on the line. */
  size: number;
  /** The font of most of its characters. */
  font: string;
}

/** CJK ideographs, kana, CJK and full-width punctuation, and the quotes and dashes CJK text uses. */
const CJK = /[\u2e80-\u2fff\u3000-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2014\u2018\u2019\u201c\u201d\u2026\u00b7]/u;

export const isCjk = (ch: string | undefined) => ch !== undefined && CJK.test(ch);

const lastChar = (s: string) => {
  const chars = [...s];
  return chars[chars.length - 1];
};
const firstChar = (s: string) => [...s][0];

/** A gap between runs wider than this (in em) separates chunks (table columns without rules). */
export const CHUNK_GAP_EM = 1.6;
/** A gap next to CJK text counts as a space from this width (em): justification spreads less. */
const CJK_SPACE_EM = 0.8;
/** A gap between Latin letters or digits counts as a space from this width (em). */
const LATIN_SPACE_EM = 0.15;

/** Joins two runs of one chunk, with a space when the gap between them is one. */
export function joinRuns(left: string, right: string, gap: number, size: number): string {
  if (/\s$/.test(left) || /^\s/.test(right)) return left + right;
  const cjk = isCjk(lastChar(left)) || isCjk(firstChar(right));
  const space = gap >= (cjk ? CJK_SPACE_EM : LATIN_SPACE_EM) * size;
  return space ? `${left} ${right}` : left + right;
}

/**
 * Joins the lines of one paragraph or cell. CJK text runs on without a space, and so does
 * everything else but Latin prose: Chinese typesetting breaks numbers, telephone numbers, URLs
 * and e-mail addresses anywhere (0952-22 | 16049, http://gaj.shizuishan. | gov.cn/), and a space
 * there would change them. Only a plain word after another word gets its space back.
 */
export function joinLines(left: string, right: string): string {
  if (!left) return right;
  if (!right) return left;
  const a = lastChar(left);
  const b = firstChar(right);
  if (/\s/.test(a) || /\s/.test(b)) return left + right;
  const prose = /[A-Za-z]/.test(b) && /\s[A-Za-z'’]+$/.test(left);
  return prose ? `${left} ${right}` : left + right;
}

function dominantFont(runs: TextRun[]): string {
  const counts = new Map<string, number>();
  for (const r of runs) counts.set(r.font, (counts.get(r.font) ?? 0) + r.text.trim().length);
  let best = runs[0]?.font ?? "";
  let bestCount = -1;
  for (const [font, count] of counts) {
    if (count > bestCount) {
      best = font;
      bestCount = count;
    }
  }
  return best;
}

/** Whether `b` repeats `a` at (almost) the same place: fake bold or a shadow printed twice. */
function isOverprint(a: TextRun, b: TextRun): boolean {
  return a.text === b.text && Math.abs(a.x - b.x) <= 0.2 * a.size && Math.abs(a.y - b.y) <= 0.2 * a.size;
}

/** Groups runs into lines, top to bottom, each left to right. */
export function buildLines(runs: TextRun[], page: number): Line[] {
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: TextRun[][] = [];
  let current: TextRun[] = [];
  let baseline = 0;
  let size = 0;
  for (const run of sorted) {
    // Same baseline: within a third of the smaller font size of the line's first run.
    if (current.length && run.y - baseline <= 0.3 * Math.min(size, run.size)) {
      current.push(run);
      continue;
    }
    if (current.length) groups.push(current);
    current = [run];
    baseline = run.y;
    size = run.size;
  }
  if (current.length) groups.push(current);
  return groups.map((group) => lineOf(group, page));
}

function lineOf(group: TextRun[], page: number): Line {
  const runs = [...group].sort((a, b) => a.x - b.x);
  const chunks: Chunk[] = [];
  let parts: TextRun[] = [];
  let text = "";
  let right = 0;
  const flush = () => {
    if (!parts.length) return;
    const x = parts[0].x;
    chunks.push({ text: text.trim(), x, right, y: parts[0].y, size: Math.max(...parts.map((p) => p.size)), font: dominantFont(parts), runs: parts });
    parts = [];
    text = "";
  };
  for (const run of runs) {
    const prev = parts[parts.length - 1];
    if (prev && isOverprint(prev, run)) continue;
    const size = Math.max(run.size, prev?.size ?? 0);
    const gap = run.x - right;
    if (prev && gap > CHUNK_GAP_EM * size) flush();
    text = parts.length ? joinRuns(text, run.text, gap, size) : run.text;
    parts.push(run);
    right = Math.max(parts.length > 1 ? right : 0, run.x + run.width);
  }
  flush();
  const kept = chunks.filter((c) => c.text);
  const all = kept.length ? kept : chunks;
  return {
    page,
    chunks: all,
    text: all.map((c) => c.text).join(" "),
    x: all[0].x,
    right: Math.max(...all.map((c) => c.right)),
    y: Math.min(...all.map((c) => c.y)),
    size: Math.max(...all.map((c) => c.size)),
    font: dominantFont(runs),
  };
}

/** Top of a line's text (the em box of CJK glyphs reaches 0.88 em above the baseline). */
export const lineTop = (line: { y: number; size: number }) => line.y - 0.88 * line.size;

/** Page numbers as printed: 「— 3 —」, 「- 3 -」, 「3」, 「第 3 页」, 「第 3 页 共 9 页」, 「3/9」. */
const PAGE_NUMBER =
  /^[\s\-—–－―~～·•]*(?:第\s*)?[0-9０-９]{1,4}\s*(?:页)?(?:\s*(?:[/／]|共)\s*[0-9０-９]{1,4}\s*页?)?[\s\-—–－―~～·•]*$|^[\s\-—–－―]*(?:page|Page|PAGE)\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?[\s\-—–－―]*$/;

/** The top and bottom margins where running heads and page numbers sit (share of the page). */
const MARGIN_ZONE = 0.14;

function inMarginZone(line: Line, height: number): boolean {
  return line.y <= MARGIN_ZONE * height || lineTop(line) >= (1 - MARGIN_ZONE) * height;
}

/**
 * Drops page numbers and running heads and feet: a page-number line in a page's top or bottom
 * margin, and a line whose text (digits aside) recurs in the same margin on at least half of the
 * pages (two at least).
 */
export function dropRunningLines(pages: { lines: Line[]; height: number }[]): void {
  const key = (line: Line, height: number) => `${line.y < height / 2 ? "top" : "bottom"}:${line.text.replace(/[0-9０-９]+/g, "#").replace(/\s+/g, "")}`;
  const seen = new Map<string, Set<number>>();
  pages.forEach(({ lines, height }, p) => {
    for (const line of lines) {
      if (!inMarginZone(line, height)) continue;
      const k = key(line, height);
      if (!seen.has(k)) seen.set(k, new Set());
      seen.get(k)!.add(p);
    }
  });
  const needed = Math.max(2, Math.ceil(pages.length / 2));
  for (const page of pages) {
    page.lines = page.lines.filter((line) => {
      if (!inMarginZone(line, page.height)) return true;
      if (PAGE_NUMBER.test(line.text)) return false;
      return (seen.get(key(line, page.height))?.size ?? 0) < needed;
    });
  }
}
