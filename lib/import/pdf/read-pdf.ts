import type * as NodeModule from "node:module";
import type * as NodeUrl from "node:url";
import type * as Pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { isPdfjsException } from "./pdfjs-exceptions";
import { PdfImportError } from "./errors";
import type { PageContent, Segment, TextRun } from "./page-content";

/*
 * Reading a PDF with pdf.js (pdfjs-dist, Mozilla's maintained PDF library): text items with
 * their positions and fonts, and the straight rules the page draws (table borders). This is the
 * only module that knows pdf.js; everything after it works on PageContent.
 *
 * pdf.js runs in this thread (its "fake worker": the worker module is loaded here and handed
 * to pdf.js as `globalThis.pdfjsWorker`), reads nothing but the bytes it is given and its own
 * CMap, standard-font, ICC and wasm files from the package folder (no network), and needs no
 * canvas: text content and operator lists do not render (see `canvasStandIn`).
 *
 * It blocks the thread while it parses (≈100–200 ms for a 9-page report) and its polyfills are
 * process-wide (see `keepingBuiltins`): a server should call the parser from a worker thread,
 * as it renders.
 */

/*
 * Node's require and URL helpers, obtained at run time so that bundlers (Next.js, esbuild)
 * leave pdf.js alone: it is loaded from node_modules as published, like the PDF fonts.
 */
const { createRequire } = process.getBuiltinModule("node:module") as unknown as typeof NodeModule;
const { pathToFileURL } = process.getBuiltinModule("node:url") as unknown as typeof NodeUrl;
const require = createRequire(import.meta.url);

type PdfjsModule = typeof Pdfjs;

let loading: Promise<PdfjsModule> | undefined;

/**
 * The built-ins pdf.js's legacy build may overwrite. Its bundled core-js polyfills replace
 * some that Node already has — Array.prototype.push, JSON.parse, JSON.stringify (3–10 times
 * slower) and Function.prototype.toString — for every module in the process, and define a
 * browser-style `self`. What it adds that Node lacks (Promise.withResolvers, Map.prototype
 * getOrInsert, Uint8Array.prototype.toHex …) pdf.js needs and stays.
 */
function builtinHolders(): object[] {
  const typedArray = Object.getPrototypeOf(Uint8Array.prototype) as object;
  return [Array, Array.prototype, JSON, Function.prototype, Object, Object.prototype, Promise, Promise.prototype, Map.prototype, Set.prototype, WeakMap.prototype, String.prototype, typedArray, Uint8Array, ArrayBuffer.prototype, Math, Number, RegExp.prototype, Date.prototype, Symbol, Error];
}

/**
 * Runs `load` and puts back every built-in property it replaced (additions stay), and removes
 * a `self` global it defined.
 */
async function keepingBuiltins<T>(load: () => Promise<T>): Promise<T> {
  const holders = builtinHolders();
  const before = holders.map((holder) => new Map(Reflect.ownKeys(holder).map((key) => [key, Object.getOwnPropertyDescriptor(holder, key)!])));
  const hadSelf = Object.getOwnPropertyDescriptor(globalThis, "self");
  try {
    return await load();
  } finally {
    holders.forEach((holder, i) => {
      for (const [key, descriptor] of before[i]) {
        const now = Object.getOwnPropertyDescriptor(holder, key);
        const changed = !now || !Object.is(now.value, descriptor.value) || now.get !== descriptor.get || now.set !== descriptor.set;
        if (changed && descriptor.configurable !== false) Object.defineProperty(holder, key, descriptor);
      }
    });
    if (!hadSelf && Object.getOwnPropertyDescriptor(globalThis, "self")?.configurable) delete (globalThis as { self?: unknown }).self;
  }
}

/**
 * pdf.js creates a DOMMatrix when it loads, for canvas rendering only, and takes the class from
 * the optional `@napi-rs/canvas` package. Where that package is missing (an install without
 * optional dependencies, a platform without its binary) a stand-in lets pdf.js load; text and
 * operator lists never use it, and it is removed again afterwards.
 */
function canvasStandIn(pdfjsPath: string): () => void {
  if ("DOMMatrix" in globalThis) return () => undefined;
  try {
    createRequire(pdfjsPath).resolve("@napi-rs/canvas");
    return () => undefined;
  } catch {
    class DOMMatrixStandIn {}
    Object.defineProperty(globalThis, "DOMMatrix", { value: DOMMatrixStandIn, configurable: true, writable: true });
    return () => {
      if ((globalThis as { DOMMatrix?: unknown }).DOMMatrix === DOMMatrixStandIn) delete (globalThis as { DOMMatrix?: unknown }).DOMMatrix;
    };
  }
}

/**
 * pdf.js's worker runs in this process, and when a damaged file's parse is abandoned (destroyed
 * on a timeout, or after an error) a promise of its own may reject with nobody listening — seen
 * once in CI as an unhandled XRefEntryException from `robustness.test.ts`. Node would take that
 * for a crash of the server. This hook, installed with pdf.js, drops rejections that come from
 * pdf.js's own code and are pdf.js exceptions; any other reason is left to the other hooks
 * (Next.js, the test runner) or, when there are none, thrown again as an uncaught exception,
 * which is what Node does without a hook.
 */
function ignorePdfjsRejections(): void {
  const marker = Symbol.for("gov-report.pdfjs-rejections");
  const holder = globalThis as { [marker]?: boolean };
  if (holder[marker]) return;
  holder[marker] = true;
  process.on("unhandledRejection", (reason) => {
    if (isPdfjsException(reason)) return;
    // Alone, behave as Node does without a hook; beside others (Next.js, the test runner), leave it to them.
    if (process.listenerCount("unhandledRejection") === 1) throw reason;
  });
}

/** pdf.js and its worker, loaded once per process. */
function loadPdfjs(): Promise<PdfjsModule> {
  ignorePdfjsRejections();
  loading ??= keepingBuiltins(async () => {
    const href = (specifier: string) => pathToFileURL(require.resolve(specifier)).href;
    const removeStandIn = canvasStandIn(require.resolve("pdfjs-dist/legacy/build/pdf.mjs"));
    let pdfjs: PdfjsModule;
    try {
      pdfjs = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ href("pdfjs-dist/legacy/build/pdf.mjs"))) as PdfjsModule;
    } finally {
      removeStandIn();
    }
    const holder = globalThis as { pdfjsWorker?: unknown };
    if (!holder.pdfjsWorker) {
      holder.pdfjsWorker = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ href("pdfjs-dist/legacy/build/pdf.worker.mjs"));
    }
    return pdfjs;
  });
  loading.catch(() => (loading = undefined));
  return loading;
}

/** A folder of the pdfjs-dist package as pdf.js wants it for its data files (a path ending in /). */
function packageFolder(name: string): string {
  return require.resolve("pdfjs-dist/package.json").replace(/package\.json$/, `${name}/`);
}

export interface ReadOptions {
  /** Give up after this long (ms); the document is destroyed and `pdf.timeout` thrown. */
  timeoutMs: number;
  maxPages: number;
}

const DEFAULTS: ReadOptions = { timeoutMs: 30_000, maxPages: 500 };

type Matrix = [number, number, number, number, number, number];

/** m1 applied after m2 (PDF order: a point is transformed by m2, then by m1). */
function multiply(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** A rule is axis-aligned within this (pt); thinner filled bars than this count as rules. */
const AXIS_TOLERANCE = 0.6;
const BAR_THICKNESS = 2.5;

/**
 * What a page's operator list tells beyond its text content: the straight rules (stroked lines
 * and rectangle edges, and filled rectangles thin enough to be rules, as some producers draw
 * borders), in page coordinates (the current transformation matrix and the viewport applied);
 * and the text of each show-text operator, keyed by its text without spaces.
 */
function readOperators(pdfjs: PdfjsModule, fnArray: number[], argsArray: unknown[], viewport: Matrix): { segments: Segment[]; shown: Map<string, string> } {
  const { OPS } = pdfjs;
  const segments: Segment[] = [];
  const shown = new Map<string, string>();
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const strokes = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const fills = new Set<number>([OPS.fill, OPS.eoFill]);
  const push = (ax: number, ay: number, bx: number, by: number) => {
    const m = multiply(viewport, ctm);
    const [x1, y1] = apply(m, ax, ay);
    const [x2, y2] = apply(m, bx, by);
    if (Math.abs(x1 - x2) <= AXIS_TOLERANCE || Math.abs(y1 - y2) <= AXIS_TOLERANCE) segments.push({ x1, y1, x2, y2 });
  };
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    if (fn === OPS.save) {
      stack.push(ctm);
    } else if (fn === OPS.restore) {
      ctm = stack.pop() ?? ctm;
    } else if (fn === OPS.transform && args) {
      ctm = multiply(ctm, args as Matrix);
    } else if (fn === OPS.paintFormXObjectBegin && args) {
      stack.push(ctm);
      if (Array.isArray(args[0]) || ArrayBuffer.isView(args[0])) ctm = multiply(ctm, Array.from(args[0] as ArrayLike<number>) as Matrix);
    } else if (fn === OPS.paintFormXObjectEnd) {
      ctm = stack.pop() ?? ctm;
    } else if (fn === OPS.showText && args && Array.isArray(args[0])) {
      const text = shownText(args[0] as unknown[]);
      const key = text.replace(/ /g, "");
      if (key && !shown.has(key)) shown.set(key, text);
    } else if (fn === OPS.constructPath && args) {
      const paint = args[0] as number;
      const data = (args[1] as (ArrayLike<number> | null)[] | undefined)?.[0];
      if (!data || !(strokes.has(paint) || fills.has(paint))) continue;
      readPath(data, strokes.has(paint), push);
    }
  }
  return { segments, shown };
}

/**
 * The text a show-text operator prints, with a space where it shows a space glyph or moves on
 * by a tenth of an em or more. Character spacing (Tc) is no space: GB/T 9704 justification and
 * our renderer's spread lines set Chinese with it, and pdf.js puts a space in the text content for
 * every such gap (「（ 地 址 ： … 8 1 号」), which `respace` takes out again.
 */
function shownText(glyphs: unknown[]): string {
  let text = "";
  for (const g of glyphs) {
    if (typeof g === "number") {
      if (g <= -100 && text && !text.endsWith(" ")) text += " ";
    } else if (g && typeof g === "object") {
      const { unicode, isSpace } = g as { unicode?: unknown; isSpace?: unknown };
      if (isSpace === true || unicode === " ") {
        if (text && !text.endsWith(" ")) text += " ";
      } else if (typeof unicode === "string") {
        text += unicode;
      }
    }
  }
  return text.trim();
}

/** Every character of an item set apart by a single space: 「（ 地 址 ： 余 姚 … 8 1 号」. */
const LETTER_SPACED = /^\S(?: \S){3,}$/u;

/**
 * A text item's spaces as the PDF has them. pdf.js puts a space into the text wherever glyphs
 * stand apart by a tenth of an em, and a line spread by character spacing (our renderer's justified
 * lines, GB/T 9704 body text) comes out with a space between every two characters. Where the
 * page's operators were read and one printed exactly the item's characters, its own spaces are
 * taken; without them an item of letter-spaced characters loses its spaces. Elsewhere a single
 * space between two CJK characters is dropped: Chinese has none, such a space is justification.
 */
export function respace(str: string, shown: Map<string, string> | null): string {
  if (!str.includes(" ")) return str;
  const own = shown?.get(str.replace(/ /g, ""));
  if (own !== undefined) return own;
  if (!shown && LETTER_SPACED.test(str)) return str.replace(/ /g, "");
  return str.replace(CJK_GAP, "");
}

/** A space between two CJK characters (ideographs, CJK and full-width punctuation, curly quotes). */
const CJK_GAP =
  /(?<=[\u2e80-\u2fff\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u201c\u201d\u2018\u2019]) (?=[\u2e80-\u2fff\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u201c\u201d\u2018\u2019])/gu;

/** pdf.js path commands (DrawOPS). */
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const QUAD = 3;
const CLOSE = 4;

/**
 * Segments of one painted path. A stroked path gives each straight piece; a filled one counts
 * only as the rule a thin rectangle makes (its long middle line).
 */
function readPath(data: ArrayLike<number>, stroked: boolean, push: (ax: number, ay: number, bx: number, by: number) => void) {
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  let points: [number, number][] = [];
  const subpaths: [number, number][][] = [];
  for (let i = 0; i < data.length; ) {
    const op = data[i];
    if (op === MOVE) {
      if (points.length) subpaths.push(points);
      x = startX = data[i + 1];
      y = startY = data[i + 2];
      points = [[x, y]];
      i += 3;
    } else if (op === LINE) {
      const nx = data[i + 1];
      const ny = data[i + 2];
      if (stroked) push(x, y, nx, ny);
      x = nx;
      y = ny;
      points.push([x, y]);
      i += 3;
    } else if (op === CURVE) {
      x = data[i + 5];
      y = data[i + 6];
      points = [];
      i += 7;
    } else if (op === QUAD) {
      x = data[i + 3];
      y = data[i + 4];
      points = [];
      i += 5;
    } else if (op === CLOSE) {
      if (stroked && (x !== startX || y !== startY)) push(x, y, startX, startY);
      x = startX;
      y = startY;
      i += 1;
    } else {
      return; // unknown command: the rest of the path cannot be read
    }
  }
  if (points.length) subpaths.push(points);
  if (stroked) return;
  for (const pts of subpaths) {
    if (pts.length < 4 || pts.length > 5) continue;
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    // Only a rectangle: every point on its bounding box's corners.
    if (!pts.every(([px, py]) => (px === x0 || px === x1) && (py === y0 || py === y1))) continue;
    if (y1 - y0 <= BAR_THICKNESS && x1 - x0 > y1 - y0) push(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2);
    else if (x1 - x0 <= BAR_THICKNESS && y1 - y0 > x1 - x0) push((x0 + x1) / 2, y0, (x0 + x1) / 2, y1);
  }
}

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

/**
 * Text runs of a page. Only horizontal text is read (a diagonal watermark or a rotated margin
 * note is no part of the report's body); whitespace-only items carry no text, and the gaps
 * they stand for are measured from the positions instead.
 */
function readRuns(items: TextItemLike[], viewport: Matrix, shown: Map<string, string> | null): TextRun[] {
  const runs: TextRun[] = [];
  for (const item of items) {
    if (!item.str || !item.str.trim()) continue;
    const m = multiply(viewport, item.transform as Matrix);
    const scaleX = Math.hypot(m[0], m[1]);
    const size = Math.hypot(m[2], m[3]);
    // Horizontal, upright (y down after the viewport flip: the glyphs' up vector points up).
    if (!(scaleX > 0) || !(size > 0) || Math.abs(m[1]) > 0.05 * scaleX || Math.abs(m[2]) > 0.05 * size || m[0] < 0 || m[3] > 0) continue;
    const [x, y] = [m[4], m[5]];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    // The item's width is in PDF user space; the viewport (scale 1) only rotates and flips.
    const width = item.width * Math.hypot(viewport[0], viewport[1]);
    runs.push({ text: respace(item.str, shown), x, y, width: Number.isFinite(width) && width > 0 ? width : 0, size, font: item.fontName });
  }
  return runs;
}

/**
 * Whether a page's operators must be read: when two pieces of text on one baseline stand apart
 * (table cells, columns), text is smaller than most of the page's (tables are set smaller), or
 * an item is letter-spaced (its real spaces are in the operators).
 */
function needsOperators(items: TextItemLike[], viewport: Matrix): boolean {
  const placed = items
    .filter((item) => item.str.trim())
    .map((item) => {
      const m = multiply(viewport, item.transform as Matrix);
      const size = Math.hypot(m[2], m[3]);
      return { x: m[4], y: m[5], right: m[4] + item.width * Math.hypot(viewport[0], viewport[1]), size, str: item.str };
    })
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && p.size > 0);
  if (!placed.length) return false;
  if (placed.some((p) => p.str.includes(" ") && LETTER_SPACED.test(p.str.trim()))) return true;
  const sizes = new Map<number, number>();
  for (const p of placed) sizes.set(Math.round(p.size), (sizes.get(Math.round(p.size)) ?? 0) + p.str.length);
  const common = [...sizes].sort((a, b) => b[1] - a[1])[0][0];
  const ys = placed.map((p) => p.y);
  const top = Math.min(...ys);
  const bottom = Math.max(...ys);
  // Small text away from the page's first and last line (page numbers, footnotes).
  if (placed.some((p) => p.size < 0.85 * common && p.y > top + p.size && p.y < bottom - p.size)) return true;
  placed.sort((a, b) => a.y - b.y || a.x - b.x);
  for (let i = 1; i < placed.length; i++) {
    const a = placed[i - 1];
    const b = placed[i];
    if (Math.abs(a.y - b.y) <= 0.3 * Math.min(a.size, b.size) && b.x - a.right >= 0.8 * Math.max(a.size, b.size)) return true;
  }
  return false;
}

function mapError(error: unknown): PdfImportError {
  if (error instanceof PdfImportError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === "PasswordException") return new PdfImportError("pdf.encrypted", undefined, { cause: error });
  return new PdfImportError("pdf.corrupt", undefined, { cause: error });
}

/** Runs `work`, rejecting with `pdf.timeout` (and calling `onTimeout`) after `ms`. */
async function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new PdfImportError("pdf.timeout"));
    }, ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads every page's text runs and rules. Throws PdfImportError for a file pdf.js cannot open
 * (corrupt, truncated beyond repair, password-protected), one with more than `maxPages` pages,
 * or one that takes longer than `timeoutMs`.
 */
export async function readPdf(bytes: Uint8Array, options: Partial<ReadOptions> = {}): Promise<PageContent[]> {
  const { timeoutMs, maxPages } = { ...DEFAULTS, ...options };
  const pdfjs = await loadPdfjs();
  // pdf.js takes the buffer over (it may detach it), so it gets a copy.
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    enableXfa: false,
    stopAtErrors: false,
    cMapUrl: packageFolder("cmaps"),
    cMapPacked: true,
    standardFontDataUrl: packageFolder("standard_fonts"),
    wasmUrl: packageFolder("wasm"),
    iccUrl: packageFolder("iccs"),
  });
  let doc: PDFDocumentProxy | undefined;
  let destroyed = false;
  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    task.destroy().catch(() => undefined);
  };
  try {
    return await withTimeout(
      (async () => {
        doc = await task.promise;
        if (doc.numPages > maxPages) throw new PdfImportError("pdf.too-large", `共 ${doc.numPages} 页，最多读取 ${maxPages} 页`);
        const document = doc;
        const readPage = async (n: number): Promise<PageContent> => {
          if (destroyed) throw new PdfImportError("pdf.timeout");
          const page = await document.getPage(n);
          const view = page.getViewport({ scale: 1 });
          const viewport = view.transform as Matrix;
          const text = await page.getTextContent();
          const items = text.items.filter((item): item is TextItemLike & (typeof text.items)[number] => "str" in item);
          // The operator list (rules, and the operators' own spaces) is read only where the text
          // may hold a table or a letter-spaced line: it costs more than the text, and narrative
          // pages need none of it. A page of nothing but images is not decoded at all.
          let read: ReturnType<typeof readOperators> | null = null;
          if (needsOperators(items, viewport)) {
            const ops = await page.getOperatorList();
            read = readOperators(pdfjs, ops.fnArray, ops.argsArray, viewport);
          }
          const runs = readRuns(items, viewport, read?.shown ?? null);
          page.cleanup();
          return { page: n, width: view.width, height: view.height, runs, segments: read?.segments ?? [] };
        };
        const pages: PageContent[] = [];
        for (let n = 1; n <= document.numPages; n++) pages.push(await readPage(n));
        return pages;
      })(),
      timeoutMs,
      destroy,
    );
  } catch (error) {
    throw mapError(error);
  } finally {
    destroy();
  }
}
