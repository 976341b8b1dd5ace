import { describe, expect, it } from "vitest";
import { loadSeed } from "../test-support/seeds";
import { buildDocument } from "./build-document";
import { isLevel2HeadingText } from "./level2-heading";
import type { ParagraphBlock } from "./types";

describe("level-2 headings typed in the text", () => {
  it.each(["（一）存在的主要问题", "(一) 存在的主要问题", "（二） 改进措施", "( 三 )下一步工作打算", "（十一）其他"])("「%s」 is a heading", (text) => {
    expect(isLevel2HeadingText(text)).toBe(true);
  });

  it.each([
    "（一）主动公开情况。本年度共主动公开信息 120 条。",
    "(一)存在问题：一是……",
    "（一）",
    "一、存在的主要问题",
    "(1) 存在的主要问题",
    "今年以来（一）项工作",
    "（二）进一步完善工作机制，确保信息不出错",
  ])("「%s」 is not", (text) => {
    expect(isLevel2HeadingText(text)).toBe(false);
  });

  it("makes seed 003's 「(一) 存在的主要问题」 and 「（二）改进措施」 headings, keeping them paragraphs with their anchors", () => {
    const doc = buildDocument(loadSeed("003_5f1914cbe288c934"));
    const problems = doc.blocks.filter((b): b is ParagraphBlock => b.type === "paragraph" && b.anchor.startsWith("section-problems"));
    expect(problems.filter((p) => p.heading === 2).map((p) => [p.anchor, p.inlines.map((i) => i.text).join("")])).toEqual([
      ["section-problems-p1", "(一) 存在的主要问题"],
      ["section-problems-p3", "（二）改进措施"],
    ]);
    expect(problems.filter((p) => p.heading === undefined)).toHaveLength(2);
  });
});
