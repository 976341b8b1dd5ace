import type { FontRole } from "./fonts";

/*
 * The PDF renderer's page model: what each page prints, in absolute positions, before any PDF
 * is written. render-pdf.ts sets the report into bands and paginates them (`paginate`);
 * draw-pdf.ts writes the pages with pdfkit. Tests read layouts directly.
 */

/** A box in pt from the page's (or a band's) top-left corner. */
export interface Box {
  top: number;
  height: number;
}

/** One run of text on one line; `y` is the line's top (the body face's baseline is one ascent below). */
export interface PdfText {
  kind: "text";
  x: number;
  y: number;
  text: string;
  role: FontRole;
  size: number;
  /** Added after every character (PDF Tc); 0 for none. */
  spacing: number;
  /** A named destination at the run (a heading's anchor). */
  destination?: string;
  /** The table cell the text belongs to (for tests: its content is centred in it). */
  cell?: Box;
}

/** Straight rules of one width, stroked as one path: [x1, y1, x2, y2] each. */
export interface PdfRules {
  kind: "rules";
  width: number;
  segments: [number, number, number, number][];
}

/** A bookmark to the page it is on; level-2 ones nest under their level-1 `parent`. */
export interface PdfOutline {
  kind: "outline";
  id: string;
  text: string;
  parent?: string;
}

export type PdfItem = PdfText | PdfRules | PdfOutline;

export interface PdfPage {
  items: PdfItem[];
}

export interface PdfLayout {
  pages: PdfPage[];
  info: { title: string; author: string };
  /** Printed diagonally across every page (see lib/document/draft-mark.ts). */
  draftMark?: string;
}

/**
 * A horizontal strip that is never split across pages: a line of text, a table part, or white
 * space. Items are positioned from the band's top-left corner (the left edge of the 版心).
 */
export interface Band {
  height: number;
  items: PdfItem[];
  /** White space: dropped at the top of a page; where it does not fit at the foot, the page ends. */
  spacer?: boolean;
  /**
   * Drawn this much over the band right above it on the same page: a table group's top rule on
   * the bottom rule of the group above, so the two print as one rule, not one twice as thick.
   */
  overlap?: number;
}

/** Bands placed together under one page-break rule. */
export interface FlowItem {
  bands: Band[];
  /**
   * Laid out when it is reached: given the room left on the page (a whole page's height at the
   * top of one), the items to place instead (`bands` is then ignored). A table that may start
   * at the foot of a page uses it to fill the page before it continues on the next.
   */
  defer?: (room: number) => FlowItem[];
  /** All on one page when they fit on one: moved to the next page whole rather than split. */
  keep?: boolean;
  /** Keep-with-next: moved to the next page when less than this is left below its top. */
  need?: number;
  /** Starts a new page (the continuation of a split table). */
  newPage?: boolean;
}

/**
 * The room a keep-with-next item needs below its top: its own `need`, or more when the item
 * after it is kept whole (a paragraph's first lines together with the signature, say) and so
 * cannot begin in less than all of its height; its first band otherwise. A deferred next item
 * is not known yet: the own `need` stands, as it does when the two would not fit on one page.
 */
function needWithNext(item: FlowItem, height: number, next: FlowItem | undefined, pageHeight: number): number {
  if (!next || next.defer || next.newPage || next.bands.length === 0) return item.need!;
  const start = next.keep ? next.bands.reduce((sum, band) => sum + band.height, 0) : next.bands[0].height;
  return height + start <= pageHeight ? Math.max(item.need!, height + start) : item.need!;
}

/** Rounding room: a band fits when it overshoots the page by less than this. */
const EPSILON = 0.01;

/**
 * Places the flow on pages `pageHeight` tall: bands one below the other, a band that does not
 * fit goes to the next page; a kept item that fits on a page but not in what is left of this
 * one moves whole; an item that needs more room below its top than is left moves; `newPage`
 * starts a page; a deferred item is laid out for the room it finds. A band taller than a page
 * gets a page to itself. Returns each page's bands
 * with their offsets from the page's top.
 */
export function paginate(flow: readonly FlowItem[], pageHeight: number): { band: Band; y: number }[][] {
  const pages: { band: Band; y: number }[][] = [[]];
  let y = 0;
  const page = () => pages[pages.length - 1];
  const breakPage = () => {
    if (page().length === 0) return;
    pages.push([]);
    y = 0;
  };
  const queue = [...flow];
  for (let item = queue.shift(); item; item = queue.shift()) {
    if (item.defer) {
      queue.unshift(...item.defer(page().length === 0 ? pageHeight : pageHeight - y));
      continue;
    }
    const height = item.bands.reduce((sum, band) => sum + band.height, 0);
    if (item.newPage) breakPage();
    else if (item.keep && height <= pageHeight + EPSILON && y + height > pageHeight + EPSILON) breakPage();
    else if (item.need !== undefined && pageHeight - y < needWithNext(item, height, queue[0], pageHeight)) breakPage();
    for (const band of item.bands) {
      if (band.spacer) {
        // White space that does not fit ends the page; at a page's top there is none.
        if (y + band.height > pageHeight + EPSILON) breakPage();
        else if (page().length > 0) y += band.height;
        continue;
      }
      const previous = page().at(-1);
      const overlap = band.overlap && previous && previous.y + previous.band.height === y ? band.overlap : 0;
      if (y - overlap + band.height > pageHeight + EPSILON) breakPage();
      else y -= overlap;
      page().push({ band, y });
      y += band.height;
    }
  }
  return pages.filter((bands, i) => i === 0 || bands.length > 0);
}

/** A band's items moved by (dx, dy); texts of one cell keep sharing one box. Outlines have no position. */
export function moveItems(items: readonly PdfItem[], dx: number, dy: number): PdfItem[] {
  const boxes = new Map<Box, Box>();
  const moved = (box: Box) => boxes.get(box) ?? boxes.set(box, { top: box.top + dy, height: box.height }).get(box)!;
  return items.map((item) => moveItem(item, dx, dy, moved));
}

function moveItem(item: PdfItem, dx: number, dy: number, moved: (box: Box) => Box): PdfItem {
  switch (item.kind) {
    case "text":
      return { ...item, x: item.x + dx, y: item.y + dy, cell: item.cell && moved(item.cell) };
    case "rules":
      return { ...item, segments: item.segments.map(([x1, y1, x2, y2]) => [x1 + dx, y1 + dy, x2 + dx, y2 + dy]) };
    case "outline":
      return item;
  }
}
