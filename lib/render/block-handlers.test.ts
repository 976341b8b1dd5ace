import { readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildDocument } from "../document/build-document";
import type { Block, ReportDocument } from "../document/types";
import { prepareReport } from "../report/prepare-report";
import { dispatchBlock, unknownBlockReporter, type BlockHandlers, type UnknownBlock } from "./block-handlers";
import { renderDocx } from "./docx/render-docx";
import { renderHtmlDocument, renderHtmlFragment } from "./html/render-html";
import { extractPdfText } from "./pdf/extract-pdf-text";
import { pdfLayout, renderPdf } from "./pdf/render-pdf";

/** Seed 004 has every block type and both closing paragraphs (signature and date). */
const SEED = join(__dirname, "../../fixtures/seeds/004_f8f28e4c849350e4.json");

function seedDocument(): ReportDocument {
  const prepared = prepareReport(JSON.parse(readFileSync(SEED, "utf8")));
  if (!prepared.ok) throw new Error("seed 004 does not prepare");
  return buildDocument(prepared.report);
}

/** A block from a newer model, a block without a type, and one whose type names an Object.prototype key. */
const CHART = { type: "chart", caption: "图1 申请数量", values: [1, 2, 3] };
const NULL_BLOCK = null;
const PROTOTYPE_KEY = { type: "toString", text: "不是文字块" };

/**
 * The seed with the three unknown blocks inserted where skipping them changes nothing else: not
 * right before a table (its caption depends on the block before) nor between signature and date.
 */
function withUnknownBlocks(doc: ReportDocument): { doc: ReportDocument; expected: Omit<UnknownBlock, "renderer">[] } {
  const blocks: unknown[] = [...doc.blocks];
  const firstTable = blocks.findIndex((b) => (b as Block).type === "table");
  const signature = blocks.findIndex((b) => (b as Block).type === "paragraph" && (b as { role: string }).role === "signature");
  expect(firstTable).toBeGreaterThan(3);
  expect(signature).toBeGreaterThan(firstTable);
  expect((blocks[signature + 1] as { role?: string }).role).toBe("date");
  // Insert from the back so the earlier positions stay put.
  blocks.push(PROTOTYPE_KEY); // after the date
  blocks.splice(firstTable + 1, 0, NULL_BLOCK); // after the first table
  blocks.splice(2, 0, CHART); // after the preface
  const expected = [
    { index: 2, type: "chart", block: CHART },
    { index: firstTable + 2, type: undefined, block: NULL_BLOCK },
    { index: blocks.length - 1, type: "toString", block: PROTOTYPE_KEY },
  ];
  return { doc: { ...doc, blocks: blocks as Block[] }, expected };
}

const known = seedDocument();
const { doc: mixed, expected } = withUnknownBlocks(known);

function collect(): { reports: UnknownBlock[]; onUnknownBlock: (u: UnknownBlock) => void } {
  const reports: UnknownBlock[] = [];
  return { reports, onUnknownBlock: (u) => reports.push(u) };
}

async function documentXml(docx: Buffer): Promise<string> {
  return (await JSZip.loadAsync(docx)).file("word/document.xml")!.async("string");
}

describe("dispatchBlock", () => {
  const handlers: BlockHandlers<string, string> = {
    title: (b, ctx) => `${ctx}title:${b.lines.join("")}`,
    heading: (b, ctx) => `${ctx}heading:${b.text}`,
    paragraph: (b, ctx) => `${ctx}paragraph:${b.role}`,
    table: (b, ctx) => `${ctx}table:${b.table.id}`,
  };

  it("calls the handler of the block's type with the context", () => {
    const report = vi.fn();
    expect(dispatchBlock(handlers, { type: "heading", level: 1, text: "一、总体情况", anchor: "a" }, 0, ">", report)).toBe(">heading:一、总体情况");
    expect(report).not.toHaveBeenCalled();
  });

  it("reports a block without a handler with its index, type and the block itself, and yields undefined", () => {
    const { reports, onUnknownBlock } = collect();
    const report = unknownBlockReporter("html", { onUnknownBlock });
    const blocks = [CHART, NULL_BLOCK, PROTOTYPE_KEY, { type: 7 }, "paragraph"] as unknown as Block[];
    expect(blocks.map((b, i) => dispatchBlock(handlers, b, i, "", report))).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(reports).toEqual([
      { renderer: "html", index: 0, type: "chart", block: CHART },
      { renderer: "html", index: 1, type: undefined, block: null },
      { renderer: "html", index: 2, type: "toString", block: PROTOTYPE_KEY },
      { renderer: "html", index: 3, type: undefined, block: { type: 7 } },
      { renderer: "html", index: 4, type: undefined, block: "paragraph" },
    ]);
  });

  describe("without onUnknownBlock", () => {
    afterEach(() => vi.restoreAllMocks());

    it("warns on the console instead", () => {
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      dispatchBlock(handlers, CHART as unknown as Block, 5, "", unknownBlockReporter("docx"));
      dispatchBlock(handlers, NULL_BLOCK as unknown as Block, 6, "", unknownBlockReporter("pdf", {}));
      expect(warn.mock.calls).toEqual([
        ['[gov-report] render-docx: skipped block 5 of unknown type "chart"'],
        ["[gov-report] render-pdf: skipped block 6 without a type"],
      ]);
    });
  });
});

describe("a document with unknown blocks", () => {
  it("the fixture has unknown blocks among known ones", () => {
    expect(mixed.blocks.length).toBe(known.blocks.length + 3);
    expect(expected.map((e) => mixed.blocks[e.index])).toEqual([CHART, NULL_BLOCK, PROTOTYPE_KEY]);
  });

  it("renderHtmlFragment renders the rest and reports the unknown blocks", () => {
    const { reports, onUnknownBlock } = collect();
    const html = renderHtmlFragment(mixed, { onUnknownBlock, idPrefix: "r-" });
    expect(html).toBe(renderHtmlFragment(known, { idPrefix: "r-" }));
    expect(html).toContain("六、其他需要报告的事项");
    expect(reports).toEqual(expected.map((e) => ({ renderer: "html", ...e })));
  });

  it("renderHtmlDocument passes onUnknownBlock on", () => {
    const { reports, onUnknownBlock } = collect();
    expect(renderHtmlDocument(mixed, { onUnknownBlock })).toBe(renderHtmlDocument(known));
    expect(reports).toEqual(expected.map((e) => ({ renderer: "html", ...e })));
  });

  it("renderDocx renders the rest and reports the unknown blocks", async () => {
    const { reports, onUnknownBlock } = collect();
    const xml = await documentXml(await renderDocx(mixed, { onUnknownBlock }));
    expect(xml).toBe(await documentXml(await renderDocx(known, { onUnknownBlock: () => expect.unreachable() })));
    expect(xml).toContain("2021年1月18日");
    expect(reports).toEqual(expected.map((e) => ({ renderer: "docx", ...e })));
  });

  it("pdfLayout lays out the rest and reports the unknown blocks", () => {
    const { reports, onUnknownBlock } = collect();
    const pages = pdfLayout(mixed, { onUnknownBlock }).pages;
    expect(pages).toEqual(pdfLayout(known, { onUnknownBlock: () => expect.unreachable() }).pages);
    expect(reports).toEqual(expected.map((e) => ({ renderer: "pdf", ...e })));
  });

  it("renderPdf prints the rest and reports the unknown blocks", async () => {
    const { reports, onUnknownBlock } = collect();
    const text = await extractPdfText(await renderPdf(mixed, { onUnknownBlock }));
    expect(text).toBe(await extractPdfText(await renderPdf(known)));
    expect(text.replace(/\s+/g, "")).toContain("2021年1月18日");
    expect(reports).toEqual(expected.map((e) => ({ renderer: "pdf", ...e })));
  });
});
