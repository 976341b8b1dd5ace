import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { buildDocument } from "@/lib/document/build-document";
import { renderHtmlFragment } from "@/lib/render/html/render-html";
import { prepareReport } from "@/lib/report/prepare-report";
import { buildSampleReport } from "@/lib/report/sample-report";
import {
  anchorOfElement,
  anchorOfParts,
  documentAnchors,
  elementOfAnchor,
  fallbackAnchorLabel,
  groupThreadsByAnchor,
  REPORT_ID_PREFIX,
} from "./anchors";

function sampleDocument() {
  const content = buildSampleReport({ year: 2022, agency: "示例市公安局", seed: 3 });
  content.sections!.overview![2] = { title: null, text: "无标题的一段。\n第二段。" };
  const prepared = prepareReport(content);
  if (!prepared.ok) throw new Error("sample does not prepare");
  return buildDocument(prepared.report);
}

describe("documentAnchors", () => {
  const anchors = documentAnchors(sampleDocument());

  it("lists sections, body paragraphs and value cells in reading order, each once", () => {
    expect(anchors.slice(0, 3).map((a) => a.key)).toEqual(["PARAGRAPH:preface-p1", "SECTION:overview", "PARAGRAPH:overview-1-p1"]);
    expect(new Set(anchors.map((a) => a.key)).size).toBe(anchors.length);
    expect(anchors.filter((a) => a.type === "SECTION").map((a) => a.anchor)).toEqual(["overview", "proactive", "requests", "reviews", "problems", "other"]);
    // The signature and date lines are not commentable.
    expect(anchors.some((a) => a.anchor === "signature" || a.anchor === "date")).toBe(false);
  });

  it("labels cells by table, row and column headings, and quotes the printed value", () => {
    const cell = anchors.find((a) => a.key === "CELL:requests.received.natural_person")!;
    expect(cell.label).toBe("表三（收到和处理申请） 一、本年新收政府信息公开申请数量 ／ 申请人情况 › 自然人");
    expect(cell.text).toMatch(/^\d+$/);
  });

  it("labels paragraphs by part and topic, numbering untitled topics", () => {
    expect(anchors.find((a) => a.anchor === "overview-2-p1")!.label).toBe("一、总体情况 · （二）依申请公开 第 1 段");
    expect(anchors.find((a) => a.anchor === "overview-3-p2")!.label).toBe("一、总体情况 · 第 3 部分 第 2 段");
    expect(anchors.find((a) => a.anchor === "section-problems-p1")!.label).toBe("五、存在的主要问题及改进情况 第 1 段");
    // Bound numbers are quoted as printed, not as {{…}}.
    expect(anchors.find((a) => a.anchor === "overview-2-p1")!.text).toMatch(/^本年共收到政府信息公开申请\d+件/);
  });
});

describe("anchors of elements", () => {
  it("maps cells, paragraphs and headings to anchors; other ids are not commentable", () => {
    expect(anchorOfParts({ tag: "TD", ref: "requests.received.total" })).toEqual({ type: "CELL", anchor: "requests.received.total" });
    expect(anchorOfParts({ tag: "P", id: "doc-overview-2-p3" })).toEqual({ type: "PARAGRAPH", anchor: "overview-2-p3" });
    expect(anchorOfParts({ tag: "H2", id: "doc-section-requests" })).toEqual({ type: "SECTION", anchor: "requests" });
    expect(anchorOfParts({ tag: "H3", id: "doc-overview-2", text: "（二）依申请公开" })).toEqual({ type: "SECTION", anchor: "overview", quote: "（二）依申请公开" });
    expect(anchorOfParts({ tag: "P", id: "doc-signature" })).toBeNull();
    expect(anchorOfParts({ tag: "P", id: "overview-2-p3" })).toBeNull();
    expect(anchorOfParts({ tag: "SPAN", id: "doc-preface-p1" })).toBeNull();
  });

  it("finds the anchor of a click inside the rendered report and the element of an anchor", () => {
    const html = renderHtmlFragment(sampleDocument(), { idPrefix: REPORT_ID_PREFIX });
    const root = new JSDOM(`<div>${html}</div>`).window.document.body;
    // A click on a number bound inside a paragraph comments on the paragraph.
    const bound = root.querySelector("#doc-overview-2-p1 .bound-value")!;
    expect(anchorOfElement(bound)?.anchor).toEqual({ type: "PARAGRAPH", anchor: "overview-2-p1" });
    const cell = root.querySelector('td[data-ref="requests.received.total"]')!;
    expect(anchorOfElement(cell)?.anchor).toEqual({ type: "CELL", anchor: "requests.received.total" });
    expect(anchorOfElement(root.querySelector("caption")!)).toBeNull();

    expect(elementOfAnchor(root, { type: "CELL", anchor: "requests.received.total" })).toBe(cell);
    expect(elementOfAnchor(root, { type: "SECTION", anchor: "reviews" })?.textContent).toBe("四、政府信息公开行政复议、行政诉讼情况");
    expect(elementOfAnchor(root, { type: "PARAGRAPH", anchor: "preface-p1" })?.tagName).toBe("P");
    expect(elementOfAnchor(root, { type: "PARAGRAPH", anchor: "preface-p9" })).toBeNull();
    expect(elementOfAnchor(root, { type: "CELL", anchor: 'x"] , *[data-ref="requests.received.total' })).toBeNull();
  });
});

describe("anchor labels", () => {
  it("labels anchors that left the report, naming cells from the format", () => {
    expect(fallbackAnchorLabel({ type: "PARAGRAPH", anchor: "preface-p4" })).toBe("段落 preface-p4（当前报告中已没有此处）");
    expect(fallbackAnchorLabel({ type: "CELL", anchor: "reviews.reconsideration.upheld" }, "2021")).toBe("表四（行政复议、行政诉讼） 行政复议 ／ 结果维持");
  });
});

describe("groupThreadsByAnchor", () => {
  const t = (anchorType: "CELL" | "PARAGRAPH" | "SECTION", anchor: string, createdAt: string, resolved = false) => ({
    anchorType,
    anchor,
    createdAt,
    resolvedAt: resolved ? "2026-01-09T00:00:00Z" : null,
  });

  it("groups by anchor in reading order, threads oldest first, counting open threads; lost anchors last", () => {
    const order = ["PARAGRAPH:preface-p1", "SECTION:requests", "CELL:requests.received.total"];
    const threads = [
      t("CELL", "requests.received.total", "2026-01-05T10:00:00Z"),
      t("PARAGRAPH", "section-other-p9", "2026-01-01T10:00:00Z"),
      t("PARAGRAPH", "preface-p1", "2026-01-07T10:00:00Z", true),
      t("CELL", "requests.received.total", "2026-01-03T10:00:00Z", true),
    ];
    const groups = groupThreadsByAnchor(threads, order);
    expect(groups.map((g) => [g.key, g.threads.length, g.open])).toEqual([
      ["PARAGRAPH:preface-p1", 1, 0],
      ["CELL:requests.received.total", 2, 1],
      ["PARAGRAPH:section-other-p9", 1, 1],
    ]);
    expect(groups[1].threads.map((x) => x.createdAt)).toEqual(["2026-01-03T10:00:00Z", "2026-01-05T10:00:00Z"]);
  });
});
