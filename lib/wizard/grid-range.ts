import type { EditGrid, GridPosition, GridSlot } from "./paste-grid";

/*
 * A rectangular selection of a table's grid (issue 13.2), as in Excel: the anchor is where it
 * started (the cell that keeps the focus), the focus end moves with Shift+arrows or the mouse.
 * Positions are the edit grid's (lib/wizard/paste-grid.ts editGrid): a range may cover totals and,
 * in table 2, positions where a row has no cell; copy includes what is shown, clear and fill
 * touch only the cells a clerk types into.
 */

export interface GridRange {
  anchor: GridPosition;
  focus: GridPosition;
}

export interface RangeBounds {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export type RangeMove = "up" | "down" | "left" | "right";

export function collapsedRange(at: GridPosition): GridRange {
  return { anchor: at, focus: at };
}

export function rangeBounds({ anchor, focus }: GridRange): RangeBounds {
  return {
    top: Math.min(anchor.row, focus.row),
    bottom: Math.max(anchor.row, focus.row),
    left: Math.min(anchor.col, focus.col),
    right: Math.max(anchor.col, focus.col),
  };
}

/** The range's slots row by row (null where a row has no cell at a position). */
export function rangeRows(grid: EditGrid, range: GridRange): (GridSlot | null)[][] {
  const { top, bottom, left, right } = rangeBounds(range);
  const rows: (GridSlot | null)[][] = [];
  for (let r = top; r <= bottom; r++) rows.push(grid.lines[r].slots.slice(left, right + 1));
  return rows;
}

/** The cells in the range, in reading order. */
export function rangeSlots(grid: EditGrid, range: GridRange): GridSlot[] {
  return rangeRows(grid, range).flatMap((row) => row.filter((slot): slot is GridSlot => slot !== null));
}

/** Whether the range holds more than the one cell that has the focus. */
export function isMultiCell(range: GridRange | null): range is GridRange {
  return range !== null && (range.anchor.row !== range.focus.row || range.anchor.col !== range.focus.col);
}

/** The range with its focus end moved one position (Shift+arrow), kept inside the grid. */
export function extendRange(grid: EditGrid, range: GridRange, move: RangeMove): GridRange {
  const { row, col } = range.focus;
  const next = {
    row: Math.min(grid.lines.length - 1, Math.max(0, row + (move === "down" ? 1 : move === "up" ? -1 : 0))),
    col: Math.min(grid.width - 1, Math.max(0, col + (move === "right" ? 1 : move === "left" ? -1 : 0))),
  };
  return { anchor: range.anchor, focus: next };
}

/** A cell's value as copied: a number as digits without separators (Excel reads it as a number), blank as nothing. */
function copiedText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return String(value).replace(/[\t\r\n]+/g, " ");
}

/**
 * The range as tab-separated text, the format Excel and WPS paste as cells (and our own paste
 * reads back): a row per line, totals as computed, positions without a cell left empty.
 */
export function rangeTsv(grid: EditGrid, range: GridRange, valueOf: (slot: GridSlot) => unknown): string {
  return rangeRows(grid, range)
    .map((row) => row.map((slot) => (slot ? copiedText(valueOf(slot)) : "")).join("\t"))
    .join("\n");
}

/** The cells Delete clears: those of the range a clerk types into (totals are computed). */
export function clearableKeys(grid: EditGrid, range: GridRange): string[] {
  return rangeSlots(grid, range)
    .filter((slot) => !slot.readOnly)
    .map((slot) => slot.key);
}

export interface FillDown {
  writes: { key: string; value: unknown }[];
  /** Columns not filled because their source is a total or no cell. */
  skippedColumns: number;
}

/**
 * Fill down (Ctrl+D), as in Excel: each column of the range gets its top cell's value in every
 * cell below it; a range of one row is filled from the row above. A column whose source is a
 * total (computed) or has no cell is left as it is, and counted.
 */
export function fillDown(grid: EditGrid, range: GridRange, valueOf: (slot: GridSlot) => unknown): FillDown {
  const bounds = rangeBounds(range);
  const sourceRow = bounds.top === bounds.bottom ? bounds.top - 1 : bounds.top;
  const firstTarget = bounds.top === bounds.bottom ? bounds.top : bounds.top + 1;
  const writes: FillDown["writes"] = [];
  let skippedColumns = 0;
  if (sourceRow < 0) return { writes, skippedColumns: bounds.right - bounds.left + 1 };
  for (let col = bounds.left; col <= bounds.right; col++) {
    const source = grid.lines[sourceRow].slots[col];
    if (!source || source.readOnly) {
      skippedColumns++;
      continue;
    }
    const value = valueOf(source) ?? null;
    for (let row = firstTarget; row <= bounds.bottom; row++) {
      const target = grid.lines[row].slots[col];
      if (target && !target.readOnly) writes.push({ key: target.key, value });
    }
  }
  return { writes, skippedColumns };
}

/** 「已选择 3 行 × 2 列，共 6 个单元格（含 1 个合计）」: what a screen reader hears as the range grows. */
export function describeRange(grid: EditGrid, range: GridRange): string {
  const { top, bottom, left, right } = rangeBounds(range);
  const slots = rangeSlots(grid, range);
  const totals = slots.filter((slot) => slot.readOnly).length;
  return `已选择 ${bottom - top + 1} 行 × ${right - left + 1} 列，共 ${slots.length} 个单元格${totals ? `（含 ${totals} 个合计）` : ""}`;
}
