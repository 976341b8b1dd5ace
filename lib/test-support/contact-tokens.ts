import type { ReportDocument } from "../document/types";

/** The phone numbers and e-mail addresses (kept whole) and the URLs (broken after "/" only) a document's text holds. */
export function contactTokens(doc: ReportDocument): { whole: string[]; urls: string[] } {
  const text = doc.blocks.flatMap((b) => (b.type === "paragraph" ? [b.inlines.map((i) => i.text).join("")] : [])).join("\n");
  const whole = [...text.matchAll(/\d{3,4}-\d{7,8}|[A-Za-z0-9._-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g)].map((m) => m[0]);
  const urls = [...text.matchAll(/(?:https?:\/\/|www\.)[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+/g)].map((m) => m[0]);
  return { whole, urls };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/**
 * How the printed lines (text extracted from a PDF, page numbers and blank lines left out) break
 * the document's contact tokens: a phone number or an e-mail address split over two lines, a URL
 * broken after a character other than "/" or not printed. Empty when none is. Lines are compared
 * without white space, and a non-breaking hyphen (U+2011) reads as "-".
 */
export function contactTokenBreaks(doc: ReportDocument, printedLines: string[]): string[] {
  const lines = printedLines.map((line) => line.replace(/\s+/g, "").replaceAll("\u2011", "-")).filter(Boolean);
  const joined = lines.join("\n");
  const { whole, urls } = contactTokens(doc);
  const problems: string[] = [];
  for (const token of whole) if (!lines.some((line) => line.includes(token))) problems.push(`「${token}」 is split`);
  for (const url of urls) {
    const found = new RegExp(url.split("").map(escapeRegExp).join("\n?")).exec(joined);
    if (!found) problems.push(`URL ${url} not printed`);
    else if ([...found[0]].some((ch, i) => ch === "\n" && found[0][i - 1] !== "/")) problems.push(`URL ${url} broken after a character other than “/”`);
  }
  return problems;
}
