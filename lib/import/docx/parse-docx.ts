import type { AnyNode, Element } from "domhandler";
import JSZip from "jszip";
import type { Block, GridCell, ImportDocument, SourceLocation } from "../intermediate";
import { GridBuilder, joinLines, MAX_SPAN } from "../html/grid";
import { estimateNesting, MAX_NESTING } from "../html/nesting";
import { checkSize, formatSize, ImportInputError } from "./input-error";
import { attr, child, elementChildren, isElement, isOn, localName, parseXml, val } from "./ooxml";
import { readNumbering, readStyles, type Numbering, type Styles } from "./styles";

/**
 * The DOCX parser: a Word document's OOXML read directly (jszip + htmlparser2 in XML mode) into
 * the import intermediate. Browser-safe: no Node APIs (legacy `.doc` conversion is in
 * convert-doc.ts).
 *
 * - Body paragraphs in order. A paragraph with a heading style (Heading 1–9, 标题 1–9, Title,
 *   or any style or paragraph with an outline level) is a heading; every other one a paragraph.
 *   `w:br` and `w:cr` split a paragraph into lines. Word's automatic numbers (「一、」「（一）」)
 *   are printed before the text as Word shows them (numbering.xml), since they are not in the
 *   text runs. Deleted revisions, field codes and hidden text are left out.
 * - Tables with merged cells expanded per GridCell's contract: `w:gridSpan` is colSpan,
 *   `w:vMerge` restart/continue is rowSpan on the origin and `mergedFrom` on the positions it
 *   covers. A table holding tables (a layout table) or one column of running text is read as the
 *   blocks in its cells, nested tables as tables of their own: tables come out flat.
 * - Text boxes (DrawingML and VML) are appended after the paragraph that anchors them.
 *
 * Locations: `{ kind: "docx", paragraph }` is the index of the `w:p` among all paragraphs of the
 * main document in document order (table cells and text boxes included, as Word counts
 * them); cells are `{ kind: "docx", table, row, cell, paragraph }` with `table` the index among
 * the tables this parser emitted, `row` the `w:tr` in the table, `cell` the `w:tc` in the row
 * and `paragraph` the cell's first paragraph. A covered position carries its origin's location.
 *
 * A file that is not a readable DOCX rejects with an ImportInputError (Chinese message); a
 * legacy `.doc` rejects with code `docx.legacy-doc` (convert it with convertDocToDocx).
 */

/** Largest DOCX file read; a report is well under 1 MB, a few MB with images. */
export const MAX_DOCX_BYTES = 30 * 1024 * 1024;
/** Largest uncompressed XML part read (a zip bomb stops here). */
export const MAX_XML_BYTES = 64 * 1024 * 1024;
/** Deepest nesting of tables, text boxes and content controls followed. */
const MAX_DEPTH = 48;

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** A legacy Word 97–2003 document (an OLE compound file). */
export function isLegacyDoc(bytes: Uint8Array): boolean {
  return OLE_MAGIC.every((b, i) => bytes[i] === b);
}

const corrupt = (cause?: unknown) =>
  new ImportInputError("docx.corrupt", "无法读取该 DOCX 文件：文件已损坏、不完整，或不是 Word 文档（.docx）。请在 Word 或 WPS 中打开后另存为 .docx 再导入。", { cause });

export const LEGACY_DOC_MESSAGE = "这是旧版 Word 文档（.doc），不能直接读取：需要先转换为 .docx（服务器安装 LibreOffice 后可自动转换，或在 Word/WPS 中另存为 .docx）。";

async function openZip(bytes: Uint8Array): Promise<JSZip> {
  try {
    return await JSZip.loadAsync(bytes);
  } catch (error) {
    throw corrupt(error);
  }
}

/** Reads a part, refusing one that inflates past the limit. */
async function readPart(zip: JSZip, path: string): Promise<string | undefined> {
  const entry = zip.file(path);
  if (!entry) return undefined;
  // jszip keeps the size from the central directory here; it is not part of its typed API.
  const size = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
  if (typeof size === "number" && size > MAX_XML_BYTES) {
    throw new ImportInputError("input.too-large", `DOCX 文件中的 ${path} 解压后过大（${formatSize(size)}），不能超过 ${formatSize(MAX_XML_BYTES)}。`);
  }
  let text: string;
  try {
    text = await entry.async("string");
  } catch (error) {
    throw corrupt(error);
  }
  if (text.length > MAX_XML_BYTES) throw new ImportInputError("input.too-large", `DOCX 文件中的 ${path} 解压后过大，不能超过 ${formatSize(MAX_XML_BYTES)}。`);
  return text;
}

/** `word/` + `../media/x.png` → `media/x.png`; an absolute target is taken from the root. */
function resolvePath(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base ? base.split("/") : [];
  for (const part of target.split("/")) {
    if (part === "..") parts.pop();
    else if (part && part !== ".") parts.push(part);
  }
  return parts.join("/");
}

/** Relationship targets of a part by type suffix (`officeDocument`, `styles`, `numbering`). */
async function relationships(zip: JSZip, relsPath: string, base: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const xml = await readPart(zip, relsPath).catch(() => undefined);
  if (!xml) return out;
  const stack: AnyNode[] = [parseXml(xml)];
  while (stack.length) {
    const node = stack.pop()!;
    if (isElement(node) && localName(node) === "Relationship" && node.attribs.Type && node.attribs.Target && node.attribs.TargetMode !== "External") {
      const type = node.attribs.Type.slice(node.attribs.Type.lastIndexOf("/") + 1);
      if (!out.has(type)) out.set(type, resolvePath(base, node.attribs.Target));
    }
    if ("children" in node) stack.push(...(node.children as AnyNode[]));
  }
  return out;
}

interface Ctx {
  styles: Styles;
  numbering: Numbering;
  paragraphs: number;
  tables: number;
}

/** What a paragraph's runs say: its lines (split at breaks) and the text boxes it anchors. */
interface Runs {
  lines: string[];
  boxes: Element[];
}

/** Elements whose text is not what the document shows. */
const SKIP_INLINE = new Set(["pPr", "rPr", "del", "moveFrom", "delText", "delInstrText", "instrText", "fldData", "rt", "footnoteReference", "endnoteReference", "commentReference", "annotationRef", "sectPr", "tblPr", "tcPr", "trPr", "lastRenderedPageBreak"]);

function readRuns(node: Element, runs: Runs, depth: number) {
  if (depth > MAX_DEPTH) return;
  for (const el of elementChildren(node)) {
    const name = localName(el);
    if (SKIP_INLINE.has(name)) continue;
    switch (name) {
      case "r":
        if (isOn(child(el, "rPr"), "vanish")) continue;
        readRuns(el, runs, depth + 1);
        break;
      case "t":
        // A zero-width space only marks where a line may break (our DOCX puts them in URLs).
        runs.lines[runs.lines.length - 1] += textContent(el).replaceAll("\u200b", "");
        break;
      case "tab":
      case "ptab":
        runs.lines[runs.lines.length - 1] += " ";
        break;
      case "br":
      case "cr":
        runs.lines.push("");
        break;
      case "noBreakHyphen":
        runs.lines[runs.lines.length - 1] += "-";
        break;
      case "sym": {
        const code = parseInt(attr(el, "char") ?? "", 16);
        // Symbol-font glyphs (F000–F0FF) have no meaning as text.
        if (Number.isFinite(code) && (code < 0xf000 || code > 0xf0ff)) runs.lines[runs.lines.length - 1] += String.fromCodePoint(code);
        break;
      }
      case "txbxContent":
        runs.boxes.push(el);
        break;
      case "drawing":
      case "pict":
      case "object":
        // Of a drawing only its text boxes are text (a chart's or SmartArt's labels are not).
        textBoxes(el, runs.boxes);
        break;
      case "AlternateContent": {
        // The same content twice (DrawingML in Choice, VML in Fallback): read one.
        const branch = child(el, "Choice") ?? child(el, "Fallback");
        if (branch) readRuns(branch, runs, depth + 1);
        break;
      }
      default:
        readRuns(el, runs, depth + 1);
    }
  }
}

/** Text boxes inside a drawing; of alternate content, one branch. */
function textBoxes(root: Element, out: Element[]) {
  const stack: Element[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    const name = localName(el);
    if (name === "txbxContent") {
      out.push(el);
      continue;
    }
    if (name === "AlternateContent") {
      const branch = child(el, "Choice") ?? child(el, "Fallback");
      if (branch) stack.push(branch);
      continue;
    }
    const kids = elementChildren(el);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}

function textContent(el: Element): string {
  let out = "";
  for (const c of el.children) if (c.type === "text") out += c.data;
  return out;
}

const TRIM = /^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0\ufeff]+$/g;
const clean = (text: string) => text.replace(/\u00a0/g, " ").replace(TRIM, "");

/** One paragraph → heading or paragraph blocks (one per line), then its text boxes' blocks. */
function readParagraph(p: Element, ctx: Ctx, out: Block[], depth: number) {
  const index = ctx.paragraphs++;
  const pPr = child(p, "pPr");
  const styleId = val(pPr, "pStyle");
  const outline = val(pPr, "outlineLvl");
  const ownLevel = outline === undefined ? undefined : parseInt(outline, 10);
  const level = ownLevel !== undefined && Number.isFinite(ownLevel) ? (ownLevel >= 0 && ownLevel <= 8 ? ownLevel + 1 : undefined) : ctx.styles.headingLevel(styleId);
  const numPr = child(pPr, "numPr");
  const styleList = ctx.styles.numbering(styleId);
  const list = numPr ? { numId: val(numPr, "numId") ?? styleList?.numId, ilvl: parseInt(val(numPr, "ilvl") ?? String(styleList?.ilvl ?? 0), 10) || 0 } : styleList;
  const runs: Runs = { lines: [""], boxes: [] };
  readRuns(p, runs, depth);
  if (list?.numId && list.numId !== "0") runs.lines[0] = ctx.numbering.next(list.numId, list.ilvl) + runs.lines[0];
  const at: SourceLocation = { kind: "docx", paragraph: index };
  for (const raw of runs.lines) {
    const text = clean(raw);
    if (!text) continue;
    out.push(level ? { kind: "heading", text, level, at } : { kind: "paragraph", text, at });
  }
  for (const box of runs.boxes) readBody(box, ctx, out, depth + 1);
}

/** Rows of a table and cells of a row, through content controls and custom XML wrappers. */
function wrapped(parent: Element, name: string, depth = 0): Element[] {
  const out: Element[] = [];
  for (const el of elementChildren(parent)) {
    const local = localName(el);
    if (local === name) out.push(el);
    else if (depth < 8 && (local === "sdt" || local === "customXml")) out.push(...wrapped(child(el, "sdtContent") ?? el, name, depth + 1));
    else if (depth < 8 && local === "sdtContent") out.push(...wrapped(el, name, depth + 1));
  }
  return out;
}

function containsTable(el: Element): boolean {
  const stack: AnyNode[] = [...el.children];
  while (stack.length) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if (localName(node) === "tbl") return true;
    for (const c of node.children) stack.push(c);
  }
  return false;
}

function isLayoutTable(rows: Element[][]): boolean {
  if (rows.some((cells) => cells.some(containsTable))) return true;
  const width = Math.max(0, ...rows.map((cells) => cells.length));
  if (width !== 1) return false;
  return rows.some((cells) => cells.some((tc) => wrapped(tc, "p").length > 1));
}

interface RawCell {
  col: number;
  span: number;
  merge?: "restart" | "continue";
  text: string;
  at: SourceLocation;
  /** Grid position of the origin a continuation cell belongs to. */
  origin?: { row: number; col: number };
}

function int(value: string | undefined, fallback: number): number {
  const n = value === undefined ? NaN : parseInt(value, 10);
  return Number.isFinite(n) ? n : fallback;
}

function readTable(tbl: Element, ctx: Ctx, out: Block[], depth: number) {
  const trs = wrapped(tbl, "tr");
  const rows = trs.map((tr) => wrapped(tr, "tc"));
  if (isLayoutTable(rows)) {
    for (const cells of rows) for (const tc of cells) readBody(tc, ctx, out, depth + 1);
    return;
  }
  if (!rows.some((cells) => cells.length)) return;
  const t = ctx.tables++;
  const raw: RawCell[][] = rows.map((cells, r) => {
    let col = Math.max(0, int(val(child(trs[r], "trPr"), "gridBefore"), 0));
    const rowCells: RawCell[] = [];
    cells.forEach((tc, c) => {
      const tcPr = child(tc, "tcPr");
      const span = Math.max(1, Math.min(MAX_SPAN, int(val(tcPr, "gridSpan"), 1)));
      const firstParagraph = ctx.paragraphs;
      const blocks: Block[] = [];
      readBody(tc, ctx, blocks, depth + 1);
      const text = blocks.map((b) => (b.kind === "table" ? "" : b.text)).reduce(joinLines, "");
      const at: SourceLocation = { kind: "docx", table: t, row: r, cell: c, paragraph: firstParagraph };
      const hMerge = child(tcPr, "hMerge");
      const previous = rowCells[rowCells.length - 1];
      if (hMerge && attr(hMerge, "val") !== "restart" && previous) {
        // Legacy horizontal merge: this cell widens the one before it.
        previous.span += span;
        previous.text = joinLines(previous.text, text);
      } else {
        const vMerge = child(tcPr, "vMerge");
        rowCells.push({ col, span, text, at, merge: vMerge ? (attr(vMerge, "val") === "restart" ? "restart" : "continue") : undefined });
      }
      col += span;
    });
    return rowCells;
  });
  // Vertical merges: each origin spans the continuation cells below it at the same column.
  const spans = new Map<RawCell, number>();
  raw.forEach((cells, r) => {
    for (const cell of cells) {
      if (cell.merge === "continue" && cell.origin) continue;
      let rowSpan = 1;
      for (let below = r + 1; below < raw.length; below++) {
        const next = raw[below].find((c) => c.col === cell.col && c.merge === "continue");
        if (!next) break;
        next.origin = { row: r, col: cell.col };
        rowSpan++;
      }
      spans.set(cell, rowSpan);
    }
  });
  const grid = new GridBuilder();
  raw.forEach((cells, r) => {
    for (const cell of cells) {
      if (cell.origin) {
        if (cell.text) grid.append(cell.origin.row, cell.origin.col, cell.text, joinLines);
        continue;
      }
      grid.place(r, cell.col, { text: cell.text, at: cell.at, rowSpan: spans.get(cell) ?? 1, colSpan: cell.span }, raw.length - 1);
    }
  });
  const gridRows = grid.finish(raw.length, (row) => ({ kind: "docx", table: t, row }));
  out.push({ kind: "table", rows: gridRows as GridCell[][], at: { kind: "docx", table: t } });
}

/** Body-level content of a container (the body, a cell, a text box, a content control). */
function readBody(container: Element, ctx: Ctx, out: Block[], depth: number) {
  if (depth > MAX_DEPTH) return;
  for (const el of elementChildren(container)) {
    switch (localName(el)) {
      case "p":
        readParagraph(el, ctx, out, depth);
        break;
      case "tbl":
        readTable(el, ctx, out, depth);
        break;
      case "sdt":
        readBody(child(el, "sdtContent") ?? el, ctx, out, depth + 1);
        break;
      case "customXml":
      case "sdtContent":
      case "ins":
      case "moveTo":
      case "smartTag":
        readBody(el, ctx, out, depth + 1);
        break;
      case "AlternateContent": {
        const branch = child(el, "Choice") ?? child(el, "Fallback");
        if (branch) readBody(branch, ctx, out, depth + 1);
        break;
      }
      default:
        // sectPr, tcPr, bookmarks, proofing marks, deleted content: no text.
        break;
    }
  }
}

function findBody(root: AnyNode): Element | undefined {
  for (const el of elementChildren(root)) {
    if (localName(el) === "document") return elementChildren(el).find((c) => localName(c) === "body");
  }
  return undefined;
}

/** Parses a DOCX file. Rejects with an ImportInputError when the file cannot be read. */
export async function parseDocx(bytes: Uint8Array): Promise<ImportDocument> {
  checkSize(bytes, MAX_DOCX_BYTES, "DOCX ");
  if (isLegacyDoc(bytes)) throw new ImportInputError("docx.legacy-doc", LEGACY_DOC_MESSAGE);
  const zip = await openZip(bytes);
  const rootRels = await relationships(zip, "_rels/.rels", "");
  const mainPath = rootRels.get("officeDocument") ?? "word/document.xml";
  const xml = (await readPart(zip, mainPath)) ?? (mainPath !== "word/document.xml" ? await readPart(zip, "word/document.xml") : undefined);
  if (xml === undefined) {
    throw new ImportInputError("docx.no-document", "该文件不是 Word 文档（.docx）：找不到正文部分（word/document.xml）。");
  }
  const slash = mainPath.lastIndexOf("/");
  const dir = slash < 0 ? "" : mainPath.slice(0, slash);
  const rels = await relationships(zip, `${dir ? `${dir}/` : ""}_rels/${mainPath.slice(slash + 1)}.rels`, dir);
  // Styles and numbering only refine headings and list numbers: a broken part is ignored.
  const optional = async (type: string, fallback: string) => {
    try {
      const text = await readPart(zip, rels.get(type) ?? `${dir ? `${dir}/` : ""}${fallback}`);
      return text === undefined || estimateNesting(text, "xml") > MAX_NESTING ? undefined : parseXml(text);
    } catch {
      return undefined;
    }
  };
  const [stylesXml, numberingXml] = await Promise.all([optional("styles", "styles.xml"), optional("numbering", "numbering.xml")]);
  // The XML parser takes quadratic time on hostile nesting; Word never nests beyond a few dozen.
  if (estimateNesting(xml, "xml") > MAX_NESTING) {
    throw new ImportInputError("docx.corrupt", "该 DOCX 文件的正文结构异常（元素嵌套过深），不是 Word 或 WPS 保存的文档，无法读取。");
  }
  const body = findBody(parseXml(xml));
  if (!body) throw new ImportInputError("docx.no-document", "该 DOCX 文件的正文为空或已损坏：word/document.xml 中没有 w:body。");
  const ctx: Ctx = { styles: readStyles(stylesXml), numbering: readNumbering(numberingXml), paragraphs: 0, tables: 0 };
  const blocks: Block[] = [];
  readBody(body, ctx, blocks, 0);
  return { source: "docx", blocks };
}
