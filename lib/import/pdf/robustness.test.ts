import { crc32, deflateSync } from "node:zlib";
import fc from "fast-check";
import PDFDocument from "pdfkit";
import { beforeAll, describe, expect, it } from "vitest";
import { buildDocument } from "../../document/build-document";
import { pdfkitFonts } from "../../render/pdf/fonts";
import { renderPdf } from "../../render/pdf/render-pdf";
import { loadSeed } from "../../test-support/seeds";
import { PdfImportError } from "./errors";
import { parsePdf } from "./parse-pdf";

// Taken before pdf.js is first loaded (parse-pdf loads it on first use).
const NATIVE = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify, toString: Function.prototype.toString };
const hadSelf = "self" in globalThis;

/** A grayscale PNG: a white page with dark bands where a scan would show lines of text. */
function scannedPagePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit grayscale
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const ink = y % 24 > 14 && x > 20 && x < width - 20 && (x * 7 + y * 3) % 11 > 4;
      raw[y * (width + 1) + 1 + x] = ink ? 40 : 250;
    }
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

/** A PDF drawn by `draw` with pdfkit (the body serif registered as "serif"), one A4 page to start. */
async function pdfOf(draw: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions = {}): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: "A4", ...options });
  const serif = pdfkitFonts().find((font) => font.name === "serifRegular")!;
  doc.registerFont("serif", serif.buffer);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on("end", resolve));
  draw(doc);
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

const textPdf = (text: string, options?: PDFKit.PDFDocumentOptions) => pdfOf((doc) => doc.font("serif").text(text), options);

async function rejection(promise: Promise<unknown>): Promise<PdfImportError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PdfImportError);
    return error as PdfImportError;
  }
  throw new Error("expected a rejection");
}

describe("PDFs that cannot be imported", () => {
  it("rejects a scanned (image-only) PDF: it has no text layer", async () => {
    const png = scannedPagePng(600, 840);
    const pdf = await pdfOf((doc) => doc.image(png, { width: 440 }).addPage().image(png, { width: 440 }));
    const error = await rejection(parsePdf(pdf));
    expect(error.code).toBe("pdf.no-text-layer");
    expect(error.message).toContain("没有文字层");
    expect(error.message).toContain("扫描件");
    expect(error.message).toContain("OCR");
  });

  it("rejects a PDF of drawings only, without text, the same way", async () => {
    const pdf = await pdfOf((doc) => doc.lineWidth(1).rect(40, 40, 300, 200).stroke().moveTo(40, 140).lineTo(340, 140).stroke());
    expect((await rejection(parsePdf(pdf))).code).toBe("pdf.no-text-layer");
  });

  it("rejects a password-protected PDF with its own message", async () => {
    const pdf = await textPdf("保密", { userPassword: "secret", ownerPassword: "owner" });
    const error = await rejection(parsePdf(pdf));
    expect(error.code).toBe("pdf.encrypted");
    expect(error.message).toContain("密码");
  });

  it.each([
    ["empty", new Uint8Array(0)],
    ["not a PDF", new TextEncoder().encode("这不是 PDF 文件，只是一段文字。")],
    ["a PDF header and nothing else", new TextEncoder().encode("%PDF-1.7\n%âãÏÓ\n")],
  ])("rejects %s as corrupt", async (_, bytes) => {
    const error = await rejection(parsePdf(bytes));
    expect(error.code).toBe("pdf.corrupt");
    expect(error.message).toContain("不是有效的 PDF");
  });

  it("does not touch the caller's bytes", async () => {
    const bytes = await textPdf("第一段文字。");
    const copy = bytes.slice();
    await parsePdf(bytes);
    expect(bytes).toEqual(copy);
  });
});

describe("damaged PDFs never crash and never hang", () => {
  let report: Uint8Array;
  beforeAll(async () => {
    report = new Uint8Array(await renderPdf(buildDocument(loadSeed("003_5f1914cbe288c934"))));
  }, 60_000);

  /** A parse either gives an intermediate or a PdfImportError, within the time limit. */
  async function survives(bytes: Uint8Array) {
    const start = performance.now();
    try {
      const doc = await parsePdf(bytes, { timeoutMs: 10_000 });
      expect(doc.source).toBe("pdf");
      expect(Array.isArray(doc.blocks)).toBe(true);
    } catch (error) {
      expect(error).toBeInstanceOf(PdfImportError);
      expect((error as PdfImportError).message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(performance.now() - start).toBeLessThan(12_000);
  }

  it("gives up after the time limit, and on more pages than it reads", async () => {
    expect((await rejection(parsePdf(report, { timeoutMs: 1 }))).code).toBe("pdf.timeout");
    const tooLong = await rejection(parsePdf(report, { maxPages: 2 }));
    expect(tooLong.code).toBe("pdf.too-large");
    expect(tooLong.message).toContain("共 6 页");
    // Still usable afterwards.
    expect((await parsePdf(report)).blocks.length).toBeGreaterThan(10);
  });

  it("a truncated report", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: report.length - 1 }), async (length) => survives(report.slice(0, length))),
      { numRuns: 25 },
    );
  }, 300_000);

  it("a report with bytes overwritten", async () => {
    const edit = fc.record({ at: fc.integer({ min: 0, max: report.length - 1 }), byte: fc.integer({ min: 0, max: 255 }), length: fc.integer({ min: 1, max: 64 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 12 }), async (edits) => {
        const bytes = report.slice();
        for (const { at, byte, length } of edits) bytes.fill(byte, at, Math.min(bytes.length, at + length));
        await survives(bytes);
      }),
      { numRuns: 25 },
    );
  }, 300_000);

  it("random bytes, with and without a PDF header", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), fc.boolean(), async (noise, header) => {
        const bytes = header ? new Uint8Array([...new TextEncoder().encode("%PDF-1.4\n"), ...noise]) : noise;
        await survives(bytes);
      }),
      { numRuns: 40 },
    );
  }, 300_000);
});

describe("loading pdf.js", () => {
  it("leaves the process's built-ins as they were (pdf.js's polyfills replace some)", async () => {
    await parsePdf(await textPdf("一段文字。"));
    expect(Array.prototype.push).toBe(NATIVE.push);
    expect(JSON.parse).toBe(NATIVE.parse);
    expect(JSON.stringify).toBe(NATIVE.stringify);
    expect(Function.prototype.toString).toBe(NATIVE.toString);
    expect("self" in globalThis).toBe(hadSelf);
  });
});
