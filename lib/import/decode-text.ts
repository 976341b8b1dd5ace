/**
 * The bytes of a text file → its text, the encoding detected with confidence or not at all. The
 * one place that decides how a plain text file is decoded: a published report saved as `.txt`
 * (importFile, for the web app and the CLI) and the interchange JSON the CLI reads
 * (lib/cli/read-source.ts). HTML pages declare their charset and have their own decoder
 * (html/decode-html.ts).
 *
 * In order: a byte-order mark (UTF-8, UTF-16LE, UTF-16BE); UTF-16 without one (NUL bytes on
 * one side only); valid UTF-8; then GB18030 (the superset of GBK and GB2312 that Chinese
 * Windows saves "ANSI" text in) when every byte sequence is valid GB18030 and the text it gives
 * is Chinese. Anything else is refused with a TextEncodingError naming the first byte that is
 * not UTF-8 and what the bytes look like: a UTF-8 file with damaged bytes, a damaged GBK file,
 * or an unknown encoding. Nothing is decoded by guesswork (no U+FFFD in the text).
 */

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** What decided the encoding: a byte-order mark or the bytes themselves. */
  detectedBy: "bom" | "content";
}

/** Why bytes could not be decoded; offsets count bytes from the start of the file. */
export type UndecodableReason =
  /** UTF-16 (by its BOM or its NUL bytes) with an odd length or a broken surrogate pair. */
  | { kind: "utf-16-invalid"; encoding: "utf-16le" | "utf-16be"; detectedBy: "bom" | "content"; offset: number }
  /** UTF-8 but for some damaged bytes. */
  | { kind: "utf-8-damaged"; offset: number; byte: number }
  /** A UTF-8 byte-order mark followed by bytes that are mostly not UTF-8. */
  | { kind: "utf-8-bom-invalid"; offset: number; byte: number }
  /** Not UTF-8; GBK-like Chinese text, but with bytes that are not valid GB18030 either. */
  | { kind: "gb18030-damaged"; offset: number; byte: number; gbOffset: number; gbByte: number }
  /** Not UTF-8; valid GB18030, but what it decodes to is not Chinese text. */
  | { kind: "not-chinese"; offset: number; byte: number }
  /** Neither UTF-8 nor GB18030 nor UTF-16. */
  | { kind: "unknown"; offset: number; byte: number };

const ENCODING_NAMES: Record<TextEncoding, string> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16LE",
  "utf-16be": "UTF-16BE",
  gb18030: "GBK/GB18030",
};

/** The name people know an encoding by: UTF-8, UTF-16LE, UTF-16BE, GBK/GB18030. */
export function encodingName(encoding: TextEncoding): string {
  return ENCODING_NAMES[encoding] ?? String(encoding).toUpperCase();
}

function hexByte(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, "0")}`;
}

/** The reason in one English line, without the file's name (the CLI puts it in front). */
export function describeUndecodable(reason: UndecodableReason): string {
  switch (reason.kind) {
    case "utf-16-invalid":
      return `not valid ${encodingName(reason.encoding)} (${reason.detectedBy === "bom" ? "by its byte-order mark" : "by its NUL bytes"}): broken at offset ${reason.offset} — save it as UTF-8`;
    case "utf-8-damaged":
      return `not valid UTF-8 (byte ${hexByte(reason.byte)} at offset ${reason.offset}); the rest is UTF-8, so the file is damaged — save it as UTF-8 again`;
    case "utf-8-bom-invalid":
      return `starts with a UTF-8 byte-order mark but is not UTF-8 (byte ${hexByte(reason.byte)} at offset ${reason.offset}) — save it as UTF-8`;
    case "gb18030-damaged":
      return `not UTF-8 (byte ${hexByte(reason.byte)} at offset ${reason.offset}); it looks like GBK/GB18030, but byte ${hexByte(reason.gbByte)} at offset ${reason.gbOffset} is not valid GBK/GB18030 either — save it as UTF-8`;
    case "not-chinese":
      return `not UTF-8 (byte ${hexByte(reason.byte)} at offset ${reason.offset}); read as GBK/GB18030 it is not Chinese text, so its encoding is unknown — save it as UTF-8`;
    case "unknown":
      return `not UTF-8 (byte ${hexByte(reason.byte)} at offset ${reason.offset}), nor GBK/GB18030 or UTF-16 — save it as UTF-8`;
  }
}

/** Bytes that are no text in an encoding this module reads with confidence. */
export class TextEncodingError extends Error {
  readonly code = "text.encoding";
  constructor(readonly reason: UndecodableReason) {
    super(describeUndecodable(reason));
    this.name = "TextEncodingError";
  }
}

/** Decodes the bytes of a text file (see the module comment); throws a TextEncodingError when it cannot. */
export async function decodeText(bytes: Uint8Array): Promise<DecodedText> {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const scan = scanUtf8(bytes, 3);
    if (scan.firstInvalid >= 0) {
      const kind = isDamagedUtf8(scan) ? "utf-8-damaged" : "utf-8-bom-invalid";
      throw new TextEncodingError({ kind, offset: scan.firstInvalid, byte: bytes[scan.firstInvalid] });
    }
    return { text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8", detectedBy: "bom" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, "utf-16le", "bom");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, "utf-16be", "bom");
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return decodeUtf16(bytes, utf16, "content");

  const utf8 = scanUtf8(bytes, 0);
  if (utf8.firstInvalid < 0) return { text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8", detectedBy: "content" };
  const offset = utf8.firstInvalid;
  const byte = bytes[offset];
  if (isDamagedUtf8(utf8)) throw new TextEncodingError({ kind: "utf-8-damaged", offset, byte });

  const gb = scanGb18030(bytes);
  const iconv = (await import("iconv-lite")).default;
  if (gb.firstInvalid < 0) {
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "gb18030");
    if (!isChineseText(text)) throw new TextEncodingError({ kind: "not-chinese", offset, byte });
    return { text, encoding: "gb18030", detectedBy: "content" };
  }
  if (gb.validBytes >= (gb.validBytes + gb.invalidBytes) * GB_DAMAGED_SHARE) {
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "gb18030").replace(/\uFFFD/g, "");
    if (isChineseText(text)) throw new TextEncodingError({ kind: "gb18030-damaged", offset, byte, gbOffset: gb.firstInvalid, gbByte: bytes[gb.firstInvalid] });
  }
  throw new TextEncodingError({ kind: "unknown", offset, byte });
}

/**
 * Share of the non-ASCII bytes in valid sequences from which a file is damaged UTF-8 or GB18030.
 * GBK text has about 30 % of its non-ASCII bytes in sequences that happen to be valid UTF-8
 * (at most 70 % in any run of ten characters of the seeds, 88 % in a run of four).
 */
const UTF8_DAMAGED_SHARE = 0.8;
const GB_DAMAGED_SHARE = 0.9;

/** UTF-8 with a few bad bytes, not text in another encoding. */
function isDamagedUtf8(scan: Scan): boolean {
  return scan.validBytes >= (scan.validBytes + scan.invalidBytes) * UTF8_DAMAGED_SHARE;
}

interface Scan {
  /** Offset of the first byte not in a valid sequence, -1 when there is none. */
  firstInvalid: number;
  /** Bytes in valid multi-byte sequences. */
  validBytes: number;
  /** Bytes ≥ 0x80 not in a valid sequence. */
  invalidBytes: number;
}

/** UTF-8 as the WHATWG decoder reads it (no overlong forms, no surrogates, nothing past U+10FFFF). */
function scanUtf8(bytes: Uint8Array, start: number): Scan {
  let firstInvalid = -1;
  let validBytes = 0;
  let invalidBytes = 0;
  let i = start;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const need = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    let ok = need > 0;
    if (ok) {
      const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
      const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
      for (let k = 1; k <= need && ok; k++) {
        const b = bytes[i + k];
        ok = b !== undefined && b >= (k === 1 ? low : 0x80) && b <= (k === 1 ? high : 0xbf);
      }
    }
    if (ok) {
      validBytes += need + 1;
      i += need + 1;
    } else {
      if (firstInvalid < 0) firstInvalid = i;
      invalidBytes++;
      i++;
    }
  }
  return { firstInvalid, validBytes, invalidBytes };
}

/**
 * GB18030 as the WHATWG decoder reads it: ASCII, 0x80 (€), two bytes (lead 0x81–0xFE, trail
 * 0x40–0x7E or 0x80–0xFE), or four (0x81–0xFE 0x30–0x39 0x81–0xFE 0x30–0x39) within the ranges
 * that map to Unicode.
 */
function scanGb18030(bytes: Uint8Array): Scan {
  let firstInvalid = -1;
  let validBytes = 0;
  let invalidBytes = 0;
  let i = 0;
  const invalid = () => {
    if (firstInvalid < 0) firstInvalid = i;
    invalidBytes++;
    i++;
  };
  while (i < bytes.length) {
    const b1 = bytes[i];
    if (b1 < 0x80) {
      i++;
      continue;
    }
    if (b1 === 0x80) {
      validBytes++;
      i++;
      continue;
    }
    if (b1 === 0xff) {
      invalid();
      continue;
    }
    const b2 = bytes[i + 1];
    if (b2 !== undefined && ((b2 >= 0x40 && b2 <= 0x7e) || (b2 >= 0x80 && b2 <= 0xfe))) {
      validBytes += 2;
      i += 2;
      continue;
    }
    if (b2 !== undefined && b2 >= 0x30 && b2 <= 0x39) {
      const b3 = bytes[i + 2];
      const b4 = bytes[i + 3];
      if (b3 !== undefined && b4 !== undefined && b3 >= 0x81 && b3 <= 0xfe && b4 >= 0x30 && b4 <= 0x39) {
        const pointer = (((b1 - 0x81) * 10 + (b2 - 0x30)) * 126 + (b3 - 0x81)) * 10 + (b4 - 0x30);
        if (pointer <= 39419 || (pointer >= 189000 && pointer <= 1237575)) {
          validBytes += 4;
          i += 4;
          continue;
        }
      }
    }
    invalid();
  }
  return { firstInvalid, validBytes, invalidBytes };
}

/** Characters of Chinese text beyond ASCII: ideographs, CJK and full-width punctuation, the symbols GBK holds. */
const CHINESE_TEXT =
  /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u2000-\u206f\u2100-\u27bf\u2e80-\u2fdf\u3100-\u312f\u31c0-\u31ef\u3200-\u33ff\ufe30-\ufe4f\u00a4\u00a7\u00a8\u00b0\u00b1\u00b7\u00d7\u00e0\u00e1\u00e8\u00e9\u00ea\u00ec\u00ed\u00f2\u00f3\u00f7\u00f9\u00fa\u00fc\u0101\u0113\u011b\u012b\u014d\u016b\u01ce\u01d0\u01d2\u01d4\u01d6\u01d8\u01da\u01dc\u20ac\u{20000}-\u{3134f}]/gu;
const IDEOGRAPH = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/gu;

/** Text whose non-ASCII characters are nearly all those of Chinese text, most of them ideographs. */
function isChineseText(text: string): boolean {
  let nonAscii = 0;
  for (const ch of text) if (ch.codePointAt(0)! >= 0x80) nonAscii++;
  if (nonAscii === 0) return false;
  const chinese = text.match(CHINESE_TEXT)?.length ?? 0;
  const ideographs = text.match(IDEOGRAPH)?.length ?? 0;
  return chinese >= nonAscii * 0.95 && ideographs >= nonAscii * 0.5;
}

/** UTF-16 with an odd length or an unpaired surrogate is refused, not decoded with U+FFFD. */
function decodeUtf16(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be", detectedBy: "bom" | "content"): DecodedText {
  const start = detectedBy === "bom" ? 2 : 0;
  const little = encoding === "utf-16le";
  const unit = (at: number) => (little ? bytes[at] | (bytes[at + 1] << 8) : (bytes[at] << 8) | bytes[at + 1]);
  for (let at = start; at < bytes.length; at += 2) {
    if (at + 1 >= bytes.length) throw new TextEncodingError({ kind: "utf-16-invalid", encoding, detectedBy, offset: at });
    const u = unit(at);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = at + 3 < bytes.length ? unit(at + 2) : -1;
      if (next < 0xdc00 || next > 0xdfff) throw new TextEncodingError({ kind: "utf-16-invalid", encoding, detectedBy, offset: at });
      at += 2;
    } else if (u >= 0xdc00 && u <= 0xdfff) {
      throw new TextEncodingError({ kind: "utf-16-invalid", encoding, detectedBy, offset: at });
    }
  }
  return { text: new TextDecoder(encoding).decode(bytes.subarray(start)), encoding, detectedBy };
}

/**
 * UTF-16 saved without a BOM: NUL bytes (the high byte of ASCII characters: spaces, digits,
 * line breaks) in the first 4 KB, nearly all at odd (little-endian) or at even (big-endian)
 * offsets — the few on the other side are the low bytes of characters such as 一 (U+4E00).
 * UTF-8 and GB18030 text has no NUL at all; binary files have them everywhere.
 */
function utf16WithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  if (odd >= 4 && even * 8 <= odd) return "utf-16le";
  if (even >= 4 && odd * 8 <= even) return "utf-16be";
  return undefined;
}
