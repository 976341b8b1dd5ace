/**
 * What the PDF parser reads from a page, independent of pdf.js: positioned text runs and the
 * straight rules drawn on the page. All coordinates are in points from the page's top-left
 * corner (y grows downwards), after the page's rotation and crop box are applied.
 */

/** A run of text in one font along one baseline, as the PDF shows it (one text item). */
export interface TextRun {
  text: string;
  /** Left end of the run. */
  x: number;
  /** The baseline. */
  y: number;
  /** Advance width of the whole run. */
  width: number;
  /** Font size (em height) in points. */
  size: number;
  /**
   * Which font: pdf.js's id of the font resource, the same on every page of the document. Only
   * compared (body text against headings set in another face), never read as a name.
   */
  font: string;
}

/** A straight horizontal or vertical rule: a stroked line, a rectangle edge or a thin filled bar. */
export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PageContent {
  /** 1-based page number. */
  page: number;
  width: number;
  height: number;
  runs: TextRun[];
  segments: Segment[];
}

/** Rounds a coordinate for locations (0.01 pt is far below anything visible). */
export const round = (n: number) => Math.round(n * 100) / 100;
