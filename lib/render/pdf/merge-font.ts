/*
 * Merges a web font split into WOFF2 subsets (one file per range of characters, as npm's
 * CJK web-font packages ship them) into one TrueType font a PDF can embed. Each subset holds
 * the full font's outlines and metrics for its characters; the merged font has every
 * character of every subset, its outlines as TrueType quadratic contours (hinting dropped: a
 * PDF is never rasterised at screen sizes by its own instructions), horizontal metrics, a
 * format-12 cmap and the first subset's naming, OS/2 and post data. No shaping tables: the
 * renderer sets CJK text glyph by glyph (fonts.ts). Framework-free; used by fonts.ts and
 * scripts/build-fonts.mjs.
 */

/** What this module reads of a fontkit font (a WOFF2 subset). */
export interface SourceFont {
  unitsPerEm: number;
  characterSet: number[];
  glyphForCodePoint(codePoint: number): SourceGlyph;
  getGlyph(id: number): SourceGlyph;
  head: { revision: number; flags: number; lowestRecPPEM: number; macStyle: Record<string, boolean> };
  hhea: { ascent: number; descent: number; lineGap: number };
  post: { italicAngle: number; underlinePosition: number; underlineThickness: number; isFixedPitch: number };
  "OS/2": Os2Table;
  name: { records: Record<string, Record<string, string> | undefined> };
}

interface SourceGlyph {
  id: number;
  advanceWidth: number;
  _decode(): { numberOfContours: number; points?: SourcePoint[] } | null;
  path: { commands: { command: string; args: number[] }[] };
}

interface SourcePoint {
  x: number;
  y: number;
  onCurve: boolean;
  endContour: boolean;
}

interface Os2Table {
  xAvgCharWidth: number;
  usWeightClass: number;
  usWidthClass: number;
  ySubscriptXSize: number;
  ySubscriptYSize: number;
  ySubscriptXOffset: number;
  ySubscriptYOffset: number;
  ySuperscriptXSize: number;
  ySuperscriptYSize: number;
  ySuperscriptXOffset: number;
  ySuperscriptYOffset: number;
  yStrikeoutSize: number;
  yStrikeoutPosition: number;
  sFamilyClass: number;
  panose: number[];
  ulCharRange: number[];
  vendorID: string;
  typoAscender: number;
  typoDescender: number;
  typoLineGap: number;
  winAscent: number;
  winDescent: number;
  codePageRange: number[];
  xHeight: number;
  capHeight: number;
  defaultChar: number;
  breakChar: number;
  maxContent: number;
}

/** A glyph of the merged font: its contours (points in order, on or off the curve) and advance. */
interface Outline {
  contours: { x: number; y: number; on: boolean }[][];
  advance: number;
}

/** Names of the merged font. */
export interface MergedNames {
  family: string;
  subfamily: string;
  postscript: string;
}

/** The contours of a glyph: its own points, or a composite glyph's path taken apart. */
function outlineOf(glyph: SourceGlyph): Outline {
  const decoded = glyph._decode();
  const contours: Outline["contours"] = [];
  if (decoded && decoded.numberOfContours > 0 && decoded.points) {
    let current: Outline["contours"][number] = [];
    for (const p of decoded.points) {
      current.push({ x: Math.round(p.x), y: Math.round(p.y), on: p.onCurve });
      if (p.endContour) {
        contours.push(current);
        current = [];
      }
    }
  } else if (decoded && decoded.numberOfContours < 0) {
    // A composite: its components placed, as fontkit composes them into a path.
    let current: Outline["contours"][number] = [];
    const close = () => {
      if (current.length > 1) {
        const [first, last] = [current[0], current[current.length - 1]];
        if (first.x === last.x && first.y === last.y && last.on) current.pop();
        contours.push(current);
      }
      current = [];
    };
    for (const { command, args } of glyph.path.commands) {
      const r = args.map(Math.round);
      if (command === "moveTo") {
        close();
        current.push({ x: r[0], y: r[1], on: true });
      } else if (command === "lineTo") current.push({ x: r[0], y: r[1], on: true });
      else if (command === "quadraticCurveTo") current.push({ x: r[0], y: r[1], on: false }, { x: r[2], y: r[3], on: true });
      else if (command === "closePath") close();
      else throw new Error(`glyph ${glyph.id}: ${command} in a TrueType outline`);
    }
    close();
  }
  return { contours, advance: glyph.advanceWidth };
}

// ---------------------------------------------------------------------------------------------
// Writing tables

/** Big-endian binary output into a buffer that grows as needed. */
class Writer {
  private data = Buffer.alloc(256);
  private at = 0;
  private room(n: number) {
    if (this.at + n <= this.data.length) return;
    const grown = Buffer.alloc(Math.max(this.data.length * 2, this.at + n));
    this.data.copy(grown, 0, 0, this.at);
    this.data = grown;
  }
  u8(v: number) {
    this.room(1);
    this.data[this.at++] = v & 0xff;
    return this;
  }
  u16(v: number) {
    this.room(2);
    this.data.writeUInt16BE(v & 0xffff, this.at);
    this.at += 2;
    return this;
  }
  i16(v: number) {
    return this.u16(v < 0 ? v + 0x10000 : v);
  }
  u32(v: number) {
    this.room(4);
    this.data.writeUInt32BE(v >>> 0, this.at);
    this.at += 4;
    return this;
  }
  i32(v: number) {
    return this.u32(v < 0 ? v + 0x100000000 : v);
  }
  tag(s: string) {
    for (let i = 0; i < 4; i++) this.u8(s.charCodeAt(i) || 0x20);
    return this;
  }
  raw(b: ArrayLike<number>) {
    for (let i = 0; i < b.length; i++) this.u8(b[i]);
    return this;
  }
  get length() {
    return this.at;
  }
  buffer(): Buffer {
    return Buffer.from(this.data.subarray(0, this.at));
  }
}

interface GlyphBox {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** glyf point flags (OpenType glyf table). */
const ON_CURVE = 0x01;
const X_SHORT = 0x02;
const Y_SHORT = 0x04;
const X_SAME_OR_POSITIVE = 0x10;
const Y_SAME_OR_POSITIVE = 0x20;

/** One coordinate delta: its flag bits, and its bytes (none when unchanged, one when short). */
function delta(d: number, short: number, sameOrPositive: number): { flag: number; bytes: number[] } {
  if (d === 0) return { flag: sameOrPositive, bytes: [] };
  if (Math.abs(d) < 256) return { flag: short | (d > 0 ? sameOrPositive : 0), bytes: [Math.abs(d)] };
  const v = d < 0 ? d + 0x10000 : d;
  return { flag: 0, bytes: [v >> 8, v & 0xff] };
}

/** A simple glyph's glyf record: coordinates as short or 16-bit deltas (as fonts store them), no instructions. */
function encodeGlyph(outline: Outline): { data: Buffer; box: GlyphBox | null; points: number } {
  const points = outline.contours.flat();
  if (points.length === 0) return { data: Buffer.alloc(0), box: null, points: 0 };
  const box = {
    xMin: Math.min(...points.map((p) => p.x)),
    yMin: Math.min(...points.map((p) => p.y)),
    xMax: Math.max(...points.map((p) => p.x)),
    yMax: Math.max(...points.map((p) => p.y)),
  };
  const w = new Writer().i16(outline.contours.length).i16(box.xMin).i16(box.yMin).i16(box.xMax).i16(box.yMax);
  let end = -1;
  for (const contour of outline.contours) w.u16((end += contour.length));
  w.u16(0); // no instructions
  const flags: number[] = [];
  const xs: number[] = [];
  const ys: number[] = [];
  let [lastX, lastY] = [0, 0];
  for (const p of points) {
    const dx = delta(p.x - lastX, X_SHORT, X_SAME_OR_POSITIVE);
    const dy = delta(p.y - lastY, Y_SHORT, Y_SAME_OR_POSITIVE);
    flags.push((p.on ? ON_CURVE : 0) | dx.flag | dy.flag);
    xs.push(...dx.bytes);
    ys.push(...dy.bytes);
    [lastX, lastY] = [p.x, p.y];
  }
  w.raw(flags).raw(xs).raw(ys);
  while (w.length % 4) w.u8(0);
  return { data: w.buffer(), box, points: points.length };
}

/** A cmap with one format-12 subtable (Windows, full Unicode; also as Unicode full repertoire). */
function cmapTable(map: [number, number][]): Buffer {
  const groups: [number, number, number][] = [];
  for (const [cp, gid] of map) {
    const last = groups[groups.length - 1];
    if (last && cp === last[1] + 1 && gid === last[2] + (cp - last[0])) last[1] = cp;
    else groups.push([cp, cp, gid]);
  }
  const subtable = new Writer().u16(12).u16(0).u32(16 + groups.length * 12).u32(0).u32(groups.length);
  for (const [start, end, gid] of groups) subtable.u32(start).u32(end).u32(gid);
  const header = new Writer().u16(0).u16(2).u16(0).u16(4).u32(20).u16(3).u16(10).u32(20);
  return Buffer.concat([header.buffer(), subtable.buffer()]);
}

/** A name table (Windows, US English) of the given records. */
function nameTable(records: [number, string][]): Buffer {
  const strings = records.map(([, text]) => Buffer.from(text, "utf16le").swap16());
  const w = new Writer().u16(0).u16(records.length).u16(6 + records.length * 12);
  let offset = 0;
  records.forEach(([id], i) => {
    w.u16(3).u16(1).u16(0x409).u16(id).u16(strings[i].length).u16(offset);
    offset += strings[i].length;
  });
  return Buffer.concat([w.buffer(), ...strings]);
}

function os2Table(os2: Os2Table, first: number, last: number): Buffer {
  const w = new Writer()
    .u16(4)
    .i16(os2.xAvgCharWidth)
    .u16(os2.usWeightClass)
    .u16(os2.usWidthClass)
    .u16(0) // fsType: installable embedding
    .i16(os2.ySubscriptXSize)
    .i16(os2.ySubscriptYSize)
    .i16(os2.ySubscriptXOffset)
    .i16(os2.ySubscriptYOffset)
    .i16(os2.ySuperscriptXSize)
    .i16(os2.ySuperscriptYSize)
    .i16(os2.ySuperscriptXOffset)
    .i16(os2.ySuperscriptYOffset)
    .i16(os2.yStrikeoutSize)
    .i16(os2.yStrikeoutPosition)
    .i16(os2.sFamilyClass)
    .raw(os2.panose);
  for (const range of os2.ulCharRange) w.u32(range);
  w.tag(os2.vendorID)
    .u16(0x40) // fsSelection: regular
    .u16(Math.min(first, 0xffff))
    .u16(Math.min(last, 0xffff))
    .i16(os2.typoAscender)
    .i16(os2.typoDescender)
    .i16(os2.typoLineGap)
    .u16(os2.winAscent)
    .u16(os2.winDescent);
  for (const range of os2.codePageRange) w.u32(range);
  return w.i16(os2.xHeight).i16(os2.capHeight).u16(os2.defaultChar).u16(os2.breakChar).u16(os2.maxContent).buffer();
}

function checksum(data: Buffer): number {
  let sum = 0;
  const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

/** An sfnt file of the given tables, with table and file checksums. */
function sfnt(tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const count = tags.length;
  const entrySelector = Math.floor(Math.log2(count));
  const searchRange = 2 ** entrySelector * 16;
  const header = new Writer().u32(0x00010000).u16(count).u16(searchRange).u16(entrySelector).u16(count * 16 - searchRange);
  let offset = 12 + count * 16;
  const bodies: Buffer[] = [];
  for (const tag of tags) {
    const data = tables.get(tag)!;
    header.tag(tag).u32(checksum(data)).u32(offset).u32(data.length);
    const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
    bodies.push(padded);
    offset += padded.length;
  }
  const file = Buffer.concat([header.buffer(), ...bodies]);
  // head.checkSumAdjustment = 0xB1B0AFBA − the file's checksum (the field counted as 0).
  const headAt = 12 + count * 16 + tags.slice(0, tags.indexOf("head")).reduce((sum, tag) => sum + Math.ceil(tables.get(tag)!.length / 4) * 4, 0);
  file.writeUInt32BE((0xb1b0afba - checksum(file)) >>> 0, headAt + 8);
  return file;
}

/**
 * One TrueType font of every character of `subsets` (fontkit fonts of one typeface, as
 * `fontkit.create` opens the WOFF2 files), named `names`. A character in several subsets takes
 * the first one's glyph. Throws when the subsets disagree on units per em.
 */
export function mergeSubsets(subsets: readonly SourceFont[], names: MergedNames): Buffer {
  if (subsets.length === 0) throw new Error("no subsets to merge");
  const [first] = subsets;
  if (subsets.some((s) => s.unitsPerEm !== first.unitsPerEm)) throw new Error("the subsets differ in units per em");
  const outlines: Outline[] = [outlineOf(first.getGlyph(0))];
  const cmap = new Map<number, number>();
  for (const subset of subsets) {
    const ids = new Map<number, number>();
    for (const cp of subset.characterSet) {
      if (cmap.has(cp)) continue;
      const glyph = subset.glyphForCodePoint(cp);
      if (glyph.id === 0) continue;
      let gid = ids.get(glyph.id);
      if (gid === undefined) {
        gid = outlines.push(outlineOf(glyph)) - 1;
        ids.set(glyph.id, gid);
      }
      cmap.set(cp, gid);
    }
  }
  const encoded = outlines.map(encodeGlyph);
  const loca = new Writer();
  let offset = 0;
  for (const glyph of encoded) {
    loca.u32(offset);
    offset += glyph.data.length;
  }
  loca.u32(offset);
  const boxes = encoded.flatMap((g) => (g.box ? [g.box] : []));
  const bbox = {
    xMin: Math.min(...boxes.map((b) => b.xMin)),
    yMin: Math.min(...boxes.map((b) => b.yMin)),
    xMax: Math.max(...boxes.map((b) => b.xMax)),
    yMax: Math.max(...boxes.map((b) => b.yMax)),
  };
  const hmtx = new Writer();
  encoded.forEach((g, i) => hmtx.u16(outlines[i].advance).i16(g.box?.xMin ?? 0));
  const lsbs = encoded.map((g) => g.box?.xMin ?? 0);
  const rsbs = encoded.map((g, i) => (g.box ? outlines[i].advance - g.box.xMax : 0));
  const head = new Writer()
    .u32(0x00010000)
    .u32(first.head.revision)
    .u32(0) // checkSumAdjustment, set by sfnt()
    .u32(0x5f0f3cf5)
    .u16(first.head.flags)
    .u16(first.unitsPerEm)
    .u32(0)
    .u32(0) // created
    .u32(0)
    .u32(0) // modified
    .i16(bbox.xMin)
    .i16(bbox.yMin)
    .i16(bbox.xMax)
    .i16(bbox.yMax)
    .u16(0) // macStyle
    .u16(first.head.lowestRecPPEM)
    .i16(2)
    .i16(1) // long loca
    .i16(0);
  const hhea = new Writer()
    .u32(0x00010000)
    .i16(first.hhea.ascent)
    .i16(first.hhea.descent)
    .i16(first.hhea.lineGap)
    .u16(Math.max(...outlines.map((o) => o.advance)))
    .i16(Math.min(...lsbs))
    .i16(Math.min(...rsbs))
    .i16(Math.max(...encoded.map((g) => g.box?.xMax ?? 0)))
    .i16(1)
    .i16(0)
    .i16(0)
    .i16(0)
    .i16(0)
    .i16(0)
    .i16(0)
    .i16(0)
    .u16(outlines.length);
  const maxp = new Writer()
    .u32(0x00010000)
    .u16(outlines.length)
    .u16(Math.max(...encoded.map((g) => g.points)))
    .u16(Math.max(...outlines.map((o) => o.contours.length)))
    .u16(0)
    .u16(0)
    .u16(2);
  for (let i = 0; i < 9; i++) maxp.u16(0);
  const post = new Writer()
    .u32(0x00030000)
    .i32(Math.round(first.post.italicAngle * 0x10000))
    .i16(first.post.underlinePosition)
    .i16(first.post.underlineThickness)
    .u32(first.post.isFixedPitch)
    .u32(0)
    .u32(0)
    .u32(0)
    .u32(0);
  const map = [...cmap.entries()].sort((a, b) => a[0] - b[0]);
  const copyright = first.name.records.copyright?.en ?? "";
  const license = first.name.records.license?.en ?? "This Font Software is licensed under the SIL Open Font License, Version 1.1.";
  const version = first.name.records.version?.en ?? "Version 1.0";
  const tables = new Map<string, Buffer>([
    ["head", head.buffer()],
    ["hhea", hhea.buffer()],
    ["maxp", maxp.buffer()],
    ["OS/2", os2Table(first["OS/2"], map[0][0], map[map.length - 1][0])],
    ["hmtx", hmtx.buffer()],
    ["cmap", cmapTable(map)],
    ["loca", loca.buffer()],
    ["glyf", Buffer.concat(encoded.map((g) => g.data))],
    [
      "name",
      nameTable([
        [0, copyright],
        [1, names.family],
        [2, names.subfamily],
        [3, `${names.postscript};merged`],
        [4, `${names.family} ${names.subfamily}`],
        [5, version],
        [6, names.postscript],
        [13, license],
        [14, "https://openfontlicense.org"],
      ]),
    ],
    ["post", post.buffer()],
  ]);
  return sfnt(tables);
}
