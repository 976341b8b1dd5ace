import { describe, expect, it } from "vitest";
import { TEMPLATES } from "../../../templates";
import type { TableId } from "../../template/types";
import { newContext } from "./context";
import type { Block } from "../intermediate";
import { detectTableFormat, fitValues, isTableLabel, mapTable, regionTokens, tableRegion, type TCell } from "./tables";

let line = 0;
const row = (...cells: string[]): TCell[] => {
  line++;
  return cells.map((text) => ({ text, at: { kind: "text" as const, line } }));
};
const tokens = (tableId: TableId, rows: TCell[][]) => regionTokens({ rows, notes: [] }, tableId);

describe("fitValues: a row's cells against its columns", () => {
  const cells = (...texts: string[]) => texts.map((text) => ({ text }));
  const kept = (values: { text: string }[], need: number) => fitValues(values, need).kept.map((v) => v?.text ?? null);

  it("takes exactly as many as there are columns, and pads short rows with blanks", () => {
    expect(kept(cells("1", "2", "3"), 3)).toEqual(["1", "2", "3"]);
    expect(kept(cells("1"), 3)).toEqual(["1", null, null]);
  });

  it("drops padding from the end, then the start (seed 000: 「⇥⇥0 … 0⇥」)", () => {
    expect(kept(cells("", "0", "0", "0", ""), 3)).toEqual(["0", "0", "0"]);
    expect(kept(cells("5", "", "", ""), 3)).toEqual(["5", "", ""]);
  });

  it("beyond that, keeps the last value for 总计 and lists the extra ones (seed 004: 「1⇥⇥⇥⇥⇥⇥⇥1」)", () => {
    const { kept: k, surplus } = fitValues(cells("1", "", "", "", "", "", "", "1"), 7);
    expect(k.map((v) => v?.text)).toEqual(["1", "", "", "", "", "", "1"]);
    expect(surplus.map((v) => v.text)).toEqual([""]);
  });
});

describe("detectTableFormat", () => {
  it("tells table 2's format by its headers and rows", () => {
    expect(detectTableFormat("proactive", tokens("proactive", [row("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"), row("规章", "0", "0", "1")]))).toBe("2019");
    expect(detectTableFormat("proactive", tokens("proactive", [row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"), row("规范性文件", "", "", "")]))).toBe("2021");
    expect(detectTableFormat("proactive", tokens("proactive", [row("规章", "0", "0", "1")]))).toBeUndefined();
  });

  it("tells table 3's format by its （六） rows; the header 「其他」 is no 3.其他", () => {
    expect(detectTableFormat("requests", tokens("requests", [row("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "0")]))).toBe("2021");
    expect(detectTableFormat("requests", tokens("requests", [row("商业企业", "其他"), row("(六) 其他处理", "0", "0")]))).toBe("2019");
    expect(detectTableFormat("requests", tokens("requests", [row("商业企业", "其他"), row("2.其他法律行政法规禁止公开", "0")]))).toBeUndefined();
  });
});

describe("mapTable", () => {
  it("reads a row label alone on its line with the values on the lines after it", () => {
    const ctx = newContext();
    const values = mapTable(TEMPLATES["2021"], "proactive", tokens("proactive", [row("行政许可"), row("12"), row("行政处罚"), row("3")]), ctx);
    expect(values.licensing).toEqual({ decisions: 12 });
    expect(values.penalties).toEqual({ decisions: 3 });
    expect(values.enforcement).toEqual({ decisions: null });
    expect(ctx.provenance["proactive.penalties.decisions"]).toEqual({ kind: "text", line: line });
  });

  it("skips a merged label repeated over the cells it spans", () => {
    const values = mapTable(TEMPLATES["2019"], "requests", tokens("requests", [row("（六）其他处理", "（六）其他处理", "1", "2", "3", "4", "5", "6", "21")]), newContext());
    expect(values.other).toEqual({ natural_person: 1, commercial: 2, research: 3, public_interest: 4, legal_services: 5, other_org: 6, total: 21 });
  });

  it("lists a second row with a row's label instead of merging it", () => {
    const ctx = newContext();
    const values = mapTable(TEMPLATES["2021"], "proactive", tokens("proactive", [row("行政许可", "12"), row("行政许可", "99")]), ctx);
    expect(values.licensing).toEqual({ decisions: 12 });
    expect(ctx.unplaced.map((u) => [u.text, u.reason])).toEqual([["99", "duplicate-row"]]);
  });

  it("lists text too long for a cell", () => {
    const ctx = newContext();
    const long = "很长的说明文字".repeat(10);
    const values = mapTable(TEMPLATES["2021"], "proactive", tokens("proactive", [row("行政许可", long)]), ctx);
    expect(values.licensing).toEqual({ decisions: null });
    expect(ctx.unplaced.map((u) => u.reason)).toEqual(["cell-too-long"]);
  });

  it("table 4: a value row shorter than 15 leaves the rest blank", () => {
    const values = mapTable(TEMPLATES["2021"], "reviews", tokens("reviews", [row("行政复议", "行政诉讼"), row("1", "2", "3")]), newContext());
    expect(values.reconsideration).toEqual({ upheld: 1, corrected: 2, other: 3, pending: null, total: null });
    expect(values.litigation_direct.upheld).toBeNull();
  });
});

describe("isTableLabel", () => {
  it("knows table labels in any width, not section headings", () => {
    expect(isTableLabel("四、结转下年度继续办理")).toBe(true);
    expect(isTableLabel("(一) 予以公开")).toBe(true);
    expect(isTableLabel("四、政府信息公开行政复议、行政诉讼情况")).toBe(false);
  });
});

describe("tableRegion: a note above the table", () => {
  const para = (text: string, y: number): Block => ({ kind: "paragraph", text, at: { kind: "pdf", page: 2, x: 79, y } });

  // Found by render-import.property.test.ts: a PDF note wrapped at the top of a page comes as two
  // paragraphs; its first line, without a sentence end, was read as a table header.
  it("keeps the lines of a note broken before its sentence end, not as table headers", () => {
    const region = tableRegion([para("本年度共收到政府信息公开申请二百零四件，其中自然人", 138), para("申请一百件。", 167), para("申请人情况", 200)], newContext(), "requests");
    expect(region.notes.map((n) => n.text)).toEqual(["本年度共收到政府信息公开申请二百零四件，其中自然人", "申请一百件。"]);
    expect(region.rows.map((r) => r.map((c) => c.text))).toEqual([["申请人情况"]]);
  });

  it("still reads label lines, and lines after the table's first row, as rows", () => {
    const region = tableRegion([para("申请人情况", 100), para("自然人", 120), para("本行说明", 140), para("续写。", 160)], newContext(), "requests");
    expect(region.rows.map((r) => r[0].text)).toEqual(["申请人情况", "自然人", "本行说明"]);
    expect(region.notes.map((n) => n.text)).toEqual(["续写。"]);
  });
});
