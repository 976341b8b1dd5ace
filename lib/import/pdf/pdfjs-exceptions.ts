/**
 * Whether a rejection reason is a pdf.js exception raised in pdf.js's own code: its
 * BaseException subclasses name themselves …Exception (XRefEntryException, InvalidPDFException)
 * or FormatError, and the stack runs through pdfjs-dist. Works on serialised errors too (name and
 * stack as strings), as the test runner passes them. No imports: vitest.config.ts uses it.
 */
export function isPdfjsException(reason: unknown): boolean {
  if (typeof reason !== "object" || reason === null) return false;
  const { name, stack } = reason as { name?: unknown; stack?: unknown };
  return typeof name === "string" && /(?:Exception|^FormatError)$/.test(name) && typeof stack === "string" && /pdfjs-dist[\\/]/.test(stack);
}
