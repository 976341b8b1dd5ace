import { describe, expect, it } from "vitest";
import { loadSeedJson, type SeedName } from "../test-support/seeds";
import { buildText, expectedCells, OFFICIAL_HEADINGS, type Layout, type Merged, type TextSpec } from "./fixtures/build-text";
import { seedText } from "./fixtures/seed-texts";
import { importReport } from "./import-report";
import type { ImportOutcome } from "./types";

/**
 * Hand-made variants of published text, one per deviation the importer must understand: every
 * way extraction flattens a table, merged cells repeated or dropped, half-width brackets,
 * headings without numerals, the pre-2019 公开平台建设 section, a 2019 table in a 2021 report,
 * each kind of label typo, and values as clerks write them.
 */

function run(spec: TextSpec): ImportOutcome {
  return importReport({ kind: "text", text: buildText(spec).text });
}

const tables = (outcome: ImportOutcome) => outcome.report.tables as Record<string, Record<string, Record<string, unknown>>>;
const labels = (outcome: ImportOutcome) => (outcome.report.stated?.labels ?? []).map((l) => [l.ref, l.published, l.kind]);

describe("tables flattened in every way text extraction flattens them", () => {
  const layouts: Layout[] = ["tab", "markdown", "cell-per-line", "cell-per-line-tab", "bare", "run-together"];
  const merges: Merged[] = ["blank", "repeated", "dropped"];
  describe.each([2020, 2022])("report year %i", (year) => {
    it.each(layouts.flatMap((layout) => merges.map((merged) => [layout, merged] as const)))(
      "%s, merged cells %s: every cell in its place, nothing else to report",
      (layout, merged) => {
        const outcome = run({ year, layout, merged });
        const format = year === 2020 ? "2019" : "2021";
        expect(outcome.report.format).toBe(format);
        expect(tables(outcome).proactive).toEqual(expectedCells(format, "proactive"));
        expect(tables(outcome).requests).toEqual(expectedCells(format, "requests"));
        expect(tables(outcome).reviews).toEqual(expectedCells(format, "reviews"));
        expect(outcome.report.stated?.labels).toBeUndefined();
        expect(outcome.unplaced).toEqual([]);
        expect(outcome.problems).toEqual([]);
      },
    );
  });
});

/** A seed text with its tab-separated rows re-flattened another way. */
function reflatten(text: string, layout: "markdown" | "cell-per-line" | "cell-per-line-tab"): string {
  return text
    .split("\n")
    .map((line) => {
      if (!line.includes("\t")) return line;
      const cells = line.split("\t").map((c) => c.trim());
      if (layout === "markdown") return `| ${cells.join(" | ")} |`;
      if (layout === "cell-per-line") return cells.filter(Boolean).map((c) => `${c} |`).join("\n");
      return `${cells.map((c) => `\t${c}`).join("\n")}\n`;
    })
    .join("\n");
}

describe("published seed tables re-flattened", () => {
  it.each([
    ["000_dbcc449a2218d1f4", "markdown"],
    ["000_dbcc449a2218d1f4", "cell-per-line-tab"],
    ["003_5f1914cbe288c934", "markdown"],
    ["003_5f1914cbe288c934", "cell-per-line-tab"],
    ["004_f8f28e4c849350e4", "markdown"],
    ["004_f8f28e4c849350e4", "cell-per-line-tab"],
  ] as const)("%s as %s: the same tables as the transcription", (name, layout) => {
    const outcome = importReport({ kind: "text", text: reflatten(seedText(name), layout) });
    expect(outcome.report.tables).toEqual((loadSeedJson(name as SeedName) as { tables: unknown }).tables);
  });

  it("seed 000 one cell per line (blank cells lost): the same tables; the improvised sub-row is still listed", () => {
    const outcome = importReport({ kind: "text", text: reflatten(seedText("000_dbcc449a2218d1f4"), "cell-per-line") });
    expect(outcome.report.tables).toEqual((loadSeedJson("000_dbcc449a2218d1f4") as { tables: unknown }).tables);
    expect(outcome.unplaced.filter((u) => u.reason === "improvised-row").map((u) => u.text)).toEqual(["行政确认", "-2", "0"]);
    expect(labels(outcome).filter(([, , kind]) => kind === "improvised-row")).toEqual([
      ["proactive.row.other_services", "行政检查", "improvised-row"],
      ["proactive.row.other_services", "行政确认", "improvised-row"],
    ]);
  });
});

describe("numbers run together after the label", () => {
  it("reads 「规章 0 0 1」 and 「规章0 0 1」, a unit after a space included", () => {
    const text = buildText({ year: 2020 })
      .text.replace(/^规章\t(\d+)\t(\d+)\t(\d+)$/m, "规章 $1 $2 $3")
      .replace(/^规范性文件\t(\d+)\t(\d+)\t(\d+)$/m, "规范性文件$1 $2  $3")
      .replace(/^政府集中采购\t(\d+)\t[\d.]+\t?$/m, "政府集中采购 $1 3414.41 万元");
    const outcome = importReport({ kind: "text", text });
    const expected = expectedCells("2019", "proactive");
    expect(tables(outcome).proactive.regulations).toEqual(expected.regulations);
    expect(tables(outcome).proactive.normative_documents).toEqual(expected.normative_documents);
    expect(tables(outcome).proactive.procurement).toEqual({ projects: expected.procurement.projects, amount: "3414.41 万元" });
    expect(outcome.unplaced).toEqual([]);
  });
});

describe("half-width brackets", () => {
  const outcome = run({ year: 2022, layout: "tab", labelTransform: (l) => l.replace(/（/g, "(").replace(/）/g, ")") });

  it("places every value", () => {
    expect(tables(outcome).proactive).toEqual(expectedCells("2021", "proactive"));
    expect(tables(outcome).requests).toEqual(expectedCells("2021", "requests"));
  });

  it("keeps each label as published, as a width deviation", () => {
    expect(labels(outcome)).toContainEqual(["proactive.block.0", "第二十条第(一)项", "width"]);
    expect(labels(outcome)).toContainEqual(["requests.row.withheld", "(三)不予公开", "width"]);
    expect(labels(outcome)).toContainEqual(["proactive.block.3.amount", "本年收费金额(单位：万元)", "width"]);
    expect(labels(outcome).every(([, , kind]) => kind === "width")).toBe(true);
  });
});

describe("headings", () => {
  it("without numerals: every section found, the headings kept as published and reported", () => {
    const outcome = run({ year: 2022, unnumberedHeadings: true });
    expect(outcome.report.stated?.headings).toEqual(OFFICIAL_HEADINGS.map((h) => h.replace(/^.、/, "")));
    expect(outcome.deviations.filter((d) => d.where.startsWith("section.")).map((d) => d.kind)).toEqual(Array(6).fill("unnumbered"));
    expect(outcome.report.sections?.problems).toBe("一是宣传力度不够。下一步将加强培训。");
    expect(outcome.report.sections?.other).toBe("无");
    expect(tables(outcome).reviews).toEqual(expectedCells("2021", "reviews"));
  });

  it("the pre-2019 公开平台建设 section: kept in stated.headings, its content unplaced, the rest renumbered", () => {
    const outcome = run({ year: 2020, platformSection: true });
    expect(outcome.report.stated?.headings?.[2]).toBe("三、公开平台建设和信息发布情况");
    expect(outcome.report.stated?.headings).toHaveLength(7);
    expect(outcome.deviations.filter((d) => d.where.startsWith("section.")).map((d) => [d.where, d.kind])).toEqual([
      ["section.extra", "extra-section"],
      ["section.requests", "renumbered"],
      ["section.reviews", "renumbered"],
      ["section.problems", "renumbered"],
      ["section.other", "renumbered"],
    ]);
    expect(outcome.unplaced.map((u) => [u.text, u.reason])).toEqual([
      ["表二", "extra-section"],
      ["统计指标", "extra-section"],
      ["单位", "extra-section"],
      ["统计数", "extra-section"],
      ["（一）主动公开政府信息数", "extra-section"],
      ["条", "extra-section"],
      ["900", "extra-section"],
    ]);
    expect(tables(outcome).requests).toEqual(expectedCells("2019", "requests"));
    expect(outcome.report.sections?.other).toBe("无");
  });

  it("a signature and date under the last section: the date is the report's, the signature listed", () => {
    const outcome = importReport({ kind: "text", text: `${buildText({ year: 2022 }).text}\n示例市公安局\n2023年1月20日\n` });
    expect(outcome.report.date).toBe("2023-01-20");
    expect(outcome.report.sections?.other).toBe("无");
    expect(outcome.unplaced.map((u) => [u.text, u.reason])).toEqual([["示例市公安局", "signature"]]);
  });

  it("a numbered paragraph inside a section is no extra section", () => {
    const text = buildText({ year: 2022 }).text.replace("一是宣传力度不够。下一步将加强培训。", "一是宣传力度不够。\n\n六、加强培训工作\n\n下一步将加强培训。");
    const outcome = importReport({ kind: "text", text });
    expect(outcome.report.sections?.problems).toBe("一是宣传力度不够。\n\n六、加强培训工作\n\n下一步将加强培训。");
    expect(outcome.report.sections?.other).toBe("无");
    expect(outcome.report.stated?.headings).toEqual(OFFICIAL_HEADINGS);
  });
});

describe("format version from the table headers", () => {
  it("a 2019 table 2 in a 2021 report is detected and reported, not forced into 2021 columns", () => {
    const outcome = run({ year: 2022, proactiveFormat: "2019" });
    expect(outcome.report.format).toBe("2021");
    expect(outcome.detected).toEqual({ proactive: "2019", requests: "2021" });
    expect(outcome.problems.map((p) => p.code)).toEqual(["table.format-mismatch"]);
    expect(outcome.report.tables?.proactive).toBeUndefined();
    const unplaced = outcome.unplaced.filter((u) => u.reason === "format-mismatch").map((u) => u.text);
    expect(unplaced).toContain("本年新制作数量");
    expect(unplaced).toContain("政府集中采购");
    expect(unplaced).toHaveLength(53);
    expect(tables(outcome).requests).toEqual(expectedCells("2021", "requests"));
  });

  it("a 2019 table 3 in a 2021 report likewise", () => {
    const outcome = run({ year: 2022, requestsFormat: "2019" });
    expect(outcome.detected).toEqual({ proactive: "2021", requests: "2019" });
    expect(outcome.report.tables?.requests).toBeUndefined();
    expect(outcome.problems.map((p) => p.code)).toEqual(["table.format-mismatch"]);
    expect(tables(outcome).proactive).toEqual(expectedCells("2021", "proactive"));
  });

  it("a 2021 report written wholly in the 2019 format is imported in it, the mismatch reported", () => {
    const outcome = run({ year: 2022, proactiveFormat: "2019", requestsFormat: "2019" });
    expect(outcome.report.format).toBe("2019");
    expect(outcome.problems.map((p) => p.code)).toEqual(["format.year-mismatch"]);
    expect(tables(outcome).proactive).toEqual(expectedCells("2019", "proactive"));
    expect(tables(outcome).requests).toEqual(expectedCells("2019", "requests"));
  });
});

describe("labels as published, matched despite real deviations", () => {
  it.each([
    ["本年制发件数", "本年发件", "proactive.block.0.issued", "typo", "proactive.regulations.issued"],
    ["现行有效件数", "现行有效件", "proactive.block.0.in_force", "truncated", "proactive.regulations.in_force"],
    ["6.属于四类过程性信息", "6.属于四类过程性性信息", "requests.row.withheld_process_info", "typo", "requests.withheld_process_info.natural_person"],
    ["行政规范性文件", "规范性文件", "proactive.row.normative_documents", "other-format", "proactive.normative_documents.in_force"],
    ["行政许可", "行政许 可", "proactive.row.licensing", "whitespace", "proactive.licensing.decisions"],
    ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请", "requests.row.other_no_correction", "punctuation", "requests.other_no_correction.total"],
    ["（一）予以公开", "予以公开", "requests.row.granted", "numbering", "requests.granted.total"],
    ["本年收费金额（单位：万元）", "本年收费金额（单位：万元，保留两位小数）", "proactive.block.3.amount", "annotated", "proactive.fees.amount"],
  ])("「%s」 printed 「%s」: %s kept as %s, the values still placed", (official, published, ref, kind, cell) => {
    const outcome = run({ year: 2022, labels: { [official]: published } });
    expect(labels(outcome)).toEqual([[ref, published, kind]]);
    const [table, row, col] = cell.split(".");
    expect(tables(outcome)[table][row][col]).toBe(expectedCells("2021", table as "proactive")[row][col]);
    expect(outcome.unplaced).toEqual([]);
  });

  it("truncated headers 「本年新 | 本年新」 are told apart by position", () => {
    const outcome = run({ year: 2020, layout: "cell-per-line", labels: { 本年新制作数量: "本年新", 本年新公开数量: "本年新" } });
    expect(labels(outcome)).toEqual([
      ["proactive.block.0.new_made", "本年新", "truncated"],
      ["proactive.block.0.new_published", "本年新", "truncated"],
    ]);
    expect(tables(outcome).proactive).toEqual(expectedCells("2019", "proactive"));
  });

  it("采购总金额 with a unit note is an annotated label", () => {
    const outcome = run({ year: 2020, labels: { 采购总金额: "采购总金额（万元，保留四位小数）" } });
    expect(labels(outcome)).toEqual([["proactive.block.4.amount", "采购总金额（万元，保留四位小数）", "annotated"]]);
  });

  it("an improvised sub-row: the first one's name stays in its cell, the second row is listed", () => {
    const text = buildText({ year: 2020 }).text.replace(/^(其他对外管理服务事项)\t\d+\t(-?\d+)\t(\d+)$/m, "$1\t行政检查\t$2\t$3\n\t行政确认\t-2\t0");
    const outcome = importReport({ kind: "text", text });
    expect(tables(outcome).proactive.other_services.prev_items).toBe("行政检查");
    expect(outcome.unplaced.map((u) => [u.text, u.reason])).toEqual([
      ["行政确认", "improvised-row"],
      ["-2", "improvised-row"],
      ["0", "improvised-row"],
    ]);
    expect(tables(outcome).proactive.penalties).toEqual(expectedCells("2019", "proactive").penalties);
  });

  it("a row missing from the text is reported, its cells blank", () => {
    const text = buildText({ year: 2022 }).text.replace(/^\t\t2\.重复申请.*\n/m, "");
    const outcome = importReport({ kind: "text", text });
    expect(outcome.problems.map((p) => [p.code, p.message.includes("「2.重复申请」")])).toEqual([["table.row-missing", true]]);
    expect(tables(outcome).requests.not_processed_repeat).toEqual(Object.fromEntries(Object.keys(expectedCells("2021", "requests").received).map((c) => [c, null])));
    expect(tables(outcome).requests.not_processed_publication).toEqual(expectedCells("2021", "requests").not_processed_publication);
  });

  it("an unknown row in table 3 is listed, the rows around it placed", () => {
    const text = buildText({ year: 2022 }).text.replace(/^(\t\t2\.重复申请.*)$/m, "$1\n\t\t9.其他不予处理情形\t1\t0\t0\t0\t0\t0\t1");
    const outcome = importReport({ kind: "text", text });
    expect(outcome.unplaced.map((u) => u.reason)).toEqual(Array(8).fill("unknown-row"));
    expect(outcome.unplaced[0].text).toBe("9.其他不予处理情形");
    expect(tables(outcome).requests).toEqual(expectedCells("2021", "requests"));
  });
});

describe("values as written", () => {
  it.each([
    ["proactive.other_services.change", "减2", "减2"],
    ["proactive.penalties.change", "+1301", "+1301"],
    ["proactive.licensing.change", "-832", -832],
    ["proactive.procurement.amount", "1753802元", "1753802元"],
    ["proactive.procurement.amount", "2791.3万元", "2791.3万元"],
    ["proactive.procurement.amount", "144.8578", 144.8578],
    ["proactive.licensing.decisions", "—", "—"],
    ["proactive.licensing.decisions", "/", "/"],
    ["proactive.licensing.decisions", "", null],
    ["proactive.licensing.decisions", "0", 0],
    ["proactive.licensing.decisions", "２３", "２３"],
  ])("2019 %s printed 「%s」 → %j", (key, printed, value) => {
    const outcome = run({ year: 2020, cells: { [key]: printed } });
    const [table, row, col] = key.split(".");
    expect(tables(outcome)[table][row][col]).toStrictEqual(value);
    expect(outcome.unplaced).toEqual([]);
  });

  it("2021 fees printed 「710.824 万元」 under a header that already says 万元", () => {
    const outcome = run({ year: 2022, cells: { "proactive.fees.amount": "710.824 万元" } });
    expect(tables(outcome).proactive.fees.amount).toBe("710.824 万元");
  });

  it("blank cells of table 3 printed 「/」 and 「—」 and left empty stay apart", () => {
    const outcome = run({
      year: 2022,
      cells: { "requests.received.commercial": "/", "requests.received.research": "—", "requests.received.public_interest": "" },
    });
    expect(tables(outcome).requests.received).toMatchObject({ commercial: "/", research: "—", public_interest: null, legal_services: expect.any(Number) });
  });
});
