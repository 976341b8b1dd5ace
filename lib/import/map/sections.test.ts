import { describe, expect, it } from "vitest";
import { TEMPLATES } from "../../../templates";
import type { Block } from "../intermediate";
import { recogniseHeading, splitSections, type HeadingState } from "./sections";
import { isTableLabel } from "./tables";

const template = TEMPLATES["2021"];
const at = { kind: "text" as const, line: 1 };
const fresh = (lastNumeral = 0, seen: string[] = []): HeadingState => ({ lastNumeral, seen: new Set(seen) });
const recognised = (text: string, state = fresh()) => recogniseHeading(text, at, template, state, isTableLabel)?.section?.id ?? null;

describe("recogniseHeading", () => {
  it.each([
    ["一、总体情况", "overview"],
    ["一、总体情况。", "overview"],
    ["一.总体情况", "overview"],
    ["一 总体情况", "overview"],
    ["总体情况", "overview"],
    ["主动公开政府信息情况", "proactive"],
    ["二、主动公开政府信息的情况", "proactive"],
    ["三、收到和处理政府信息公开申请情况", "requests"],
    ["三、依申请公开政府信息情况", "requests"],
    ["四、政府信息公开行政复议、行政诉讼情况", "reviews"],
    ["五、存在问题及改进情况", "problems"],
    ["五、政府信息公开工作存在的主要问题和改进情况", "problems"],
    ["六、其它需要报告的事项", "other"],
    ["第六部分 其他需要报告的事项", "other"],
  ])("「%s」 → %s", (text, id) => {
    expect(recognised(text)).toBe(id);
  });

  it.each([
    ["（一）主动公开", "a sub-heading"],
    ["主动公开情况", "a topic without the title's words"],
    ["行政复议", "a table header"],
    ["一、本年新收政府信息公开申请数量", "a table row"],
    ["四、结转下年度继续办理", "a table row"],
    ["一是主动公开情况。市公安局依托门户网站……", "a paragraph"],
  ])("「%s」 is no heading (%s)", (text) => {
    expect(recognised(text, fresh(3))).toBeNull();
  });

  it("takes a numeral smaller than the last heading's as no heading, a section seen as no heading", () => {
    expect(recognised("二、主动公开政府信息情况", fresh(3))).toBeNull();
    expect(recognised("总体情况", fresh(1, ["overview"]))).toBeNull();
  });

  it("an unknown numbered heading is an extra section only with the next numeral", () => {
    expect(recogniseHeading("三、公开平台建设和信息发布情况", at, template, fresh(2), isTableLabel)).toMatchObject({ section: null, numeral: 3 });
    expect(recogniseHeading("五、公开平台建设和信息发布情况", at, template, fresh(2), isTableLabel)).toBeNull();
  });
});

describe("splitSections", () => {
  const p = (text: string, line: number): Block => ({ kind: "paragraph", text, at: { kind: "text", line } });

  it("puts what precedes the first heading in the front matter and the rest under its heading", () => {
    const { front, regions } = splitSections([p("标题", 1), p("一、总体情况", 2), p("正文", 3), p("二、主动公开政府信息情况", 4)], template, isTableLabel);
    expect(front.map((b) => b.kind !== "table" && b.text)).toEqual(["标题"]);
    expect(regions.map((r) => [r.heading.published, r.blocks.length])).toEqual([
      ["一、总体情况", 1],
      ["二、主动公开政府信息情况", 0],
    ]);
  });

  it("gives a numbered paragraph taken for an extra section back when the real heading has its numeral", () => {
    const blocks = [p("五、存在的主要问题及改进情况", 1), p("一是……。", 2), p("六、加强培训工作", 3), p("下一步……。", 4), p("六、其他需要报告的事项", 5), p("无", 6)];
    const { regions } = splitSections(blocks, template, isTableLabel);
    expect(regions.map((r) => r.heading.section?.id)).toEqual(["problems", "other"]);
    expect(regions[0].blocks.map((b) => b.kind !== "table" && b.text)).toEqual(["一是……。", "六、加强培训工作", "下一步……。"]);
  });

  it("splits a table at a row that holds only a section heading", () => {
    const cell = (text: string, line: number) => ({ text, at: { kind: "text" as const, line } });
    const table: Block = { kind: "table", rows: [[cell("规章", 1), cell("0", 1)], [cell("三、收到和处理政府信息公开申请情况", 2)], [cell("一、本年新收政府信息公开申请数量", 3)]], at: { kind: "text", line: 1 } };
    const { regions } = splitSections([p("二、主动公开政府信息情况", 0), table], template, isTableLabel);
    expect(regions.map((r) => [r.heading.section?.id, r.blocks.length])).toEqual([
      ["proactive", 1],
      ["requests", 1],
    ]);
  });
});
