import { describe, expect, it } from "vitest";
import { isSubHeading, joinBrokenLines, joinParagraphs, overviewItems, type TextPiece } from "./narrative";

const piece = (text: string, line: number, heading = false): TextPiece => ({ text, at: { kind: "text", line }, heading });

describe("joinBrokenLines", () => {
  it("joins a line that ends mid-sentence with the next (page breaks, wraps)", () => {
    const joined = joinBrokenLines([piece("通过“中国·宁夏”政府", 1), piece("门户网站公开信息。", 3), piece("二是依申请公开情况。", 5)]);
    expect(joined.map((p) => [p.text, (p.at as { line: number }).line])).toEqual([
      ["通过“中国·宁夏”政府门户网站公开信息。", 1],
      ["二是依申请公开情况。", 5],
    ]);
  });

  it("keeps paragraphs that end a sentence, a list lead-in or a quote apart", () => {
    const texts = ["甲。", "乙：", "丙！", "“丁”"];
    expect(joinBrokenLines(texts.map((t, i) => piece(t, i))).map((p) => p.text)).toEqual(texts);
  });

  it("never joins a heading or a sub-heading, before or after", () => {
    const joined = joinBrokenLines([piece("(一) 存在的主要问题", 1, true), piece("今年以来，", 2), piece("（二）改进措施", 3), piece("一、加强培训", 4), piece("下一步。", 5)]);
    expect(joined.map((p) => p.text)).toEqual(["(一) 存在的主要问题", "今年以来，", "（二）改进措施", "一、加强培训", "下一步。"]);
  });

  it("paragraphs are separated by a blank line", () => {
    expect(joinParagraphs([piece("甲。", 1), piece("乙。", 2)])).toBe("甲。\n\n乙。");
  });
});

describe("overviewItems", () => {
  it("text before the first sub-heading has no title; each sub-heading starts an item", () => {
    const items = overviewItems([piece("总述。", 1), piece("(一)主动公开", 2), piece("公开 10 条。", 3), piece("另起一段。", 4), piece("（二）依申请公开", 5), piece("收到 1 件。", 6)]);
    expect(items.map((i) => i.item)).toEqual([
      { title: null, text: "总述。" },
      { title: "(一)主动公开", text: "公开 10 条。\n\n另起一段。" },
      { title: "（二）依申请公开", text: "收到 1 件。" },
    ]);
    expect(items.map((i) => [(i.at as { line: number }).line, (i.titleAt as { line: number } | undefined)?.line])).toEqual([
      [1, undefined],
      [3, 2],
      [6, 5],
    ]);
  });

  it("a sub-heading is numbered, short and without a sentence inside", () => {
    expect(isSubHeading(piece("（三）关于政府信息规范化、标准化情况", 1))).toBe(true);
    expect(isSubHeading(piece("（一）及时主动，回应群众。做好主动回应，正确引导社会舆论。", 1))).toBe(false);
    expect(isSubHeading(piece("一是主动公开情况", 1))).toBe(false);
  });
});
