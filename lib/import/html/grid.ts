import type { GridCell, SourceLocation } from "../intermediate";

/**
 * Expands merged cells into a grid, per GridCell's contract: the origin keeps the text and its
 * `rowSpan`/`colSpan`, every other position it covers is an empty cell with `mergedFrom`. Shared
 * by the HTML parser (rowspan/colspan) and the DOCX parser (w:gridSpan, w:vMerge).
 *
 * Cells are placed as in the HTML table algorithm: each at the first free column of its row, a
 * span clipped to the rows that exist (the caller passes the last row a span may reach) and never
 * overwriting a position an earlier cell took. A hostile table cannot blow up: the grid stops
 * growing at `MAX_GRID_CELLS` positions (origins are still kept).
 */

/** Positions one table may expand to; a real report table has a few hundred. */
export const MAX_GRID_CELLS = 100_000;
/** Widest span honoured (HTML caps colspan at 1000). */
export const MAX_SPAN = 1000;

export interface PlacedCell {
  text: string;
  at: SourceLocation;
  rowSpan: number;
  colSpan: number;
}

export class GridBuilder {
  readonly rows: (GridCell | undefined)[][] = [];
  private positions = 0;

  /** Next free column of `row` at or after `from`. */
  freeColumn(row: number, from = 0): number {
    const cells = this.rows[row];
    let col = from;
    while (cells?.[col]) col++;
    return col;
  }

  /**
   * Places a cell at (row, col) spanning down to at most `lastRow`; returns the column after it.
   * Positions already taken are left as they are (an overlapping span is a table-model error).
   */
  place(row: number, col: number, cell: PlacedCell, lastRow: number): number {
    const colSpan = Math.max(1, Math.min(MAX_SPAN, Math.floor(cell.colSpan) || 1));
    const rowSpan = Math.max(1, Math.min(lastRow - row + 1, Math.floor(cell.rowSpan) || 1));
    const origin: GridCell = { text: cell.text, at: cell.at };
    if (rowSpan > 1) origin.rowSpan = rowSpan;
    if (colSpan > 1) origin.colSpan = colSpan;
    this.set(row, col, origin);
    for (let r = row; r < row + rowSpan; r++) {
      for (let c = col; c < col + colSpan; c++) {
        if (r === row && c === col) continue;
        if (this.positions >= MAX_GRID_CELLS) return col + colSpan;
        if (!this.rows[r]?.[c]) this.set(r, c, { text: "", at: cell.at, mergedFrom: { row, col } });
      }
    }
    return col + colSpan;
  }

  /** Appends text to the cell at (row, col) (a DOCX continuation cell that holds text). */
  append(row: number, col: number, text: string, join: (a: string, b: string) => string) {
    const cell = this.rows[row]?.[col];
    if (cell) cell.text = join(cell.text, text);
  }

  private set(row: number, col: number, cell: GridCell) {
    const cells = (this.rows[row] ??= []);
    if (cells[col]) return;
    cells[col] = cell;
    this.positions++;
  }

  /**
   * The grid: `rowCount` rows (rows without cells stay empty arrays), holes left by spans from
   * above filled with empty cells located at their row, trailing holes dropped (rows may differ
   * in length).
   */
  finish(rowCount: number, rowAt: (row: number) => SourceLocation): GridCell[][] {
    const out: GridCell[][] = [];
    for (let r = 0; r < rowCount; r++) {
      const cells = this.rows[r] ?? [];
      const row: GridCell[] = [];
      for (let c = 0; c < cells.length; c++) row.push(cells[c] ?? { text: "", at: rowAt(r) });
      out.push(row);
    }
    return out;
  }
}

const CJK_CHAR = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/**
 * Joins two lines of one cell or heading as a reader reads them: Chinese text runs on without a
 * space (「结果」 + 「维持」 → 「结果维持」), other text gets one.
 */
export function joinLines(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return CJK_CHAR.test(a[a.length - 1]) || CJK_CHAR.test(b[0]) ? a + b : `${a} ${b}`;
}
