import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/*
 * Reading PDFs back with poppler-utils (pdftotext, pdffonts, pdfinfo), for tests and checks.
 * Server-side only; the tools are a Debian package (`apt-get install poppler-utils`).
 */

const execFileAsync = promisify(execFile);

/** Runs a poppler tool on the PDF (written to a temp file) and returns its standard output. */
export async function runPdfTool(tool: "pdftotext" | "pdffonts" | "pdfinfo", pdf: Buffer, args: string[] = []): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "gov-report-pdf-"));
  try {
    const file = join(dir, "report.pdf");
    await writeFile(file, pdf);
    const argv = tool === "pdftotext" ? [...args, file, "-"] : [...args, file];
    const { stdout } = await execFileAsync(tool, argv, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(`${tool} not found: install poppler-utils (apt-get install poppler-utils)`, { cause: error });
    }
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The PDF's text in content-stream order (`pdftotext -raw`), pages separated by form feeds. */
export async function extractPdfText(pdf: Buffer): Promise<string> {
  return runPdfTool("pdftotext", pdf, ["-raw", "-enc", "UTF-8"]);
}

/**
 * Text without the page-number lines (“— N —”), which the footer puts between the parts of a
 * paragraph or table that crosses a page break.
 */
export function withoutPageNumbers(text: string): string {
  return text.replace(/^— \d+ —$/gm, "");
}
