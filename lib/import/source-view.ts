import { describeLocation, type ImportDocument, type SourceLocation } from "./intermediate";

/**
 * The source side of the import review screen, as plain data: the parser's blocks (headings,
 * paragraphs, table grids) in order, each with its location in words and an element id, so that
 * a deviation, an unplaced item or a problem can point at (and highlight) where it was read.
 */

/** How a place in the source is highlighted: content that has no place, or a label printed differently. */
export type SourceMark = "unplaced" | "deviation";

export interface SourceCellView {
  text: string;
  /** Where the cell was read, in words (第 54 行第 11 列, 表格 2 第 3 行第 4 格). */
  location: string;
  id?: string;
  mark?: SourceMark;
  colSpan?: number;
  rowSpan?: number;
}

export type SourceBlockView =
  | { kind: "heading" | "paragraph"; text: string; location: string; id: string; mark?: SourceMark }
  | { kind: "table"; location: string; id: string; rows: SourceCellView[][]; mark?: SourceMark };

export interface SourceView {
  blocks: SourceBlockView[];
  /** Blocks after the shown ones (a very long source is cut). */
  omitted: number;
}

/** At most this many blocks are shown (a report has a few hundred). */
export const MAX_SOURCE_BLOCKS = 3000;
/** Longer texts are cut in the view (the stored source keeps them whole). */
const MAX_TEXT = 4000;

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/** One key per exact location: its kind and fields in a fixed order. */
export function locationKey(at: SourceLocation): string {
  const fields = Object.entries(at)
    .filter(([key, value]) => key !== "kind" && value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${typeof value === "number" ? Math.round(value * 10) / 10 : String(value)}`);
  return [at.kind, ...fields].join(";");
}

/** Coarser keys a location falls back to: its text line, its paragraph or element, its table. */
function coarseKeys(at: SourceLocation): string[] {
  switch (at.kind) {
    case "text":
      return [`text;line=${at.line}`];
    case "html":
      return at.table !== undefined ? [`html;table=${at.table};row=${at.row ?? 0}`, `html;table=${at.table}`] : at.element !== undefined ? [`html;element=${at.element}`] : [];
    case "docx":
      return at.table !== undefined
        ? [`docx;table=${at.table};row=${at.row ?? 0}`, `docx;table=${at.table}`]
        : at.paragraph !== undefined
          ? [`docx;paragraph=${at.paragraph}`]
          : [];
    case "pdf":
      return [];
  }
}

/** Finds the element showing a location: exactly, else by a coarser key, else (PDF) the nearest line of the page. */
export interface SourceIndex {
  view: SourceView;
  anchorOf(at: SourceLocation | undefined): string | undefined;
  /** Highlights the element showing a location (the first mark wins). */
  mark(at: SourceLocation | undefined, mark: SourceMark): string | undefined;
}

/** Builds the source view of a parsed document and an index from locations to its elements. */
export function buildSourceView(document: ImportDocument, limit = MAX_SOURCE_BLOCKS): SourceIndex {
  const exact = new Map<string, string>();
  const coarse = new Map<string, string>();
  const pdfLines = new Map<number, { y: number; id: string }[]>();
  const elements = new Map<string, { mark?: SourceMark }>();
  let next = 0;
  const newId = () => `src-${++next}`;

  const register = (at: SourceLocation, id: string, element: { mark?: SourceMark }) => {
    elements.set(id, element);
    const key = locationKey(at);
    if (!exact.has(key)) exact.set(key, id);
    for (const k of coarseKeys(at)) if (!coarse.has(k)) coarse.set(k, id);
    if (at.kind === "pdf") {
      const lines = pdfLines.get(at.page) ?? [];
      lines.push({ y: at.y, id });
      pdfLines.set(at.page, lines);
    }
  };

  const shown = document.blocks.slice(0, limit);
  const blocks: SourceBlockView[] = shown.map((block) => {
    if (block.kind !== "table") {
      const view: SourceBlockView = { kind: block.kind, text: clip(block.text), location: describeLocation(block.at), id: newId() };
      register(block.at, view.id, view);
      return view;
    }
    const view: SourceBlockView = { kind: "table", location: describeLocation(block.at), id: newId(), rows: [] };
    register(block.at, view.id, view);
    view.rows = block.rows.map((row) =>
      row
        // A position covered by a merged cell is drawn by the cell's origin (its spans).
        .filter((cell) => !cell.mergedFrom)
        .map((cell) => {
          const cellView: SourceCellView = { text: clip(cell.text), location: describeLocation(cell.at), id: newId() };
          if (cell.colSpan && cell.colSpan > 1) cellView.colSpan = cell.colSpan;
          if (cell.rowSpan && cell.rowSpan > 1) cellView.rowSpan = cell.rowSpan;
          register(cell.at, cellView.id!, cellView);
          return cellView;
        }),
    );
    return view;
  });

  const anchorOf = (at: SourceLocation | undefined): string | undefined => {
    if (!at) return undefined;
    const found = exact.get(locationKey(at)) ?? coarseKeys(at).map((k) => coarse.get(k)).find(Boolean);
    if (found || at.kind !== "pdf") return found;
    const lines = pdfLines.get(at.page);
    if (!lines?.length) return undefined;
    return lines.reduce((best, line) => (Math.abs(line.y - at.y) < Math.abs(best.y - at.y) ? line : best)).id;
  };

  return {
    view: { blocks, omitted: document.blocks.length - shown.length },
    anchorOf,
    mark(at, mark) {
      const id = anchorOf(at);
      const element = id ? elements.get(id) : undefined;
      if (element && !element.mark) element.mark = mark;
      return id;
    },
  };
}
