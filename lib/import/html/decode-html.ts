import iconv from "iconv-lite";
import { checkSize } from "../docx/input-error";

/**
 * Bytes of an HTML page as saved from a government site → text. In order: a byte-order mark;
 * the declared charset (`<meta charset>`, `<meta http-equiv="Content-Type" content="…;
 * charset=…">`, an XML declaration) in the first 8 KB; then the content itself: valid UTF-8 is
 * UTF-8, anything else GB18030 (the superset of GBK and GB2312 that every Chinese site's legacy
 * pages are in).
 *
 * The content overrides a declaration it contradicts, because CMS templates are copied between
 * sites with their meta tags: a page declared UTF-8 whose bytes are not UTF-8 is read as
 * GB18030, and a page declared GBK/GB2312 whose Chinese text is valid UTF-8 is read as UTF-8
 * (GBK text is practically never valid UTF-8). A Western single-byte declaration (ISO-8859-1,
 * windows-1252) is ignored: on a Chinese page it is a template left unchanged.
 */

/** Largest HTML file read; a report page is well under 1 MB, inline images included a few MB. */
export const MAX_HTML_BYTES = 10 * 1024 * 1024;

export type EncodingSource = "bom" | "meta" | "content";

export interface DecodedHtml {
  text: string;
  /** The encoding the text was decoded with: utf-8, utf-16le, utf-16be, gb18030, big5, … */
  encoding: string;
  /** What decided it. */
  detectedBy: EncodingSource;
}

/** How far into the page a charset declaration is looked for. */
const PRESCAN_BYTES = 8192;

const GB_LABELS = new Set([
  "gb2312",
  "gbk",
  "gb18030",
  "x-gbk",
  "cp936",
  "ms936",
  "windows-936",
  "gb_2312",
  "gb_2312-80",
  "csgb2312",
  "chinese",
  "iso-ir-58",
  "euc-cn",
  "x-euc-cn",
  "csiso58gb231280",
]);
const UTF8_LABELS = new Set(["utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8"]);

/** A declared charset label → the decoder's name, or undefined when it is none we can decode. */
export function canonicalEncoding(label: string): string | undefined {
  const name = label.trim().toLowerCase();
  if (UTF8_LABELS.has(name)) return "utf-8";
  if (GB_LABELS.has(name)) return "gb18030";
  if (name === "big5" || name === "big5-hkscs" || name === "x-x-big5" || name === "cn-big5") return "big5";
  // A page declaring UTF-16 in a meta tag without a BOM is really ASCII-compatible (HTML spec).
  if (name.startsWith("utf-16") || name === "unicode") return "utf-8";
  return iconv.encodingExists(name) ? name : undefined;
}

/** The charset a page declares in its first bytes. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = latin1(bytes.subarray(0, PRESCAN_BYTES));
  const xml = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml) return xml[1];
  for (const meta of head.matchAll(/<meta\b[^>]*>/gi)) {
    const m = /charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)/i.exec(meta[0]);
    if (m) return m[1];
  }
  return undefined;
}

function latin1(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 4096) out += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return out;
}

const fatalUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Whether the bytes are UTF-8 (a sequence cut off at the very end, as in a truncated download,
 * is allowed), and how many non-ASCII characters they hold.
 */
export function utf8Evidence(bytes: Uint8Array): { valid: boolean; multibyte: number } {
  let end = bytes.length;
  // Drop a trailing incomplete sequence: at most 3 continuation bytes after a lead byte.
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    const b = bytes[end - k];
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (need > k) end -= k;
    }
    break;
  }
  try {
    fatalUtf8.decode(bytes.subarray(0, end));
  } catch {
    return { valid: false, multibyte: 0 };
  }
  let multibyte = 0;
  for (let i = 0; i < end; i++) if (bytes[i] >= 0xc0) multibyte++;
  return { valid: true, multibyte };
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  if (encoding === "utf-8") return new TextDecoder("utf-8").decode(bytes);
  if (encoding === "utf-16le" || encoding === "utf-16be") return new TextDecoder(encoding).decode(bytes);
  return iconv.decode(bytes, encoding);
}

const WESTERN = new Set(["iso-8859-1", "latin1", "windows-1252", "cp1252", "us-ascii", "ascii", "iso-8859-15"]);

/** Non-ASCII characters that make valid UTF-8 beat a GBK declaration. */
const UTF8_OVERRIDE_MIN = 8;

export function decodeHtml(bytes: Uint8Array): DecodedHtml {
  checkSize(bytes, MAX_HTML_BYTES, "HTML ");
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeWith(bytes.subarray(3), "utf-8"), encoding: "utf-8", detectedBy: "bom" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeWith(bytes.subarray(2), "utf-16le"), encoding: "utf-16le", detectedBy: "bom" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decodeWith(bytes.subarray(2), "utf-16be"), encoding: "utf-16be", detectedBy: "bom" };
  const declaredLabel = declaredCharset(bytes);
  const canonical = declaredLabel ? canonicalEncoding(declaredLabel) : undefined;
  // A Western single-byte declaration left in an old template says nothing about a Chinese page.
  const declared = canonical && !WESTERN.has(canonical) ? canonical : undefined;
  const utf8 = utf8Evidence(bytes);
  if (declared === "utf-8" && utf8.valid) return { text: decodeWith(bytes, "utf-8"), encoding: "utf-8", detectedBy: "meta" };
  if (declared && declared !== "utf-8") {
    if (declared === "gb18030" && utf8.valid && utf8.multibyte >= UTF8_OVERRIDE_MIN) {
      return { text: decodeWith(bytes, "utf-8"), encoding: "utf-8", detectedBy: "content" };
    }
    return { text: decodeWith(bytes, declared), encoding: declared, detectedBy: "meta" };
  }
  return utf8.valid
    ? { text: decodeWith(bytes, "utf-8"), encoding: "utf-8", detectedBy: "content" }
    : { text: decodeWith(bytes, "gb18030"), encoding: "gb18030", detectedBy: "content" };
}
