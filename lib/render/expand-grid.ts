import type { DocCell, DocRow } from "../document/types";

/** One position of a full grid: the cell that starts there, or null where a span covers it. */
export type GridSlot = DocCell | null;

/**
 * Expands model rows (which omit positions covered by a row/column span) into a full
 * rows × columns grid (the PDF lays tables out on it, the HTML finds each cell's column on it): every row has exactly `columnCount` slots and covered
 * positions hold a placeholder. Cells fill the free positions of their row left to right.
 * Throws on a model that does not tile the grid, so a broken table fails loudly instead of
 * printing shifted columns.
 */
export function expandGrid(rows: DocRow[], columnCount: number): GridSlot[][] {
  const grid: (GridSlot | undefined)[][] = rows.map(() => new Array<GridSlot | undefined>(columnCount).fill(undefined));
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      while (c < columnCount && grid[r][c] !== undefined) c++;
      if (cell.colSpan < 1 || cell.rowSpan < 1) throw new Error(`Row ${r}: cell "${cell.text}" has a span below 1`);
      if (c + cell.colSpan > columnCount) {
        throw new Error(`Row ${r}: cell "${cell.text}" runs past column ${columnCount}`);
      }
      if (r + cell.rowSpan > rows.length) throw new Error(`Row ${r}: cell "${cell.text}" spans past the last row`);
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        for (let dc = 0; dc < cell.colSpan; dc++) {
          if (grid[r + dr][c + dc] !== undefined) {
            throw new Error(`Row ${r}: cell "${cell.text}" overlaps row ${r + dr}, column ${c + dc}`);
          }
          grid[r + dr][c + dc] = dr === 0 && dc === 0 ? cell : null;
        }
      }
      c += cell.colSpan;
    }
    const hole = grid[r].indexOf(undefined);
    if (hole >= 0) throw new Error(`Row ${r}: column ${hole} is neither filled nor covered`);
  });
  return grid as GridSlot[][];
}
