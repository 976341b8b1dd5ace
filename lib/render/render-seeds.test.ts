import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { buildDocument } from "../document/build-document";
import { formatValue, normalizeValue } from "../report/normalize-value";
import { tableCells } from "../template/cells";
import { SEED_NAMES, loadSeed, loadSeedJson } from "../test-support/seeds";
import { extractDocxText } from "./docx/extract-docx-text";
import { renderDocx } from "./docx/render-docx";
import { SECTION_HEADINGS, TABLE_LABELS } from "./golden/official-labels";
import { renderHtmlDocument } from "./html/render-html";
import { extractPdfText } from "./pdf/extract-pdf-text";
import { renderPdf } from "./pdf/render-pdf";
import type { ReportDocument } from "../document/types";

/** Text of an HTML page, one line per heading, paragraph, caption and table cell. */
function htmlText(html: string): string {
  const { document } = new JSDOM(html).window;
  return [...document.querySelectorAll("h1, h2, h3, p, caption, th, td")].map((el) => el.textContent ?? "").join("\n");
}

const EXTRACT: Record<string, (doc: ReportDocument) => Promise<string>> = {
  docx: async (doc) => extractDocxText(await renderDocx(doc)),
  pdf: async (doc) => extractPdfText(await renderPdf(doc)),
  html: async (doc) => htmlText(renderHtmlDocument(doc)),
};

/** Asserts `needles` occur in `haystack` in this order; reports the first one missing. */
function expectInOrder(haystack: string, needles: string[], what: string) {
  let at = 0;
  for (const [i, needle] of needles.entries()) {
    const found = haystack.indexOf(needle, at);
    expect(found, `${what}: #${i} 「${needle}」 not found after position ${at}`).toBeGreaterThanOrEqual(0);
    at = found + needle.length;
  }
}

/** Asserts each label is a whole line (a heading, paragraph or cell of its own), in order. */
function expectLinesInOrder(lines: string[], labels: string[], what: string) {
  let at = 0;
  for (const [i, label] of labels.entries()) {
    const found = lines.indexOf(label, at);
    expect(found, `${what}: #${i} 「${label}」 is not a line of its own after line ${at}`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
}

/** Asserts each expected token appears as a whole token, in order. */
function expectTokensInOrder(tokens: string[], expected: string[], what: string) {
  let at = 0;
  for (const [i, token] of expected.entries()) {
    const found = tokens.indexOf(token, at);
    expect(found, `${what}: value #${i} "${token}" not found in order`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
}

/** The numbers a seed publishes in its tables, in printed order, as a correct report prints them. */
function publishedValues(seed: (typeof SEED_NAMES)[number]): string[] {
  const report = loadSeed(seed);
  const json = loadSeedJson(seed) as { tables: Record<string, Record<string, Record<string, unknown>>> };
  return Object.values(report.template.tables).flatMap((table) =>
    tableCells(table).flatMap((cell) => {
      const raw = json.tables[cell.table]?.[cell.row]?.[cell.col] ?? null;
      const { value, problem } = normalizeValue(raw, cell.kind);
      if (problem) return [String(raw).replace(/\s+/g, "")];
      return value === null ? [] : [formatValue(value, cell.kind) + (cell.unit ?? "")];
    }),
  );
}

describe.each(Object.keys(EXTRACT))("%s output of every seed", (format) => {
  it.each(SEED_NAMES)("%s holds every official label and every published number, in order", async (seed) => {
    const report = loadSeed(seed);
    const text = await EXTRACT[format](buildDocument(report));
    const compact = text.replace(/\s+/g, "");
    const labels = TABLE_LABELS[report.format];

    const ordered = [SECTION_HEADINGS[0], SECTION_HEADINGS[1], ...labels.proactive, SECTION_HEADINGS[2], ...labels.requests, SECTION_HEADINGS[3], ...labels.reviews, SECTION_HEADINGS[4], SECTION_HEADINGS[5]];
    if (format === "pdf") {
      // pdftotext wraps long cells over several lines: compare the text with whitespace removed.
      expectInOrder(compact, ordered, "labels");
    } else {
      expectLinesInOrder(text.split("\n").map((line) => line.replace(/\s+/g, "")), ordered, "labels");
    }
    const values = publishedValues(seed);
    expect(values.length).toBeGreaterThan(0);
    expectTokensInOrder(text.split(/\s+/).filter(Boolean), values, "published numbers");
  });
});
