import { describe, expect, it } from "vitest";
import type { Block } from "../intermediate";
import { cleanInline, parseText } from "./parse-text";

const texts = (rows: { text: string }[][]) => rows.map((row) => row.map((c) => c.text));
const tableOf = (blocks: Block[]) => {
  const table = blocks.find((b) => b.kind === "table");
  if (table?.kind !== "table") throw new Error("no table");
  return table;
};

describe("parseText", () => {
  it("makes every non-blank line outside a table a paragraph, numbered by line", () => {
    const { blocks } = parseText("标题\n\n  第一段。\n第二段");
    expect(blocks).toEqual([
      { kind: "paragraph", text: "标题", at: { kind: "text", line: 1 } },
      { kind: "paragraph", text: "第一段。", at: { kind: "text", line: 3 } },
      { kind: "paragraph", text: "第二段", at: { kind: "text", line: 4 } },
    ]);
  });

  it("splits tab-separated rows into cells with their columns, blank lines inside the table ignored", () => {
    const table = tableOf(parseText("规章\t0\t1\n\n规范性文件\t\t11").blocks);
    expect(texts(table.rows)).toEqual([
      ["规章", "0", "1"],
      ["规范性文件", "", "11"],
    ]);
    expect(table.rows[0][2].at).toEqual({ kind: "text", line: 1, column: 6 });
    expect(table.rows[1][0].at).toEqual({ kind: "text", line: 3, column: 1 });
  });

  it("splits | rows: Markdown rows with outer pipes, extracted rows with a pipe after each cell", () => {
    expect(texts(tableOf(parseText("| 规章 | 0 | 1 |\n| --- | :-: | --- |\n| 行政许可 |  | 5 |").blocks).rows)).toEqual([
      ["规章", "0", "1"],
      ["行政许可", "", "5"],
    ]);
    // Seed 002: the heading and three empty cells, then one cell per line.
    expect(texts(tableOf(parseText("第二十条第(一)项 | |||\n信息内容 |\n本年新 |").blocks).rows)).toEqual([["第二十条第(一)项"], ["信息内容"], ["本年新"]]);
  });

  it("keeps a one-cell-per-line table grouped by blank lines as rows; a lone tab is an empty cell", () => {
    const text = ["\t规章", "\t　0", "\t", "\t0", "", "\t规范性文件", "\t1", "\t2", "\t3"].join("\n");
    expect(texts(tableOf(parseText(text).blocks).rows)).toEqual([
      ["规章", "0", "", "0"],
      ["规范性文件", "1", "2", "3"],
    ]);
  });

  it("joins a cell wrapped onto a line of its own after a blank line (seed 001: 「结果」 / 「维持」)", () => {
    const text = ["\t行政复议", "\t行政诉讼", "", "\t结果", "", "维持", "\t结果纠正"].join("\n");
    expect(texts(tableOf(parseText(text).blocks).rows)).toEqual([
      ["行政复议", "行政诉讼"],
      ["结果维持", "结果纠正"],
    ]);
  });

  it("ends a table at a paragraph; a heading right after a table stays a paragraph", () => {
    const { blocks } = parseText("1753802元 |\n三、收到和处理政府信息公开申请情况\n(本列数据) |");
    expect(blocks.map((b) => b.kind)).toEqual(["table", "paragraph", "table"]);
  });

  it("skips separator lines, Markdown emphasis, autolinks and links; # lines are headings", () => {
    const { blocks } = parseText("## **六、其他需要报告的事项**\n网址为 <http://gaj.shizuishan.gov.cn/>，见[门户网站](http://x.cn)\n--------\t---\n**\n");
    expect(blocks).toEqual([
      { kind: "heading", text: "六、其他需要报告的事项", level: 2, at: { kind: "text", line: 1 } },
      { kind: "paragraph", text: "网址为 http://gaj.shizuishan.gov.cn/，见门户网站", at: { kind: "text", line: 2 } },
    ]);
  });

  it("reads CRLF and CR line ends and a byte-order mark", () => {
    expect(parseText("\ufeff甲\r\n乙\r丙").blocks.map((b) => (b.kind === "table" ? "" : b.text))).toEqual(["甲", "乙", "丙"]);
  });

  it("cleanInline trims full-width spaces and decodes common entities", () => {
    expect(cleanInline("　　A&amp;B&nbsp;C　")).toBe("A&B C");
  });
});
