import { TEMPLATES } from "../../templates";
import { leafColumns, leafRows } from "../template/cells";
import type { FormatVersion, ReportTemplate, TableDef, TableId, ValueKind } from "../template/types";
import { cellKey, type CellRef } from "../report/cell-ref";
import { normalizeValue, type ValueProblem } from "../report/normalize-value";
import { prepareReport, type PreparedReport } from "../report/prepare-report";
import { sumRuleFor, sumTerms } from "../report/values";

/**
 * A statutory table as the wizard edits it: a matrix of cells in printed order, for keyboard
 * movement and for pasting blocks copied from Excel/WPS. Positions are visual: table 4's single
 * data row has 15 positions, and in table 2 a block's columns start at position 0.
 */
export interface GridSlot {
  key: string;
  ref: CellRef;
  kind: ValueKind;
  /** A total (target of a `sum` rule): computed live, never typed into. */
  readOnly: boolean;
  /** For a total: the cells it adds up. */
  terms: string[];
}

export interface GridLine {
  /** Row id (table 4's single line is named after the table). */
  id: string;
  /** The row's printed label (「1.属于国家秘密」); none for table 4's single line. */
  label?: string;
  /** One entry per visual column; null where the row has no cell. */
  slots: (GridSlot | null)[];
}

export interface EditGrid {
  table: TableId;
  width: number;
  lines: GridLine[];
  /** The printed label of each visual column where every line shares it (tables 3 and 4). */
  columnLabels: (string | undefined)[];
  /** Position of each cell key. */
  positions: Map<string, GridPosition>;
}

export interface GridPosition {
  row: number;
  col: number;
}

const emptyReports = new Map<FormatVersion, PreparedReport>();

/** A valid empty report of a format: sum rules and layouts are looked up through it. */
export function emptyPreparedReport(template: ReportTemplate): PreparedReport {
  let report = emptyReports.get(template.version);
  if (!report) {
    const result = prepareReport({ agency: "-", year: template.years.from, format: template.version });
    if (!result.ok) throw new Error(`empty ${template.version} report does not validate`);
    report = result.report;
    emptyReports.set(template.version, report);
  }
  return report;
}

function refsOf(table: TableDef): { id: string; label?: string; refs: { ref: CellRef; kind: ValueKind }[] }[] {
  if (table.layout === "blocks") {
    return table.blocks.flatMap((block) =>
      block.rows.map((row) => ({
        id: row.id,
        label: row.label,
        refs: block.columns.map((col) => ({ ref: { table: table.id, row: row.id, col: col.id }, kind: col.kind })),
      })),
    );
  }
  const columns = leafColumns(table.columns).map((l) => l.node);
  if (!table.rows) {
    return [{ id: table.id, refs: columns.map((col) => ({ ref: { table: table.id, row: col.row!, col: col.id! }, kind: table.valueKind })) }];
  }
  return leafRows(table.rows).map(({ node }) => ({
    id: node.id!,
    label: node.label,
    refs: columns.map((col) => ({ ref: { table: table.id, row: node.id!, col: col.id! }, kind: table.valueKind })),
  }));
}

const grids = new WeakMap<TableDef, EditGrid>();

/** The edit grid of one table of a format (memoized: the layout never changes). */
export function editGrid(format: FormatVersion, tableId: TableId): EditGrid {
  const template = TEMPLATES[format];
  const table = template.tables[tableId];
  const cached = grids.get(table);
  if (cached) return cached;
  const empty = emptyPreparedReport(template);
  const lines: GridLine[] = refsOf(table).map(({ id, label, refs }) => ({
    id,
    label,
    slots: refs.map(({ ref, kind }) => {
      const rule = sumRuleFor(empty, ref);
      return { key: cellKey(ref), ref, kind, readOnly: Boolean(rule), terms: rule ? sumTerms(rule, ref).map(cellKey) : [] };
    }),
  }));
  const width = Math.max(...lines.map((l) => l.slots.length));
  for (const line of lines) while (line.slots.length < width) line.slots.push(null);
  const positions = new Map<string, GridPosition>();
  lines.forEach((line, row) => line.slots.forEach((slot, col) => slot && positions.set(slot.key, { row, col })));
  const columnLabels = table.layout === "blocks" ? [] : leafColumns(table.columns).map((l) => l.node.label);
  const grid = { table: tableId, width, lines, positions, columnLabels };
  grids.set(table, grid);
  return grid;
}

// ---------------------------------------------------------------------------------------------
// Keyboard movement

export type GridMove = "up" | "down" | "left" | "right" | "next" | "previous";

function editableAt(grid: EditGrid, row: number, col: number): boolean {
  const slot = grid.lines[row]?.slots[col];
  return Boolean(slot && !slot.readOnly);
}

/** In a row, the editable position nearest to `col` from the left (ragged rows of table 2). */
function nearestInRow(grid: EditGrid, row: number, col: number): number | null {
  for (let c = Math.min(col, grid.width - 1); c >= 0; c--) if (editableAt(grid, row, c)) return c;
  for (let c = col + 1; c < grid.width; c++) if (editableAt(grid, row, c)) return c;
  return null;
}

/**
 * Where a key press moves the focus, skipping totals (they are computed, not typed). Up/down keep
 * the column; left/right stay in the row; next/previous (Tab/Shift-Tab) wrap to the next or previous
 * row. Returns null at the table's edge, so Tab can leave the table as usual.
 */
export function moveInGrid(grid: EditGrid, from: GridPosition, move: GridMove): GridPosition | null {
  const { row, col } = from;
  if (move === "up" || move === "down") {
    const step = move === "down" ? 1 : -1;
    for (let r = row + step; r >= 0 && r < grid.lines.length; r += step) {
      const c = nearestInRow(grid, r, col);
      if (c !== null) return { row: r, col: c };
    }
    return null;
  }
  const step = move === "right" || move === "next" ? 1 : -1;
  for (let c = col + step; c >= 0 && c < grid.width; c += step) if (editableAt(grid, row, c)) return { row, col: c };
  if (move === "left" || move === "right") return null;
  for (let r = row + step; r >= 0 && r < grid.lines.length; r += step) {
    const cols = [...grid.lines[r].slots.keys()];
    for (const c of step > 0 ? cols : cols.reverse()) if (editableAt(grid, r, c)) return { row: r, col: c };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Reading cell input

const PROBLEM_MESSAGES: Record<ValueProblem, (raw: string, kind: ValueKind) => string> = {
  "not-a-number": (raw) => `「${raw}」不是数字，未填入。请只填写数字，如 12 或 1,234。`,
  "wrong-unit": (raw, kind) =>
    kind === "money" ? `「${raw}」的单位不是金额，未填入。本栏以万元为单位。` : `「${raw}」带有金额单位，未填入。本栏应填写件数。`,
  negative: (raw) => `「${raw}」是负数，未填入。本栏不能为负数。`,
  "not-integer": (raw) => `「${raw}」不是整数，未填入。本栏应填写整数。`,
  "money-precision": (raw) => `「${raw}」小数位过多，未填入。金额以万元为单位，最多保留四位小数。`,
};

export type CellInput = { ok: true; value: number | null; rewritten: boolean } | { ok: false; message: string };

/**
 * Reads what a user typed or pasted into a cell: full-width digits, thousands separators, 减2,
 * 2791.3万元 and the like are accepted and turned into the number; anything else is refused with
 * a Chinese message, so nothing unreadable is ever stored.
 */
export function readCellInput(text: string, kind: ValueKind): CellInput {
  const raw = text.trim();
  if (!raw) return { ok: true, value: null, rewritten: false };
  const result = normalizeValue(raw, kind);
  if (result.problem) return { ok: false, message: PROBLEM_MESSAGES[result.problem](raw, kind) };
  return { ok: true, value: result.value, rewritten: result.rewritten };
}

// ---------------------------------------------------------------------------------------------
// Clipboard text

/** Whether clipboard text is a block (several cells) rather than one value for one cell. */
export function isBlockPaste(text: string): boolean {
  return /[\t\n\r]/.test(text.replace(/(\r?\n)+$/, ""));
}
