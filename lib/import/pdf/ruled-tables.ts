import type { Segment, TextRun } from "./page-content";

/**
 * Tables drawn with rules. The rules of a page are merged into horizontal and vertical lines;
 * lines that touch form a table; the distinct x of its vertical lines and y of its horizontal
 * lines cut it into a fine grid, and two neighbouring grid positions belong to one cell when no
 * rule separates them — so a cell spanning several columns or rows comes out as one box. Text
 * belongs to the cell its centre lies in.
 */

/** A cell of a table part: its box on the page and the runs printed in it. */
export interface CellBox {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  runs: TextRun[];
}

/** One table as drawn on one page. */
export interface TablePart {
  page: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  cells: CellBox[];
}

/** A ruled table part and its fine grid: which cell covers each grid position. */
interface RuledPart extends TablePart {
  xs: number[];
  ys: number[];
  owner: CellBox[];
}

interface HLine {
  y: number;
  x0: number;
  x1: number;
}

interface VLine {
  x: number;
  y0: number;
  y1: number;
}

/** Rules this close (pt) are one: the bottom rule of a table and the top rule of the next. */
const SAME_LINE = 1.2;
/** Pieces of one rule with gaps up to this (pt) are joined. */
const JOIN_GAP = 2;
/** A rule ending this close (pt) to another touches it. */
const TOUCH = 2;
/** Rules shorter than this (pt) are ignored (tick marks, glyph-like strokes). */
const MIN_RULE = 3;
/** A page with more rules than this is a drawing (a map, a chart), not tables. */
const MAX_RULES = 4000;
/** A rule separates two grid positions when it covers this share of their common edge. */
const COVER = 0.5;

/** Merges overlapping or nearly touching intervals of rules at (nearly) the same coordinate. */
function mergeRules<T>(items: { at: number; from: number; to: number }[], make: (at: number, from: number, to: number) => T): T[] {
  const sorted = [...items].sort((a, b) => a.at - b.at || a.from - b.from);
  const out: T[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1].at - sorted[j].at <= SAME_LINE) j++;
    const group = sorted.slice(i, j + 1).sort((a, b) => a.from - b.from);
    const at = group.reduce((s, g) => s + g.at, 0) / group.length;
    let from = group[0].from;
    let to = group[0].to;
    for (const g of group.slice(1)) {
      if (g.from <= to + JOIN_GAP) {
        to = Math.max(to, g.to);
      } else {
        out.push(make(at, from, to));
        from = g.from;
        to = g.to;
      }
    }
    out.push(make(at, from, to));
    i = j + 1;
  }
  return out;
}

function splitRules(segments: Segment[]): { h: HLine[]; v: VLine[] } {
  const h: { at: number; from: number; to: number }[] = [];
  const v: { at: number; from: number; to: number }[] = [];
  for (const s of segments) {
    const dx = Math.abs(s.x2 - s.x1);
    const dy = Math.abs(s.y2 - s.y1);
    if (![s.x1, s.x2, s.y1, s.y2].every(Number.isFinite)) continue;
    if (dy <= 1 && dx >= MIN_RULE) h.push({ at: (s.y1 + s.y2) / 2, from: Math.min(s.x1, s.x2), to: Math.max(s.x1, s.x2) });
    else if (dx <= 1 && dy >= MIN_RULE) v.push({ at: (s.x1 + s.x2) / 2, from: Math.min(s.y1, s.y2), to: Math.max(s.y1, s.y2) });
  }
  return {
    h: mergeRules(h, (y, x0, x1) => ({ y, x0, x1 })),
    v: mergeRules(v, (x, y0, y1) => ({ x, y0, y1 })),
  };
}

class UnionFind {
  private parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number) {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[rb] = ra;
  }
}

const touches = (h: HLine, v: VLine) => v.x >= h.x0 - TOUCH && v.x <= h.x1 + TOUCH && h.y >= v.y0 - TOUCH && h.y <= v.y1 + TOUCH;

/** Sorted distinct values, values closer than `tolerance` taken as one. */
function distinct(values: number[], tolerance: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) {
    if (out.length && v - out[out.length - 1] <= tolerance) continue;
    out.push(v);
  }
  return out;
}

/** Share of [from, to] covered by the intervals. */
function coverage(intervals: [number, number][], from: number, to: number): number {
  const length = to - from;
  if (length <= 0) return 1;
  let covered = 0;
  let reach = from;
  for (const [a, b] of [...intervals].sort((p, q) => p[0] - q[0])) {
    const start = Math.max(a, reach);
    const end = Math.min(b, to);
    if (end > start) {
      covered += end - start;
      reach = end;
    }
  }
  return covered / length;
}

/** Where a run's text sits: the middle of its advance, a third of an em above its baseline. */
const runCentre = (run: TextRun): [number, number] => [run.x + run.width / 2, run.y - 0.33 * run.size];

/**
 * The ruled tables of a page and the runs that are not in any of them. A group of touching rules
 * is a table when it cuts at least two cells; a frame around a paragraph or an underline is not.
 */
export function findRuledTables(page: number, segments: Segment[], runs: TextRun[]): { tables: TablePart[]; rest: TextRun[] } {
  const { h, v } = splitRules(segments);
  if (h.length < 2 || v.length < 2 || h.length + v.length > MAX_RULES) return { tables: [], rest: runs };
  const uf = new UnionFind(h.length + v.length);
  h.forEach((hl, i) => v.forEach((vl, j) => touches(hl, vl) && uf.union(i, h.length + j)));
  const groups = new Map<number, { h: HLine[]; v: VLine[] }>();
  h.forEach((hl, i) => {
    const root = uf.find(i);
    if (!groups.has(root)) groups.set(root, { h: [], v: [] });
    groups.get(root)!.h.push(hl);
  });
  v.forEach((vl, j) => {
    const root = uf.find(h.length + j);
    if (!groups.has(root)) groups.set(root, { h: [], v: [] });
    groups.get(root)!.v.push(vl);
  });
  const tables: RuledPart[] = [];
  for (const group of groups.values()) {
    const table = gridOf(page, group.h, group.v);
    if (table) tables.push(table);
  }
  if (!tables.length) return { tables, rest: runs };
  const rest: TextRun[] = [];
  for (const run of runs) {
    const [cx, cy] = runCentre(run);
    const table = tables.find((t) => cx >= t.x0 && cx <= t.x1 && cy >= t.y0 && cy <= t.y1);
    const cell = table && table.owner[slot(table.ys, cy) * (table.xs.length - 1) + slot(table.xs, cx)];
    if (cell) cell.runs.push(run);
    else rest.push(run);
  }
  tables.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  return { tables: tables.map(({ page, x0, x1, y0, y1, cells }) => ({ page, x0, x1, y0, y1, cells })), rest };
}

/** The index i with edges[i] <= value < edges[i + 1] (the last slot takes its right edge). */
function slot(edges: number[], value: number): number {
  let lo = 0;
  let hi = edges.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function gridOf(page: number, h: HLine[], v: VLine[]): RuledPart | null {
  if (h.length < 2 || v.length < 2) return null;
  const x0 = Math.min(...h.map((l) => l.x0), ...v.map((l) => l.x));
  const x1 = Math.max(...h.map((l) => l.x1), ...v.map((l) => l.x));
  const y0 = Math.min(...v.map((l) => l.y0), ...h.map((l) => l.y));
  const y1 = Math.max(...v.map((l) => l.y1), ...h.map((l) => l.y));
  if (x1 - x0 < 10 || y1 - y0 < 5) return null;
  const xs = distinct([x0, x1, ...v.map((l) => l.x)], SAME_LINE);
  const ys = distinct([y0, y1, ...h.map((l) => l.y)], SAME_LINE);
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  if (rows < 1 || cols < 1 || rows * cols > 20_000) return null;
  // Rules at each grid edge, as intervals along it.
  const vAt = xs.map((x) => v.filter((l) => Math.abs(l.x - x) <= SAME_LINE).map((l): [number, number] => [l.y0, l.y1]));
  const hAt = ys.map((y) => h.filter((l) => Math.abs(l.y - y) <= SAME_LINE).map((l): [number, number] => [l.x0, l.x1]));
  const uf = new UnionFind(rows * cols);
  const id = (r: number, c: number) => r * cols + c;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (c + 1 < cols && coverage(vAt[c + 1], ys[r], ys[r + 1]) < COVER) uf.union(id(r, c), id(r, c + 1));
      if (r + 1 < rows && coverage(hAt[r + 1], xs[c], xs[c + 1]) < COVER) uf.union(id(r, c), id(r + 1, c));
    }
  }
  // Each group of positions is a cell; one that is not a rectangle (a broken rule) is taken
  // apart into its positions.
  const regions = new Map<number, { r0: number; r1: number; c0: number; c1: number; n: number }>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const root = uf.find(id(r, c));
      const reg = regions.get(root);
      if (!reg) regions.set(root, { r0: r, r1: r, c0: c, c1: c, n: 1 });
      else {
        reg.r0 = Math.min(reg.r0, r);
        reg.r1 = Math.max(reg.r1, r);
        reg.c0 = Math.min(reg.c0, c);
        reg.c1 = Math.max(reg.c1, c);
        reg.n++;
      }
    }
  }
  const cells: CellBox[] = [];
  const owner: CellBox[] = new Array<CellBox>(rows * cols);
  const box = (r0: number, r1: number, c0: number, c1: number): CellBox => {
    const cell: CellBox = { x0: xs[c0], x1: xs[c1 + 1], y0: ys[r0], y1: ys[r1 + 1], runs: [] };
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) owner[id(r, c)] = cell;
    cells.push(cell);
    return cell;
  };
  for (const [root, reg] of regions) {
    if (reg.n === (reg.r1 - reg.r0 + 1) * (reg.c1 - reg.c0 + 1)) {
      box(reg.r0, reg.r1, reg.c0, reg.c1);
      continue;
    }
    for (let r = reg.r0; r <= reg.r1; r++) for (let c = reg.c0; c <= reg.c1; c++) if (uf.find(id(r, c)) === root) box(r, r, c, c);
  }
  if (cells.length < 2) return null;
  cells.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  return { page, x0, x1, y0, y1, cells, xs, ys, owner };
}
