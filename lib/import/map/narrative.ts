import type { TOverviewItem } from "../../report/schema";
import type { SourceLocation } from "../intermediate";

/**
 * Narrative text: paragraphs as the report means them. Extracted text breaks paragraphs at page
 * ends and line wraps (seed 000: 「…通过“中国·宁夏”政府」 / 「门户网站…」; seed 004:
 * 「…举办培训」 / 「班 2 次…」); a line that does not end a sentence continues on the next one.
 */
export interface TextPiece {
  text: string;
  at: SourceLocation;
  /** Marked as a heading by the source (Markdown #, HTML h*). */
  heading?: boolean;
}

/** Characters that end a paragraph: sentence ends, a colon before a list, closing quotes. */
const PARAGRAPH_END = /[。！？!?；;：:…”’」』]$/;

/**
 * （一）主动公开 / (二)依申请公开 / 一、加强培训: a numbered sub-heading, short and without a
 * sentence end inside.
 */
const SUB_HEADING = /^(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)/;

export function isSubHeading(piece: TextPiece): boolean {
  const text = piece.text;
  if (!SUB_HEADING.test(text) || text.length > 40) return false;
  return !/[。！？!?；;]/.test(text.slice(0, -1));
}

/** Joins the pieces a line break split; headings and sub-headings stand alone. */
export function joinBrokenLines(pieces: TextPiece[]): TextPiece[] {
  const out: TextPiece[] = [];
  let open = false;
  for (const piece of pieces) {
    if (!piece.text) continue;
    const standsAlone = piece.heading || isSubHeading(piece);
    if (open && !standsAlone) {
      out[out.length - 1] = { ...out[out.length - 1], text: out[out.length - 1].text + piece.text };
    } else {
      out.push({ ...piece });
    }
    open = !standsAlone && !PARAGRAPH_END.test(out[out.length - 1].text);
  }
  return out;
}

/** Paragraphs separated by blank lines, as the contract stores narrative text. */
export function joinParagraphs(pieces: TextPiece[]): string {
  return pieces.map((p) => p.text).join("\n\n");
}

/**
 * 一、总体情况 as the contract's topics: text before the first sub-heading is an item without a
 * title; each sub-heading starts an item titled as published.
 */
export function overviewItems(pieces: TextPiece[]): { item: TOverviewItem; at: SourceLocation; titleAt?: SourceLocation }[] {
  const items: { item: TOverviewItem; at: SourceLocation; titleAt?: SourceLocation; parts: string[] }[] = [];
  for (const piece of joinBrokenLines(pieces)) {
    if (isSubHeading(piece) || (piece.heading && piece.text.length <= 40)) {
      items.push({ item: { title: piece.text, text: "" }, at: piece.at, titleAt: piece.at, parts: [] });
      continue;
    }
    if (!items.length) items.push({ item: { title: null, text: "" }, at: piece.at, parts: [] });
    const current = items[items.length - 1];
    if (!current.parts.length && current.titleAt) current.at = piece.at;
    current.parts.push(piece.text);
  }
  return items.map(({ item, at, titleAt, parts }) => ({ item: { title: item.title, text: parts.join("\n\n") }, at, titleAt }));
}
