/**
 * Removes characters no document format can carry: C0/C1 controls other than tab and newline,
 * U+FFFE/U+FFFF and lone surrogates. XML (DOCX) rejects them outright, so they are dropped once,
 * here, before any renderer sees the text.
 */
export function printable(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g, "")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "");
}
