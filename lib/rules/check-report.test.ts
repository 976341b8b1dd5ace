import { describe, expect, it } from "vitest";
import { prepareReport, type PreparedReport } from "../report/prepare-report";
import { buildSampleReport } from "../report/sample-report";
import type { TReportInput } from "../report/schema";
import { loadSeedJson, SEED_NAMES } from "../test-support/seeds";
import { checkReport } from "./check-report";
import type { Finding } from "./types";

function prepared(input: unknown): PreparedReport {
  const result = prepareReport(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.report;
}

function check(input: unknown, previous?: unknown): Finding[] {
  return checkReport(prepared(input), previous ? { previous: prepared(previous) } : {});
}

/** A balanced, complete report to break one thing at a time. */
function sample(year = 2022, withTotals = true): TReportInput {
  return structuredClone(buildSampleReport({ year, withTotals, seed: 7 }));
}

type Cells = Record<string, Record<string, number | string | null>>;
function cells(report: TReportInput, table: "proactive" | "requests" | "reviews"): Cells {
  return report.tables![table] as Cells;
}

describe("checkReport on a correct report", () => {
  it.each([2019, 2020, 2021, 2024])("finds nothing in a balanced %i report", (year) => {
    expect(check(sample(year))).toEqual([]);
    expect(check(sample(year, false))).toEqual([]);
  });
});

describe("table 3 balance rules", () => {
  it("C1: reports 一 + 二 ≠ （七） + 四 in the column that breaks, naming all four cells", () => {
    const report = sample(2022, false);
    cells(report, "requests").received.research = Number(cells(report, "requests").received.research) + 2;
    const balance = check(report).filter((f) => f.ruleId === "requests.balance");
    // The computed 总计 column moves with it, so that column is out of balance too.
    expect(balance.map((f) => f.cells[0].col)).toEqual(["research", "total"]);
    expect(balance[0].severity).toBe("error");
    expect(balance[0].cells.map((c) => `${c.row}.${c.col}`)).toEqual([
      "received.research",
      "carried_over.research",
      "total_processed.research",
      "carried_forward.research",
    ]);
    expect(balance[0].message).toContain("「科研机构」列不平衡");
    expect(Number(balance[0].expected) - Number(balance[0].actual)).toBe(2);
  });

  it("C2: reports a published （七）总计 that differs from the sum of the results", () => {
    const report = sample(2020);
    cells(report, "requests").total_processed.natural_person = 999;
    const findings = check(report).filter((f) => f.ruleId === "requests.total-processed");
    expect(findings).toHaveLength(1);
    expect(findings[0].cells[0]).toEqual({ table: "requests", row: "total_processed", col: "natural_person" });
    expect(findings[0].actual).toBe(999);
    expect(findings[0].message).toMatch(/（七）总计.*填写为 999，但按.*应为 \d+/);
  });

  it("C4: reports a row whose 总计 is not the sum of the six applicant columns", () => {
    const report = sample(2021);
    cells(report, "requests").granted.total = Number(cells(report, "requests").granted.total) + 1;
    const findings = check(report).filter((f) => f.ruleId === "requests.row-total");
    expect(findings.map((f) => f.cells[0])).toEqual([{ table: "requests", row: "granted", col: "total" }]);
  });

  it("computes blank totals instead of reporting them", () => {
    const report = sample(2021, false);
    expect(cells(report, "requests").received.total).toBeUndefined();
    expect(check(report)).toEqual([]);
  });

  it("2021 （六） has three rows that all count toward （七）总计", () => {
    const report = sample(2021);
    cells(report, "requests").other_no_fee.legal_services = Number(cells(report, "requests").other_no_fee.legal_services) + 1;
    const ids = check(report).map((f) => f.ruleId);
    expect(ids).toEqual(expect.arrayContaining(["requests.row-total", "requests.total-processed"]));
  });
});

describe("table 4", () => {
  it("C5: each group's 总计 = 维持 + 纠正 + 其他 + 尚未审结", () => {
    const report = sample(2022);
    cells(report, "reviews").litigation_direct.pending = Number(cells(report, "reviews").litigation_direct.pending) + 3;
    const findings = check(report).filter((f) => f.ruleId === "reviews.group-total");
    expect(findings).toHaveLength(1);
    expect(findings[0].cells[0]).toEqual({ table: "reviews", row: "litigation_direct", col: "total" });
    expect(findings[0].message).toContain("未经复议直接起诉");
  });
});

describe("value kinds", () => {
  it.each([
    ["requests", "granted", "natural_person", -1, "value.negative"],
    ["requests", "granted", "natural_person", 1.5, "value.not-integer"],
    ["proactive", "fees", "amount", "12.34567", "value.money-precision"],
    ["proactive", "licensing", "decisions", "许可", "value.unreadable"],
  ] as const)("%s.%s.%s = %j → %s", (table, row, col, value, ruleId) => {
    const report = sample(2022);
    cells(report, table)[row][col] = value;
    const finding = check(report).find((f) => f.ruleId === ruleId);
    expect(finding?.severity).toBe("error");
    expect(finding?.cells).toEqual([{ table, row, col }]);
  });

  it("reads text and units in a cell with a warning saying how it was read", () => {
    const report = sample(2020);
    cells(report, "proactive").procurement.amount = "1753802元";
    const finding = check(report).find((f) => f.ruleId === "value.text-in-cell");
    expect(finding?.severity).toBe("warning");
    expect(finding?.message).toContain("已按 175.3802 万元 计");
  });

  it("does not warn about a plus sign in a signed change", () => {
    const report = sample(2020);
    cells(report, "proactive").licensing.change = "+5";
    expect(check(report)).toEqual([]);
  });

  it("warns once per table about blank cells, listing every blank cell", () => {
    const report = sample(2022);
    cells(report, "requests").unable_unclear.research = null;
    delete cells(report, "requests").unable_unclear.commercial;
    const findings = check(report).filter((f) => f.ruleId === "value.blank");
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe("warning");
    expect(findings[0].cells.map((c) => c.col).sort()).toEqual(["commercial", "research"]);
  });

  it("C21: warns when a body without rule-making power reports 规章", () => {
    const report = sample(2022);
    cells(report, "proactive").regulations.in_force = 2;
    expect(check(report).map((f) => f.ruleId)).toEqual(["proactive.regulations-authority"]);
    report.agency = "示例省人民政府";
    expect(check(report)).toEqual([]);
  });
});

describe("format and sections", () => {
  it("reports a format that disagrees with the year", () => {
    const report = sample(2020);
    report.year = 2021;
    report.date = "2022-01-20";
    const finding = check(report).find((f) => f.ruleId === "format.version-mismatch");
    expect(finding).toMatchObject({ severity: "error", expected: "2021", actual: "2019" });
  });

  it("requires every narrative section; 六 may say 无 but may not be empty", () => {
    const report = sample(2022);
    report.sections!.other = "无";
    expect(check(report)).toEqual([]);
    report.sections!.other = "  ";
    report.sections!.problems = undefined;
    report.sections!.overview = [];
    const missing = check(report).filter((f) => f.ruleId === "section.missing");
    expect(missing.map((f) => f.section)).toEqual(["overview", "problems", "other"]);
  });

  it("2021: warns when 总体情况 sub-headings omit guidance topics", () => {
    const report = sample(2022);
    report.sections!.overview = [{ title: "（一）主动公开", text: "……" }, { title: "（二）平台建设", text: "……" }];
    const finding = check(report).find((f) => f.ruleId === "overview.topics-missing");
    expect(finding?.message).toContain("依申请公开、政府信息管理、监督保障");
  });

  it("reports an unknown {{reference}} and resolves group references", () => {
    const report = sample(2022);
    report.sections!.problems = "不予公开{{requests.withheld.total}}件，{{requests.nowhere.total}}件。";
    const findings = check(report).filter((f) => f.ruleId === "reference.unknown");
    expect(findings.map((f) => f.quote)).toEqual(["{{requests.nowhere.total}}"]);
  });
});

describe("narrative vs tables", () => {
  it("warns, quoting the sentence, when the text states another number than the table", () => {
    const report = sample(2022);
    const received = Number(cells(report, "requests").received.total);
    report.sections!.overview![1].text = `本年共收到政府信息公开申请${received + 1}件。其中予以公开{{requests.granted.total}}件。`;
    const findings = check(report).filter((f) => f.ruleId === "narrative.contradicts-table");
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "warning", actual: received + 1, expected: received });
    expect(findings[0].quote).toBe(`本年共收到政府信息公开申请${received + 1}件。`);
    expect(findings[0].cells).toEqual([{ table: "requests", row: "received", col: "total" }]);
  });

  it("compares group sums (不予公开 = Σ（三）)", () => {
    const report = sample(2022);
    report.sections!.problems = "不予公开9999件。";
    const finding = check(report).find((f) => f.ruleId === "narrative.contradicts-table");
    expect(finding?.cells.map((c) => c.row)).toContain("withheld_state_secret");
    expect(finding?.cells).toHaveLength(8);
  });
});

describe("what a published text claims about itself", () => {
  it("reports a period and a title year that are not the report year", () => {
    const report = sample(2019);
    report.stated = { title: "示例市公安局2018年政府信息公开工作年度报告", period: { from: "2021-01-01", to: "2021-12-31" } };
    const ids = check(report).map((f) => f.ruleId);
    expect(ids).toEqual(["stated.title-year", "stated.period"]);
  });

  it("reports missing, extra, misnumbered and reworded headings and a wrong part count", () => {
    const report = sample(2020);
    report.stated = {
      sectionCount: 6,
      headings: [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、公开平台建设和信息发布情况",
        "四、收到和处理政府信息公开申请情况",
        "五、政府信息公开行政复议、行政诉讼情况",
        "六、存在问题及改进情况",
      ],
    };
    const findings = check(report);
    // The renumbering is the extra section's doing: one finding, which says so (issue 12.5).
    expect(findings.map((f) => f.ruleId).sort()).toEqual(["stated.heading-extra", "stated.heading-missing"]);
    expect(findings.find((f) => f.ruleId === "stated.heading-missing")?.section).toBe("other");
    expect(findings.find((f) => f.ruleId === "stated.heading-extra")).toMatchObject({ severity: "warning" });
    expect(findings.find((f) => f.ruleId === "stated.heading-extra")?.message).toContain(
      "其后各部分的编号因此顺延（「四、收到和处理政府信息公开申请情况」应为「三、收到和处理政府信息公开申请情况」",
    );
    expect(findings.find((f) => f.ruleId === "stated.heading-extra")?.message).toContain("「六、存在问题及改进情况」应为「五、存在的主要问题及改进情况」");
  });

  it("reports misnumbered headings on their own when no extra section explains them", () => {
    const report = sample(2020);
    report.stated = {
      headings: ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "四、存在的主要问题及改进情况", "六、其他需要报告的事项"],
    };
    const findings = check(report);
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([["stated.heading-number", "warning"]]);
    expect(findings[0].message).toContain("「四、存在的主要问题及改进情况」应为「五、存在的主要问题及改进情况」");
  });

  it("reports headings out of order", () => {
    const report = sample(2022);
    report.stated = {
      headings: ["一、总体情况", "二、主动公开政府信息情况", "四、政府信息公开行政复议、行政诉讼情况", "三、收到和处理政府信息公开申请情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"],
    };
    expect(check(report).map((f) => f.ruleId)).toEqual(expect.arrayContaining(["stated.heading-order"]));
  });

  it("reports a report title in the preface naming another year or body", () => {
    const report = sample(2021);
    report.agency = "海东市公安局";
    report.preface = "现将《海东市 2020 年政府信息公开年度报告》予以公布。";
    const finding = check(report).find((f) => f.ruleId === "stated.preface-title");
    expect(finding?.severity).toBe("error");
    expect(finding?.message).toContain("2020 年（应为 2021 年）");
    expect(finding?.message).toContain("「海东市」（应为「海东市公安局」）");
  });

  it("warns about a date after the statutory deadline", () => {
    const report = sample(2022);
    report.date = "2023-02-15";
    expect(check(report).map((f) => f.ruleId)).toEqual(["stated.date-late"]);
    report.agency = "示例市人民政府";
    expect(check(report)).toEqual([]);
    // The agency's stored kind decides, not its name.
    const late = checkReport(prepared(report), { agencyKind: "DEPARTMENT" });
    expect(late.map((f) => f.message)).toEqual(["报告日期 2023-02-15 晚于法定公布期限 2023年1月31日（条例第四十九条：县级以上人民政府部门 1月31日前）。"]);
    expect(checkReport(prepared({ ...report, agency: "示例市公安局" }), { agencyKind: "GOVERNMENT" })).toEqual([]);
  });
});

describe("cross-year rules", () => {
  it("C6: 上年结转 must equal last year's 结转下年度继续办理, across the 2020→2021 format change", () => {
    const last = sample(2020);
    const current = sample(2021);
    const carried = cells(last, "requests").carried_forward;
    const over = cells(current, "requests").carried_over;
    for (const col of Object.keys(carried)) if (col !== "total") over[col] = carried[col];
    over.total = carried.total;
    // Keep the current table balanced after copying the carried-over row.
    const received = cells(current, "requests").received;
    const processed = cells(current, "requests").total_processed;
    const forward = cells(current, "requests").carried_forward;
    for (const col of Object.keys(received)) received[col] = Number(processed[col]) + Number(forward[col]) - Number(over[col]);
    expect(check(current, last).filter((f) => f.severity === "error")).toEqual([]);
    expect(check(current, last).filter((f) => f.ruleId === "crossyear.carried-over")).toEqual([]);
    carried.commercial = Number(carried.commercial) + 4;
    const finding = check(current, last).find((f) => f.ruleId === "crossyear.carried-over");
    expect(finding?.cells).toEqual([{ table: "requests", row: "carried_over", col: "commercial" }]);
  });

  it("C7: 现行有效件数 follows last year's plus 制发 minus 废止 (2021 format)", () => {
    const last = sample(2022);
    const current = sample(2023);
    const lastRow = cells(last, "proactive").normative_documents;
    const row = cells(current, "proactive").normative_documents;
    row.in_force = Number(lastRow.in_force) + Number(row.issued) - Number(row.repealed);
    expect(check(current, last).filter((f) => f.ruleId === "crossyear.in-force")).toEqual([]);
    row.in_force = Number(row.in_force) + 1;
    expect(check(current, last).filter((f) => f.ruleId === "crossyear.in-force").map((f) => f.cells[0].row)).toEqual([
      "normative_documents",
    ]);
  });

  it("ignores a previous report that is not of the year before", () => {
    const current = sample(2023);
    expect(check(current, sample(2020)).some((f) => f.ruleId.startsWith("crossyear."))).toBe(false);
  });
});

describe("stated.label-wording", () => {
  it("warns once per table label printed differently, naming the table, both labels and the kind", () => {
    const content = loadSeedJson(SEED_NAMES[4]) as TReportInput;
    const withLabels = {
      ...content,
      stated: {
        ...content.stated,
        labels: [
          { ref: "requests.row.granted", published: "(一) 予以公开", official: "（一）予以公开", kind: "width" as const },
          { ref: "proactive.row.normative_documents", published: "规范性文件", official: "行政规范性文件" },
        ],
      },
    };
    const prepared = prepareReport(withLabels);
    if (!prepared.ok) throw new Error("seed with labels does not prepare");
    const found = checkReport(prepared.report).filter((f) => f.ruleId === "stated.label-wording");
    expect(found.map((f) => f.message)).toEqual([
      "表三（收到和处理申请）的标签「(一) 予以公开」与官方格式「（一）予以公开」不一致（全角/半角不一致）。",
      "表二（主动公开）的标签「规范性文件」与官方格式「行政规范性文件」不一致。",
    ]);
    expect(found.every((f) => f.severity === "warning")).toBe(true);
    const plain = prepareReport(content);
    if (!plain.ok) throw new Error("seed does not prepare");
    expect(checkReport(plain.report).some((f) => f.ruleId === "stated.label-wording")).toBe(false);
  });
});
