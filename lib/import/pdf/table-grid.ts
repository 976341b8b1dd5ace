import type { GridCell, SourceLocation } from "../intermediate";
import { buildLines, joinLines, lineTop } from "./lines";
import { round } from "./page-content";
import type { CellBox, TablePart } from "./ruled-tables";

/**
 * Table parts → the intermediate's grid. A table that runs over a page break is drawn as one
 * part per page, often with its header rows repeated: the parts are stacked into one table and
 * the repeated header dropped. The grid's columns and rows are the distinct edges of all cell
 * boxes; a box covering several of them is a cell with colSpan/rowSpan, and the positions it
 * covers are cells with `mergedFrom`.
 */

/** A cell box with its text, in the coordinates of the stacked table (y of later parts shifted). */
interface StackedCell {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  text: string;
  at: SourceLocation;
}

/** Edges this close (pt) are one. */
const EDGE = 1.5;

const compact = (text: string) => text.replace(/\s+/g, "");

/** A cell's text: its lines joined (no spaces between CJK lines), and where the text starts. */
function cellText(cell: CellBox, page: number): { text: string; at: SourceLocation } {
  const lines = buildLines(cell.runs, page);
  if (!lines.length) return { text: "", at: { kind: "pdf", page, x: round(cell.x0), y: round(cell.y0) } };
  const text = lines.reduce((acc, line) => joinLines(acc, line.text), "");
  const first = lines[0];
  return { text, at: { kind: "pdf", page, x: round(first.x), y: round(lineTop(first)) } };
}

function stackedCells(part: TablePart): StackedCell[] {
  return part.cells.map((cell) => ({ x0: cell.x0, x1: cell.x1, y0: cell.y0, y1: cell.y1, ...cellText(cell, part.page) }));
}

/** Whether two parts are the same table's columns: same left and right edge. */
export function sameWidth(a: { x0: number; x1: number }, b: { x0: number; x1: number }): boolean {
  return Math.abs(a.x0 - b.x0) <= 3 && Math.abs(a.x1 - b.x1) <= 3;
}

/** Heights from the top at which no cell crosses: the candidate ends of a header band. */
function cleanCuts(cells: StackedCell[], top: number): number[] {
  const ends = [...new Set(cells.map((c) => round(c.y1 - top)))].sort((a, b) => a - b);
  return ends.filter((h) => !cells.some((c) => c.y0 - top < h - EDGE && c.y1 - top > h + EDGE));
}

/** The cells of the band [top, top + height], sorted. */
function band(cells: StackedCell[], top: number, height: number): StackedCell[] {
  return cells.filter((c) => c.y1 - top <= height + EDGE).sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}

/**
 * The height of the header band `part` repeats from the top of `first` (the same boxes with the
 * same texts), or 0. The band is the tallest that matches and leaves rows below it.
 */
function repeatedHeader(first: StackedCell[], firstTop: number, part: StackedCell[], partTop: number, partBottom: number): number {
  const firstCuts = new Set(cleanCuts(first, firstTop));
  const cuts = cleanCuts(part, partTop).filter((h) => h < partBottom - partTop - EDGE && [...firstCuts].some((f) => Math.abs(f - h) <= EDGE));
  for (const height of cuts.reverse()) {
    const a = band(first, firstTop, height);
    const b = band(part, partTop, height);
    if (!a.length || a.length !== b.length) continue;
    const same = a.every((ca, i) => {
      const cb = b[i];
      return (
        Math.abs(ca.x0 - cb.x0) <= EDGE * 2 &&
        Math.abs(ca.x1 - cb.x1) <= EDGE * 2 &&
        Math.abs(ca.y0 - firstTop - (cb.y0 - partTop)) <= EDGE * 2 &&
        Math.abs(ca.y1 - firstTop - (cb.y1 - partTop)) <= EDGE * 2 &&
        compact(ca.text) === compact(cb.text)
      );
    });
    if (same) return height;
  }
  return 0;
}

/**
 * Stacks the parts of one table: each later part below the one before, without the header rows
 * it repeats. A row span that a page break cut is restored: where the part before ends inside a
 * cell spanning rows and the next part starts with a cell of the same columns that is empty or
 * repeats its label (the printed remainder of the span; our renderer names a continued group
 * again), the two are one cell.
 */
function stack(parts: TablePart[]): StackedCell[] {
  const first = stackedCells(parts[0]);
  const cells = [...first];
  let bottom = parts[0].y1;
  for (const part of parts.slice(1)) {
    const own = stackedCells(part);
    const header = repeatedHeader(first, parts[0].y0, own, part.y0, part.y1);
    const cut = part.y0 + header;
    const body = own.filter((c) => c.y0 >= cut - EDGE);
    const shift = bottom - cut;
    const previousBottom = bottom;
    for (const c of body) {
      const moved = { ...c, y0: c.y0 + shift, y1: c.y1 + shift };
      if (Math.abs(c.y0 - cut) <= EDGE) {
        const above = cells.find(
          (a) =>
            (!c.text || compact(c.text) === compact(a.text)) &&
            Math.abs(a.y1 - previousBottom) <= EDGE &&
            Math.abs(a.x0 - c.x0) <= EDGE * 2 &&
            Math.abs(a.x1 - c.x1) <= EDGE * 2 &&
            cells.some((o) => o !== a && o.y1 > a.y0 + EDGE && o.y1 < a.y1 - EDGE),
        );
        if (above) {
          above.y1 = moved.y1;
          continue;
        }
      }
      cells.push(moved);
    }
    bottom = previousBottom + (part.y1 - cut);
  }
  return cells;
}

/** Index of the edge nearest to `value`. */
function nearest(edges: number[], value: number): number {
  let best = 0;
  for (let i = 1; i < edges.length; i++) if (Math.abs(edges[i] - value) < Math.abs(edges[best] - value)) best = i;
  return best;
}

function distinct(values: number[]): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((a, b) => a - b)) if (!out.length || v - out[out.length - 1] > EDGE) out.push(v);
  return out;
}

/** One table from its parts (one per page, in order): rows of grid cells. */
export function tableGrid(parts: TablePart[]): GridCell[][] {
  const cells = stack(parts);
  const xs = distinct(cells.flatMap((c) => [c.x0, c.x1]));
  const ys = distinct(cells.flatMap((c) => [c.y0, c.y1]));
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  const grid: (GridCell | undefined)[][] = Array.from({ length: rows }, () => new Array<GridCell | undefined>(cols).fill(undefined));
  const ordered = [...cells].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  for (const cell of ordered) {
    const r0 = nearest(ys, cell.y0);
    const r1 = Math.max(r0 + 1, nearest(ys, cell.y1));
    const c0 = nearest(xs, cell.x0);
    const c1 = Math.max(c0 + 1, nearest(xs, cell.x1));
    if (r0 >= rows || c0 >= cols || grid[r0][c0]) continue;
    const origin: GridCell = { text: cell.text, at: cell.at };
    if (r1 - r0 > 1) origin.rowSpan = r1 - r0;
    if (c1 - c0 > 1) origin.colSpan = c1 - c0;
    for (let r = r0; r < Math.min(r1, rows); r++) {
      for (let c = c0; c < Math.min(c1, cols); c++) {
        if (grid[r][c]) continue;
        grid[r][c] = r === r0 && c === c0 ? origin : { text: "", at: cell.at, mergedFrom: { row: r0, col: c0 } };
      }
    }
  }
  const first = parts[0];
  const fallback: SourceLocation = { kind: "pdf", page: first.page, x: round(first.x0), y: round(first.y0) };
  return grid.map((row) => row.map((cell) => cell ?? { text: "", at: fallback }));
}
