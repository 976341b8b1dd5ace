/**
 * The intermediate every source parser produces (architecture.md item 13, "Import mirrors
 * rendering"): a flat sequence of headings, paragraphs and table grids, each carrying where it
 * came from. One parser per source kind (text now; HTML, DOCX, PDF later) builds it; one mapper
 * (lib/import/map) turns it into the interchange JSON. Parsers do not interpret the report: they
 * report what the source says, in its order, and leave sections, labels and values to the mapper.
 */

/**
 * Where a piece of content came from, in the coordinates of its source. Numbers are 1-based for
 * text lines and columns, 0-based indices for elements, tables, rows and cells; PDF positions are
 * in points from the page's top-left corner.
 */
export type SourceLocation =
  | { kind: "text"; line: number; column?: number }
  | { kind: "html"; element?: number; table?: number; row?: number; cell?: number }
  | { kind: "docx"; paragraph?: number; table?: number; row?: number; cell?: number }
  | { kind: "pdf"; page: number; x: number; y: number };

export type SourceKind = SourceLocation["kind"];

/**
 * One position of a table grid. Parsers that know merged cells (HTML, DOCX) either expand them —
 * the origin keeps the text and `rowSpan`/`colSpan`, every other covered position is a cell with
 * `mergedFrom` and empty text — or leave the grid ragged. Text extraction often repeats or drops a
 * merged cell's text instead; the mapper copes with both.
 */
export interface GridCell {
  text: string;
  at: SourceLocation;
  rowSpan?: number;
  colSpan?: number;
  /** Grid position (row, column) of the merged cell covering this one. */
  mergedFrom?: { row: number; col: number };
}

export type Block =
  /** A heading the source marks as one (Markdown `#`, HTML h1–h6, a DOCX heading style). */
  | { kind: "heading"; text: string; level: number; at: SourceLocation }
  /** A paragraph, or one line of a source that breaks paragraphs into lines. */
  | { kind: "paragraph"; text: string; at: SourceLocation }
  /** A table: rows of cells in reading order; rows may differ in length. */
  | { kind: "table"; rows: GridCell[][]; at: SourceLocation };

export interface ImportDocument {
  source: SourceKind;
  blocks: Block[];
}

/** Renders a location for messages: 第 12 行, 第 3 页. */
export function describeLocation(at: SourceLocation): string {
  switch (at.kind) {
    case "text":
      return at.column ? `第 ${at.line} 行第 ${at.column} 列` : `第 ${at.line} 行`;
    case "pdf":
      return `第 ${at.page} 页 (${Math.round(at.x)}, ${Math.round(at.y)})`;
    case "html":
    case "docx":
      return at.table !== undefined
        ? `表格 ${at.table + 1} 第 ${(at.row ?? 0) + 1} 行第 ${(at.cell ?? 0) + 1} 格`
        : `第 ${((at.kind === "html" ? at.element : at.paragraph) ?? 0) + 1} 段`;
  }
}
