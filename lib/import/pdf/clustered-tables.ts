import { lineTop, type Chunk, type Line } from "./lines";
import type { CellBox, TablePart } from "./ruled-tables";

/**
 * Tables printed without rules, found by their columns. A table is a run of close lines that
 * holds at least two lines of several chunks (text separated by wide gaps); lines set smaller
 * than the body text and short single-chunk lines between them belong to it too. The chunks of
 * the lines with the most chunks mark the columns; a chunk is placed in the columns it overlaps
 * (a header over several columns spans them). A line holding only a piece of label text (a
 * label wrapped over lines, beside values centred on it) joins the nearest line with values.
 */

const MIN_ROWS = 2;
const MAX_SINGLE_LENGTH = 24;
/** Lines further apart than this (in line heights) are not one table. */
const MAX_GAP = 2.2;
/** A label piece joins a line with values at most this far (in line heights). */
const JOIN_DISTANCE = 0.8;

interface Band {
  x0: number;
  x1: number;
}

const VALUE = /^[-+−]?\d[\d,.]*\s*(?:%|万元|元)?$/;

/** Column bands from the lines with the most chunks: the union of each column's chunks. */
function columnBands(rows: Line[]): { bands: Band[]; firstValue: number } {
  const most = Math.max(...rows.map((r) => r.chunks.length));
  const reference = rows.filter((r) => r.chunks.length === most);
  const bands: (Band & { values: number })[] = Array.from({ length: most }, (_, i) => ({
    x0: Math.min(...reference.map((r) => r.chunks[i].x)),
    x1: Math.max(...reference.map((r) => r.chunks[i].right)),
    values: reference.filter((r) => VALUE.test(r.chunks[i].text)).length,
  }));
  // Misaligned rows can make neighbouring bands overlap: merge those.
  const merged: (Band & { values: number })[] = [];
  for (const band of bands) {
    const last = merged[merged.length - 1];
    if (last && band.x0 <= last.x1) {
      last.x1 = Math.max(last.x1, band.x1);
      last.values += band.values;
    } else {
      merged.push({ ...band });
    }
  }
  const firstValue = merged.findIndex((b) => b.values * 2 >= reference.length);
  return { bands: merged, firstValue: firstValue < 0 ? merged.length : firstValue };
}

/** The bands a chunk overlaps, or the nearest one. */
function bandsOf(chunk: Chunk, bands: Band[]): [number, number] {
  const hit = bands.map((b, i) => (chunk.x < b.x1 && chunk.right > b.x0 ? i : -1)).filter((i) => i >= 0);
  if (hit.length) return [hit[0], hit[hit.length - 1]];
  const centre = (chunk.x + chunk.right) / 2;
  let best = 0;
  bands.forEach((b, i) => {
    const d = Math.abs((b.x0 + b.x1) / 2 - centre);
    if (d < Math.abs((bands[best].x0 + bands[best].x1) / 2 - centre)) best = i;
  });
  return [best, best];
}

interface Row {
  lines: Line[];
  /** The line that holds the row's values (the row's place). */
  anchor: Line;
}

function partOf(lines: Line[], page: number): TablePart {
  const { bands, firstValue } = columnBands(lines);
  const placed = lines.map((line) => ({ line, spans: line.chunks.map((chunk) => bandsOf(chunk, bands)) }));
  const isPiece = (p: (typeof placed)[number]) => p.line.chunks.length === 1 && p.spans[0][1] < firstValue;
  // Rows: each line with values or several cells; label pieces join the nearest such line.
  const rows: Row[] = [];
  const anchors = placed.filter((p) => !isPiece(p)).map((p) => p.line);
  for (const p of placed) {
    if (!isPiece(p)) {
      rows.push({ lines: [p.line], anchor: p.line });
      continue;
    }
    let nearest: Line | undefined;
    for (const a of anchors) if (!nearest || Math.abs(a.y - p.line.y) < Math.abs(nearest.y - p.line.y)) nearest = a;
    if (nearest && Math.abs(nearest.y - p.line.y) <= JOIN_DISTANCE * Math.max(nearest.size, p.line.size) * 1.3) {
      // Joined below, once its row exists.
      continue;
    }
    rows.push({ lines: [p.line], anchor: p.line });
  }
  rows.sort((a, b) => a.anchor.y - b.anchor.y);
  for (const p of placed) {
    if (!isPiece(p) || rows.some((r) => r.lines.includes(p.line))) continue;
    let best = rows[0];
    for (const r of rows) if (Math.abs(r.anchor.y - p.line.y) < Math.abs(best.anchor.y - p.line.y)) best = r;
    best.lines.push(p.line);
  }
  const edges = [bands[0].x0 - 1, ...bands.slice(1).map((b, i) => (bands[i].x1 + b.x0) / 2), bands[bands.length - 1].x1 + 1];
  const tops = rows.map((r) => Math.min(...r.lines.map(lineTop)) - 1);
  const bottom = Math.max(...lines.map((l) => l.y + 0.3 * l.size));
  const cells: CellBox[] = [];
  rows.forEach((row, r) => {
    const y0 = tops[r];
    const y1 = r + 1 < rows.length ? Math.max(tops[r + 1], y0 + 1) : bottom;
    const own: { c0: number; c1: number; runs: Chunk["runs"] }[] = [];
    for (const line of [...row.lines].sort((a, b) => a.y - b.y)) {
      for (const chunk of line.chunks) {
        const [c0, c1] = bandsOf(chunk, bands);
        const cell = own.find((c) => c.c0 <= c1 && c.c1 >= c0);
        if (cell) {
          cell.runs.push(...chunk.runs);
          cell.c0 = Math.min(cell.c0, c0);
          cell.c1 = Math.max(cell.c1, c1);
        } else {
          own.push({ c0, c1, runs: [...chunk.runs] });
        }
      }
    }
    for (const c of own) cells.push({ x0: edges[c.c0], x1: edges[c.c1 + 1], y0, y1, runs: c.runs });
  });
  return { page, x0: edges[0], x1: edges[edges.length - 1], y0: tops[0], y1: bottom, cells };
}

/**
 * Finds the tables of a page's lines (in reading order) given the body text's font size; the
 * other lines are returned as they are.
 */
export function findClusteredTables(lines: Line[], page: number, bodySize: number): { tables: TablePart[]; rest: Line[] } {
  const tables: TablePart[] = [];
  const rest: Line[] = [];
  const fits = (line: Line) => line.chunks.length >= 2 || line.size <= 0.9 * bodySize || line.text.length <= MAX_SINGLE_LENGTH;
  const close = (a: Line, b: Line) => b.y - a.y <= MAX_GAP * Math.max(a.size, b.size);
  let i = 0;
  while (i < lines.length) {
    if (lines[i].chunks.length < 2) {
      rest.push(lines[i]);
      i++;
      continue;
    }
    // Back over small or short lines just above (a caption row, a header line of one cell).
    let start = i;
    while (start > 0 && rest.length && rest[rest.length - 1] === lines[start - 1] && fits(lines[start - 1]) && lines[start - 1].size <= 0.9 * bodySize && close(lines[start - 1], lines[start])) {
      start--;
      rest.pop();
    }
    let end = i;
    for (let j = i + 1; j < lines.length && fits(lines[j]) && close(lines[j - 1], lines[j]); j++) {
      if (lines[j].chunks.length >= 2 || lines[j].size <= 0.9 * bodySize) end = j;
      else if (!(lines[j + 1]?.chunks.length >= 2 || lines[j + 2]?.chunks.length >= 2)) break;
    }
    const group = lines.slice(start, end + 1);
    if (group.filter((r) => r.chunks.length >= 2).length >= MIN_ROWS) tables.push(partOf(group, page));
    else rest.push(...group);
    i = end + 1;
  }
  return { tables, rest };
}
