import type { Block } from "../intermediate";
import { joinLines, lineTop, type Line } from "./lines";
import { round } from "./page-content";

/**
 * Lines → paragraphs and headings. GB/T 9704 body text starts each paragraph with a 2-character
 * indent, continuation lines flush left, every line but the last justified to the full text
 * width; headings are set in other faces (黑体 for 一、, 楷体 or bold for （一）). So a paragraph
 * ends at a line shorter than the text width, before an indented line, at a change of font or
 * size, and at a wider gap than the line pitch; it continues over a page break when the page
 * ended on a full line and the next starts flush left.
 */

/** The body text's font, size, line pitch and, per page, its left and right edges. */
export interface BodyMetrics {
  font: string;
  size: number;
  pitch: number;
  left: Map<number, number>;
  right: Map<number, number>;
}

/** Means of the bins (of `bin` pt) that hold at least `minCount` values, ascending. */
function frequent(values: number[], bin: number, minCount: number): number[] {
  const bins = new Map<number, number[]>();
  for (const v of values) {
    const k = Math.round(v / bin);
    if (!bins.has(k)) bins.set(k, []);
    bins.get(k)!.push(v);
  }
  return [...bins.values()]
    .filter((group) => group.length >= minCount)
    .map((group) => group.reduce((s, v) => s + v, 0) / group.length)
    .sort((a, b) => a - b);
}

/** The most frequent value, binned at `bin` pt. */
function mode(values: number[], bin: number): number | undefined {
  const bins = new Map<number, number[]>();
  for (const v of values) {
    const k = Math.round(v / bin);
    if (!bins.has(k)) bins.set(k, []);
    bins.get(k)!.push(v);
  }
  let best: number[] | undefined;
  for (const group of bins.values()) if (!best || group.length > best.length) best = group;
  return best ? best.reduce((s, v) => s + v, 0) / best.length : undefined;
}

function weightedMode<T>(items: [T, number][]): T | undefined {
  const counts = new Map<T, number>();
  for (const [k, w] of items) counts.set(k, (counts.get(k) ?? 0) + w);
  let best: T | undefined;
  let bestCount = -1;
  for (const [k, c] of counts) {
    if (c > bestCount) {
      best = k;
      bestCount = c;
    }
  }
  return best;
}

const chars = (line: Line) => line.text.replace(/\s+/g, "").length;

export function bodyMetrics(lines: Line[]): BodyMetrics {
  const size = weightedMode(lines.map((l): [number, number] => [Math.round(l.size * 2) / 2, chars(l)])) ?? 12;
  const body = lines.filter((l) => Math.abs(l.size - size) <= 0.1 * size);
  const font = weightedMode(body.map((l): [string, number] => [l.font, chars(l)])) ?? "";
  const deltas: number[] = [];
  for (let i = 1; i < body.length; i++) {
    const d = body[i].y - body[i - 1].y;
    if (body[i].page === body[i - 1].page && d >= 1.1 * size && d <= 3 * size) deltas.push(d);
  }
  const pitch = mode(deltas, 0.5) ?? 1.5 * size;
  // The text block's edges: the leftmost start and the rightmost end of long lines that recur
  // (indented first lines, centred and short lines start and end inside). Taken per page where
  // the page shows them (mirrored margins), else from the pages of the same parity, else the
  // document's.
  const edges = (own: Line[], minCount: number) => {
    const starts = frequent(own.map((l) => l.x), 2, minCount);
    const ends = frequent(own.filter((l) => chars(l) >= 8).map((l) => l.right), 2, minCount);
    return { left: starts[0], right: ends[ends.length - 1] };
  };
  const whole = edges(body, 2);
  const docLeft = whole.left ?? Math.min(...body.map((l) => l.x));
  const docRight = whole.right ?? Math.max(...body.map((l) => l.right));
  const parity = [0, 1].map((odd) => edges(body.filter((l) => l.page % 2 === odd), 3));
  const left = new Map<number, number>();
  const right = new Map<number, number>();
  const slack = 0.5 * size;
  for (const page of new Set(lines.map((l) => l.page))) {
    const side = parity[page % 2];
    const baseLeft = side.left ?? docLeft;
    const baseRight = side.right ?? docRight;
    const own = edges(body.filter((l) => l.page === page), 2);
    left.set(page, own.left !== undefined && own.left < baseLeft + slack ? own.left : baseLeft);
    right.set(page, own.right !== undefined && own.right > baseRight - slack ? own.right : baseRight);
  }
  return { font, size, pitch, left, right };
}

const sameSize = (a: Line, b: Line) => Math.abs(a.size - b.size) <= 0.08 * Math.max(a.size, b.size);

function centred(line: Line, m: BodyMetrics): boolean {
  const left = m.left.get(line.page)!;
  const right = m.right.get(line.page)!;
  return line.x > left + line.size && Math.abs((line.x + line.right) / 2 - (left + right) / 2) <= line.size;
}

/** Whether `cur` continues the paragraph `prev` ends (`prev` is the line right before it). */
export function continues(prev: Line, cur: Line, m: BodyMetrics): boolean {
  if (prev.font !== cur.font || !sameSize(prev, cur)) return false;
  const size = Math.max(prev.size, cur.size);
  const samePage = prev.page === cur.page;
  // A title set in several centred lines is one.
  if (size >= 1.2 * m.size && samePage && centred(prev, m) && centred(cur, m) && cur.y - prev.y <= 2.2 * size) return true;
  if (samePage && cur.y - prev.y > Math.max(1.5 * m.pitch, 2.2 * size)) return false;
  if (prev.right < m.right.get(prev.page)! - 1.2 * prev.size) return false;
  const left = m.left.get(cur.page)!;
  return Math.abs(cur.x - left) <= 0.9 * cur.size;
}

const NUMBERED_1 = /^(?:[一二三四五六七八九十]{1,3}\s*[、.．]|第[一二三四五六七八九十]{1,3}部分)/;
const NUMBERED_2 = /^[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]/;

/**
 * A paragraph → a heading or a paragraph block. A heading is short, has no sentence end inside,
 * and is either set apart by its face or size, or a single line numbered 一、 or （一）.
 */
export function paragraphBlock(lines: Line[], m: BodyMetrics): Block {
  const text = lines.reduce((acc, line) => joinLines(acc, line.text), "");
  const first = lines[0];
  const at = { kind: "pdf" as const, page: first.page, x: round(first.x), y: round(lineTop(first)) };
  const short = text.length <= 40 && !/[。；;！？!?]/.test(text.slice(0, -1)) && !/[。；;，,]$/.test(text);
  if (short) {
    const size = Math.max(...lines.map((l) => l.size));
    const ownFace = first.font !== m.font || size > 1.15 * m.size;
    if (size >= 1.2 * m.size) return { kind: "heading", text, level: 1, at };
    const single = lines.length === 1;
    if (NUMBERED_1.test(text) && (ownFace || single)) return { kind: "heading", text, level: 1, at };
    if (NUMBERED_2.test(text) && (ownFace || single)) return { kind: "heading", text, level: 2, at };
    if (ownFace && lines.length <= 2) return { kind: "heading", text, level: 2, at };
  }
  return { kind: "paragraph", text, at };
}
