import { readFileSync } from "node:fs";
import type * as NodeModule from "node:module";
import { ensureKaiFont, kaiFontPath } from "./kai-font";

/*
 * Fonts for the PDF renderer, all OFL-1.1 and installed by `npm ci`, so no system font and no
 * apt package is needed: full static TTFs from the @expo-google-fonts packages, and LXGW WenKai
 * merged from its web-font subsets (kai-font.ts). pdfkit embeds only the glyphs used (a
 * subset), which keeps a report's PDF small.
 */

/*
 * Node's own require, obtained at run time so bundlers (Next.js/Turbopack) do not try to
 * bundle the TTF files or pdfkit internals that are resolved through it.
 */
const { createRequire } = process.getBuiltinModule("node:module") as unknown as typeof NodeModule;
const require = createRequire(import.meta.url);

/** Absolute paths of the TTF files the families below use, resolved from this module, not the cwd. */
export const FONT_FILES = {
  serifRegular: require.resolve("@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf"),
  serifBold: require.resolve("@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf"),
  sansRegular: require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf"),
  sansBold: require.resolve("@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf"),
  kaiRegular: kaiFontPath(),
} as const;

/** Family names (also what the PDF's font names start with, from the files' PostScript names). */
export const SERIF = "NotoSerifSC";
export const SANS = "NotoSansSC";
export const KAI = "LXGWWenKai";

type FontFileKey = keyof typeof FONT_FILES;

/** The file of each family and weight. */
const FAMILY_FILES: Record<string, Record<"normal" | "bold", FontFileKey>> = {
  [SERIF]: { normal: "serifRegular", bold: "serifBold" },
  [SANS]: { normal: "sansRegular", bold: "sansBold" },
  [KAI]: { normal: "kaiRegular", bold: "kaiRegular" },
};

/** A font a pdfkit document registers: its name there, the file's bytes and fontkit's name for it. */
export interface PdfkitFont {
  name: FontFileKey;
  buffer: Buffer;
  /** Passed to fontkit.create, which the memo below answers with the already parsed font. */
  family: string | undefined;
}

/** The fonts every document registers, each under the name `roleFontName` gives a role. */
export function pdfkitFonts(): PdfkitFont[] {
  const memo = installFontMemo();
  const buffers = fontBuffersByPath();
  return (Object.keys(FONT_FILES) as FontFileKey[]).map((key) => ({ name: key, buffer: buffers.get(FONT_FILES[key])!, family: memo ? memoName(key) : undefined }));
}

/** The registered name (pdfkitFonts) of a role's font. */
export function roleFontName(role: FontRole): string {
  return roleFile(role);
}

/** The GB/T 9704 font roles (named after the Word fonts they stand in for). */
export type FontRole = "fangsong" | "xiaobiaosong" | "heiti" | "kaiti" | "songti";

export interface RoleFont {
  font: typeof SERIF | typeof SANS | typeof KAI;
  bold: boolean;
}

/**
 * Open substitutes for the proprietary 公文 fonts (README, “PDF fonts”):
 * - 仿宋 (body, levels 3–4): Noto Serif SC Regular. No open 仿宋 can be installed from this
 *   registry (朱雀仿宋 and 方正仿宋 web splits are published elsewhere, not here), so the body is
 *   the open 宋体-style face, the structure 仿宋 imitates.
 * - 小标宋 (title): Noto Serif SC Bold, the usual open stand-in for 方正小标宋.
 * - 黑体 (level 1, table headers): Noto Sans SC Regular.
 * - 楷体 (level 2): LXGW WenKai Regular, an open 楷体-style face (kai-font.ts).
 * - 宋体 (page numbers): Noto Serif SC Regular.
 */
export const ROLE_FONTS: Record<FontRole, RoleFont> = {
  fangsong: { font: SERIF, bold: false },
  xiaobiaosong: { font: SERIF, bold: true },
  heiti: { font: SANS, bold: false },
  kaiti: { font: KAI, bold: false },
  songti: { font: SERIF, bold: false },
};

/** Ascent and descent in em (hhea, unitsPerEm 1000) of each family; all weights share them. */
const FAMILY_METRICS_EM: Record<RoleFont["font"], { ascent: number; descent: number }> = {
  [SERIF]: { ascent: 1.151, descent: 0.286 },
  [SANS]: { ascent: 1.16, descent: 0.288 },
  [KAI]: { ascent: 0.928, descent: 0.256 },
};

/** Height in pt of a line of a role's glyphs at a size, ascent to descent. */
export function glyphExtent(role: FontRole, fontSize: number): number {
  const { ascent, descent } = FAMILY_METRICS_EM[ROLE_FONTS[role].font];
  return (ascent + descent) * fontSize;
}

/**
 * How far below a line's top a role's text is drawn so that its baseline is where the body
 * face's is: pdfkit puts the baseline one ascent below the point it is given, and the faces'
 * ascents differ, so text of mixed roles on one grid would otherwise not share baselines.
 */
export function baselineShift(role: FontRole, fontSize: number): number {
  return (FAMILY_METRICS_EM[SERIF].ascent - FAMILY_METRICS_EM[ROLE_FONTS[role].font].ascent) * fontSize;
}

const FONT_PATHS: ReadonlySet<string> = new Set(Object.values(FONT_FILES));

let fontBuffers: ReadonlyMap<string, Buffer> | undefined;

/**
 * The font files' bytes, read once per process (≈50 MB): reading four 10–15 MB files for every
 * document would cost more than laying the document out.
 */
export function fontBuffersByPath(): ReadonlyMap<string, Buffer> {
  if (!fontBuffers) {
    ensureKaiFont();
    fontBuffers = new Map([...FONT_PATHS].map((path) => [path, readFileSync(path)]));
  }
  return fontBuffers;
}

// ---------------------------------------------------------------------------------------------
// Parsed-font memo
//
// pdfkit parses each font anew for every document (fontkit.create), and parsing the tables of
// a 15 MB CJK font costs more than laying out a report. A parsed fontkit font holds only
// lazily filled caches of the immutable file and is used synchronously, so documents can
// share it. pdfkit offers no hook, but it passes a registered font's optional family name
// (registerFont's third argument) to fontkit.create(buffer, name), which calls font.getFont(name):
// that method is wrapped to return the shared font for our names and our buffers only.

const MEMO_PREFIX = "gov-report-font:";

function memoName(key: FontFileKey): string {
  return `${MEMO_PREFIX}${key}`;
}

interface FontkitFont {
  stream: { buffer: unknown };
  unitsPerEm: number;
  getFont(name: string): unknown;
  getGlyph(id: number, codePoints?: number[]): FontkitGlyph;
  glyphForCodePoint(codePoint: number): FontkitGlyph;
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(text: string, features?: unknown, ...rest: unknown[]): { glyphs: FontkitGlyph[]; positions: GlyphPosition[]; advanceWidth: number };
}

interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

let parsedFonts: Map<FontFileKey, FontkitFont> | undefined;

/** The fonts parsed once per process, with fontkit as pdfkit itself resolves it. */
function parsedFont(key: FontFileKey): FontkitFont {
  if (!parsedFonts) {
    const fontkit = createRequire(require.resolve("pdfkit"))("fontkit") as { create(buffer: Buffer): FontkitFont };
    const buffers = fontBuffersByPath();
    parsedFonts = new Map(
      (Object.entries(FONT_FILES) as [FontFileKey, string][]).map(([k, path]) => [
        k,
        plainLayout(memoizeGlyphOutlines(fontkit.create(buffers.get(path)!))),
      ]),
    );
  }
  return parsedFonts.get(key)!;
}

interface FontkitGlyph {
  id: number;
  advanceWidth: number;
  _decode(): unknown;
}

/**
 * Text that shapes to its characters' own glyphs at their own advances: CJK ideographs, CJK
 * punctuation and full-width forms. The fonts substitute and position none of these by default
 * (no ligatures, no kerning; fonts.test.ts compares this with fontkit's shaper on every
 * character the seeds and templates print), so their run is made without the shaper, which
 * costs far more than the rest of setting a line.
 */
export const PLAIN_TEXT = /^[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff5e]+$/;

/** What fontkit's GlyphRun gives pdfkit: glyphs, positions and their total advance. */
class PlainRun {
  constructor(
    readonly glyphs: FontkitGlyph[],
    readonly positions: GlyphPosition[],
  ) {}
  get advanceWidth(): number {
    let width = 0;
    for (const position of this.positions) width += position.xAdvance;
    return width;
  }
}

/** Lays out plain text (PLAIN_TEXT) without the shaper; the rest, and any feature request, goes to fontkit. */
function plainLayout(font: FontkitFont): FontkitFont {
  const layout = font.layout;
  Object.defineProperty(font, "layout", {
    value(this: FontkitFont, text: string, features?: unknown, ...rest: unknown[]) {
      if (features !== undefined || rest.length > 0 || !PLAIN_TEXT.test(text)) return layout.call(this, text, features, ...rest);
      const glyphs: FontkitGlyph[] = [];
      const positions: GlyphPosition[] = [];
      for (const ch of text) {
        const glyph = this.glyphForCodePoint(ch.codePointAt(0)!);
        glyphs.push(glyph);
        positions.push({ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 });
      }
      return new PlainRun(glyphs, positions);
    },
  });
  return font;
}

/** fontkit's own layout of `text` in a role's font, bypassing the plain path (for tests). */
export function shapedLayout(role: FontRole, text: string): RunSummary {
  const font = parsedFont(roleFile(role));
  return summary(Object.getPrototypeOf(font).layout.call(font, text) as ReturnType<FontkitFont["layout"]>);
}

/** The layout pdfkit gets for `text` in a role's font (for tests). */
export function sharedLayout(role: FontRole, text: string): RunSummary {
  return summary(parsedFont(roleFile(role)).layout(text));
}

interface RunSummary {
  glyphs: number[];
  advances: number[];
  /** x and y offsets and y advance of every glyph. */
  offsets: number[];
}

function summary(run: ReturnType<FontkitFont["layout"]>): RunSummary {
  return { glyphs: run.glyphs.map((g) => g.id), advances: run.positions.map((p) => p.xAdvance), offsets: run.positions.flatMap((p) => [p.xOffset, p.yOffset, p.yAdvance]) };
}

/**
 * Subsetting decodes the outline of every used glyph again for each document (only to find
 * composite glyphs); glyph objects are cached by the shared font, so their decoded outlines
 * are cached with them. The fonts are static (no variations), so a decoded outline never
 * changes. Only this instance's glyphs are touched, not fontkit's classes.
 */
function memoizeGlyphOutlines(font: FontkitFont): FontkitFont {
  const getGlyph = font.getGlyph;
  const done = new WeakSet<FontkitGlyph>();
  Object.defineProperty(font, "getGlyph", {
    value(this: FontkitFont, id: number, codePoints?: number[]) {
      const glyph = getGlyph.call(this, id, codePoints);
      if (glyph && !done.has(glyph)) {
        done.add(glyph);
        const decode = glyph._decode;
        let decoded: unknown;
        let isDecoded = false;
        glyph._decode = function (this: FontkitGlyph) {
          if (!isDecoded) {
            decoded = decode.call(this);
            isDecoded = true;
          }
          return decoded;
        };
      }
      return glyph;
    },
  });
  return font;
}

let memoInstalled: boolean | undefined;
let memoHits = 0;

/** How often a document got an already parsed font (for tests: the memo must stay effective). */
export function fontMemoHits(): number {
  return memoHits;
}

/** Installs the memo once; false (plain paths, no sharing) if fontkit is not as expected. */
function installFontMemo(): boolean {
  if (memoInstalled !== undefined) return memoInstalled;
  memoInstalled = false;
  const shared = new Map((Object.keys(FONT_FILES) as FontFileKey[]).map((key) => [memoName(key), parsedFont(key)]));
  const fontPrototype = Object.getPrototypeOf(parsedFont("serifRegular")) as FontkitFont;
  const original = fontPrototype.getFont;
  if (typeof original !== "function") return false;
  fontPrototype.getFont = function (this: FontkitFont, name: string) {
    const font = typeof name === "string" ? shared.get(name) : undefined;
    if (!font) return original.call(this, name);
    if (font.stream.buffer !== this.stream.buffer) return this; // same name, other bytes: no sharing
    memoHits++;
    return font;
  };
  memoInstalled = true;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Measuring text, with the same fonts and shaping pdfkit uses

function roleFile(role: FontRole): FontFileKey {
  const { font, bold } = ROLE_FONTS[role];
  return FAMILY_FILES[font][bold ? "bold" : "normal"];
}

const charWidths = new Map<FontFileKey, Map<string, number>>();

/** Whether a role's font has a glyph for every character of `text` (white space aside). */
export function covers(role: FontRole, text: string): boolean {
  const font = parsedFont(roleFile(role));
  for (const ch of text) if (!/\s/.test(ch) && !font.hasGlyphForCodePoint(ch.codePointAt(0)!)) return false;
  return true;
}

/** Advance width of one character in em, cached per font. */
export function charWidthEm(role: FontRole, ch: string): number {
  const key = roleFile(role);
  let widths = charWidths.get(key);
  if (!widths) charWidths.set(key, (widths = new Map()));
  let width = widths.get(ch);
  if (width === undefined) {
    width = textWidthEm(role, ch);
    widths.set(ch, width);
  }
  return width;
}

const textWidths = new Map<string, number>();
/** Bounds the cache of shaped widths; table labels and values recur in every report. */
const TEXT_WIDTHS_MAX = 20_000;

/** Advance width of a string in em as pdfkit measures it (shaped, kerned), cached. */
export function textWidthEm(role: FontRole, text: string): number {
  const key = `${roleFile(role)}\u0000${text}`;
  let width = textWidths.get(key);
  if (width === undefined) {
    const font = parsedFont(roleFile(role));
    width = font.layout(text).advanceWidth / font.unitsPerEm;
    if (textWidths.size >= TEXT_WIDTHS_MAX) textWidths.clear();
    textWidths.set(key, width);
  }
  return width;
}
