import { describe, expect, it } from "vitest";
import type { ImportDocument } from "./intermediate";
import { describeWhere } from "./review-labels";
import { buildSourceView, locationKey } from "./source-view";

describe("buildSourceView", () => {
  const document: ImportDocument = {
    source: "docx",
    blocks: [
      { kind: "heading", text: "示例市公安局2021年政府信息公开工作年度报告", level: 1, at: { kind: "docx", paragraph: 0 } },
      { kind: "paragraph", text: "正文", at: { kind: "docx", paragraph: 1 } },
      {
        kind: "table",
        at: { kind: "docx", table: 0, row: 0, cell: 0, paragraph: 2 },
        rows: [
          [
            { text: "信息内容", at: { kind: "docx", table: 0, row: 0, cell: 0, paragraph: 2 }, colSpan: 2 },
            { text: "", at: { kind: "docx", table: 0, row: 0, cell: 0, paragraph: 2 }, mergedFrom: { row: 0, col: 0 } },
          ],
          [
            { text: "行政确认", at: { kind: "docx", table: 0, row: 1, cell: 0, paragraph: 3 } },
            { text: "-2", at: { kind: "docx", table: 0, row: 1, cell: 1, paragraph: 4 } },
          ],
        ],
      },
    ],
  };

  it("lists blocks and cells with their locations, drawing merged cells once with their spans", () => {
    const { view } = buildSourceView(document);
    expect(view.blocks.map((b) => [b.kind, b.location])).toEqual([
      ["heading", "第 1 段"],
      ["paragraph", "第 2 段"],
      ["table", "表格 1 第 1 行第 1 格"],
    ]);
    const table = view.blocks[2];
    if (table.kind !== "table") throw new Error("table expected");
    expect(table.rows.map((row) => row.map((cell) => [cell.text, cell.colSpan]))).toEqual([[["信息内容", 2]], [["行政确认", undefined], ["-2", undefined]]]);
    expect(view.omitted).toBe(0);
    expect(buildSourceView(document, 1).view.omitted).toBe(2);
  });

  it("finds the element showing a location exactly or by its paragraph, table row or page line, and marks it once", () => {
    const index = buildSourceView(document);
    const table = index.view.blocks[2];
    if (table.kind !== "table") throw new Error("table expected");
    const confirm = table.rows[1][0];
    expect(index.mark({ kind: "docx", table: 0, row: 1, cell: 0, paragraph: 3 }, "unplaced")).toBe(confirm.id);
    expect(index.mark({ kind: "docx", table: 0, row: 1, cell: 0, paragraph: 3 }, "deviation")).toBe(confirm.id);
    expect(confirm.mark).toBe("unplaced");
    // A cell the parser did not report (a covered position) falls back to its row.
    expect(index.anchorOf({ kind: "docx", table: 0, row: 1, cell: 5 })).toBe(confirm.id);
    expect(index.anchorOf({ kind: "docx", paragraph: 1 })).toBe(index.view.blocks[1].id);
    expect(index.anchorOf({ kind: "docx", paragraph: 99 })).toBeUndefined();
    expect(index.anchorOf(undefined)).toBeUndefined();

    const pdf = buildSourceView({
      source: "pdf",
      blocks: [
        { kind: "paragraph", text: "上", at: { kind: "pdf", page: 1, x: 72, y: 100 } },
        { kind: "paragraph", text: "下", at: { kind: "pdf", page: 1, x: 72, y: 400 } },
      ],
    });
    expect(pdf.anchorOf({ kind: "pdf", page: 1, x: 300, y: 380 })).toBe(pdf.view.blocks[1].id);
    expect(pdf.anchorOf({ kind: "pdf", page: 2, x: 300, y: 380 })).toBeUndefined();
    const text = buildSourceView({ source: "text", blocks: [{ kind: "paragraph", text: "a", at: { kind: "text", line: 7 } }] });
    expect(text.anchorOf({ kind: "text", line: 7, column: 12 })).toBe(text.view.blocks[0].id);
    expect(locationKey({ kind: "pdf", page: 2, x: 10.04, y: 3 })).toBe("pdf;page=2;x=10;y=3");
  });
});

describe("describeWhere", () => {
  it("names sections, rows, columns and blocks as the format has them", () => {
    expect(describeWhere("section.problems")).toBe("「五、存在的主要问题及改进情况」部分");
    expect(describeWhere("section.extra")).toBe("官方格式没有的部分");
    expect(describeWhere("requests.row.granted")).toMatch(/^表三（收到和处理申请）「.*予以公开」行$/);
    expect(describeWhere("proactive.row.other_services", "2019")).toBe("表二（主动公开）「其他对外管理服务事项」行");
    expect(describeWhere("requests.column.natural_person")).toBe("表三（收到和处理申请）「自然人」列");
    expect(describeWhere("proactive.block.0", "2019")).toBe("表二（主动公开）「第二十条第（一）项」");
    expect(describeWhere("requests.corner")).toBe("表三（收到和处理申请）的表头");
    expect(describeWhere("requests.row.2")).toBe("表三（收到和处理申请）的行");
    expect(describeWhere(undefined)).toBe("");
  });
});
