import type { ValueKind } from "../template/types";
import { normalizeValue } from "../report/normalize-value";
import { readCellInput, type EditGrid, type GridPosition, type GridSlot } from "./paste-grid";

/*
 * Pasting a block into a statutory table: reading the clipboard's tab-separated text and planning
 * where each pasted value goes (paste-grid.ts has the grid itself). A module of its own so the
 * wizard loads it on the first paste, not with the page.
 */

/**
 * Parses tab-separated text as Excel and WPS put on the clipboard: rows end with \n or \r\n (the
 * last one usually too), cells are separated by tabs, and a cell holding a tab, newline or quote
 * is wrapped in double quotes with inner quotes doubled.
 */
export function parseClipboardGrid(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let atCellStart = true;
  while (i < text.length) {
    const ch = text[i];
    if (atCellStart && ch === '"') {
      // Quoted cell: read to the closing quote; "" is a literal quote.
      let j = i + 1;
      let value = "";
      let closed = false;
      while (j < text.length) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        value += text[j++];
      }
      if (closed && (j === text.length || text[j] === "\t" || text[j] === "\n" || text[j] === "\r")) {
        cell = value;
        i = j;
        atCellStart = false;
        continue;
      }
      // Not a well-formed quoted cell: take the quote literally.
    }
    atCellStart = false;
    if (ch === "\t") {
      row.push(cell);
      cell = "";
      atCellStart = true;
    } else if (ch === "\n" || ch === "\r") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      atCellStart = true;
      if (ch === "\r" && text[i + 1] === "\n") i++;
    } else {
      cell += ch;
    }
    i++;
  }
  if (!atCellStart || cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Planning a paste

/**
 * How pasted lines map onto an axis: position by position (as Excel pastes), to the editable
 * cells in order skipping totals, or by their labels (a copy of the printed table with its row
 * labels or column headers).
 */
export type AxisMode = "positional" | "skip-totals" | "labels";

export interface PastePlan {
  /** Values to store, in pasted order. `null` clears a cell (an empty cell was pasted). */
  writes: { key: string; value: number | null; raw: string }[];
  /** Values refused: they are not stored. */
  rejected: { key: string; raw: string; message: string }[];
  /** Numbers that landed on total cells: compared with the computed totals after the paste. */
  checks: { key: string; raw: string; value: number }[];
  /** Pasted values that fell outside the table (past its edge or where a row has no cell). */
  clipped: number;
  /** Labelled rows (or headed columns) of the block that name no row (column) of the table: not placed. */
  unmatched: string[];
  /** Leading text-only columns and rows taken as labels and headers and left out. */
  droppedLabelColumns: number;
  droppedHeaderRows: number;
  rowMode: AxisMode;
  colMode: AxisMode;
}

/** Text no cell kind can read (a label or heading, not a number or a blank mark like 无). */
function isLabelText(text: string): boolean {
  const trimmed = text.trim();
  return trimmed !== "" && (["signed", "money"] as const).every((kind) => normalizeValue(trimmed, kind).problem === "not-a-number");
}

function isNumberText(text: string): boolean {
  const trimmed = text.trim();
  return (["signed", "money"] as const).some((kind) => normalizeValue(trimmed, kind).value !== null);
}

/**
 * Drops leading columns and rows that hold only labels (a copy that included row labels or
 * headers), keeping them: each remaining row's label cells, and the header rows' cells above the
 * remaining columns.
 */
function stripLabels(block: string[][]): { block: string[][]; columns: number; rows: number; rowLabels: string[][]; headers: string[][] } {
  let rows = 0;
  let columns = 0;
  let current = block;
  const hasNumbers = (b: string[][]) => b.some((r) => r.some(isNumberText));
  while (current.length > 1 && current[0].every((c) => c.trim() === "" || isLabelText(c)) && current[0].some(isLabelText)) {
    const rest = current.slice(1);
    if (!hasNumbers(rest)) break;
    current = rest;
    rows++;
  }
  const width = Math.max(0, ...current.map((r) => r.length));
  while (width - columns > 1 && current.every((r) => (r[columns] ?? "").trim() === "" || isLabelText(r[columns])) && current.some((r) => isLabelText(r[columns] ?? ""))) {
    const rest = current.map((r) => r.slice(columns + 1));
    if (!hasNumbers(rest)) break;
    columns++;
  }
  return {
    block: current.map((r) => r.slice(columns)),
    columns,
    rows,
    rowLabels: current.map((r) => r.slice(0, columns)),
    headers: block.slice(0, rows).map((r) => r.slice(columns)),
  };
}

/**
 * A label as compared: no white space, full-width digits and letters as ASCII, the separators
 * people vary (「，」 for 「、」, 「．」 for 「.」) made one, no trailing colon or full stop.
 */
export function labelKey(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, "")
    .replace(/[\uFF01-\uFF5E]/g, (c) => (/[０-９Ａ-Ｚａ-ｚ．]/.test(c) ? String.fromCharCode(c.charCodeAt(0) - 0xfee0) : c))
    .replace(/[，,]/g, "、")
    .replace(/[（(]/g, "（")
    .replace(/[）)]/g, "）")
    .replace(/[：:。.]+$/, "");
}

/** A label without its numbering (「（三）」, 「1.」, 「一、」), for a looser comparison. */
export function labelBody(key: string): string {
  return key.replace(/^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、])/, "");
}

/** The index of the label in `labels` a pasted label names: the same, or the same without numbering. */
function matchLabel(pasted: string, labels: (string | undefined)[]): number | undefined {
  const key = labelKey(pasted);
  if (!key) return undefined;
  const keys = labels.map((l) => (l === undefined ? undefined : labelKey(l)));
  const exact = keys.findIndex((k) => k === key);
  if (exact >= 0) return exact;
  const body = labelBody(key);
  if (body.length < 2) return undefined;
  const loose = keys.flatMap((k, i) => (k !== undefined && labelBody(k) === body ? [i] : []));
  return loose.length === 1 ? loose[0] : undefined;
}

/**
 * Grid lines of the block's rows by their labels (the most specific, rightmost label first), or
 * undefined when the block has no row labels or they do not name the table's rows (then the rows
 * map by position). A labelled row that names no row is `null` and reported.
 */
function linesByLabel(grid: EditGrid, rowLabels: string[][]): (number | null)[] | undefined {
  if (!rowLabels.length || rowLabels.every((labels) => labels.length === 0)) return undefined;
  const labels = grid.lines.map((l) => l.label);
  const used = new Set<number>();
  const lines = rowLabels.map((cells) => {
    const named = cells.map((c) => c.trim()).filter(Boolean).reverse();
    for (const text of named) {
      const line = matchLabel(text, labels);
      if (line !== undefined && !used.has(line)) {
        used.add(line);
        return line;
      }
    }
    return null;
  });
  // Mostly unknown labels: not a copy of this table's rows.
  return lines.filter((l) => l !== null).length * 2 >= lines.length ? lines : undefined;
}

/**
 * Grid columns of the block's columns by their headers (the lowest header text in each column,
 * as merged header cells are copied into their first position), or undefined when the headers do
 * not name the table's columns one to one (table 4 repeats 结果维持 under each group: by position).
 */
function columnsByHeader(grid: EditGrid, headers: string[][], width: number): (number | null)[] | undefined {
  if (!headers.length || !grid.columnLabels.length) return undefined;
  const labels = grid.columnLabels;
  if (new Set(labels.map((l) => l && labelKey(l))).size !== labels.length) return undefined;
  const used = new Set<number>();
  const columns: (number | null)[] = [];
  for (let j = 0; j < width; j++) {
    const text = [...headers].reverse().map((r) => (r[j] ?? "").trim()).find(Boolean);
    const column = text === undefined ? undefined : matchLabel(text, labels);
    if (column === undefined || used.has(column)) return undefined;
    used.add(column);
    columns.push(column);
  }
  return columns;
}

/** Visual columns (or rows) that hold only totals. */
function totalColumns(grid: EditGrid): boolean[] {
  return Array.from({ length: grid.width }, (_, c) => {
    const slots = grid.lines.map((l) => l.slots[c]).filter((s): s is GridSlot => s !== null);
    return slots.length > 0 && slots.every((s) => s.readOnly);
  });
}

function totalRows(grid: EditGrid): boolean[] {
  return grid.lines.map((l) => {
    const slots = l.slots.filter((s): s is GridSlot => s !== null);
    return slots.length > 0 && slots.every((s) => s.readOnly);
  });
}

/** Maps pasted offsets to grid indices along one axis. */
function axisMap(mode: AxisMode, start: number, size: number, isTotal: boolean[]): (offset: number) => number | null {
  if (mode === "positional") return (offset) => (start + offset < size ? start + offset : null);
  const editable: number[] = [];
  for (let i = start; i < size; i++) if (!isTotal[i]) editable.push(i);
  return (offset) => editable[offset] ?? null;
}

function numberOf(text: string, kind: ValueKind): number | null {
  const read = readCellInput(text, kind);
  return read.ok ? read.value : null;
}

/**
 * Whether the totals the block itself carries add up when the block is laid over the table
 * position by position (then the copy included the total columns or rows). At least one
 * non-zero total whose terms all lie in the block must agree, and none may disagree.
 */
function totalsConsistent(grid: EditGrid, start: GridPosition, block: string[][], axis: "row" | "col", isTotal: boolean[]): boolean {
  const landed = new Map<string, string>();
  block.forEach((cells, i) =>
    cells.forEach((text, j) => {
      const slot = grid.lines[start.row + i]?.slots[start.col + j];
      if (slot) landed.set(slot.key, text);
    }),
  );
  let agreeing = 0;
  for (const [key, text] of landed) {
    const { row, col } = grid.positions.get(key)!;
    const slot = grid.lines[row].slots[col]!;
    if (!slot.readOnly || !isTotal[axis === "row" ? row : col]) continue;
    if (!slot.terms.every((t) => landed.has(t))) continue;
    const total = numberOf(text, slot.kind);
    if (total === null) return false;
    const sum = slot.terms.reduce((s, t) => s + (numberOf(landed.get(t)!, slot.kind) ?? 0), 0);
    if (sum !== total) return false;
    if (total !== 0) agreeing++;
  }
  return agreeing > 0;
}

/**
 * Decides how pasted lines map onto one axis. Pasting position by position is what Excel does;
 * it is used when the block cannot fit the editable cells alone (it must include totals), or
 * when the block's own totals add up at the total positions. Otherwise the pasted values go to
 * the editable cells in order and the totals are skipped — a ledger copied without its total
 * column or row lands correctly.
 */
function chooseMode(grid: EditGrid, start: GridPosition, block: string[][], axis: "row" | "col"): AxisMode {
  const isTotal = axis === "row" ? totalRows(grid) : totalColumns(grid);
  const from = axis === "row" ? start.row : start.col;
  const size = axis === "row" ? grid.lines.length : grid.width;
  const count = axis === "row" ? block.length : Math.max(0, ...block.map((r) => r.length));
  const covered = isTotal.slice(from, Math.min(size, from + count));
  if (!covered.some(Boolean)) return "positional";
  const editable = isTotal.slice(from).filter((t) => !t).length;
  if (count > editable) return "positional";
  return totalsConsistent(grid, start, block, axis, isTotal) ? "positional" : "skip-totals";
}

/**
 * Plans pasting a block (from parseClipboardGrid) with its top-left value at `start`.
 *
 * Mapping, per axis (columns and rows are decided independently):
 * - Leading columns/rows that hold only text are taken as row labels / headers and dropped.
 * - If the block would cover no total, values go position by position.
 * - If it covers totals, it goes position by position when it is too big to fit the editable
 *   cells alone, or when its own numbers at the total positions equal the sums of their terms;
 *   the numbers on total positions are then not stored but returned in `checks`, to be compared
 *   with the computed totals. Otherwise the values go to the editable cells in order, skipping
 *   the totals: a table-3 row of 7 numbers (6 + 总计) fills 6 inputs and checks 总计; a row
 *   of 6 fills the 6 inputs.
 * - Values past the table's edge, or where a row has no cell, are clipped and counted.
 * - Each value is read like typed input; unreadable ones are rejected with a message.
 */
export function planPaste(grid: EditGrid, start: GridPosition, pasted: string[][]): PastePlan {
  // A last row of one empty cell is the clipboard's trailing line end; a row of empty cells is a
  // row of the table left blank (seed 003's 结转下年度), which keeps the rows below in place.
  const rows = pasted.filter((r, i) => i < pasted.length - 1 || r.length > 1 || r.some((c) => c.trim() !== ""));
  const stripped = stripLabels(rows);
  const block = stripped.block;
  const width = Math.max(0, ...block.map((r) => r.length));
  const byLabel = linesByLabel(grid, stripped.rowLabels);
  const byHeader = columnsByHeader(grid, stripped.headers, width);
  const rowMode = byLabel ? "labels" : chooseMode(grid, start, block, "row");
  const colMode = byHeader ? "labels" : chooseMode(grid, start, block, "col");
  const positionalRow = axisMap(rowMode === "labels" ? "positional" : rowMode, start.row, grid.lines.length, totalRows(grid));
  const positionalCol = axisMap(colMode === "labels" ? "positional" : colMode, start.col, grid.width, totalColumns(grid));
  const mapRow = (i: number) => (byLabel ? byLabel[i] : positionalRow(i));
  const mapCol = (j: number) => (byHeader ? byHeader[j] : positionalCol(j));
  const plan: PastePlan = {
    writes: [],
    rejected: [],
    checks: [],
    clipped: 0,
    unmatched: [],
    droppedLabelColumns: stripped.columns,
    droppedHeaderRows: stripped.rows,
    rowMode,
    colMode,
  };
  block.forEach((cells, i) => {
    const row = mapRow(i);
    if (byLabel && row === null && cells.some((c) => c.trim())) {
      plan.unmatched.push(stripped.rowLabels[i].map((c) => c.trim()).filter(Boolean).join(" "));
    }
    cells.forEach((text, j) => {
      const col = mapCol(j);
      const slot = row === null || col === null ? null : grid.lines[row].slots[col];
      if (!slot) {
        if (text.trim()) plan.clipped++;
        return;
      }
      const read = readCellInput(text, slot.kind);
      if (slot.readOnly) {
        if (!read.ok) plan.rejected.push({ key: slot.key, raw: text.trim(), message: read.message });
        else if (read.value !== null) plan.checks.push({ key: slot.key, raw: text.trim(), value: read.value });
        return;
      }
      if (read.ok) plan.writes.push({ key: slot.key, value: read.value, raw: text.trim() });
      else plan.rejected.push({ key: slot.key, raw: text.trim(), message: read.message });
    });
  });
  return plan;
}
