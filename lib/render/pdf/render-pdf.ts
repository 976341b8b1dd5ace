import pdfmake from "pdfmake";
import type { Content, ContentText, CustomTableLayout, TableCell, TDocumentDefinitions } from "pdfmake/interfaces";
import type {
  Block,
  CellRole,
  DocCell,
  DocTable,
  HeadingBlock,
  ParagraphBlock,
  ReportDocument,
  TitleBlock,
} from "../../document/types";
import { dispatchBlock, unknownBlockReporter, type BlockHandlers, type BlockRenderOptions } from "../block-handlers";
import { expandGrid, type GridSlot } from "./expand-grid";
import { breakLines } from "./break-lines";
import {
  FONT_PATHS,
  ROLE_FONTS,
  SANS,
  charWidthEm,
  fontBuffersByPath,
  lineHeightFor,
  pdfFontFamilies,
  textWidthEm,
  type FontRole,
} from "./fonts";

/*
 * PDF renderer: ReportDocument → pdfmake document definition → PDF bytes, laid out per
 * GB/T 9704-2012 (shared/spec/document-layout.md §1). Server-side only.
 */

const MM = 72 / 25.4;
const A4_HEIGHT = 841.89;

/** A4 margins [left, top, right, bottom]: 订口 28 mm, 天头 37 mm, leaving the 156 × 225 mm 版心. */
export const PAGE_MARGINS: [number, number, number, number] = [28 * MM, 37 * MM, 26 * MM, 35 * MM];
/** Width of the 版心 (156 mm). */
export const TEXT_WIDTH = 156 * MM;
const TEXT_HEIGHT = A4_HEIGHT - PAGE_MARGINS[1] - PAGE_MARGINS[3];
/** 1 行: 225 mm / 22 lines ≈ 28.95 pt (GB/T 9704 5.2.3). */
export const LINE_PITCH = 28.95;

const SIZE_TITLE = 22; // 二号
const SIZE_BODY = 16; // 三号
const SIZE_PAGE_NUMBER = 14; // 四号
const SIZE_TABLE = 10.5; // 五号
/** 1 字 of body text. */
const CHAR = SIZE_BODY;
const TITLE_PITCH = 1.5 * SIZE_TITLE;

/** Font, weight and line pitch of a role at a size. */
function roleStyle(role: FontRole, fontSize: number, pitch: number) {
  const { font, bold } = ROLE_FONTS[role];
  return { font, bold, fontSize, lineHeight: lineHeightFor(role, fontSize, pitch) };
}

// ---------------------------------------------------------------------------------------------
// pdfmake setup and resource policy

interface VirtualFs {
  writeFileSync(name: string, content: Buffer): void;
}

/**
 * pdfmake never fetches a URL: nothing in a report is a remote resource, so nothing is allowed.
 * (pdfmake ≥ 0.3.6 asks this before every download and redirect.)
 */
export function urlAccessPolicy(url: string): boolean {
  void url;
  return false;
}

/** pdfmake may read only the font files from disk, never a path that came from a document. */
export function localAccessPolicy(path: string): boolean {
  return FONT_PATHS.has(path);
}

let fontsLoaded = false;

/**
 * Configures the pdfmake singleton: fonts and resource policies. Runs before every document
 * because the singleton is process-global and pdfmake reads its policies when `createPdf` runs.
 * The font bytes go into pdfmake's in-memory file system under their real paths, so pdfkit
 * takes them from memory instead of re-reading 10–15 MB files per document; a path missing
 * there falls back to disk, which the local policy allows for the font files only.
 */
export function configurePdfmake(): typeof pdfmake {
  if (!fontsLoaded) {
    const vfs = (pdfmake as unknown as { virtualfs?: VirtualFs }).virtualfs;
    if (typeof vfs?.writeFileSync !== "function") {
      throw new Error("pdfmake has no virtual file system; this pdfmake version is not supported");
    }
    for (const [path, buffer] of fontBuffersByPath()) vfs.writeFileSync(path, buffer);
    fontsLoaded = true;
  }
  pdfmake.setFonts(pdfFontFamilies() as unknown as Parameters<typeof pdfmake.setFonts>[0]);
  pdfmake.setUrlAccessPolicy(urlAccessPolicy);
  pdfmake.setLocalAccessPolicy(localAccessPolicy);
  return pdfmake;
}

// ---------------------------------------------------------------------------------------------
// Lines and heights
//
// All text is broken into lines here (break-lines.ts), one pdfmake node per line: pdfmake
// would make every Hanzi a separate inline, which makes layout and rendering slow and the PDF
// large. Knowing the lines also gives exact heights, which pdfmake's page breaking needs:
// it has no keep-with-next, so blocks that must stay together go in `unbreakable` stacks, and
// pdfmake keeps only the first page of an unbreakable block taller than a page, so a group is
// made unbreakable only when its height surely fits on one page.

/** A pdfmake node and its height in pt. */
interface Piece {
  node: Content;
  height: number;
  /** Starts a new page (the continuation of a split table). */
  newPage?: boolean;
}

/** Leaves room for rounding: a group counts as fitting only below this height. */
const FIT_HEIGHT = TEXT_HEIGHT - LINE_PITCH / 2;

/** Most a character may be narrowed to fit a line: GB/T 9704's 28 字 a line need ≈ −0.2 pt. */
const MIN_SPACING = -0.25;

/** Latin letters, digits, ASCII punctuation: runs of these keep their natural spacing. */
const LATIN = /[\u0000-\u2e7f]/;

/**
 * A line's width as pdfkit will measure it. Hanzi and full-width forms have no kerning or
 * ligatures, so their cached advances add up exactly; anything narrower is shaped, since
 * Latin text kerns.
 */
function naturalWidthEm(role: FontRole, line: string): number {
  if (LATIN.test(line)) return textWidthEm(role, line);
  let em = 0;
  for (const ch of line) em += charWidthEm(role, ch);
  return em;
}

interface SetOptions {
  fontSize: number;
  width: number;
  /** First-line indent in pt. */
  indent?: number;
  /** Spread all lines but the last to the full width. */
  justify?: boolean;
  minSpacing?: number;
}

/**
 * Most a justified line is spread, per gap, in em. A line before a token that moved down whole
 * (a URL, an e-mail address) may have few gaps to spread: beyond this it stays short of the
 * margin rather than set its characters an em apart.
 */
const MAX_SPREAD_EM = 0.35;

/**
 * A line cut into runs of Latin and of CJK characters for spreading: pdfmake spaces a text's
 * characters apart (its width counts the gaps between them), never the gap between two texts.
 * CJK runs are spread; Latin runs (a number, an address, a URL) keep their letters together and
 * the gap beside them natural, so a reader (and the PDF importer) sees 「路81号」, not 「路 81 号」.
 */
export function spreadPieces(line: string): { text: string; spread: boolean }[] {
  const pieces: { text: string; spread: boolean; latin: boolean }[] = [];
  for (const ch of line) {
    const latin = LATIN.test(ch);
    const last = pieces.at(-1);
    if (last && last.latin === latin) last.text += ch;
    else pieces.push({ text: ch, spread: false, latin });
  }
  return pieces.map(({ text, latin }) => ({ text, spread: !latin && [...text].length > 1 }));
}

/**
 * Sets text in lines: one no-wrap pdfmake node per line, justified lines spread by character
 * spacing (the last line only narrowed, if it must be). The spacing goes between CJK characters
 * only: a number, an e-mail address or a URL keeps its letters together, as in Word, so a line
 * holding one is a text of several pieces (spreadPieces).
 */
function setLines(text: string, role: FontRole, options: SetOptions): ContentText[] {
  const { fontSize, width, indent = 0, justify = false, minSpacing = 0 } = options;
  const widths = (ch: string) => charWidthEm(role, ch) * fontSize;
  const lines = breakLines(text, widths, { firstWidth: width - indent, width, minSpacing });
  return lines.map((line, i) => {
    const lineWidth = i === 0 ? width - indent : width;
    const spread = justify && i < lines.length - 1;
    const pieces = LATIN.test(line) ? spreadPieces(line) : [{ text: line, spread: true }];
    const natural = pieces.reduce((sum, piece) => sum + naturalWidthEm(role, piece.text) * fontSize, 0);
    const slack = lineWidth - natural;
    const gaps = pieces.reduce((sum, piece) => sum + (piece.spread ? [...piece.text].length - 1 : 0), 0);
    let spacing = gaps > 0 && (spread || slack < 0) ? slack / gaps : 0;
    if (spacing > 0) spacing = Math.min(spacing, MAX_SPREAD_EM * fontSize);
    // A line of Latin only that must be narrowed: all of it, as nothing else can give.
    const squeezeAll = gaps === 0 && slack < 0 && [...line].length > 1;
    let node: ContentText;
    if (pieces.length === 1 || squeezeAll) {
      node = { text: line, noWrap: true };
      const all = squeezeAll ? slack / ([...line].length - 1) : spacing;
      if (all !== 0) node.characterSpacing = all;
    } else {
      node = { text: pieces.map((piece) => (piece.spread && spacing !== 0 ? { text: piece.text, characterSpacing: spacing } : { text: piece.text })), noWrap: true };
    }
    if (i === 0 && indent) node.marginLeft = indent;
    return node;
  });
}

// ---------------------------------------------------------------------------------------------
// Blocks

function renderTitle(block: TitleBlock): Piece {
  const lines = block.lines.flatMap((line) => setLines(line, "xiaobiaosong", { fontSize: SIZE_TITLE, width: TEXT_WIDTH }));
  return {
    node: {
      stack: lines,
      alignment: "center",
      ...roleStyle("xiaobiaosong", SIZE_TITLE, TITLE_PITCH),
      // One blank body line below the title (GB/T 9704 7.3.1 practice for reports).
      marginBottom: LINE_PITCH,
    },
    height: lines.length * TITLE_PITCH + LINE_PITCH,
  };
}

/** A 16 pt paragraph: justified, 2 字 first-line indent, 28 字 a full line. */
function bodyLines(text: string, role: FontRole): ContentText[] {
  return setLines(text, role, { fontSize: SIZE_BODY, width: TEXT_WIDTH, indent: 2 * CHAR, justify: true, minSpacing: MIN_SPACING });
}

/**
 * The heading's node. `keepWithNext` marks its first line for the page-break rule, which
 * moves it to the next page when what must follow it on its page does not fit.
 */
function headingNode(block: HeadingBlock, parentId: string | undefined, keepWithNext: boolean): Piece {
  const role: FontRole = block.level === 1 ? "heiti" : "kaiti";
  const [first, ...rest] = bodyLines(block.text, role);
  // `id` on a line names its bookmark, so level-2 bookmarks nest under level 1, and is
  // what the page-break rule looks up (`id` is missing from @types/pdfmake's ContentText).
  const firstLine = {
    ...first,
    id: block.anchor,
    headlineLevel: keepWithNext ? block.level : undefined,
    outline: true,
    outlineText: block.text,
    outlineParentId: block.level === 2 ? parentId : undefined,
  } as ContentText;
  return {
    node: { stack: [firstLine, ...rest], ...roleStyle(role, SIZE_BODY, LINE_PITCH) },
    height: (rest.length + 1) * LINE_PITCH,
  };
}

function paragraphText(block: ParagraphBlock): string {
  return block.inlines.map((inline) => inline.text).join("");
}

function renderBody(block: ParagraphBlock): Piece {
  const lines = bodyLines(paragraphText(block), "fangsong");
  return {
    node: { stack: lines, ...roleStyle("fangsong", SIZE_BODY, LINE_PITCH) },
    height: lines.length * LINE_PITCH,
  };
}

/**
 * The closing 署名 and 成文日期: the date ends 4 字 in from the right (GB/T 9704 7.3.5) and the
 * signature is centred on the date, so both sit in one auto-width column at the right.
 */
function renderClosing(signature: ParagraphBlock | undefined, date: ParagraphBlock | undefined): Piece {
  const lines = [signature, date]
    .filter((block): block is ParagraphBlock => block !== undefined)
    .map((block): ContentText => ({ text: paragraphText(block), alignment: "center" }));
  return {
    node: {
      columns: [{ width: "*", text: "" }, { width: "auto", stack: lines }],
      ...roleStyle("fangsong", SIZE_BODY, LINE_PITCH),
      marginTop: LINE_PITCH,
      marginRight: 4 * CHAR,
    },
    height: (lines.length + 1) * LINE_PITCH,
  };
}

// ---------------------------------------------------------------------------------------------
// Tables

const TABLE_RULE = 0.5;
const CELL_PAD_X = 3;
const CELL_PAD_Y = 2;
const TABLE_LINE = 1.15 * SIZE_TABLE;
const TABLE_MARGIN: [number, number, number, number] = [0, 4, 0, 12];

const TABLE_LAYOUT: CustomTableLayout = {
  hLineWidth: () => TABLE_RULE,
  vLineWidth: () => TABLE_RULE,
  hLineColor: () => "black",
  vLineColor: () => "black",
  paddingLeft: () => CELL_PAD_X,
  paddingRight: () => CELL_PAD_X,
  paddingTop: () => CELL_PAD_Y,
  paddingBottom: () => CELL_PAD_Y,
};

/**
 * Column content widths in pt so that the table, rules and paddings included, spans the 版心
 * exactly; pdfmake's `*` columns are all equal, so relative widths are resolved here.
 */
export function tableColumnWidths(relative: number[]): number[] {
  const n = relative.length;
  const offsets = n * 2 * CELL_PAD_X + (n + 1) * TABLE_RULE;
  const total = relative.reduce((sum, w) => sum + w, 0);
  return relative.map((w) => ((TEXT_WIDTH - offsets) * w) / total);
}

interface CellStyle {
  font: FontRole;
  alignment: "left" | "center";
}

/** Font role and alignment of each cell role: header and label cells in 黑体, values centred. */
const CELL_STYLES: Record<CellRole, CellStyle> = {
  corner: { font: "heiti", alignment: "left" },
  "column-header": { font: "heiti", alignment: "center" },
  "group-header": { font: "heiti", alignment: "center" },
  "row-header": { font: "fangsong", alignment: "left" },
  value: { font: "fangsong", alignment: "center" },
};

function cellStyle(role: CellRole): CellStyle {
  if (!Object.hasOwn(CELL_STYLES, role)) throw new Error(`Unknown cell role: ${String(role)}`);
  return CELL_STYLES[role];
}

/** A table laid out: pdfmake's full grid of cells and the height of each row. */
interface SetTable {
  body: TableCell[][];
  rowHeights: number[];
}

/** Lines of each cell, kept while a table is split, which sets the same cells repeatedly. */
type LineCache = Map<DocCell, ContentText[]>;

/**
 * Sets every cell's lines at its column width and derives row heights as pdfmake does: the
 * tallest single-row cell, and a row span's shortfall added to its last row.
 */
function setTable(grid: GridSlot[][], widths: number[], cache: LineCache): SetTable {
  const spanWidth = (c: number, span: number) =>
    widths.slice(c, c + span).reduce((sum, w) => sum + w, 0) + (span - 1) * (2 * CELL_PAD_X + TABLE_RULE);
  const linesOf = (cell: DocCell, c: number) => {
    let lines = cache.get(cell);
    if (!lines) {
      lines = setLines(cell.text, cellStyle(cell.role).font, { fontSize: SIZE_TABLE, width: spanWidth(c, cell.colSpan) });
      cache.set(cell, lines);
    }
    return lines;
  };
  const body = grid.map((row) =>
    row.map((cell, c): TableCell => {
      if (cell === null) return {};
      const { font, alignment } = cellStyle(cell.role);
      return {
        // Fresh nodes: pdfmake annotates the nodes it lays out, so a split table's repeated
        // header cells must not share them.
        stack: linesOf(cell, c).map((line) => ({ ...line })),
        ...roleStyle(font, SIZE_TABLE, TABLE_LINE),
        alignment,
        colSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
        rowSpan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
        // pdfmake misplaces vertically centred row spans: those are centred by a top margin (below).
        verticalAlignment: cell.rowSpan > 1 ? undefined : "middle",
      };
    }),
  );
  const cellHeight = (cell: DocCell) => cache.get(cell)!.length * TABLE_LINE + 2 * CELL_PAD_Y;
  const rowHeights = grid.map((row) => Math.max(0, ...row.map((cell) => (cell && cell.rowSpan === 1 ? cellHeight(cell) : 0))));
  grid.forEach((row, r) =>
    row.forEach((cell) => {
      if (!cell || cell.rowSpan === 1) return;
      const last = r + cell.rowSpan - 1;
      rowHeights[last] += Math.max(0, cellHeight(cell) - spannedHeight(rowHeights, r, cell.rowSpan));
    }),
  );
  // A row-spanning cell centred in its rows, as in the DOCX and HTML (the rows are set above).
  grid.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!cell || cell.rowSpan === 1) return;
      const offset = (spannedHeight(rowHeights, r, cell.rowSpan) - cellHeight(cell)) / 2;
      if (offset > 0.5) (body[r][c] as { marginTop?: number }).marginTop = offset;
    }),
  );
  return { body, rowHeights };
}

/** Height of `count` rows from `start`, the rules between them included. */
function spannedHeight(rowHeights: number[], start: number, count: number): number {
  return rowHeights.slice(start, start + count).reduce((sum, h) => sum + h, 0) + (count - 1) * TABLE_RULE;
}

type Margin = [number, number, number, number];

function tablePiece(grid: GridSlot[][], headerRows: number, widths: number[], margin: Margin, cache: LineCache): Piece & { rowHeights: number[] } {
  const set = setTable(grid, widths, cache);
  return {
    node: {
      table: {
        widths: [...widths],
        headerRows,
        // Never leave header rows alone at the foot of a page.
        keepWithHeaderRows: headerRows > 0 ? 1 : undefined,
        dontBreakRows: true,
        body: set.body,
      },
      layout: TABLE_LAYOUT,
      margin,
    },
    height: spannedHeight(set.rowHeights, 0, grid.length) + 2 * TABLE_RULE + margin[1] + margin[3],
    rowHeights: set.rowHeights,
  };
}

/**
 * Rows [start, end) of a grid as a grid of their own: spans are cut at `end`, and a span that
 * comes from above `start` restarts there as an empty cell of the same role.
 */
function sliceGrid(grid: GridSlot[][], start: number, end: number): GridSlot[][] {
  const part = grid.slice(start, end).map((row, i) =>
    row.map((cell) => (cell && i + cell.rowSpan > end - start ? { ...cell, rowSpan: end - start - i } : cell)),
  );
  for (let r = 0; r < start; r++) {
    grid[r].forEach((cell, c) => {
      if (cell && r + cell.rowSpan > start) {
        const rowSpan = Math.min(r + cell.rowSpan, end) - start;
        part[0][c] = { role: cell.role, text: "", colSpan: cell.colSpan, rowSpan };
      }
    });
  }
  return part;
}

/**
 * Splits a grid table taller than `firstCapacity` into parts that each fit a page, the header
 * rows repeated on each: pdfmake itself stretches and misplaces row spans split across pages.
 * Each part ends at the last row that fits, preferring rows that split no small span (a group
 * of at most a third of a page), so groups like （三）不予公开 stay whole.
 */
function splitGridTable(grid: GridSlot[][], headerRows: number, widths: number[], firstCapacity: number): Piece[] {
  const cache: LineCache = new Map();
  const whole = tablePiece(grid, headerRows, widths, TABLE_MARGIN, cache);
  if (whole.height <= firstCapacity) return [whole];
  const splitsSmallSpan = (start: number, end: number) =>
    grid.slice(start, end).some((row, i) =>
      row.some(
        (cell) =>
          cell !== null &&
          start + i + cell.rowSpan > end &&
          spannedHeight(whole.rowHeights, start + i, cell.rowSpan) <= FIT_HEIGHT / 3,
      ),
    );
  const header = grid.slice(0, headerRows);
  const pieces: Piece[] = [];
  let start = headerRows;
  while (start < grid.length) {
    const capacity = pieces.length === 0 ? firstCapacity : FIT_HEIGHT;
    const margin: Margin = [0, pieces.length === 0 ? TABLE_MARGIN[1] : 0, 0, 0];
    let best: { end: number; piece: Piece } | undefined;
    let bestClean: typeof best;
    for (let end = start + 1; end <= grid.length; end++) {
      const piece = tablePiece([...header, ...sliceGrid(grid, start, end)], headerRows, widths, margin, cache);
      if (piece.height > capacity && best) break;
      best = { end, piece };
      if (!splitsSmallSpan(start, end)) bestClean = best;
      if (piece.height > capacity) break; // a row taller than a page: it goes alone
    }
    const chosen = bestClean ?? best!;
    pieces.push({ ...chosen.piece, newPage: pieces.length > 0 });
    start = chosen.end;
  }
  const last = pieces[pieces.length - 1];
  (last.node as { margin: Margin }).margin[3] = TABLE_MARGIN[3];
  last.height += TABLE_MARGIN[3];
  return pieces;
}

/**
 * A table as pieces, each to be kept on one page when it fits. A grid table (tables 3 and 4)
 * is one piece, or parts of at most a page when it is taller than `firstCapacity`. Table 2
 * has no header rows but groups that each start with a heading row and column labels; each
 * group is a piece, and the pieces stacked without gaps print as one table whose groups never
 * split from their headings.
 */
function renderTable(table: DocTable, firstCapacity: number): Piece[] {
  const widths = tableColumnWidths(table.columnWidths);
  if (table.header.length === 0 && table.bodyGroups.length > 1) {
    const last = table.bodyGroups.length - 1;
    return table.bodyGroups.map((rows, i) =>
      tablePiece(expandGrid(rows, widths.length), 0, widths, [0, i === 0 ? TABLE_MARGIN[1] : 0, 0, i === last ? TABLE_MARGIN[3] : 0], new Map()),
    );
  }
  const grid = expandGrid([...table.header, ...table.bodyGroups.flat()], widths.length);
  return splitGridTable(grid, table.header.length, widths, firstCapacity);
}

// ---------------------------------------------------------------------------------------------
// Document

/** The current section's heading and paragraphs, not yet placed, so a table can take them along. */
interface Pending {
  heading: HeadingBlock;
  parentId: string | undefined;
  paragraphs: Piece[];
}

/** The state of a walk through the blocks, which the block handlers share. */
interface Walk {
  blocks: Block[];
  /** Index of the block being rendered; a handler that also takes the next block moves it on. */
  index: number;
  content: Content[];
  keepSpace: Map<string, number>;
  pending: Pending | undefined;
  level1Id: string | undefined;
}

/** Places the pending heading, which needs `next` pt below it when it has no paragraph. */
function flush(walk: Walk, next: number): void {
  if (!walk.pending) return;
  const { heading, parentId, paragraphs } = walk.pending;
  const node = headingNode(heading, parentId, true);
  walk.keepSpace.set(heading.anchor, node.height + (paragraphs.length > 0 ? LINE_PITCH : next));
  walk.content.push(node.node, ...paragraphs.map((p) => p.node));
  walk.pending = undefined;
}

const PARAGRAPH_HANDLERS: { [R in ParagraphBlock["role"]]: (block: ParagraphBlock, walk: Walk) => void } = {
  body(block, walk) {
    // A level-2 heading typed in the text: set and kept with what follows like a topic heading.
    if (block.heading === 2) return HANDLERS.heading({ type: "heading", level: 2, text: paragraphText(block), anchor: block.anchor }, walk);
    if (walk.pending) walk.pending.paragraphs.push(renderBody(block));
    else walk.content.push(renderBody(block).node);
  },
  signature(block, walk) {
    const next = walk.blocks[walk.index + 1];
    const date = next?.type === "paragraph" && next.role === "date" ? next : undefined;
    const closing = renderClosing(block, date);
    flush(walk, closing.height);
    walk.content.push(closing.node);
    if (date) walk.index++;
  },
  date(block, walk) {
    const closing = renderClosing(undefined, block);
    flush(walk, closing.height);
    walk.content.push(closing.node);
  },
};

/**
 * One handler per block type. A section heading, its notes and the start of its table are
 * kept on one page (the whole table if it has header rows, since pdfmake stretches and
 * misplaces row spans split across pages). Every other heading records in `keepSpace` how much
 * room it needs with what must follow it (see `pageBreakRule`).
 */
const HANDLERS: BlockHandlers<void, Walk> = {
  title(block, walk) {
    flush(walk, 0);
    walk.content.push(renderTitle(block).node);
  },
  heading(block, walk) {
    flush(walk, LINE_PITCH + headingNode(block, walk.level1Id, false).height);
    if (block.level === 1) walk.level1Id = block.anchor;
    walk.pending = { heading: block, parentId: walk.level1Id, paragraphs: [] };
  },
  paragraph(block, walk) {
    if (!Object.hasOwn(PARAGRAPH_HANDLERS, block.role)) throw new Error(`Unknown paragraph role: ${String(block.role)}`);
    PARAGRAPH_HANDLERS[block.role](block, walk);
  },
  table(block, walk) {
    const { pending, content } = walk;
    const lead: Piece[] = pending ? [headingNode(pending.heading, pending.parentId, false), ...pending.paragraphs] : [];
    const leadHeight = lead.reduce((sum, p) => sum + p.height, 0);
    // A short lead (heading, a note or two) shares the first page with the table; a long
    // one flows before it.
    const withLead = lead.length > 0 && leadHeight <= FIT_HEIGHT / 3;
    const [first, ...rest] = renderTable(block.table, FIT_HEIGHT - (withLead ? leadHeight : 0));
    if (withLead && fitsOnePage([...lead, first])) {
      content.push({ stack: [...lead, first].map((p) => p.node), unbreakable: true });
      walk.pending = undefined;
    } else {
      flush(walk, first.height);
      content.push(keepOnOnePage(first));
    }
    for (const piece of rest) content.push(keepOnOnePage(piece));
  },
};

/** Walks the blocks, each through its handler; unknown blocks are reported and skipped. */
function renderBlocks(blocks: Block[], keepSpace: Map<string, number>, options: BlockRenderOptions): Content[] {
  const report = unknownBlockReporter("pdf", options);
  const walk: Walk = { blocks, index: 0, content: [], keepSpace, pending: undefined, level1Id: undefined };
  for (; walk.index < blocks.length; walk.index++) dispatchBlock(HANDLERS, blocks[walk.index], walk.index, walk, report);
  flush(walk, 0);
  return walk.content;
}

/**
 * A piece as an unbreakable block if it fits on a page (pdfmake cuts off taller ones). A page
 * break must sit outside the unbreakable block: inside, it loses the content after it.
 */
function keepOnOnePage(piece: Piece): Content {
  const pageBreak = piece.newPage ? ("before" as const) : undefined;
  return fitsOnePage([piece]) ? { stack: [piece.node], unbreakable: true, pageBreak } : { stack: [piece.node], pageBreak };
}

function fitsOnePage(pieces: Piece[]): boolean {
  return pieces.reduce((sum, p) => sum + p.height, 0) <= FIT_HEIGHT;
}

/**
 * Keep-with-next for headings outside kept groups: a heading moves to the next page when the
 * room left below its top is less than it needs with what must follow it. Its position is
 * reliable: such a heading never sits inside an unbreakable block.
 */
function pageBreakRule(keepSpace: Map<string, number>): NonNullable<TDocumentDefinitions["pageBreakBefore"]> {
  return (node) => {
    const need = node.headlineLevel && node.id ? keepSpace.get(node.id) : undefined;
    if (need === undefined) return false;
    const { top, pageInnerHeight } = node.startPosition;
    return pageInnerHeight - (top - PAGE_MARGINS[1]) < need;
  };
}

/**
 * Page number “— N —” in 4号 宋体 role, below the 版心 with the dash's top ≈ 7 mm under it;
 * odd pages right-aligned and even pages left-aligned, 1 字 in from the 版心 edge (GB/T 9704 7.5).
 */
function pageNumber(currentPage: number): Content {
  // From the line top to the em dash's top: ascent 1.151 em − dash top 0.293 em (Noto Serif SC).
  const dashDrop = (1.151 - 0.293) * SIZE_PAGE_NUMBER;
  const oneChar = SIZE_PAGE_NUMBER;
  const odd = currentPage % 2 === 1;
  return {
    text: `— ${currentPage} —`,
    ...roleStyle("songti", SIZE_PAGE_NUMBER, SIZE_PAGE_NUMBER),
    lineHeight: 1,
    alignment: odd ? "right" : "left",
    margin: [PAGE_MARGINS[0] + (odd ? 0 : oneChar), 7 * MM - dashDrop, PAGE_MARGINS[2] + (odd ? oneChar : 0), 0],
  };
}

/** `onUnknownBlock`: see lib/render/block-handlers.ts (unknown blocks are reported and skipped). */
export type RenderPdfOptions = BlockRenderOptions;

/** The pdfmake document definition of a report (exported for tests and debugging). */
export function pdfDefinition(doc: ReportDocument, options: RenderPdfOptions = {}): TDocumentDefinitions {
  const keepSpace = new Map<string, number>();
  const content = renderBlocks(doc.blocks, keepSpace, options);
  return {
    pageSize: "A4",
    pageMargins: PAGE_MARGINS,
    language: "zh-CN",
    displayTitle: true,
    info: { title: doc.title, author: doc.meta.agency, creator: "gov-report", producer: "gov-report (pdfmake)" },
    defaultStyle: roleStyle("fangsong", SIZE_BODY, LINE_PITCH),
    content,
    footer: (currentPage) => pageNumber(currentPage),
    pageBreakBefore: pageBreakRule(keepSpace),
    // Across every page, light enough to read through (the PDF importer skips diagonal text).
    ...(doc.draftMark ? { watermark: { text: doc.draftMark, font: SANS, fontSize: 60, color: "#c00000", opacity: 0.28, angle: -40 } } : {}),
  };
}

/** Renders a report document to PDF bytes. */
export async function renderPdf(doc: ReportDocument, options: RenderPdfOptions = {}): Promise<Buffer> {
  return configurePdfmake().createPdf(pdfDefinition(doc, options)).getBuffer();
}
