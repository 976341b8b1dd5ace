import { load } from "cheerio";
import type { AnyNode, Element } from "domhandler";
import type { Block, GridCell, ImportDocument, SourceLocation } from "../intermediate";
import { GridBuilder, joinLines } from "./grid";
import { decodeHtml, type DecodedHtml } from "./decode-html";
import { estimateNesting, flattenMarkup, MAX_NESTING } from "./nesting";

export { decodeHtml, MAX_HTML_BYTES, type DecodedHtml } from "./decode-html";

/**
 * The HTML parser: a report page as saved from a government site (or as our own renderer writes
 * it) into the import intermediate.
 *
 * - The article body is found first (`findArticle`): the CMS containers government sites use
 *   (`.TRS_Editor`, `#zoom`, `#UCAP-CONTENT`, `.article-content`, `.content`, `article`, …), or
 *   else the element whose own paragraphs hold the most Chinese text. Navigation, headers,
 *   footers, scripts, styles, forms and hidden elements outside it are never read. When the
 *   title is outside the body (the usual CMS layout: an `<h1>` above the editor's div), it is
 *   taken from the `ArticleTitle` meta tag, the nearest heading before the body or the page
 *   `<title>`, and emitted first.
 * - h1–h6 are headings; every other block element (p, div, li, …) is a paragraph, and `<br>`
 *   splits it into lines. Bold lines that read as headings stay paragraphs: that is the
 *   mapper's call.
 * - A `<table>` is a grid with rowspan/colspan expanded per GridCell's contract; its caption
 *   comes first as a paragraph. A layout table (one holding tables, or one column of text) is
 *   read as the blocks in its cells.
 *
 * Locations are `{ kind: "html", element }` for headings and paragraphs, and `{ kind: "html",
 * element, table, row, cell }` for cells: `element` is the element's index in document order
 * (`document.querySelectorAll("*")[element]` in a browser), `table` the table's index among the
 * tables this parser emitted, `row` and `cell` the indices of the `<tr>` in the table and the
 * `<td>`/`<th>` in the `<tr>` (`table.rows[row].cells[cell]`). A covered position carries its
 * origin's location.
 *
 * Never throws: malformed markup is read as browsers read it (parse5), and anything unexpected
 * ends the walk with what was read so far. A page nested deeper than any real one (MAX_NESTING,
 * where parse5 would take quadratic time) is read as its lines of text, without structure.
 */

/** Longer input is cut here (a report page is a few hundred KB at most). */
export const MAX_HTML_LENGTH = 5_000_000;

/**
 * Containers of the article body in common government CMS templates, most specific first
 * (matched case-insensitively: `#Zoom` is `#zoom`).
 */
const ARTICLE_SELECTORS = [
  "#UCAP-CONTENT",
  ".TRS_Editor",
  ".TRS_UEDITOR",
  ".trs_editor_view",
  "#zoom",
  ".zoom",
  "#fontzoom",
  ".article-content",
  "#article-content",
  ".article_content",
  ".pages_content",
  ".news_content",
  ".xxgk_content",
  ".wzcon",
  ".article-body",
  "article",
  ".content",
  "#content",
  "main",
].map(parseSelector);

/** Never content. */
const SKIP = new Set([
  "head",
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "object",
  "embed",
  "svg",
  "math",
  "canvas",
  "video",
  "audio",
  "map",
  "select",
  "option",
  "button",
  "input",
  "textarea",
  "nav",
  "aside",
  "footer",
]);

const BLOCK = new Set([
  "address",
  "article",
  "blockquote",
  "body",
  "center",
  "dd",
  "details",
  "dialog",
  "dir",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "form",
  "header",
  "hgroup",
  "hr",
  "html",
  "legend",
  "li",
  "main",
  "menu",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "ul",
  "caption",
  "tr",
  "td",
  "th",
  "thead",
  "tbody",
  "tfoot",
]);

const HEADING = /^h([1-6])$/;

/** Hanzi in a text (CJK unified ideographs, extension A, compatibility ideographs). */
function countCjk(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) n++;
  }
  return n;
}

const isElement = (node: AnyNode): node is Element => node.type === "tag" || node.type === "script" || node.type === "style";

/** Hidden by the page: `hidden`, `display:none`, `visibility:hidden`. */
function isHidden(el: Element): boolean {
  if (el.attribs.hidden !== undefined) return true;
  const style = el.attribs.style;
  return !!style && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/**
 * What our HTML renderer adds that is no part of the report's text: the 「草稿（未通过检查）」
 * mark on a failing report, the phone-width hint above a wide table.
 */
const isRendererNote = (el: Element) => /(?:^|\s)gr-(?:draft-mark|scroll-hint)(?:\s|$)/.test(el.attribs.class ?? "");

function skipped(el: Element): boolean {
  return SKIP.has(el.name) || isHidden(el) || isRendererNote(el);
}

/** HTML whitespace collapsed as a browser shows it; a line break between two Hanzi disappears. */
function normalizeText(raw: string): string {
  return raw
    .replace(/([\u3400-\u9fff\uff00-\uffef\u3000-\u303f])[ \t\f\r]*\n[\s]*(?=[\u3400-\u9fff\uff00-\uffef\u3000-\u303f])/g, "$1")
    .replace(/[\t\n\f\r \u00a0\u200b\ufeff]+/g, " ")
    .replace(/^[\s\u3000]+|[\s\u3000]+$/g, "");
}

/** A line that reads as a report title: names a 报告, short, no sentence punctuation. */
const isTitleLine = (text: string) => /报告/.test(text) && text.length <= 80 && !/[。，,；;：:！？!?]/.test(text);

/** What one pass over the document finds: element order, the body, tables holding tables. */
interface Scan {
  /** Element → its index in document order. */
  index: Map<Element, number>;
  /** Elements in document order. */
  elements: Element[];
  body?: Element;
  /** Tables with a table inside (layout tables). */
  nesting: Set<Element>;
  /** Elements by lower-cased id, class and tag name, for the article selectors. */
  byId: Map<string, Element[]>;
  byClass: Map<string, Element[]>;
  byTag: Map<string, Element[]>;
}

function addTo(map: Map<string, Element[]>, key: string, el: Element) {
  const list = map.get(key);
  if (list) list.push(el);
  else map.set(key, [el]);
}

/** One pre-order pass, without recursion (fuzzed pages nest deeply). */
function scanDocument(root: AnyNode): Scan {
  const scan: Scan = { index: new Map(), elements: [], nesting: new Set(), byId: new Map(), byClass: new Map(), byTag: new Map() };
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (isElement(node)) {
      scan.index.set(node, scan.elements.length);
      scan.elements.push(node);
      addTo(scan.byTag, node.name, node);
      if (node.attribs.id) addTo(scan.byId, node.attribs.id.toLowerCase(), node);
      if (node.attribs.class) for (const c of classList(node)) addTo(scan.byClass, c, node);
      if (node.name === "body" && !scan.body) scan.body = node;
      if (node.name === "table") {
        for (let up = node.parent; up; up = up.parent) {
          if (isElement(up) && up.name === "table") {
            scan.nesting.add(up);
            break;
          }
        }
      }
    }
    const children = "children" in node ? (node.children as AnyNode[]) : [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return scan;
}

/** A simple selector: `tag`, `#id`, `.class`, `.a.b` (matched case-insensitively). */
interface Selector {
  tag?: string;
  id?: string;
  classes: string[];
}

function parseSelector(text: string): Selector {
  const tag = /^[a-z][a-z0-9]*/i.exec(text)?.[0]?.toLowerCase();
  const id = /#([\w-]+)/.exec(text)?.[1]?.toLowerCase();
  const classes = [...text.matchAll(/\.([\w-]+)/g)].map((m) => m[1].toLowerCase());
  return { tag, id, classes };
}

function classList(el: Element): string[] {
  const value = el.attribs.class;
  return value ? value.toLowerCase().split(/\s+/).filter(Boolean) : [];
}

/** Elements a selector matches, in document order. */
function select(scan: Scan, selector: Selector): Element[] {
  const candidates = selector.id ? scan.byId.get(selector.id) : selector.classes.length ? scan.byClass.get(selector.classes[0]) : selector.tag ? scan.byTag.get(selector.tag) : undefined;
  return candidates ? candidates.filter((el) => matches(el, selector)) : [];
}

function matches(el: Element, selector: Selector): boolean {
  if (selector.tag && el.name !== selector.tag) return false;
  if (selector.id && (el.attribs.id ?? "").toLowerCase() !== selector.id) return false;
  if (selector.classes.length) {
    const own = classList(el);
    if (!selector.classes.every((c) => own.includes(c))) return false;
  }
  return true;
}

function childrenOf(node: AnyNode): AnyNode[] {
  return "children" in node ? (node.children as AnyNode[]) : [];
}

/** Chinese characters in a subtree's readable text (skipped elements excluded). */
function cjkCount(root: AnyNode, cache: Map<AnyNode, number>): number {
  const cached = cache.get(root);
  if (cached !== undefined) return cached;
  // Post-order without recursion.
  const stack: { node: AnyNode; done: boolean }[] = [{ node: root, done: false }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    const node = top.node;
    if (cache.has(node)) {
      stack.pop();
      continue;
    }
    if (node.type === "text") {
      cache.set(node, countCjk(node.data));
      stack.pop();
      continue;
    }
    if (isElement(node) && skipped(node)) {
      cache.set(node, 0);
      stack.pop();
      continue;
    }
    const children = childrenOf(node);
    if (!top.done) {
      top.done = true;
      for (const child of children) if (!cache.has(child)) stack.push({ node: child, done: false });
      continue;
    }
    let sum = 0;
    for (const child of children) sum += cache.get(child) ?? 0;
    cache.set(node, sum);
    stack.pop();
  }
  return cache.get(root) ?? 0;
}

/** Children that are text runs or paragraphs, not containers of further blocks. */
function isParagraphLike(el: Element): boolean {
  if (HEADING.test(el.name) || el.name === "p" || el.name === "table" || el.name === "li" || el.name === "pre") return true;
  if (!BLOCK.has(el.name)) return true;
  return !childrenOf(el).some((c) => isElement(c) && BLOCK.has(c.name) && c.name !== "br");
}

/**
 * The element whose own paragraphs (text children and paragraph-like children) hold the most
 * Chinese text: the article body when the page has no known container.
 */
function densest(body: AnyNode, cache: Map<AnyNode, number>): Element | undefined {
  let best: Element | undefined;
  let bestScore = 0;
  const stack: AnyNode[] = [body];
  while (stack.length) {
    const node = stack.pop()!;
    if (isElement(node) && skipped(node)) continue;
    let score = 0;
    for (const child of childrenOf(node)) {
      if (child.type === "text") score += cjkCount(child, cache);
      else if (isElement(child)) {
        if (!skipped(child) && isParagraphLike(child)) score += cjkCount(child, cache);
        stack.push(child);
      }
    }
    if (isElement(node) && score > bestScore) {
      best = node;
      bestScore = score;
    }
  }
  return best;
}

function contains(ancestor: AnyNode, node: AnyNode): boolean {
  for (let n: AnyNode | null = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

/**
 * The article body: a known CMS container holding most of the page's Chinese text (at least half
 * of the body's, or of the densest element's, or containing the densest element), else the
 * densest element.
 */
function findArticle(root: AnyNode, scan: Scan): Element | undefined {
  const cache = new Map<AnyNode, number>();
  const body = scan.body ?? root;
  const bodyText = cjkCount(body, cache);
  const candidates: { el: Element; text: number }[] = [];
  for (const selector of ARTICLE_SELECTORS) {
    let best: { el: Element; text: number } | undefined;
    for (const el of select(scan, selector)) {
      if (skipped(el)) continue;
      const text = cjkCount(el, cache);
      if (text > (best?.text ?? 0)) best = { el, text };
    }
    if (!best) continue;
    // Most of the page's text: no need to look further.
    if (!candidates.length && best.text >= bodyText / 2) return best.el;
    candidates.push(best);
  }
  const dense = densest(body, cache);
  const denseText = dense ? cjkCount(dense, cache) : 0;
  for (const { el, text } of candidates) {
    if (text >= denseText / 2 || (dense && contains(el, dense))) return el;
  }
  return dense ?? scan.body;
}

const TITLE_CLASS = /title|^tit$|^bt$|biaoti/i;

/** Headings and elements a template marks as a title (`class="article-title"`, `id="title"`). */
function isTitleElement(el: Element): boolean {
  if (el.name === "h1" || el.name === "h2" || el.name === "h3") return true;
  if (el.name === "head" || el.name === "title" || el.name === "meta") return false;
  return classList(el).some((c) => TITLE_CLASS.test(c)) || TITLE_CLASS.test(el.attribs.id ?? "");
}

/**
 * The title of a page whose article body does not start with it: the ArticleTitle meta tag
 * government CMS templates write, else the nearest title-like element before the body, else the
 * page's `<title>` without the site name.
 */
function findTitle(scan: Scan, article: Element): { text: string; at: SourceLocation } | undefined {
  const at = (el: Element): SourceLocation => ({ kind: "html", element: scan.index.get(el) });
  const metas = scan.elements.filter((el) => el.name === "meta" && /^(?:articletitle|title)$/i.test(el.attribs.name ?? ""));
  for (const meta of metas) {
    const text = normalizeText(meta.attribs.content ?? "");
    if (isTitleLine(text)) return { text, at: at(meta) };
  }
  const articleIndex = scan.index.get(article) ?? 0;
  for (let i = articleIndex - 1; i >= 0; i--) {
    const el = scan.elements[i];
    if (!isTitleElement(el) || contains(el, article) || hasSkippedAncestor(el)) continue;
    const text = normalizeText(textOf(el));
    if (text.length >= 6 && isTitleLine(text)) return { text, at: at(el) };
  }
  const title = scan.elements.find((el) => el.name === "title");
  const text = title ? (normalizeText(textOf(title)).split(/\s*(?:[_|｜]|\s-\s|——|--)\s*/)[0] ?? "") : "";
  if (title && isTitleLine(text)) return { text, at: at(title) };
  return undefined;
}

function hasSkippedAncestor(el: Element): boolean {
  for (let n: AnyNode | null = el; n; n = n.parent) if (isElement(n) && skipped(n)) return true;
  return false;
}

/** Lines of an element's text: `<br>` and block boundaries break lines; tables are read inline. */
function textLines(root: Element): string[] {
  const lines: string[] = [];
  let line = "";
  const flush = () => {
    const text = normalizeText(line);
    if (text) lines.push(text);
    line = "";
  };
  const stack: { node: AnyNode; exit?: boolean }[] = [{ node: root }];
  while (stack.length) {
    const { node, exit } = stack.pop()!;
    if (exit) {
      flush();
      continue;
    }
    if (node.type === "text") {
      line += node.data;
      continue;
    }
    if (!isElement(node)) continue;
    if (node !== root && skipped(node)) continue;
    if (node.name === "br") {
      flush();
      continue;
    }
    const block = BLOCK.has(node.name) || HEADING.test(node.name) || node.name === "table";
    if (block) {
      flush();
      stack.push({ node, exit: true });
    }
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] });
  }
  flush();
  return lines;
}

/** Row groups of a table: its own rows only (not those of tables nested in its cells). */
function rowGroups(table: Element): Element[][] {
  const groups: Element[][] = [];
  let loose: Element[] | undefined;
  for (const child of childrenOf(table)) {
    if (!isElement(child)) continue;
    if (child.name === "thead" || child.name === "tbody" || child.name === "tfoot") {
      loose = undefined;
      groups.push(childrenOf(child).filter((c): c is Element => isElement(c) && c.name === "tr"));
    } else if (child.name === "tr") {
      if (!loose) groups.push((loose = []));
      loose.push(child);
    }
  }
  return groups;
}

const cellsOf = (tr: Element) => childrenOf(tr).filter((c): c is Element => isElement(c) && (c.name === "td" || c.name === "th"));

function hasDescendant(root: Element, test: (el: Element) => boolean): boolean {
  const stack = [...childrenOf(root)];
  while (stack.length) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if (test(node)) return true;
    for (const child of childrenOf(node)) stack.push(child);
  }
  return false;
}

/** A table used for layout: it holds tables, or it is one column of running text. */
function isLayoutTable(table: Element, groups: Element[][], nesting: Set<Element>): boolean {
  if (nesting.has(table)) return true;
  const rows = groups.flat();
  const width = Math.max(0, ...rows.map((tr) => cellsOf(tr).length));
  if (width !== 1) return false;
  return rows.some((tr) =>
    cellsOf(tr).some((td) => hasDescendant(td, (el) => el.name === "p" || el.name === "div" || HEADING.test(el.name)) || normalizeText(textOf(td)).length > 60),
  );
}

function textOf(root: AnyNode): string {
  let out = "";
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "text") out += node.data;
    else if (isElement(node) && node !== root && skipped(node)) continue;
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}

function span(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = parseInt(value.trim(), 10);
  return Number.isFinite(n) ? n : fallback;
}

interface Walk {
  blocks: Block[];
  index: Map<Element, number>;
  nesting: Set<Element>;
  tables: number;
}

function readTable(table: Element, groups: Element[][], walk: Walk): Block {
  const t = walk.tables++;
  const tableElement = walk.index.get(table);
  const grid = new GridBuilder();
  let r = 0;
  for (const group of groups) {
    const groupEnd = r + group.length - 1;
    for (let g = 0; g < group.length; g++, r++) {
      if (isHidden(group[g])) continue;
      let col = grid.freeColumn(r);
      cellsOf(group[g]).forEach((td, c) => {
        col = grid.freeColumn(r, col);
        const at: SourceLocation = { kind: "html", element: walk.index.get(td), table: t, row: r, cell: c };
        const rowSpan = span(td.attribs.rowspan, 1);
        col = grid.place(r, col, { text: textLines(td).reduce(joinLines, ""), at, colSpan: span(td.attribs.colspan, 1), rowSpan: rowSpan === 0 ? groupEnd - r + 1 : rowSpan }, groupEnd);
      });
    }
  }
  const rows = grid.finish(r, (row) => ({ kind: "html", element: tableElement, table: t, row }));
  return { kind: "table", rows: rows as GridCell[][], at: { kind: "html", element: tableElement, table: t } };
}

/**
 * Walks the article in document order, emitting headings, paragraphs and tables. Iterative:
 * the stack holds nodes to enter and markers to flush the line at a block's end.
 */
function walkArticle(article: Element, walk: Walk) {
  let line = "";
  let lineAt: number | undefined;
  const blockOf: Element[] = [article];
  const flush = () => {
    const text = normalizeText(line);
    if (text) walk.blocks.push({ kind: "paragraph", text, at: { kind: "html", element: lineAt ?? walk.index.get(blockOf[blockOf.length - 1]) } });
    line = "";
    lineAt = undefined;
  };
  type Step = { node: AnyNode } | { exit: Element };
  const stack: Step[] = [{ node: article }];
  while (stack.length) {
    const step = stack.pop()!;
    if ("exit" in step) {
      flush();
      if (blockOf[blockOf.length - 1] === step.exit) blockOf.pop();
      continue;
    }
    const node = step.node;
    if (node.type === "text") {
      if (lineAt === undefined && /\S/.test(node.data.replace(/\u00a0/g, " "))) lineAt = walk.index.get(blockOf[blockOf.length - 1]);
      line += node.data;
      continue;
    }
    if (!isElement(node)) continue;
    if (node !== article && skipped(node)) continue;
    if (node.name === "br") {
      flush();
      continue;
    }
    const heading = HEADING.exec(node.name);
    if (heading) {
      flush();
      for (const text of textLines(node)) {
        walk.blocks.push({ kind: "heading", text, level: Number(heading[1]), at: { kind: "html", element: walk.index.get(node) } });
      }
      continue;
    }
    if (node.name === "table") {
      flush();
      const groups = rowGroups(node);
      if (!isLayoutTable(node, groups, walk.nesting)) {
        for (const child of childrenOf(node)) {
          if (isElement(child) && child.name === "caption") {
            for (const text of textLines(child)) walk.blocks.push({ kind: "paragraph", text, at: { kind: "html", element: walk.index.get(child) } });
          }
        }
        if (groups.some((g) => g.length)) walk.blocks.push(readTable(node, groups, walk));
        continue;
      }
      // A layout table: its cells are containers of ordinary blocks.
    }
    if (node.name === "img" || node.name === "hr") continue;
    if (node.name === "pre") {
      // Preformatted text keeps its line breaks.
      flush();
      for (const raw of textOf(node).split(/\r?\n/)) {
        const text = normalizeText(raw);
        if (text) walk.blocks.push({ kind: "paragraph", text, at: { kind: "html", element: walk.index.get(node) } });
      }
      continue;
    }
    const block = BLOCK.has(node.name) || node.name === "table";
    if (block) {
      flush();
      blockOf.push(node);
      stack.push({ exit: node });
    }
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] });
  }
  flush();
}

/** Whether the first blocks hold the report's title. */
function startsWithTitle(blocks: Block[]): boolean {
  return blocks.slice(0, 3).some((b) => b.kind !== "table" && isTitleLine(b.text));
}

/**
 * The page's tree as browsers build it (parse5). A page nested beyond any real one is read as
 * its lines of text instead: parse5 takes quadratic time on hostile nesting (nesting.ts).
 */
function parseTree(html: string): AnyNode {
  return load(estimateNesting(html, "html") > MAX_NESTING ? flattenMarkup(html) : html).root()[0];
}

export function parseHtml(input: string): ImportDocument {
  const blocks: Block[] = [];
  try {
    const html = input.length > MAX_HTML_LENGTH ? input.slice(0, MAX_HTML_LENGTH) : input;
    const root = parseTree(html);
    const scan = scanDocument(root);
    const article = findArticle(root, scan);
    if (!article) return { source: "html", blocks };
    walkArticle(article, { blocks, index: scan.index, nesting: scan.nesting, tables: 0 });
    if (!startsWithTitle(blocks)) {
      const title = findTitle(scan, article);
      if (title) blocks.unshift({ kind: "heading", text: title.text, level: 1, at: title.at });
    }
  } catch {
    // Malformed beyond what the walk expects: what was read so far is the document.
  }
  return { source: "html", blocks };
}

/**
 * An HTML file as saved: decoded (decodeHtml), then parsed. Throws an ImportInputError only for
 * a file over MAX_HTML_BYTES.
 */
export function parseHtmlFile(bytes: Uint8Array): { document: ImportDocument; encoding: DecodedHtml["encoding"]; detectedBy: DecodedHtml["detectedBy"] } {
  const { text, encoding, detectedBy } = decodeHtml(bytes);
  return { document: parseHtml(text), encoding, detectedBy };
}
