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
import { expandGrid, type GridSlot } from "../expand-grid";
import { breakLines } from "./break-lines";
import { drawPdf, A4 } from "./draw-pdf";
import { charWidthEm, covers, textWidthEm, type FontRole } from "./fonts";
import { moveItems, paginate, type Band, type FlowItem, type PdfItem, type PdfLayout, type PdfText } from "./page-layout";

/*
 * PDF renderer: ReportDocument → bands of lines and table parts → pages (page-layout.ts) →
 * PDF bytes (draw-pdf.ts), laid out per GB/T 9704-2012 (shared/spec/document-layout.md §1).
 * Every line break, height and page break is decided here, so what is measured is what prints.
 * Server-side only.
 */

const MM = 72 / 25.4;
const A4_HEIGHT = A4[1];

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
/**
 * The title's lines are on the body's grid too, as in the DOCX (exact 28.95 pt): the text below
 * then starts on a grid line and a page holds the same 22 lines in both.
 */
const TITLE_PITCH = LINE_PITCH;

// ---------------------------------------------------------------------------------------------
// Lines and heights
//
// All text is broken into lines here (break-lines.ts) and set as runs at known positions.
// Knowing the lines gives exact heights: blocks that must stay together (a heading with what
// follows, a table part) are kept items of the flow, and a group is kept only when its height
// surely fits on one page.

/** Bands and their height in pt. */
interface Piece {
  bands: Band[];
  height: number;
  /** Starts a new page (the continuation of a split table). */
  newPage?: boolean;
}

function piece(bands: Band[], newPage?: boolean): Piece {
  return { bands, height: bands.reduce((sum, band) => sum + band.height, 0), newPage };
}

const spacer = (height: number): Band => ({ height, items: [], spacer: true });

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
  /** Even out a wrapped text's lines so the last does not hold one or two characters alone. */
  balance?: boolean;
}

/** A last line this short (characters) is an orphan that balancing takes more onto. */
const ORPHAN_CHARACTERS = 2;

/**
 * Lines of `text` at `width`, balanced when asked: a text that wraps with an orphaned last line
 * (「3.危及“三安全一稳 / 定”」) is broken at the narrowest width that needs no more lines, so
 * its lines come out about equally long (「3.危及“三安 / 全一稳定”」).
 */
function brokenLines(text: string, widths: (ch: string) => number, width: number, indent: number, minSpacing: number, balance: boolean): string[] {
  const lines = breakLines(text, widths, { firstWidth: width - indent, width, minSpacing });
  if (!balance || lines.length < 2 || [...lines[lines.length - 1]].length > ORPHAN_CHARACTERS) return lines;
  let best = lines;
  let [low, high] = [width / 2, width];
  for (let i = 0; i < 12; i++) {
    const mid = (low + high) / 2;
    const tried = breakLines(text, widths, { firstWidth: mid - indent, width: mid, minSpacing });
    if (tried.length === lines.length) {
      best = tried;
      high = mid;
    } else low = mid;
  }
  return best;
}

/**
 * Most a justified line is spread, per gap, in em. A line before a token that moved down whole
 * (a URL, an e-mail address) may have few gaps to spread: beyond this it stays short of the
 * margin rather than set its characters an em apart.
 */
const MAX_SPREAD_EM = 0.35;

/**
 * A line cut into runs of Latin and of CJK characters for spreading: character spacing (PDF Tc)
 * applies after every character of a run, and each run is placed where the previous one ends.
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

/** A run of a set line: its text, the spacing after each of its characters and its width. */
interface Run {
  text: string;
  spacing: number;
  width: number;
}

/** A line as set: its runs, its width (the runs' widths) and its first-line indent. */
interface SetLine {
  runs: Run[];
  width: number;
  indent: number;
}

function run(role: FontRole, fontSize: number, text: string, spacing: number): Run {
  return { text, spacing, width: naturalWidthEm(role, text) * fontSize + spacing * ([...text].length - 1) };
}

/**
 * Sets text in lines, justified lines spread by character spacing (the last line only
 * narrowed, if it must be). The spacing goes between CJK characters only: a number, an e-mail
 * address or a URL keeps its letters together, as in Word, so a line holding one has several
 * runs (spreadPieces).
 */
function setLines(text: string, role: FontRole, options: SetOptions): SetLine[] {
  const { fontSize, width, indent = 0, justify = false, minSpacing = 0, balance = false } = options;
  const widths = (ch: string) => charWidthEm(role, ch) * fontSize;
  const lines = brokenLines(text, widths, width, indent, minSpacing, balance);
  return lines.map((line, i): SetLine => {
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
    const runs =
      pieces.length === 1 || squeezeAll
        ? [run(role, fontSize, line, squeezeAll ? slack / ([...line].length - 1) : spacing)]
        : pieces.map((piece) => run(role, fontSize, piece.text, piece.spread ? spacing : 0));
    return { runs, width: runs.reduce((sum, r) => sum + r.width, 0), indent: i === 0 ? indent : 0 };
  });
}

type Align = "left" | "center";

/**
 * A set line's runs as texts, its top at `y`: from `x` plus its indent, or centred in `width`.
 * (Text is drawn with its line's top at `y`; the glyphs' ascent is below it.)
 */
function lineTexts(line: SetLine, role: FontRole, size: number, x: number, y: number, align: Align, width: number): PdfText[] {
  let at = x + line.indent + (align === "center" ? (width - line.width) / 2 : 0);
  return line.runs.map((r) => {
    const text: PdfText = { kind: "text", x: at, y, text: r.text, role, size, spacing: r.spacing };
    at += r.width;
    return text;
  });
}

/** One band per line, `pitch` apart. */
function lineBands(lines: SetLine[], role: FontRole, size: number, pitch: number, align: Align = "left", width = TEXT_WIDTH): Band[] {
  return lines.map((line) => ({ height: pitch, items: lineTexts(line, role, size, 0, 0, align, width) }));
}

// ---------------------------------------------------------------------------------------------
// Blocks

function renderTitle(block: TitleBlock): Piece {
  const lines = block.lines.flatMap((line) => setLines(line, "xiaobiaosong", { fontSize: SIZE_TITLE, width: TEXT_WIDTH }));
  // One blank body line below the title (GB/T 9704 7.3.1 practice for reports).
  return piece([...lineBands(lines, "xiaobiaosong", SIZE_TITLE, TITLE_PITCH, "center"), spacer(LINE_PITCH)]);
}

/** A 16 pt paragraph: justified, 2 字 first-line indent, 28 字 a full line. */
function bodyLines(text: string, role: FontRole): SetLine[] {
  return setLines(text, role, { fontSize: SIZE_BODY, width: TEXT_WIDTH, indent: 2 * CHAR, justify: true, minSpacing: MIN_SPACING });
}

/** A heading's lines, the first with its bookmark (level 2 under `parentId`) and named destination. */
function headingNode(block: HeadingBlock, parentId: string | undefined): Piece {
  // The 楷体 face has some 14,000 characters; a heading with one it lacks is set in the bold
  // serif instead, whole, rather than print a missing glyph.
  const role: FontRole = block.level === 1 ? "heiti" : covers("kaiti", block.text) ? "kaiti" : "xiaobiaosong";
  const bands = lineBands(bodyLines(block.text, role), role, SIZE_BODY, LINE_PITCH);
  const [first] = bands;
  (first.items[0] as PdfText).destination = block.anchor;
  first.items.unshift({ kind: "outline", id: block.anchor, text: block.text, parent: block.level === 2 ? parentId : undefined });
  return piece(bands);
}

function paragraphText(block: ParagraphBlock): string {
  return block.inlines.map((inline) => inline.text).join("");
}

function renderBody(block: ParagraphBlock): Piece {
  return piece(lineBands(bodyLines(paragraphText(block), "fangsong"), "fangsong", SIZE_BODY, LINE_PITCH));
}

/**
 * The closing 署名 and 成文日期, one blank line below the text: the date ends 4 字 in from the
 * right (GB/T 9704 7.3.5) and the signature is centred on the date, so both are centred in one
 * column at the right as wide as the longer of them.
 */
function renderClosing(signature: ParagraphBlock | undefined, date: ParagraphBlock | undefined): Piece {
  const lines = [signature, date]
    .filter((block): block is ParagraphBlock => block !== undefined)
    .map((block): SetLine => {
      const r = run("fangsong", SIZE_BODY, paragraphText(block), 0);
      return { runs: [r], width: r.width, indent: 0 };
    });
  const column = Math.max(0, ...lines.map((line) => line.width));
  const right = TEXT_WIDTH - 4 * CHAR;
  const bands = lines.map((line) => ({ height: LINE_PITCH, items: lineTexts(line, "fangsong", SIZE_BODY, right - column, 0, "center", column) }));
  return piece([spacer(LINE_PITCH), ...bands]);
}

// ---------------------------------------------------------------------------------------------
// Tables

const TABLE_RULE = 0.5;
const CELL_PAD_X = 3;
const CELL_PAD_Y = 2;
const TABLE_LINE = 1.15 * SIZE_TABLE;
const TABLE_MARGIN: [number, number, number, number] = [0, 4, 0, 12];

/**
 * Column content widths in pt so that the table, rules and paddings included, spans the 版心
 * exactly.
 */
export function tableColumnWidths(relative: number[]): number[] {
  const n = relative.length;
  const offsets = n * 2 * CELL_PAD_X + (n + 1) * TABLE_RULE;
  const total = relative.reduce((sum, w) => sum + w, 0);
  return relative.map((w) => ((TEXT_WIDTH - offsets) * w) / total);
}

interface CellStyle {
  font: FontRole;
  alignment: Align;
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

/** Lines of each cell by role, width and text, kept while a table is split, which sets the same cells repeatedly. */
type LineCache = Map<string, SetLine[]>;

/** Height of `count` rows from `start`, the rules between them included. */
function spannedHeight(rowHeights: number[], start: number, count: number): number {
  return rowHeights.slice(start, start + count).reduce((sum, h) => sum + h, 0) + (count - 1) * TABLE_RULE;
}

/**
 * A table as one band: every cell's lines set at its column width and centred vertically in
 * its rows; a row is as tall as its tallest single-row cell, and a row span's shortfall is
 * added to its last row. Rules are drawn around every cell (a span has none inside), centred
 * on the gaps the widths leave for them, so the table's outer edges are the 版心's.
 */
interface MeasuredTable {
  /** Each cell's lines. */
  set: Map<DocCell, SetLine[]>;
  rowHeights: number[];
  spanWidth: (c: number, span: number) => number;
}

/** Sets every cell's lines at its column width and derives the row heights (see setTable). */
function measureTable(grid: GridSlot[][], widths: number[], cache: LineCache): MeasuredTable {
  const spanWidth = (c: number, span: number) =>
    widths.slice(c, c + span).reduce((sum, w) => sum + w, 0) + (span - 1) * (2 * CELL_PAD_X + TABLE_RULE);
  const set = new Map<DocCell, SetLine[]>();
  grid.forEach((row) =>
    row.forEach((cell, c) => {
      if (!cell) return;
      const font = cellStyle(cell.role).font;
      const width = spanWidth(c, cell.colSpan);
      const key = `${font}\u0000${width}\u0000${cell.text}`;
      let lines = cache.get(key);
      if (!lines) cache.set(key, (lines = setLines(cell.text, font, { fontSize: SIZE_TABLE, width, balance: true })));
      set.set(cell, lines);
    }),
  );
  const cellHeight = (cell: DocCell) => set.get(cell)!.length * TABLE_LINE + 2 * CELL_PAD_Y;
  const rowHeights = grid.map((row) => Math.max(0, ...row.map((cell) => (cell && cell.rowSpan === 1 ? cellHeight(cell) : 0))));
  grid.forEach((row, r) =>
    row.forEach((cell) => {
      if (!cell || cell.rowSpan === 1) return;
      const last = r + cell.rowSpan - 1;
      rowHeights[last] += Math.max(0, cellHeight(cell) - spannedHeight(rowHeights, r, cell.rowSpan));
    }),
  );
  return { set, rowHeights, spanWidth };
}

/** A table's height, rules included (its band's height). */
function tableHeight(rowHeights: number[]): number {
  return spannedHeight(rowHeights, 0, rowHeights.length) + 2 * TABLE_RULE;
}

function setTable(grid: GridSlot[][], widths: number[], cache: LineCache): { band: Band; rowHeights: number[] } {
  const { set, rowHeights, spanWidth } = measureTable(grid, widths, cache);
  // Rule centres: the outer rules' outer edges on the table's edges.
  const xs = [TABLE_RULE / 2];
  widths.forEach((w, c) => xs.push(xs[c] + TABLE_RULE + 2 * CELL_PAD_X + w));
  const ys = [TABLE_RULE / 2];
  rowHeights.forEach((h, r) => ys.push(ys[r] + TABLE_RULE + h));
  const items: PdfItem[] = [];
  const segments = new Map<string, [number, number, number, number]>();
  const segment = (x1: number, y1: number, x2: number, y2: number) => segments.set(`${x1},${y1},${x2},${y2}`, [x1, y1, x2, y2]);
  grid.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!cell) return;
      const [left, right, top, bottom] = [xs[c], xs[c + cell.colSpan], ys[r], ys[r + cell.rowSpan]];
      segment(left, top, right, top);
      segment(left, bottom, right, bottom);
      segment(left, top, left, bottom);
      segment(right, top, right, bottom);
      const { font, alignment } = cellStyle(cell.role);
      const lines = set.get(cell)!;
      const box = { top: top + TABLE_RULE / 2, height: bottom - top - TABLE_RULE };
      const offset = (box.height - lines.length * TABLE_LINE) / 2;
      const x = left + TABLE_RULE / 2 + CELL_PAD_X;
      lines.forEach((line, i) => {
        for (const text of lineTexts(line, font, SIZE_TABLE, x, box.top + offset + i * TABLE_LINE, alignment, spanWidth(c, cell.colSpan))) {
          items.push({ ...text, cell: box });
        }
      });
    }),
  );
  items.unshift({ kind: "rules", width: TABLE_RULE, segments: [...segments.values()] });
  return { band: { height: ys[ys.length - 1] + TABLE_RULE / 2, items }, rowHeights };
}

type Margin = [number, number, number, number];

function tablePiece(grid: GridSlot[][], widths: number[], margin: Margin, cache: LineCache): Piece & { rowHeights: number[] } {
  const { band, rowHeights } = setTable(grid, widths, cache);
  const bands = [...(margin[1] ? [spacer(margin[1])] : []), band, ...(margin[3] ? [spacer(margin[3])] : [])];
  return { ...piece(bands), rowHeights };
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
        // Its label again, so a continued group (（三）不予公开) is named on the new page too.
        part[0][c] = { role: cell.role, text: cell.text, colSpan: cell.colSpan, rowSpan };
      }
    });
  }
  return part;
}

/** Fewest body rows a table part at the foot of a page may hold (else the table starts on the next page). */
const MIN_PART_ROWS = 3;

/**
 * Splits a grid table taller than `firstCapacity` into parts that each fit a page, the header
 * rows repeated on each, a row span cut at a part's end restarting in the next part with its
 * label. Each part ends at the last row that fits, preferring rows that split no small span (a
 * group of at most a third of a page), so groups like （三）不予公开 stay whole. With
 * `minFirstRows` above 1 (a first part at the foot of a page), null unless a first part that
 * splits no small span holds at least that many body rows.
 */
function splitGridTable(grid: GridSlot[][], headerRows: number, widths: number[], firstCapacity: number, minFirstRows: number): Piece[] | null {
  const cache: LineCache = new Map();
  const whole = tablePiece(grid, widths, TABLE_MARGIN, cache);
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
    // Parts are measured only (lines and row heights); the chosen one is set.
    let best: number | undefined;
    let bestClean: number | undefined;
    for (let end = start + 1; end <= grid.length; end++) {
      const height = tableHeight(measureTable([...header, ...sliceGrid(grid, start, end)], widths, cache).rowHeights) + margin[1];
      if (height > capacity && (best !== undefined || (pieces.length === 0 && minFirstRows > 1))) break;
      best = end;
      if (!splitsSmallSpan(start, end)) bestClean = end;
      if (height > capacity) break; // a row taller than a page: it goes alone
    }
    // At the foot of a page, only a clean part of enough rows: else the table starts on the next page.
    if (pieces.length === 0 && minFirstRows > 1 && (bestClean === undefined || bestClean - start < minFirstRows)) return null;
    const end = (bestClean ?? best)!;
    pieces.push({ ...tablePiece([...header, ...sliceGrid(grid, start, end)], widths, margin, cache), newPage: pieces.length > 0 });
    start = end;
  }
  const last = pieces[pieces.length - 1];
  last.bands.push(spacer(TABLE_MARGIN[3]));
  last.height += TABLE_MARGIN[3];
  return pieces;
}

/**
 * A table as pieces, each to be kept on one page when it fits. A grid table (tables 3 and 4)
 * is one piece, or parts when it is taller than `firstCapacity`: the first fills that room,
 * each further one a page (null when the first would hold fewer than `minFirstRows` rows).
 * Table 2 has no header rows but groups that each start with a heading row and column labels;
 * each group is a piece, and the pieces stacked without gaps print as one table whose groups
 * never split from their headings.
 */
function renderTable(table: DocTable, firstCapacity: number, minFirstRows = 1): Piece[] | null {
  const widths = tableColumnWidths(table.columnWidths);
  if (table.header.length === 0 && table.bodyGroups.length > 1) {
    const last = table.bodyGroups.length - 1;
    return table.bodyGroups.map((rows, i) => {
      const part = tablePiece(expandGrid(rows, widths.length), widths, [0, i === 0 ? TABLE_MARGIN[1] : 0, 0, i === last ? TABLE_MARGIN[3] : 0], new Map());
      // Below the group above, its top rule is that group's bottom rule.
      if (i > 0) part.bands[0].overlap = TABLE_RULE;
      return part;
    });
  }
  const grid = expandGrid([...table.header, ...table.bodyGroups.flat()], widths.length);
  return splitGridTable(grid, table.header.length, widths, firstCapacity, minFirstRows);
}

/**
 * A table and the lead that must stay with its start (a heading, a note or two), for the room
 * left on the page: the lead and the table's first part fill it when at least MIN_PART_ROWS
 * rows fit there, the rest continues part by part on the next pages; otherwise all of it
 * starts on the next page. A table with its lead that fits on a page is moved whole.
 */
function tableFlow(table: DocTable, lead: Piece[], room: number): FlowItem[] {
  const leadHeight = lead.reduce((sum, p) => sum + p.height, 0);
  const here = renderTable(table, room - leadHeight - LINE_PITCH / 2, MIN_PART_ROWS);
  const parts = here ?? renderTable(table, FIT_HEIGHT - leadHeight)!;
  const [first, ...rest] = parts;
  const leadAndFirst: FlowItem = { bands: [...lead, first].flatMap((p) => p.bands), keep: fitsOnePage([...lead, first]), newPage: here === null };
  return [leadAndFirst, ...rest.map(keepOnOnePage)];
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
  flow: FlowItem[];
  pending: Pending | undefined;
  level1Id: string | undefined;
}

/**
 * Places the pending heading, which needs `next` pt below it when it has no paragraph: it is
 * kept with its first line of text, or with `next`, by moving to the next page when less is
 * left below its top (keep-with-next).
 */
function flush(walk: Walk, next: number): void {
  if (!walk.pending) return;
  const { heading, parentId, paragraphs } = walk.pending;
  const node = headingNode(heading, parentId);
  // Kept with two lines of its first paragraph (or all of a one-line one), else with `next`.
  const first = paragraphs[0]?.bands.length ?? 0;
  walk.flow.push({ bands: node.bands, need: node.height + (first > 0 ? Math.min(2, first) * LINE_PITCH : next) });
  walk.flow.push(...paragraphs.flatMap((p) => paragraphFlow(p.bands)));
  walk.pending = undefined;
}

/**
 * The closing block, kept with the last lines before it (a paragraph's last two, or whatever
 * kept group ends the text), so the signature never stands alone on a page.
 */
function pushClosing(walk: Walk, closing: Piece): void {
  const last = walk.flow.at(-1);
  if (last?.keep && !last.defer && !last.newPage && fitsOnePage([piece(last.bands), closing])) {
    walk.flow[walk.flow.length - 1] = { bands: [...last.bands, ...closing.bands], keep: true };
  } else walk.flow.push({ bands: closing.bands, keep: true });
}

/** Fewest lines of a paragraph at the foot of a page (orphans) and at the top of the next (widows). */
const KEEP_LINES = 2;

/**
 * A paragraph's lines as flow items that never leave one line alone: its first two lines are
 * kept together (no orphan at a page's foot), and so are its last two (no widow at a page's top);
 * a paragraph of up to three lines moves whole.
 */
export function paragraphFlow(lines: Band[]): FlowItem[] {
  if (lines.length <= 2 * KEEP_LINES - 1) return [{ bands: lines, keep: true }];
  return [
    { bands: lines.slice(0, KEEP_LINES), keep: true },
    ...(lines.length > 2 * KEEP_LINES ? [{ bands: lines.slice(KEEP_LINES, -KEEP_LINES) }] : []),
    { bands: lines.slice(-KEEP_LINES), keep: true },
  ];
}

const PARAGRAPH_HANDLERS: { [R in ParagraphBlock["role"]]: (block: ParagraphBlock, walk: Walk) => void } = {
  body(block, walk) {
    // A level-2 heading typed in the text: set and kept with what follows like a topic heading.
    if (block.heading === 2) return HANDLERS.heading({ type: "heading", level: 2, text: paragraphText(block), anchor: block.anchor }, walk);
    if (walk.pending) walk.pending.paragraphs.push(renderBody(block));
    else walk.flow.push(...paragraphFlow(renderBody(block).bands));
  },
  signature(block, walk) {
    const next = walk.blocks[walk.index + 1];
    const date = next?.type === "paragraph" && next.role === "date" ? next : undefined;
    const closing = renderClosing(block, date);
    flush(walk, closing.height);
    pushClosing(walk, closing);
    if (date) walk.index++;
  },
  date(block, walk) {
    const closing = renderClosing(undefined, block);
    flush(walk, closing.height);
    pushClosing(walk, closing);
  },
};

/**
 * One handler per block type. A section heading, its notes and the start of its table are
 * kept on one page (the whole table if it fits on a page). Every other heading is kept with
 * what must follow it (see `flush`).
 */
const HANDLERS: BlockHandlers<void, Walk> = {
  title(block, walk) {
    flush(walk, 0);
    walk.flow.push({ bands: renderTitle(block).bands });
  },
  heading(block, walk) {
    flush(walk, LINE_PITCH + headingNode(block, walk.level1Id).height);
    if (block.level === 1) walk.level1Id = block.anchor;
    walk.pending = { heading: block, parentId: walk.level1Id, paragraphs: [] };
  },
  paragraph(block, walk) {
    if (!Object.hasOwn(PARAGRAPH_HANDLERS, block.role)) throw new Error(`Unknown paragraph role: ${String(block.role)}`);
    PARAGRAPH_HANDLERS[block.role](block, walk);
  },
  table(block, walk) {
    const { pending, flow } = walk;
    const lead: Piece[] = pending ? [headingNode(pending.heading, pending.parentId), ...pending.paragraphs] : [];
    // A short lead (heading, a note or two) stays with the table's start; a long one flows
    // before it, its heading kept with a few rows' room.
    if (lead.length > 0 && lead.reduce((sum, p) => sum + p.height, 0) <= FIT_HEIGHT / 3) {
      walk.pending = undefined;
      flow.push({ bands: [], defer: (room) => tableFlow(block.table, lead, room) });
    } else {
      flush(walk, 3 * LINE_PITCH);
      flow.push({ bands: [], defer: (room) => tableFlow(block.table, [], room) });
    }
  },
};

/** Walks the blocks, each through its handler; unknown blocks are reported and skipped. */
function renderBlocks(blocks: Block[], options: BlockRenderOptions): FlowItem[] {
  const report = unknownBlockReporter("pdf", options);
  const walk: Walk = { blocks, index: 0, flow: [], pending: undefined, level1Id: undefined };
  for (; walk.index < blocks.length; walk.index++) dispatchBlock(HANDLERS, blocks[walk.index], walk.index, walk, report);
  flush(walk, 0);
  return walk.flow;
}

/** A piece kept on one page if it fits on one. */
function keepOnOnePage(part: Piece): FlowItem {
  return { bands: part.bands, keep: fitsOnePage([part]), newPage: part.newPage };
}

function fitsOnePage(pieces: Piece[]): boolean {
  return pieces.reduce((sum, p) => sum + p.height, 0) <= FIT_HEIGHT;
}

/**
 * Page number “— N —” in 4号 宋体 role, below the 版心 with the dash's top ≈ 7 mm under it;
 * odd pages right-aligned and even pages left-aligned, 1 字 in from the 版心 edge (GB/T 9704 7.5).
 */
function pageNumber(page: number): PdfText {
  // From the line top to the em dash's top: ascent 1.151 em − dash top 0.293 em (Noto Serif SC).
  const dashDrop = (1.151 - 0.293) * SIZE_PAGE_NUMBER;
  const oneChar = SIZE_PAGE_NUMBER;
  const text = `— ${page} —`;
  const width = textWidthEm("songti", text) * SIZE_PAGE_NUMBER;
  const x = page % 2 === 1 ? A4[0] - PAGE_MARGINS[2] - oneChar - width : PAGE_MARGINS[0] + oneChar;
  return { kind: "text", x, y: A4_HEIGHT - PAGE_MARGINS[3] + 7 * MM - dashDrop, text, role: "songti", size: SIZE_PAGE_NUMBER, spacing: 0 };
}

/** `onUnknownBlock`: see lib/render/block-handlers.ts (unknown blocks are reported and skipped). */
export type RenderPdfOptions = BlockRenderOptions;

/** A report laid out on pages: every line, rule and page number where it prints. */
export function pdfLayout(doc: ReportDocument, options: RenderPdfOptions = {}): PdfLayout {
  const pages = paginate(renderBlocks(doc.blocks, options), TEXT_HEIGHT).map((bands, i) => ({
    items: [
      ...bands.flatMap(({ band, y }) => moveItems(band.items, PAGE_MARGINS[0], PAGE_MARGINS[1] + y)),
      pageNumber(i + 1),
    ],
  }));
  return { pages, info: { title: doc.title, author: doc.meta.agency }, draftMark: doc.draftMark };
}

/** Renders a report document to PDF bytes. */
export async function renderPdf(doc: ReportDocument, options: RenderPdfOptions = {}): Promise<Buffer> {
  return drawPdf(pdfLayout(doc, options));
}
