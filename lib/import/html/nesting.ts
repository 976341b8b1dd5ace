/**
 * A guard against hostile nesting. Both parsers rescan their stack of open elements (parse5's
 * scope checks, htmlparser2's `unshift`), so a page of 100 000 nested tags takes minutes. Real
 * pages and DOCX files nest a few dozen levels. One linear scan estimates the nesting before
 * anything is parsed; markup beyond the limit is flattened (HTML) or refused (DOCX XML).
 */

/** Nesting no real page or document comes near. */
export const MAX_NESTING = 1000;

/** Elements that never hold content (HTML). */
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "basefont", "bgsound", "frame", "keygen"]);
/**
 * Elements the HTML parser closes by itself when the next one opens (unclosed `<p>` and `<li>`
 * in old CMS pages do not nest), and the document's own html/head/body.
 */
const SELF_CLOSING = new Set(["p", "li", "dt", "dd", "td", "th", "tr", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rp", "rtc", "html", "head", "body"]);

// Tag bodies stop at the next `<`, so every scan attempt ends there: linear time on any input.
const HTML_TOKENS = /<!--[\s\S]*?(?:-->|$)|<(script|style|textarea|title|xmp|plaintext)\b[^<>]*>[\s\S]*?(?:<\/\1\s*>|$)|<(\/?)([A-Za-z][^\s/<>]*)[^<>]*?(\/?)>/gi;
const XML_TOKENS = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<[?!][^<>]*>|<(\/?)([A-Za-z_][^\s/<>]*)[^<>]*?(\/?)>/g;

/** The deepest nesting the markup's tags reach, as a parser would nest them (an estimate). */
export function estimateNesting(markup: string, mode: "html" | "xml"): number {
  let depth = 0;
  let max = 0;
  if (mode === "html") {
    for (const m of markup.matchAll(HTML_TOKENS)) {
      const name = m[3]?.toLowerCase();
      if (!name || VOID.has(name) || SELF_CLOSING.has(name)) continue;
      if (m[2]) depth = Math.max(0, depth - 1);
      else if (++depth > max) max = depth;
    }
  } else {
    for (const m of markup.matchAll(XML_TOKENS)) {
      if (!m[2] || m[3]) continue;
      if (m[1]) depth = Math.max(0, depth - 1);
      else if (++depth > max) max = depth;
    }
  }
  return max;
}

const BLOCK_TAG = /^(?:p|div|br|li|tr|h[1-6]|table|section|article|blockquote|pre|dt|dd|center|ul|ol|td|th)$/i;

/**
 * A page too deeply nested to parse, as lines of text: every tag is dropped, block tags end a
 * line. What it says is kept; its structure (tables included) is not.
 */
export function flattenMarkup(html: string): string {
  const lines: string[] = [];
  let line = "";
  let last = 0;
  for (const m of html.matchAll(HTML_TOKENS)) {
    line += html.slice(last, m.index);
    last = m.index + m[0].length;
    const name = m[3];
    if (name && BLOCK_TAG.test(name)) {
      lines.push(line);
      line = "";
    }
  }
  lines.push(line + html.slice(last));
  const escapeTags = (text: string) => text.replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return lines
    .filter((l) => l.trim())
    .map((l) => `<p>${escapeTags(l)}</p>`)
    .join("\n");
}
