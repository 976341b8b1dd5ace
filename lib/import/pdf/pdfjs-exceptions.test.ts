import { describe, expect, it } from "vitest";
import { isPdfjsException } from "./pdfjs-exceptions";

describe("isPdfjsException", () => {
  const inPdfjs = "XRefEntryException: Bad (uncompressed) XRef entry: 37R\n    at BaseExceptionClosure (/app/node_modules/pdfjs-dist/legacy/build/pdf.worker.mjs:6289:29)";

  it("recognises pdf.js's own exceptions, live or serialised", () => {
    expect(isPdfjsException({ name: "XRefEntryException", message: "Bad XRef entry", stack: inPdfjs })).toBe(true);
    expect(isPdfjsException({ name: "FormatError", stack: inPdfjs })).toBe(true);
    const live = Object.assign(new Error("Invalid PDF structure."), { name: "InvalidPDFException" });
    live.stack = `InvalidPDFException: Invalid PDF structure.\n    at x (C:\\app\\node_modules\\pdfjs-dist\\legacy\\build\\pdf.mjs:1:1)`;
    expect(isPdfjsException(live)).toBe(true);
  });

  it("lets everything else through: other errors, a pdf.js-like name from elsewhere, non-objects", () => {
    expect(isPdfjsException(new TypeError("x is undefined"))).toBe(false);
    expect(isPdfjsException({ name: "XRefEntryException", stack: "XRefEntryException\n    at ours (/app/lib/import/pdf/read-pdf.ts:1:1)" })).toBe(false);
    expect(isPdfjsException({ name: "TypeError", stack: inPdfjs })).toBe(false);
    expect(isPdfjsException("XRefEntryException")).toBe(false);
    expect(isPdfjsException(null)).toBe(false);
  });
});
