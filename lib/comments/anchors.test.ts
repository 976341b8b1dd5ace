import { describe, expect, it } from "vitest";
import { TEMPLATES } from "../../templates";
import { buildDocument } from "../document/build-document";
import { prepareReport } from "../report/prepare-report";
import { buildSampleReport } from "../report/sample-report";
import {
  anchorKey,
  formatParagraphAnchor,
  isValidAnchor,
  parseAnchorKey,
  parseParagraphAnchor,
  parseSectionHeadingAnchor,
  parseTopicAnchor,
  sectionHeadingAnchor,
  topicAnchor,
  type ParagraphPart,
} from "./anchors";

const t2021 = TEMPLATES["2021"];

describe("anchor grammar", () => {
  it("formats and parses paragraph anchors of every part", () => {
    const parts: ParagraphPart[] = [{ kind: "preface" }, { kind: "topic", topic: 2 }, { kind: "section", section: "problems" }];
    expect(parts.map((part) => formatParagraphAnchor(part, 3))).toEqual(["preface-p3", "overview-2-p3", "section-problems-p3"]);
    for (const part of parts) expect(parseParagraphAnchor(formatParagraphAnchor(part, 7))).toEqual({ part, paragraph: 7 });
  });

  it("refuses what is not a paragraph anchor", () => {
    for (const text of ["preface", "preface-p", "overview-p1", "section-Problems-p1", "signature", "date", "overview-123-p1", "preface-p12345", " preface-p1"]) {
      expect(parseParagraphAnchor(text), text).toBeNull();
    }
  });

  it("names section and topic headings", () => {
    expect(sectionHeadingAnchor("requests")).toBe("section-requests");
    expect(parseSectionHeadingAnchor("section-requests")).toBe("requests");
    expect(parseSectionHeadingAnchor("overview-2")).toBeNull();
    expect(topicAnchor(2)).toBe("overview-2");
    expect(parseTopicAnchor("overview-2")).toBe(2);
    expect(parseTopicAnchor("overview-2-p1")).toBeNull();
  });

  it("round-trips keys", () => {
    expect(parseAnchorKey(anchorKey("CELL", "requests.received.total"))).toEqual({ type: "CELL", anchor: "requests.received.total" });
    expect(parseAnchorKey("NOPE:x")).toBeNull();
  });

  it("accepts anchors that exist in the format, and nothing else", () => {
    expect(isValidAnchor(t2021, "CELL", "requests.received.natural_person")).toBe(true);
    expect(isValidAnchor(t2021, "CELL", "requests.received.nobody")).toBe(false);
    expect(isValidAnchor(t2021, "SECTION", "problems")).toBe(true);
    expect(isValidAnchor(t2021, "SECTION", "section-problems")).toBe(false);
    expect(isValidAnchor(t2021, "PARAGRAPH", "overview-3-p2")).toBe(true);
    expect(isValidAnchor(t2021, "PARAGRAPH", "signature")).toBe(false);
  });

  it("parses every anchor the document builder produces", () => {
    const content = buildSampleReport({ year: 2022, agency: "示例市公安局", seed: 5 });
    const prepared = prepareReport(content);
    if (!prepared.ok) throw new Error("sample does not prepare");
    const doc = buildDocument(prepared.report);
    const paragraphs = doc.blocks.filter((b) => b.type === "paragraph" && b.role === "body");
    expect(paragraphs.length).toBeGreaterThan(5);
    for (const block of paragraphs) {
      if (block.type !== "paragraph") continue;
      expect(parseParagraphAnchor(block.anchor), block.anchor).not.toBeNull();
      expect(isValidAnchor(prepared.report.template, "PARAGRAPH", block.anchor)).toBe(true);
    }
    for (const block of doc.blocks) {
      if (block.type !== "heading") continue;
      if (block.level === 1) expect(parseSectionHeadingAnchor(block.anchor)).toBe(block.section);
      else expect(parseTopicAnchor(block.anchor)).not.toBeNull();
    }
  });
});
