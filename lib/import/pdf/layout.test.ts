import { describe, expect, it } from "vitest";
import type { Block, GridCell } from "../intermediate";
import { buildLines, joinLines, joinRuns } from "./lines";
import type { PageContent, Segment, TextRun } from "./page-content";
import { layoutDocument } from "./parse-pdf";
import { respace } from "./read-pdf";

/*
 * The layout on pages given directly (no PDF): lines, paragraphs, headings, running heads and
 * page numbers, ruled tables with merged cells, tables over page breaks, tables without rules.
 */

const SIZE = 16;
const LEFT = 79.37;
const RIGHT = 521.57;
const PITCH = 28.95;

/** A run; CJK characters 1 em wide, others half an em. */
function run(text: string, x: number, y: number, options: { size?: number; font?: string; width?: number } = {}): TextRun {
  const size = options.size ?? SIZE;
  const width = options.width ?? [...text].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef“”]/.test(ch) ? size : size / 2), 0);
  return { text, x, y, width, size, font: options.font ?? "body" };
}

/** A paragraph of full lines (the last one `lastChars` wide), its first line indented 2 字. */
function paragraph(text: string[], y: number, options: { indent?: boolean } = {}): TextRun[] {
  return text.map((line, i) => {
    const x = i === 0 && options.indent !== false ? LEFT + 2 * SIZE : LEFT;
    const full = i < text.length - 1;
    return run(line, x, y + i * PITCH, full ? { width: RIGHT - x } : {});
  });
}

function page(n: number, runs: TextRun[], segments: Segment[] = []): PageContent {
  return { page: n, width: 595.28, height: 841.89, runs, segments };
}

/** Rules of a grid: rows × columns, with the listed inner rules left out. */
function grid(xs: number[], ys: number[], omit: { v?: [number, number][]; h?: [number, number][] } = {}): Segment[] {
  const segments: Segment[] = [];
  ys.forEach((y, r) =>
    xs.slice(0, -1).forEach((x, c) => {
      if (!omit.h?.some(([rr, cc]) => rr === r && cc === c)) segments.push({ x1: x, y1: y, x2: xs[c + 1], y2: y });
    }),
  );
  xs.forEach((x, c) =>
    ys.slice(0, -1).forEach((y, r) => {
      if (!omit.v?.some(([rr, cc]) => rr === r && cc === c)) segments.push({ x1: x, y1: y, x2: x, y2: ys[r + 1] });
    }),
  );
  return segments;
}

const texts = (blocks: Block[]) => blocks.map((b) => (b.kind === "table" ? "[table]" : `${b.kind === "heading" ? `H${b.level} ` : ""}${b.text}`));
const cellTexts = (rows: GridCell[][]) => rows.map((row) => row.map((c) => (c.mergedFrom ? "^" : c.text)));

describe("lines", () => {
  it("joins CJK runs without spaces and keeps real gaps", () => {
    expect(joinRuns("政府信息", "公开", 1, SIZE)).toBe("政府信息公开");
    expect(joinRuns("政府信息", "公开", 0.9 * SIZE, SIZE)).toBe("政府信息 公开");
    expect(joinRuns("2021", "年", 4, SIZE)).toBe("2021年");
    expect(joinRuns("www", "gov", 0.3 * SIZE, SIZE)).toBe("www gov");
    expect(joinRuns("www.", "gov", 0.05 * SIZE, SIZE)).toBe("www.gov");
  });

  it("joins wrapped lines without spaces except between Latin words", () => {
    expect(joinLines("依申请公开", "栏目予以链接")).toBe("依申请公开栏目予以链接");
    expect(joinLines("电话：0952-22", "16049")).toBe("电话：0952-2216049");
    expect(joinLines("网址为 http://gaj.shizuishan.", "gov.cn/")).toBe("网址为 http://gaj.shizuishan.gov.cn/");
    expect(joinLines("the annual", "report")).toBe("the annual report");
  });

  it("takes pdf.js's spaces out of letter-spaced lines", () => {
    expect(respace("（ 地 址 ： 余 姚 8 1 号 ，", null)).toBe("（地址：余姚81号，");
    expect(respace("（ 地 址 ： 余 姚 8 1 号 ，", new Map([["（地址：余姚81号，", "（地址：余姚81号，"]]))).toBe("（地址：余姚81号，");
    expect(respace("规章 0 0 1", new Map([["规章001", "规章 0 0 1"]]))).toBe("规章 0 0 1");
    expect(respace("统计时限从 2021 年 1 月", null)).toBe("统计时限从 2021 年 1 月");
    expect(respace("政府 信息公开", null)).toBe("政府信息公开");
  });

  it("groups runs on one baseline into a line and splits it at wide gaps", () => {
    const lines = buildLines([run("公开", 140, 100.4), run("政府信息", 76, 100), run("行政许可", 300, 100), run("下一行", 76, 130)], 1);
    expect(lines.map((l) => l.chunks.map((c) => c.text))).toEqual([["政府信息公开", "行政许可"], ["下一行"]]);
  });
});

describe("paragraphs and headings", () => {
  it("splits paragraphs at indents and short lines, finds headings by face and numbering", () => {
    const full = (r: TextRun) => ({ ...r, width: RIGHT - r.x });
    const runs = [
      run("示例市公安局", 223, 130, { size: 22, font: "title" }),
      run("2022年政府信息公开工作年度报告", 132, 163, { size: 22, font: "title" }),
      ...paragraph(["本报告根据条例编制，全文包括总体情况等六部", "分。"], 220),
      run("一、总体情况", LEFT + 32, 220 + 2 * PITCH, { font: "heiti" }),
      run("（一）主动公开", LEFT + 32, 220 + 3 * PITCH, { font: "kaiti" }),
      ...paragraph(["本年度主动公开政府信息一千余条，其中通过门户", "网站发布", "八百条。"], 220 + 4 * PITCH).map((r, i) => (i === 1 ? full(r) : r)),
      ...paragraph(["一是加强组织领导，成立工作专班，统筹推进各项", "工作任务落实到位。"], 220 + 7 * PITCH),
      run("（二）依申请公开", LEFT + 32, 220 + 9 * PITCH),
      ...paragraph(["本年度收到申请二十件。"], 220 + 10 * PITCH),
    ];
    const doc = layoutDocument([page(1, runs)]);
    expect(texts(doc.blocks)).toEqual([
      "H1 示例市公安局2022年政府信息公开工作年度报告",
      "本报告根据条例编制，全文包括总体情况等六部分。",
      "H1 一、总体情况",
      "H2 （一）主动公开",
      "本年度主动公开政府信息一千余条，其中通过门户网站发布八百条。",
      "一是加强组织领导，成立工作专班，统筹推进各项工作任务落实到位。",
      "H2 （二）依申请公开",
      "本年度收到申请二十件。",
    ]);
    expect(doc.blocks[2].at).toEqual({ kind: "pdf", page: 1, x: LEFT + 32, y: Math.round((220 + 2 * PITCH - 0.88 * SIZE) * 100) / 100 });
  });

  it("continues a paragraph over a page break when the page ends on a full line", () => {
    const p1 = paragraph(["第一页最后一段的开头，这一行写满到右边距为止", "这一行也是写满的一行文字，直到右边距为止啊"], 600);
    p1[1] = { ...p1[1], width: RIGHT - LEFT };
    const p2 = paragraph(["下一页接着写完。"], 140, { indent: false });
    const doc = layoutDocument([page(1, p1), page(2, p2)]);
    expect(texts(doc.blocks)).toEqual(["第一页最后一段的开头，这一行写满到右边距为止这一行也是写满的一行文字，直到右边距为止啊下一页接着写完。"]);
  });

  it("drops page numbers and running heads and feet", () => {
    const pages = [1, 2, 3].map((n) =>
      page(n, [
        run("示例市公安局2022年度报告", 200, 60, { size: 10.5 }),
        ...paragraph([`第${n}页的正文，内容各不相同，这一段有两`, "行。"], 200),
        run(`— ${n} —`, n % 2 ? 468 : 95, 766, { size: 14 }),
        run("内部资料 注意保存", 250, 800, { size: 9 }),
      ]),
    );
    expect(texts(layoutDocument(pages).blocks)).toEqual([1, 2, 3].map((n) => `第${n}页的正文，内容各不相同，这一段有两行。`));
  });
});

describe("ruled tables", () => {
  const xs = [80, 240, 380, 520];
  const ys = [300, 320, 340, 360, 380];
  // Row 0: one cell over all columns; column 0: rows 2–3 one cell.
  const rules = grid(xs, ys, { v: [[0, 1], [0, 2]], h: [[3, 0]] });
  const cellRun = (text: string, col: number, row: number, cols = 1) => {
    const w = [...text].length * 10.5;
    return run(text, (xs[col] + xs[col + cols]) / 2 - w / 2, ys[row] + 14, { size: 10.5, width: w });
  };
  const runs = [
    cellRun("第二十条第（一）项", 0, 0, 3),
    cellRun("信息内容", 0, 1),
    cellRun("本年制发件数", 1, 1),
    cellRun("现行有效件数", 2, 1),
    { ...cellRun("规章", 0, 2), y: 354 },
    cellRun("3", 1, 2),
    cellRun("12", 2, 2),
    cellRun("0", 1, 3),
    cellRun("5", 2, 3),
  ];

  it("cuts a table into cells by its rules, with spans and covered positions", () => {
    const doc = layoutDocument([page(1, [...paragraph(["表前的一段说明文字。"], 250), ...runs], rules)]);
    expect(texts(doc.blocks)).toEqual(["表前的一段说明文字。", "[table]"]);
    const table = doc.blocks[1] as Extract<Block, { kind: "table" }>;
    expect(cellTexts(table.rows)).toEqual([
      ["第二十条第（一）项", "^", "^"],
      ["信息内容", "本年制发件数", "现行有效件数"],
      ["规章", "3", "12"],
      ["^", "0", "5"],
    ]);
    expect(table.rows[0][0]).toMatchObject({ colSpan: 3 });
    expect(table.rows[2][0]).toMatchObject({ rowSpan: 2 });
    expect(table.rows[3][0].mergedFrom).toEqual({ row: 2, col: 0 });
    expect(table.rows[2][2].at).toMatchObject({ kind: "pdf", page: 1 });
    expect(table.at).toEqual({ kind: "pdf", page: 1, x: 80, y: 300 });
  });

  it("joins a table continued on the next page and drops the header it repeats", () => {
    const header = [cellRun("信息内容", 0, 1), cellRun("本年制发件数", 1, 1), cellRun("现行有效件数", 2, 1)];
    const body = (label: string, a: string, b: string, row: number) => [cellRun(label, 0, row), cellRun(a, 1, row), cellRun(b, 2, row)];
    const rows3 = grid(xs, [320, 340, 360, 380]);
    const p1 = page(1, [...header, ...body("规章", "1", "2", 2), ...body("行政规范性文件", "3", "4", 3)], rows3);
    const p2 = page(2, [...header, ...body("行政许可", "5", "6", 2), ...body("行政处罚", "7", "8", 3)], rows3);
    const doc = layoutDocument([p1, p2]);
    expect(doc.blocks).toHaveLength(1);
    const table = doc.blocks[0] as Extract<Block, { kind: "table" }>;
    expect(cellTexts(table.rows)).toEqual([
      ["信息内容", "本年制发件数", "现行有效件数"],
      ["规章", "1", "2"],
      ["行政规范性文件", "3", "4"],
      ["行政许可", "5", "6"],
      ["行政处罚", "7", "8"],
    ]);
    expect(table.rows[3][1].at).toMatchObject({ page: 2 });
  });

  it("does not take a frame around a paragraph for a table", () => {
    const framed = paragraph(["框里的一段文字。"], 200);
    const doc = layoutDocument([page(1, framed, grid([70, 530], [180, 210]))]);
    expect(texts(doc.blocks)).toEqual(["框里的一段文字。"]);
  });
});

describe("tables without rules", () => {
  it("are found by their columns", () => {
    const row = (cells: [string, number][], y: number) => cells.map(([text, x]) => run(text, x, y, { size: 10.5 }));
    const runs = [
      ...paragraph(["表前的一段说明文字。"], 200),
      ...row([["信息内容", 90], ["本年新制作数量", 250], ["对外公开总数量", 400]], 250),
      ...row([["规章", 90], ["0", 290], ["1", 440]], 265),
      ...row([["规范性文件", 90], ["2", 290], ["11", 437]], 280),
      ...paragraph(["表后的一段文字。"], 330),
    ];
    const doc = layoutDocument([page(1, runs)]);
    expect(texts(doc.blocks)).toEqual(["表前的一段说明文字。", "[table]", "表后的一段文字。"]);
    expect(cellTexts((doc.blocks[1] as Extract<Block, { kind: "table" }>).rows)).toEqual([
      ["信息内容", "本年新制作数量", "对外公开总数量"],
      ["规章", "0", "1"],
      ["规范性文件", "2", "11"],
    ]);
  });
});
