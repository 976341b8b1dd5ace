import {
  AlignmentType,
  convertMillimetersToTwip,
  Document,
  DocumentGridType,
  Footer,
  Header,
  LineRuleType,
  PageNumber,
  Paragraph,
  TextRun,
  type IParagraphStyleOptions,
} from "docx";
import type {
  Block,
  CellRole,
  DocCell,
  DocRow,
  DocTable,
  HeadingBlock,
  ParagraphBlock,
  ReportDocument,
  TitleBlock,
} from "../../document/types";
import { dispatchBlock, unknownBlockReporter, type BlockHandlers, type BlockRenderOptions } from "../block-handlers";
import { latinTokens, urlBreaks } from "../latin-tokens";
import { packageTemplate, packDocx, templateTokens, xmlEscape, type PackageTemplate } from "./docx-package";

/*
 * GB/T 9704-2012 layout (spec/document-layout.md §1–3). Sizes are in docx units: half-points for
 * font sizes, twips (1/20 pt) for lengths.
 *
 * Formatting lives in paragraph styles, not on each run: Word users can restyle the report, and
 * the body's XML stays small. docx writes the package around the body once (docx-package.ts).
 */

const PAGE = {
  // A4 as Word writes it (convertMillimetersToTwip rounds 210 × 297 mm down by a twip).
  width: 11906,
  height: 16838,
  top: convertMillimetersToTwip(37),
  bottom: convertMillimetersToTwip(35),
  left: convertMillimetersToTwip(28),
  right: convertMillimetersToTwip(26),
  // Puts the page number's dashes about 7 mm below the 版心 (7.5): 35 mm − 7 mm − one 17 pt footer line.
  footer: convertMillimetersToTwip(22),
};
/** The 版心 width (156 mm), the width every table takes. */
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

/** 22 lines fill the 225 mm 版心 (5.2.3); 28.95 pt rather than 225/22 = 28.99 pt so the 22nd line still fits. */
const LINE_PITCH = 579;

/** Chinese font sizes in half-points. */
const SIZE = { erHao: 44, sanHao: 32, siHao: 28, wuHao: 21 } as const;
/** One 字 of 三号 text: the unit of indents (3.1). */
const ZI = 320;
/**
 * Character spacing of 三号 text in twentieths of a point: −0.25 pt, so a line of the 156 mm 版心
 * holds 28 字 (5.2.3; 28 × 16 pt is 448 pt, the 版心 442.2 pt), as the PDF sets it.
 */
const GRID_SPACING = -5;

const LATIN = "Times New Roman";
const FONT = {
  title: "方正小标宋简体",
  heading1: "黑体",
  heading2: "楷体_GB2312",
  body: "仿宋_GB2312",
  label: "黑体",
  pageNumber: "宋体",
} as const;

/**
 * word/fontTable.xml: each font the document names, with the names a PC without the 公文 fonts
 * has instead (Windows' 仿宋 / 楷体 / 黑体 / 宋体, their English names, the macOS faces), so Word
 * substitutes the intended style rather than guessing (it reads w:altName; charset 86 = GB2312).
 */
const FONT_ALTERNATES: Record<string, string> = {
  "仿宋_GB2312": "仿宋,FangSong,STFangsong",
  "楷体_GB2312": "楷体,KaiTi,STKaiti",
  黑体: "SimHei,Heiti SC,STHeiti",
  方正小标宋简体: "宋体,SimSun,STSong",
  宋体: "SimSun,STSong",
};

function fontTableXml(): string {
  const font = (name: string, alternates: string | undefined, cjk: boolean) =>
    `<w:font w:name="${name}">${alternates ? `<w:altName w:val="${alternates}"/>` : ""}` +
    `<w:charset w:val="${cjk ? "86" : "00"}"/><w:family w:val="${cjk ? "modern" : "roman"}"/><w:pitch w:val="variable"/></w:font>`;
  const names = [...new Set(Object.values(FONT))];
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    [...names.map((name) => font(name, FONT_ALTERNATES[name], true)), font(LATIN, undefined, false)].join("") +
    "</w:fonts>"
  );
}

/**
 * Han text in the named font, Latin letters and digits in Times New Roman. The eastAsia hint keeps
 * characters Word counts as shared between scripts (“ ” —— …) in the CJK font.
 */
function fonts(eastAsia: string, latin: string = LATIN) {
  return { ascii: latin, hAnsi: latin, cs: latin, eastAsia, hint: "eastAsia" };
}

/** Exact line spacing keeps body lines on the 22-line grid whatever the fonts' own line heights. */
function exactLine(twips: number) {
  return { line: twips, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
}

const TABLE_CELL_MARGIN = 57; // 1 mm: the 15 columns of table 4 are only 10 mm wide.
const TABLE_CELL_MARGIN_Y = 40; // 2 pt, as the PDF's cells
const TABLE_LINE = 242; // 12.1 pt: the PDF's 1.15 × 五号

/** Ids of the paragraph styles this renderer defines (besides Title, Heading1 and Heading2). */
const STYLE = {
  body: "BodyText",
  signature: "Signature",
  date: "Date",
  caption: "Caption",
  tableLabel: "TableLabel",
  tableCorner: "TableCorner",
  tableRowLabel: "TableRowLabel",
  tableValue: "TableValue",
  footer: "Footer",
} as const;

/**
 * Table text: 五号 on exact 12.1 pt lines (1.15 × 10.5 pt, the body's 28.95 pt would not fit small
 * type), with 2 pt above and below in the cell (TABLE_CELL_MARGIN_Y): rows as tall as the PDF's
 * whatever font a PC substitutes, so both break a table over pages alike.
 */
function tableStyle(id: string, name: string, font: string, alignment: (typeof AlignmentType)[keyof typeof AlignmentType]): IParagraphStyleOptions {
  return {
    id,
    name,
    basedOn: "Normal",
    quickFormat: true,
    run: { font: fonts(font), size: SIZE.wuHao },
    paragraph: { alignment, spacing: exactLine(TABLE_LINE), indent: { firstLine: 0 } },
  };
}

const PARAGRAPH_STYLES: IParagraphStyleOptions[] = [
  {
    id: STYLE.body,
    name: "Body Text",
    basedOn: "Normal",
    quickFormat: true,
    run: { characterSpacing: GRID_SPACING },
    paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 2 * ZI } },
  },
  {
    id: STYLE.signature,
    name: "Signature",
    basedOn: "Normal",
    // The signature sits one blank line below the text (7.3.5).
    paragraph: { alignment: AlignmentType.RIGHT, spacing: { ...exactLine(LINE_PITCH), before: LINE_PITCH } },
  },
  {
    id: STYLE.date,
    name: "Date",
    basedOn: "Normal",
    // 成文日期 4 字 in from the right (7.3.5).
    paragraph: { alignment: AlignmentType.RIGHT, indent: { right: 4 * ZI } },
  },
  {
    id: STYLE.caption,
    name: "Caption",
    basedOn: "Normal",
    next: "Normal",
    run: { font: fonts(FONT.label) },
    paragraph: { alignment: AlignmentType.CENTER, keepNext: true },
  },
  tableStyle(STYLE.tableLabel, "Table Label", FONT.label, AlignmentType.CENTER),
  tableStyle(STYLE.tableCorner, "Table Corner", FONT.label, AlignmentType.LEFT),
  tableStyle(STYLE.tableRowLabel, "Table Row Label", FONT.body, AlignmentType.LEFT),
  tableStyle(STYLE.tableValue, "Table Value", FONT.body, AlignmentType.CENTER),
  {
    // Page numbers: 4号 half-width 宋体 (7.5).
    id: STYLE.footer,
    name: "Footer",
    basedOn: "Normal",
    run: { font: fonts(FONT.pageNumber, FONT.pageNumber), size: SIZE.siHao },
    paragraph: { spacing: exactLine(340) },
  },
];

/** Rough width in 字 of a one-line text: full-width characters count 1, ASCII ones ½. */
function widthInZi(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.codePointAt(0)! < 0x100 ? 0.5 : 1;
  return width;
}

function textOf(block: ParagraphBlock): string {
  return block.inlines.map((i) => i.text).join("");
}

/*
 * The body's XML is written here as strings (docx-package.ts says why). Paragraph properties
 * follow the schema's order: pStyle, keepNext, spacing, ind.
 */

/**
 * A paragraph in a style, with direct properties (`props`, in schema order after pStyle) and its
 * text in one run: inlines differ only in where their text came from, which the DOCX does not record.
 */
function paragraphXml(style: string, text: string, props = ""): string {
  const run = text ? `<w:r>${runContent(text)}</w:r>` : "";
  return `<w:p><w:pPr><w:pStyle w:val="${style}"/>${props}</w:pPr>${run}</w:p>`;
}

const ZERO_WIDTH_SPACE = "\u200b";

/**
 * A run's text, with its Latin tokens marked so that Word and LibreOffice keep them whole at a
 * line end, as the PDF does (../latin-tokens.ts): a hyphen in a token (0952-2216049) is a
 * non-breaking hyphen, and a URL may break only after a "/" (a zero-width space there).
 */
function runContent(text: string): string {
  // The text between non-breaking hyphens.
  const pieces = [""];
  const add = (more: string) => (pieces[pieces.length - 1] += more);
  let from = 0;
  for (const token of latinTokens(text)) {
    add(text.slice(from, token.index));
    const breaks = new Set(urlBreaks(token.text));
    for (let i = 0; i < token.text.length; i++) {
      if (breaks.has(i)) add(ZERO_WIDTH_SPACE);
      // A hyphen inside the token; a leading one is a minus sign (table 1's −11).
      if (token.text[i] === "-" && i > 0 && i < token.text.length - 1) pieces.push("");
      else add(token.text[i]);
    }
    from = token.index + token.text.length;
  }
  add(text.slice(from));
  return pieces.map((piece) => (piece ? `<w:t xml:space="preserve">${xmlEscape(piece)}</w:t>` : "")).join("<w:noBreakHyphen/>");
}

function renderTitle(block: TitleBlock): string {
  // One blank line between the title and the text (7.3.2).
  return block.lines.map((line, i) => paragraphXml("Title", line, i === block.lines.length - 1 ? `<w:spacing w:after="${LINE_PITCH}"/>` : "")).join("");
}

function renderHeading(block: HeadingBlock): string {
  return paragraphXml(block.level === 1 ? "Heading1" : "Heading2", block.text);
}

/**
 * Right indent of the signature: centred over the date when there is one (7.3.5.1), otherwise 2 字
 * in from the right (7.3.5.2).
 */
function signatureIndent(signature: ParagraphBlock, date: ParagraphBlock | undefined): number {
  if (!date) return 2 * ZI;
  return Math.max(0, Math.round((4 + (widthInZi(textOf(date)) - widthInZi(textOf(signature))) / 2) * ZI));
}

function renderParagraph(block: ParagraphBlock, doc: ReportDocument, index: number): string {
  const text = textOf(block);
  switch (block.role) {
    case "body": {
      // A level-2 heading typed in the text (「(一) 存在的主要问题」) is set as one.
      if (block.heading === 2) return paragraphXml("Heading2", text);
      // The text's last paragraph goes on with the signature (its last two lines at least, by
      // widow control), so the signature never stands alone on a page.
      const next = doc.blocks[index + 1];
      const closes = next?.type === "paragraph" && (next.role === "signature" || next.role === "date");
      return paragraphXml(STYLE.body, text, closes ? "<w:keepNext/>" : "");
    }
    case "signature": {
      // `b?.`: an unknown block may be anything, even null (the dispatch skips it, this look-up must too).
      const date = doc.blocks.find((b): b is ParagraphBlock => b?.type === "paragraph" && b.role === "date");
      return paragraphXml(STYLE.signature, text, `${date ? "<w:keepNext/>" : ""}<w:ind w:right="${signatureIndent(block, date)}"/>`);
    }
    case "date":
      return paragraphXml(STYLE.date, text);
    default: {
      const unknown: never = block.role;
      throw new Error(`renderDocx: unknown paragraph role ${String(unknown)}`);
    }
  }
}

/** Splits `total` twips in proportion to `weights`, rounding so the parts add up exactly. */
function distribute(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  let given = 0;
  let acc = 0;
  return weights.map((w) => {
    acc += w;
    const edge = Math.round((total * acc) / sum);
    const width = edge - given;
    given = edge;
    return width;
  });
}

/** Labels that head columns or groups in 黑体, row labels flush left, values centred. */
const CELL_STYLES: Record<CellRole, string> = {
  corner: STYLE.tableCorner,
  "column-header": STYLE.tableLabel,
  "group-header": STYLE.tableLabel,
  "row-header": STYLE.tableRowLabel,
  value: STYLE.tableValue,
};

function cellStyle(role: CellRole): string {
  if (!Object.hasOwn(CELL_STYLES, role)) throw new Error(`renderDocx: unknown cell role ${String(role)}`);
  return CELL_STYLES[role];
}

/** Width of one 五号 字 in twips. */
const WUHAO_ZI = SIZE.wuHao * 10;

/**
 * Whether a cell's text surely fits on one line, with a 字 to spare for the estimate's error
 * (digits in Times New Roman are narrower than the ½ 字 counted).
 */
function fitsOneLine(text: string, width: number): boolean {
  return (widthInZi(text) + 1) * WUHAO_ZI <= width - 2 * TABLE_CELL_MARGIN;
}

/** A grid position in a row: a model cell starting there, or one continuing from a row above. */
interface Slot {
  cell: DocCell;
  width: number;
  continues: boolean;
}

/**
 * A table cell. A cell that continues a row-spanning one from above (vMerge continue) has an
 * empty paragraph in the table's style, not the 三号 28.95 pt default, which could make the row taller.
 */
function cellXml(slot: Slot, centreVertically: boolean, keepNext: boolean): string {
  const { cell, width, continues } = slot;
  const span = cell.colSpan > 1 ? `<w:gridSpan w:val="${cell.colSpan}"/>` : "";
  const merge = continues ? '<w:vMerge w:val="continue"/>' : cell.rowSpan > 1 ? '<w:vMerge w:val="restart"/>' : "";
  const align = centreVertically && !continues ? '<w:vAlign w:val="center"/>' : "";
  const paragraph = paragraphXml(cellStyle(cell.role), continues ? "" : cell.text, keepNext ? "<w:keepNext/>" : "");
  return `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${width}"/>${span}${merge}${align}</w:tcPr>${paragraph}</w:tc>`;
}

/** The table's rows, with continuation cells where a cell from above spans down. */
function rowsXml(rows: DocRow[], headerCount: number, columnWidths: number[]): string {
  const columnCount = columnWidths.length;
  // For each grid column where a row-spanning cell starts: that cell and the rows it still covers.
  const spanning: ({ cell: DocCell; rowsLeft: number } | undefined)[] = [];
  const widthOf = (column: number, span: number) => columnWidths.slice(column, column + span).reduce((x, y) => x + y, 0);
  return rows
    .map((row, r) => {
      const slots: Slot[] = [];
      let next = 0;
      for (let column = 0; column < columnCount; ) {
        const above = spanning[column];
        if (above && above.rowsLeft > 0) {
          above.rowsLeft--;
          slots.push({ cell: above.cell, width: widthOf(column, above.cell.colSpan), continues: true });
          column += above.cell.colSpan;
          continue;
        }
        const cell = row.cells[next++];
        if (!cell) break;
        slots.push({ cell, width: widthOf(column, cell.colSpan), continues: false });
        spanning[column] = cell.rowSpan > 1 ? { cell, rowsLeft: cell.rowSpan - 1 } : undefined;
        column += cell.colSpan;
      }
      if (next < row.cells.length) throw new Error(`renderDocx: row ${r + 1} has more cells than the table's ${columnCount} columns`);
      // In a row of one-line cells there is nothing to centre.
      const oneLine = slots.every((s) => s.continues || (s.cell.rowSpan === 1 && fitsOneLine(s.cell.text, s.width)));
      // A row of labels only (table 2's 第二十条 heading and its column labels) introduces the rows
      // below it, so it must not end a page.
      const keepNext = row.cells.every((c) => c.role !== "value" && c.role !== "row-header");
      const rowProps = `<w:trPr><w:cantSplit/>${r < headerCount ? "<w:tblHeader/>" : ""}</w:trPr>`;
      return `<w:tr>${rowProps}${slots.map((s) => cellXml(s, !oneLine, keepNext)).join("")}</w:tr>`;
    })
    .join("");
}

const BORDER_SIDES = ["top", "left", "bottom", "right", "insideH", "insideV"];
/** Single 0.5 pt black rules (w:sz in 1/8 pt); cell margins 1 mm left and right, 2 pt above and below. */
const TABLE_PROPERTIES =
  `<w:tblBorders>${BORDER_SIDES.map((side) => `<w:${side} w:val="single" w:color="000000" w:sz="4"/>`).join("")}</w:tblBorders>` +
  '<w:tblLayout w:type="fixed"/>' +
  `<w:tblCellMar><w:top w:type="dxa" w:w="${TABLE_CELL_MARGIN_Y}"/><w:left w:type="dxa" w:w="${TABLE_CELL_MARGIN}"/>` +
  `<w:bottom w:type="dxa" w:w="${TABLE_CELL_MARGIN_Y}"/><w:right w:type="dxa" w:w="${TABLE_CELL_MARGIN}"/></w:tblCellMar>`;

function renderTable(table: DocTable): string {
  const columnWidths = distribute(TEXT_WIDTH, table.columnWidths);
  return (
    `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${TEXT_WIDTH}"/>${TABLE_PROPERTIES}</w:tblPr>` +
    `<w:tblGrid>${columnWidths.map((w) => `<w:gridCol w:w="${w}"/>`).join("")}</w:tblGrid>` +
    rowsXml([...table.header, ...table.bodyGroups.flat()], table.header.length, columnWidths) +
    "</w:tbl>"
  );
}

/**
 * The caption line above a table, unless the heading right before it already says the same
 * (the statutory tables open their own section: 二、主动公开政府信息情况).
 */
function renderCaption(table: DocTable, previous: Block | undefined): string {
  if (previous?.type === "heading" && previous.text.endsWith(table.caption)) return "";
  return paragraphXml(STYLE.caption, table.caption);
}

/** What a block handler sees besides its block: the document and the block's place in it. */
interface Context {
  doc: ReportDocument;
  index: number;
}

const HANDLERS: BlockHandlers<string, Context> = {
  title: renderTitle,
  heading: renderHeading,
  paragraph: (block, { doc, index }) => renderParagraph(block, doc, index),
  // An empty paragraph only between two tables, which Word would otherwise join into one.
  table: (block, { doc, index }) =>
    renderCaption(block.table, doc.blocks[index - 1]) + renderTable(block.table) + (doc.blocks[index + 1]?.type === "table" ? "<w:p/>" : ""),
};

/** Page number “— N —”, 1 字 in from the outside edge of the 版心: right on odd pages, left on even (7.5). */
function pageNumberFooter(side: "odd" | "even"): Footer {
  const inset = SIZE.siHao * 10; // one 4号 字 in twips
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.footer,
        alignment: side === "odd" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === "odd" ? { right: inset } : { left: inset },
        children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"] })],
      }),
    ],
  });
}

/** 「草稿（未通过检查）」 at the top of every page, in red, for a report that fails the rules. */
function draftMarkHeader(mark: string): Header {
  return new Header({
    children: [
      new Paragraph({
        style: STYLE.footer,
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: mark, color: "C00000", bold: true })],
      }),
    ],
  });
}

/** Style of a heading level: 3号 at the body's pitch and 2 字 indent, kept with the text it opens. */
function headingStyle(font: string, outlineLevel: number) {
  return {
    run: { font: fonts(font), size: SIZE.sanHao, characterSpacing: GRID_SPACING },
    paragraph: {
      alignment: AlignmentType.JUSTIFIED,
      indent: { firstLine: 2 * ZI },
      spacing: exactLine(LINE_PITCH),
      keepNext: true,
      keepLines: true,
      // Outline levels give Word's navigation pane and PDF bookmarks the report's structure.
      outlineLevel,
    },
  };
}

/** `onUnknownBlock`: see lib/render/block-handlers.ts (unknown blocks are reported and skipped). */
export type RenderDocxOptions = BlockRenderOptions;

/**
 * The package without its body, as docx writes it: styles, page setup, footers and, for a report
 * that fails the rules, the draft mark's header. One per draft mark (there is one mark text).
 */
function templateDocument(draftMark: string | undefined): Document {
  return new Document({
    // The document's author is the agency (File → Properties); the tool is in app.xml.
    title: templateTokens.title,
    creator: templateTokens.author,
    lastModifiedBy: templateTokens.author,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        // Everything is 3号仿宋 unless stated otherwise (5.2.2).
        document: {
          run: { font: fonts(FONT.body), size: SIZE.sanHao, language: { value: "en-US", eastAsia: "zh-CN" } },
          paragraph: { spacing: exactLine(LINE_PITCH) },
        },
        title: {
          run: { font: fonts(FONT.title), size: SIZE.erHao },
          paragraph: { alignment: AlignmentType.CENTER, spacing: exactLine(LINE_PITCH), keepNext: true, keepLines: true },
        },
        heading1: headingStyle(FONT.heading1, 0),
        heading2: headingStyle(FONT.heading2, 1),
      },
      paragraphStyles: PARAGRAPH_STYLES,
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, footer: PAGE.footer },
          },
          // The 22-line pitch is recorded for Word's page setup, but as type "default": a "lines" grid
          // makes LibreOffice (and Word, for auto spacing) stretch every table line to 28.95 pt.
          // Exact spacing keeps the body text on the grid instead.
          grid: { type: DocumentGridType.DEFAULT, linePitch: LINE_PITCH },
        },
        footers: { default: pageNumberFooter("odd"), even: pageNumberFooter("even") },
        ...(draftMark ? { headers: { default: draftMarkHeader(draftMark), even: draftMarkHeader(draftMark) } } : {}),
        children: [],
      },
    ],
  });
}

/** Templates by draft mark ("" for none), built on first use: they depend on nothing but the mark. */
const templates = new Map<string, Promise<PackageTemplate>>();

function templateFor(draftMark: string | undefined): Promise<PackageTemplate> {
  const key = draftMark ?? "";
  let template = templates.get(key);
  if (!template) {
    // docx writes an empty font table; ours declares the fonts and their alternates.
    template = packageTemplate(templateDocument(draftMark), [{ path: "word/fontTable.xml", data: fontTableXml() }]);
    // A failure is not cached: the next render tries again.
    template.catch(() => templates.delete(key));
    templates.set(key, template);
  }
  return template;
}

/** Renders the report as a GB/T 9704-style DOCX. */
export async function renderDocx(doc: ReportDocument, options: RenderDocxOptions = {}): Promise<Buffer> {
  const report = unknownBlockReporter("docx", options);
  const body = doc.blocks.map((block, index) => dispatchBlock(HANDLERS, block, index, { doc, index }, report) ?? "").join("");
  const template = await templateFor(doc.draftMark);
  return packDocx(template, body, { title: doc.title, author: doc.meta.agency, date: new Date() });
}
