import type {
  DocCell,
  DocRow,
  DocTable,
  HeadingBlock,
  Inline,
  ParagraphBlock,
  ReportDocument,
  TableBlock,
  TitleBlock,
} from "../../document/types";
import { dispatchBlock, unknownBlockReporter, type BlockHandlers, type BlockRenderOptions } from "../block-handlers";
import { expandGrid } from "../expand-grid";

/**
 * HTML renderer for the ReportDocument: one string renderer shared by the standalone `.html`
 * export and the web preview (components/report-view), so both show exactly the same markup.
 * Framework-free on purpose: the CLI, the server route and React all call it.
 */

/** `onUnknownBlock`: see lib/render/block-handlers.ts (unknown blocks are reported and skipped). */
export interface RenderHtmlOptions extends BlockRenderOptions {
  /**
   * Prefix for every generated `id` (and the `headers`/`aria-labelledby` that point at them), so
   * two reports can share one page (e.g. a year-on-year comparison) without id clashes.
   */
  idPrefix?: string;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for element content and quoted attribute values: report content is untrusted. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

type Attrs = Record<string, string | number | undefined | false>;

function attrs(values: Attrs): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== false)
    .map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`)
    .join("");
}

interface Context {
  id: (raw: string) => string;
  /** The blocks, for what a block renders differently by what precedes it. */
  blocks: readonly unknown[];
  index: number;
}

/** Where a label cell stays while its table scrolls sideways on a narrow screen (em from the left). */
type StickyAt = Map<DocCell, number>;

/**
 * Web addresses and e-mail addresses in the text: http(s) URLs, www. hosts, mailbox@host. The
 * trailing ASCII punctuation a sentence puts after an address is not part of it.
 */
const LINKABLE = /\bhttps?:\/\/[A-Za-z0-9.-]+(?:[/?#][A-Za-z0-9._~:/?#@!$&'*+,;=%-]*)?|\bwww\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:\/[A-Za-z0-9._~:/?#@!$&'*+,;=%-]*)?|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/** A phone or fax number (0952-2216049, 0527-84352050): kept on one line, as the PDF does. */
const PHONE = /\b\d{3,4}-\d{7,8}\b/g;

function escapeKeepingPhones(text: string): string {
  return escapeHtml(text).replace(PHONE, (phone) => `<span class="gr-nowrap">${phone}</span>`);
}

/**
 * Text with its URLs and e-mail addresses as links (escaped; only http(s) and mailto targets),
 * and phone numbers kept whole at line ends.
 */
export function linkify(text: string): string {
  let html = "";
  let at = 0;
  for (const match of text.matchAll(LINKABLE)) {
    const address = match[0].replace(/[.,;:!?)]+$/, "");
    const start = match.index;
    const href = address.includes("@") && !/^(?:https?:\/\/|www\.)/i.test(address) ? `mailto:${address}` : /^www\./i.test(address) ? `http://${address}` : address;
    html += escapeKeepingPhones(text.slice(at, start)) + `<a${attrs({ href })}>${escapeHtml(address)}</a>`;
    at = start + address.length;
  }
  return html + escapeKeepingPhones(text.slice(at));
}

function renderInline(inline: Inline): string {
  const text = linkify(inline.text);
  return inline.ref ? `<span class="bound-value"${attrs({ "data-ref": inline.ref })}>${text}</span>` : text;
}

function renderTitle(block: TitleBlock): string {
  return `<h1 class="report-title">${block.lines.map(escapeHtml).join("<br>")}</h1>`;
}

function renderHeading(block: HeadingBlock, ctx: Context): string {
  const tag = block.level === 1 ? "h2" : "h3";
  return `<${tag}${attrs({ id: ctx.id(block.anchor), class: `report-heading-${block.level}` })}>${escapeHtml(block.text)}</${tag}>`;
}

function paragraphHtml(block: ParagraphBlock, ctx: Context): string {
  // A level-2 heading typed in the text stays a paragraph (its anchor is a paragraph's), styled as a heading.
  const heading = block.heading === 2 ? " report-heading-2" : "";
  return `<p${attrs({ id: ctx.id(block.anchor), class: `report-${block.role}${heading}` })}>${block.inlines.map(renderInline).join("")}</p>`;
}

const isParagraph = (block: unknown, role: ParagraphBlock["role"]): block is ParagraphBlock =>
  !!block && typeof block === "object" && (block as ParagraphBlock).type === "paragraph" && (block as ParagraphBlock).role === role;

/**
 * A paragraph. The 署名 and the 成文日期 after it go together in one closing block, the
 * signature centred over the date and the date 4 字 in from the right (GB/T 9704 7.3.5).
 */
function renderParagraph(block: ParagraphBlock, ctx: Context): string {
  if (block.role === "signature" && isParagraph(ctx.blocks[ctx.index + 1], "date")) {
    return `<div class="report-closing">${paragraphHtml(block, ctx)}${paragraphHtml(ctx.blocks[ctx.index + 1] as ParagraphBlock, ctx)}</div>`;
  }
  if (block.role === "date" && isParagraph(ctx.blocks[ctx.index - 1], "signature")) return "";
  return paragraphHtml(block, ctx);
}

/**
 * Scope per cell role. Value cells name their headers explicitly (`headers`), which takes
 * precedence over scope in the HTML header-assignment algorithm, so a rowgroup scope inside the
 * single tbody of table 3 cannot mislabel rows outside its span.
 */
function scopeOf(cell: DocCell): string {
  switch (cell.role) {
    case "corner":
      return cell.colSpan > 1 ? "colgroup" : "col";
    case "column-header":
      return cell.group ? "colgroup" : "col";
    case "row-header":
      return cell.group ? "rowgroup" : "row";
    case "group-header":
      return "rowgroup";
    default:
      throw new Error(`no scope for cell role "${cell.role}"`);
  }
}

function renderCell(cell: DocCell, ctx: Context, sticky: StickyAt): string {
  const span = { colspan: cell.colSpan > 1 && cell.colSpan, rowspan: cell.rowSpan > 1 && cell.rowSpan };
  const text = escapeHtml(cell.text);
  if (cell.role === "value") {
    const ref = cell.ref && `${cell.ref.table}.${cell.ref.row}.${cell.ref.col}`;
    const className = cell.computed ? "cell-value cell-computed" : "cell-value";
    const headers = cell.headers?.length ? cell.headers.map(ctx.id).join(" ") : undefined;
    return `<td${attrs({ class: className, headers, "data-ref": ref, ...span })}>${text}</td>`;
  }
  const id = cell.id === undefined ? undefined : ctx.id(cell.id);
  const left = sticky.get(cell);
  const className = left === undefined ? `cell-${cell.role}` : `cell-${cell.role} cell-sticky`;
  return `<th${attrs({ id, class: className, scope: scopeOf(cell), style: left === undefined ? undefined : `left: ${left}em`, ...span })}>${text}</th>`;
}

function renderRow(row: DocRow, ctx: Context, sticky: StickyAt): string {
  return `<tr>${row.cells.map((cell) => renderCell(cell, ctx, sticky)).join("")}</tr>`;
}

/**
 * Column groups follow the top header row (label columns, 申请人情况; 行政复议, 行政诉讼) so
 * scope=colgroup has real groups to refer to; widths come from the model as percentages.
 */
function renderColumns(table: DocTable, phone: PhoneLayout | null): string {
  const total = table.columnWidths.reduce((s, w) => s + w, 0) || 1;
  const cols = table.columnWidths.map(
    (w, c) => `<col style="width: ${((100 * w) / total).toFixed(2)}%${phone ? `; --gr-phone-width: ${phone.widths[c]}em` : ""}">`,
  );
  const spans = table.header[0]?.cells.map((c) => c.colSpan) ?? [];
  if (spans.reduce((s, n) => s + n, 0) !== cols.length) return `<colgroup>${cols.join("")}</colgroup>`;
  let start = 0;
  return spans
    .map((span) => {
      const group = cols.slice(start, (start += span));
      return `<colgroup>${group.join("")}</colgroup>`;
    })
    .join("");
}

/**
 * Minimum table width (em) that leaves the narrowest column 3em, i.e. two Hanzi per line: below
 * that the table scrolls in its own container instead of crushing cells to one character.
 */
function minWidthEm(table: DocTable): number {
  const widths = table.columnWidths.filter((w) => w > 0);
  if (!widths.length) return 0;
  const total = widths.reduce((s, w) => s + w, 0);
  return Math.ceil((3 * total) / Math.min(...widths));
}

/** Most the label columns may take on a phone, in em (of some 21 em across), so numbers show beside them. */
const PHONE_LABELS_EM = 11;
/** Fewest em a label column keeps on a phone (one Hanzi and its padding). */
const PHONE_LABEL_MIN_EM = 2;

/**
 * A table's phone layout: on a narrow screen the table scrolls sideways with fixed columns; its
 * label columns (left of every value column) shrink to PHONE_LABELS_EM together and stay in view
 * (position: sticky), the value columns keep their minimum widths (minWidthEm). Gives each
 * column's width and each label cell's offset from the left, in em; none for a table without
 * label columns or whose cells do not tile its grid.
 */
interface PhoneLayout {
  widths: number[];
  minWidth: number;
  sticky: StickyAt;
}

function phoneLayout(table: DocTable): PhoneLayout | null {
  const rows = [...table.header, ...table.bodyGroups.flat()];
  const count = table.columnWidths.length;
  let grid;
  try {
    grid = expandGrid(rows, count);
  } catch {
    return null; // a table that does not tile its grid scrolls whole
  }
  let labelColumns = count;
  grid.forEach((row) => row.forEach((cell, c) => cell?.role === "value" && (labelColumns = Math.min(labelColumns, c))));
  if (labelColumns === 0 || labelColumns === count) return null;
  const total = table.columnWidths.reduce((s, w) => s + w, 0) || 1;
  const natural = table.columnWidths.map((w) => (minWidthEm(table) * w) / total);
  const labels = natural.slice(0, labelColumns).reduce((s, w) => s + w, 0);
  const scale = Math.min(1, PHONE_LABELS_EM / labels);
  const widths = natural.map((w, c) => Math.round((c < labelColumns ? Math.max(PHONE_LABEL_MIN_EM, w * scale) : w) * 100) / 100);
  const offsets = widths.map((_, c) => Math.round(widths.slice(0, c).reduce((s, w) => s + w, 0) * 100) / 100);
  const sticky: StickyAt = new Map();
  grid.forEach((row) =>
    row.forEach((cell, c) => {
      if (cell && (cell.role === "row-header" || cell.role === "corner") && c + cell.colSpan <= labelColumns) sticky.set(cell, offsets[c]);
    }),
  );
  return { widths, minWidth: Math.ceil(widths.reduce((s, w) => s + w, 0)), sticky };
}

/** Tables wider than this (em) cannot show whole on a phone: they say they scroll. */
const PHONE_WIDTH_EM = 21;

function renderTable(block: TableBlock, ctx: Context): string {
  const table = block.table;
  const captionId = ctx.id(`table-${table.id}-caption`);
  const phone = phoneLayout(table);
  const sticky: StickyAt = phone?.sticky ?? new Map();
  const head = table.header.length ? `<thead>${table.header.map((r) => renderRow(r, ctx, sticky)).join("")}</thead>` : "";
  const bodies = table.bodyGroups.map((group) => `<tbody>${group.map((r) => renderRow(r, ctx, sticky)).join("")}</tbody>`).join("");
  // The statutory tables open their own section (二、主动公开政府信息情况): the heading already
  // says what the caption would, so the caption is for screen readers only, as in the DOCX.
  const previous = ctx.blocks[ctx.index - 1] as { type?: string; text?: string } | undefined;
  const captionHidden = previous?.type === "heading" && typeof previous.text === "string" && previous.text.endsWith(table.caption);
  const minWidth = minWidthEm(table);
  const hint = (phone?.minWidth ?? minWidth) > PHONE_WIDTH_EM ? `<div class="gr-scroll-hint" aria-hidden="true">表格较宽，可左右滑动查看，左侧项目名称固定显示</div>` : "";
  return (
    hint +
    // A focusable, labelled region: keyboard users can scroll a wide table (WCAG 1.4.10, 2.1.1).
    `<div${attrs({ class: "table-scroll", role: "region", "aria-labelledby": captionId, tabindex: 0 })}>` +
    `<table${attrs({
      id: ctx.id(`table-${table.id}`),
      class: phone ? "report-table has-sticky" : "report-table",
      "data-table": table.id,
      style: `min-width: ${minWidth}em${phone ? `; --gr-phone-min-width: ${phone.minWidth}em` : ""}`,
    })}>` +
    `<caption${attrs({ id: captionId, class: captionHidden ? "gr-visually-hidden" : undefined })}>${escapeHtml(table.caption)}</caption>` +
    renderColumns(table, phone) +
    head +
    bodies +
    `</table></div>`
  );
}

const HANDLERS: BlockHandlers<string, Context> = {
  title: renderTitle,
  heading: renderHeading,
  paragraph: renderParagraph,
  table: renderTable,
};

/** The whole report as an `<article class="gov-report">`, ready to embed in a page. */
export function renderHtmlFragment(doc: ReportDocument, options: RenderHtmlOptions = {}): string {
  const prefix = options.idPrefix ?? "";
  const id = (raw: string) => prefix + raw;
  const report = unknownBlockReporter("html", options);
  const blocks = doc.blocks.flatMap((block, i) => dispatchBlock(HANDLERS, block, i, { id, blocks: doc.blocks, index: i }, report) || []);
  const mark = doc.draftMark ? `<p class="gr-draft-mark" role="note">${escapeHtml(doc.draftMark)}</p>\n` : "";
  return `<article class="gov-report" lang="zh-CN">\n${mark}${blocks.join("\n")}\n</article>`;
}

/** A complete standalone `.html` file: no external resources, prints as an A4 公文. */
export function renderHtmlDocument(doc: ReportDocument, options: RenderHtmlOptions = {}): string {
  return [
    "<!doctype html>",
    '<html lang="zh-CN">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="author" content="${escapeHtml(doc.meta.agency)}">`,
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>\n${REPORT_CSS}</style>`,
    "</head>",
    "<body>",
    "<main>",
    renderHtmlFragment(doc, options),
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

const FANGSONG = `"FangSong", "仿宋", "仿宋_GB2312", "STFangsong", "Noto Serif SC", "Noto Serif CJK SC", serif`;
const HEITI = `"SimHei", "黑体", "Noto Sans SC", "Noto Sans CJK SC", sans-serif`;
const KAITI = `"KaiTi", "楷体", "楷体_GB2312", "STKaiti", serif`;
/** 方正小标宋 is not free; a bold serif CJK face is the closest open fallback. */
const XIAOBIAOSONG = `"FZXiaoBiaoSong-B05S", "方正小标宋简体", "Noto Serif SC", "Noto Serif CJK SC", "Songti SC", "SimSun", serif`;

/**
 * Stylesheet for the report, scoped under `.gov-report` so it can sit inside the web app.
 * Screen: legible reading column (text #1a1a1a on #fff ≈ 17:1), wide tables scroll in place.
 * Print: GB/T 9704 page (A4, 版心 156 × 225 mm), 3号 (16 pt) body, table heads repeated.
 * Colour is never the only cue: group headings also differ in face and weight.
 */
export const REPORT_CSS = `.gov-report {
  box-sizing: border-box;
  max-width: 46em;
  margin: 0 auto;
  padding: 1.5rem 1rem 3rem;
  color: #1a1a1a;
  background: #fff;
  font-family: ${FANGSONG};
  font-size: 1.125rem;
  line-height: 1.8;
  overflow-wrap: break-word;
}
.gov-report *, .gov-report *::before, .gov-report *::after { box-sizing: inherit; }
.gov-report .report-title {
  margin: 0.5em 0 1.2em;
  font-family: ${XIAOBIAOSONG};
  font-size: 1.6em;
  font-weight: 700;
  line-height: 1.5;
  text-align: center;
  text-wrap: balance;
}
.gov-report h2, .gov-report h3 {
  margin: 1.2em 0 0.4em;
  font-size: 1em;
  line-height: 1.8;
  text-indent: 2em;
}
/* 公文 sets level 1 in regular 黑体; level 2 stays bold where a reader has no 楷体 to tell it apart. */
.gov-report h2 { font-family: ${HEITI}; font-weight: 400; }
.gov-report h3, .gov-report p.report-heading-2 { font-family: ${KAITI}; font-weight: 700; }
.gov-report p.report-heading-2 { margin: 1.2em 0 0.4em; text-align: left; break-after: avoid; page-break-after: avoid; }
.gov-report p { margin: 0 0 0.5em; }
.gov-report a { color: #0b4f9c; text-decoration: underline; overflow-wrap: anywhere; }
.gov-report .gr-nowrap { white-space: nowrap; }
.gov-report .report-body { text-indent: 2em; text-align: justify; }
/* 署名 centred over 成文日期, the date 4 字 in from the right (GB/T 9704 7.3.5); alone, each at the right. */
.gov-report .report-signature, .gov-report .report-date { text-align: right; padding-right: 4em; text-indent: 0; }
.gov-report .report-signature { margin: 2em 0 0; }
.gov-report .report-closing { width: fit-content; margin: 2em 4em 0 auto; }
.gov-report .report-closing p { margin: 0; padding: 0; text-align: center; }
.gov-report .gr-visually-hidden {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.gov-report .gr-scroll-hint { display: none; margin: 0.8em 0 -0.4em; font-size: 0.875em; color: #4d4d4d; text-indent: 0; }
.gov-report .table-scroll {
  max-width: 100%;
  margin: 0.8em 0 1.5em;
  overflow-x: auto;
}
.gov-report .table-scroll:focus-visible { outline: 3px solid #1a4fa0; outline-offset: 2px; }
.gov-report .report-table {
  width: 100%;
  border-collapse: collapse;
  font-size: 1rem;
  line-height: 1.5;
  font-variant-numeric: tabular-nums;
}
.gov-report .report-table caption {
  padding: 0 0 0.4em;
  font-family: ${HEITI};
  font-weight: 700;
  text-align: center;
}
.gov-report .report-table th, .gov-report .report-table td {
  padding: 0.3em 0.4em;
  border: 1px solid #4d4d4d;
  vertical-align: middle;
}
/* text-wrap: pretty keeps a label from leaving one character on its last line. */
.gov-report .report-table th { font-family: ${HEITI}; font-weight: 400; text-align: center; text-wrap: pretty; }
.gov-report .report-table .cell-row-header { text-align: left; }
.gov-report .report-table .cell-corner { font-size: 0.875em; text-align: left; }
.gov-report .report-table .cell-group-header { font-weight: 700; text-align: center; background: #f0f0f0; }
/* Height is a minimum for table cells: keeps a row of blank values from collapsing. */
.gov-report .report-table td { height: 2.1em; text-align: center; }
@media screen and (max-width: 50em) {
  /* The caption scrolls with its table: centred over a wide table it would start off-screen. */
  .gov-report .report-table caption { text-align: left; }
  .gov-report .gr-scroll-hint { display: block; }
  /* The phone layout (phoneLayout): fixed columns, label columns narrowed and kept in view. */
  /* Separate borders (right and bottom of each cell, top and left of the table): collapsed
     borders would scroll away from the labels that stay. */
  .gov-report .report-table.has-sticky col { width: var(--gr-phone-width) !important; }
  .gov-report .report-table.has-sticky {
    width: max(100%, var(--gr-phone-min-width));
    min-width: var(--gr-phone-min-width) !important;
    table-layout: fixed;
    border-collapse: separate;
    border-spacing: 0;
    border-top: 1px solid #4d4d4d;
    border-left: 1px solid #4d4d4d;
  }
  .gov-report .report-table.has-sticky th, .gov-report .report-table.has-sticky td { border-width: 0 1px 1px 0; }
  .gov-report .report-table .cell-sticky { position: sticky; z-index: 1; background: #fff; box-shadow: inset 1px 0 0 #4d4d4d; }
}
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
/* Page numbers “— N —” in 4号 宋体, 1 字 in from the outside edge: right on odd pages, left on even (GB/T 9704 7.5). */
@page :right { @bottom-right { content: "— " counter(page) " —"; font-family: "SimSun", "宋体", "Noto Serif SC", serif; font-size: 14pt; vertical-align: top; padding: 7mm 1em 0 0; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font-family: "SimSun", "宋体", "Noto Serif SC", serif; font-size: 14pt; vertical-align: top; padding: 7mm 0 0 1em; } }
.gov-report .gr-draft-mark {
  margin: 0 0 1em;
  padding: 0.4em 0.8em;
  border: 2px solid #c00000;
  color: #c00000;
  font-family: ${HEITI};
  font-weight: bold;
  text-align: center;
  text-indent: 0;
}
@media print {
  .gov-report {
    max-width: none;
    margin: 0;
    padding: 0;
    color: #000;
    font-size: 16pt;
    line-height: 28.99pt;
  }
  .gov-report .report-title { font-size: 22pt; line-height: 1.5; margin: 0 0 28.99pt; }
  .gov-report h2, .gov-report h3, .gov-report .report-table caption { break-after: avoid; page-break-after: avoid; }
  .gov-report p { orphans: 2; widows: 2; }
  .gov-report .table-scroll { overflow: visible; margin: 0.5em 0 1em; }
  .gov-report .report-table { min-width: 0 !important; font-size: 11pt; }
  /* Table 4 has 15 columns in 156 mm: slim padding leaves two Hanzi per line. */
  .gov-report .report-table th, .gov-report .report-table td { padding: 0.2em 0.15em; border-color: #000; }
  .gov-report thead { display: table-header-group; }
  .gov-report tr { break-inside: avoid; page-break-inside: avoid; }
  /* Table 2: keep each 第二十条 block whole, or at least its headings with its first row. */
  .gov-report tbody:has(> tr > .cell-group-header) { break-inside: avoid; page-break-inside: avoid; }
  .gov-report tbody tr:has(> .cell-group-header), .gov-report tbody tr:has(> .cell-column-header) { break-after: avoid; page-break-after: avoid; }
}
`;
