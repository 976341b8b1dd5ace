import { describe, expect, it } from "vitest";
import { DRAFT_MARK, draftMarkFor, draftMarkPolicy } from "../document/draft-mark";
import { REPORT_STATUSES } from "../workflow/report-status";
import { prepareReport } from "../report/prepare-report";
import { buildSampleReport } from "../report/sample-report";
import { loadSeed, loadSeedJson } from "../test-support/seeds";
import { parseHtml } from "../import/html/parse-html";
import { extractDocxText } from "./docx/extract-docx-text";
import { extractPdfText } from "./pdf/extract-pdf-text";
import { renderReportFile } from "./worker/render-file";
import JSZip from "jszip";

/** Seed 004 prints 「六、其他需要报告的事项」 with nothing under it: an error (section.missing). */
const FAILING = "004_f8f28e4c849350e4" as const;

function clean() {
  const prepared = prepareReport(buildSampleReport({ year: 2023, withTotals: true }));
  if (!prepared.ok) throw new Error("sample does not prepare");
  return prepared.report;
}

/**
 * Every text item of every page as pdf.js reads it, rotated ones too (pdftotext leaves out the
 * diagonal watermark, and so does our importer, on purpose).
 */
async function pdfTextItems(pdf: Uint8Array): Promise<string[]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  const items: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    for (const item of content.items) if ("str" in item) items.push(item.str);
  }
  await doc.destroy();
  return items;
}

/** Every text a format shows, headers included (DOCX: every part of the package). */
async function shownText(format: "pdf" | "docx" | "html", body: string | Uint8Array | Buffer): Promise<string> {
  if (format === "pdf") return (await pdfTextItems(body as Uint8Array)).join("\n");
  if (format === "html") return body as string;
  const zip = await JSZip.loadAsync(body as Uint8Array);
  const xml = await Promise.all(Object.values(zip.files).filter((f) => f.name.endsWith(".xml")).map((f) => f.async("string")));
  return xml.join("\n") + (await extractDocxText(body as Buffer));
}

describe("草稿（未通过检查）", () => {
  it("marks a report with a rule error (an empty required section is one), and no clean report", () => {
    expect(draftMarkFor(loadSeed(FAILING))).toBe(DRAFT_MARK);
    expect(draftMarkFor(clean())).toBeUndefined();
  });

  it("may mark drafts, submitted and returned reports, never approved or published ones", () => {
    expect(Object.fromEntries(REPORT_STATUSES.map((status) => [status, draftMarkPolicy(status)]))).toEqual({
      DRAFT: "if-failing",
      SUBMITTED: "if-failing",
      RETURNED: "if-failing",
      APPROVED: "never",
      PUBLISHED: "never",
    });
  });

  it.each(["pdf", "docx", "html"] as const)("is on the %s of a failing draft, and never when the caller says never", async (format) => {
    const content = loadSeedJson(FAILING);
    const marked = await renderReportFile({ content, format, draftMark: "if-failing" });
    const unmarked = await renderReportFile({ content, format, draftMark: "never" });
    const byDefault = await renderReportFile({ content, format });
    const passing = await renderReportFile({ content: buildSampleReport({ year: 2023, withTotals: true }), format, draftMark: "if-failing" });
    if (!marked.ok || !unmarked.ok || !byDefault.ok || !passing.ok) throw new Error("render failed");
    expect(await shownText(format, marked.file.body)).toContain(DRAFT_MARK);
    // On every page of the PDF, and left out of its text by pdftotext (and by our importer).
    if (format === "pdf") {
      const text = await extractPdfText(Buffer.from(marked.file.body as Uint8Array));
      const pages = text.split("\f").filter((p) => p.trim()).length;
      expect((await pdfTextItems(marked.file.body as Uint8Array)).filter((s) => s === DRAFT_MARK)).toHaveLength(pages);
      expect(text).not.toContain(DRAFT_MARK);
    }
    for (const outcome of [unmarked, byDefault, passing]) expect(await shownText(format, outcome.file.body)).not.toContain(DRAFT_MARK);
  });

  it("is not read back as report text by the HTML importer", async () => {
    const marked = await renderReportFile({ content: loadSeedJson(FAILING), format: "html", draftMark: "if-failing" });
    if (!marked.ok) throw new Error("render failed");
    expect(JSON.stringify(parseHtml(marked.file.body as string))).not.toContain(DRAFT_MARK);
  });
});
