import fc from "fast-check";
import { JSDOM } from "jsdom";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { TEMPLATES } from "../../templates";
import { buildDocument } from "../document/build-document";
import { prepareReport } from "../report/prepare-report";
import { templateCells } from "../template/cells";
import { extractDocxText } from "./docx/extract-docx-text";
import { renderDocx } from "./docx/render-docx";
import { renderHtmlDocument } from "./html/render-html";
import { renderPdf } from "./pdf/render-pdf";

/** Characters that stress renderers: CJK, brackets, XML specials, control chars, emoji, references. */
const text = fc.string({
  unit: fc.constantFrom(..."政府信息公开年度报告一二三（）《》“”—、，。 \n\t<>&\"'{}.0123456789abcXYZ😀\u0001\u000b\u200b\uFFFF"),
  maxLength: 80,
});
const narrative = fc.oneof(text, text.map((t) => `${t}{{requests.received.total}}${t}`), text.map((t) => `{{requests.${t}.x}}`));
// Within the schema's ±10^9 (lib/report/schema.ts CELL_VALUE_MAX): beyond it a report is not schema-valid.
const cell = fc.oneof(fc.constant(null), fc.integer({ min: -1e6, max: 1e9 }), fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }), text);

/** Any report the draft schema accepts, in either format. */
const anyReport = fc
  .record({ year: fc.integer({ min: 2000, max: 2100 }), format: fc.constantFrom(undefined, "2019", "2021") })
  .chain(({ year, format }) => {
    const template = TEMPLATES[format ?? (year <= 2020 ? "2019" : "2021")];
    const keys = [...templateCells(template).keys()];
    return fc.record({
      format: fc.constant(format),
      year: fc.constant(year),
      agency: text.filter((t) => t.trim().length > 0 && t.length <= 100),
      date: fc.option(fc.date({ min: new Date("2000-01-01"), max: new Date("2100-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), { nil: undefined }),
      preface: fc.option(narrative, { nil: undefined }),
      sections: fc.record({
        overview: fc.array(fc.record({ title: fc.option(text, { nil: null }), text: narrative }), { maxLength: 4 }),
        problems: narrative,
        other: narrative,
      }),
      cells: fc.array(fc.tuple(fc.constantFrom(...keys), cell), { maxLength: 40 }),
    });
  })
  .map(({ cells, format, ...rest }) => {
    const tables: Record<string, Record<string, Record<string, unknown>>> = {};
    for (const [key, value] of cells) {
      const [table, row, col] = key.split(".");
      ((tables[table] ??= {})[row] ??= {})[col] = value;
    }
    return { ...(format ? { format } : {}), ...rest, tables };
  });

describe("renderers on any schema-valid report", () => {
  it("never throw, and the DOCX stays a readable package", async () => {
    await fc.assert(
      fc.asyncProperty(anyReport, async (input) => {
        const prepared = prepareReport(input);
        if (!prepared.ok) throw new Error(`generator produced an invalid report: ${JSON.stringify(prepared.issues)}`);
        const document = buildDocument(prepared.report);
        expect(renderHtmlDocument(document)).toContain("<html");
        const docx = await renderDocx(document);
        expect(await extractDocxText(docx)).toContain("一、总体情况");
        const xml = await (await JSZip.loadAsync(docx)).file("word/document.xml")!.async("string");
        const parsed = new JSDOM(xml, { contentType: "text/xml" }).window.document;
        expect(parsed.querySelector("parsererror")).toBeNull();
        const pdf = await renderPdf(document);
        expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      }),
      { numRuns: 30 },
    );
  });
});
