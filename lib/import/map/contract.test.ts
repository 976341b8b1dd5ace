import { describe, expect, it } from "vitest";
import { reportJsonSchema } from "../../report/json-schema";
import { prepareReport } from "../../report/prepare-report";
import { reportSchema } from "../../report/schema";
import type { ImportedReport } from "../types";
import { newContext } from "./context";
import { fitContract } from "./contract";

describe("the stated.labels extension of the contract", () => {
  const report = {
    agency: "示例市公安局",
    year: 2022,
    stated: {
      title: "示例市公安局2022年政府信息公开工作年度报告",
      labels: [
        { ref: "proactive.row.normative_documents", published: "规范性文件", official: "行政规范性文件", kind: "other-format" },
        { ref: "requests.row.granted", published: "(一) 予以公开", official: "（一）予以公开" },
      ],
    },
  };

  it("is optional and round-trips in both modes", () => {
    for (const mode of ["draft", "strict"] as const) {
      const parsed = reportSchema("2021", mode).parse(JSON.parse(JSON.stringify(report)));
      expect(parsed.stated?.labels).toEqual(report.stated.labels);
      expect(reportSchema("2021", mode).safeParse({ agency: "甲", year: 2022 }).success).toBe(true);
    }
    expect(prepareReport(report).ok).toBe(true);
  });

  it("refuses unknown kinds and unknown keys", () => {
    const bad = (label: object) => reportSchema("2021", "draft").safeParse({ ...report, stated: { labels: [label] } }).success;
    expect(bad({ ref: "a", published: "b", official: "c", kind: "nonsense" })).toBe(false);
    expect(bad({ ref: "a", published: "b", official: "c", extra: 1 })).toBe(false);
    expect(bad({ ref: "a", published: "b" })).toBe(false);
  });

  it("is in the exported JSON Schema, with its kinds", () => {
    const text = JSON.stringify(reportJsonSchema());
    expect(text).toContain('"labels"');
    expect(text).toContain('"improvised-row"');
    expect(text).toContain("Table labels as published");
  });
});

describe("fitContract", () => {
  it("cuts lists to their maximum and leaves out fields the schema refuses, each with a problem", () => {
    const ctx = newContext();
    const report: ImportedReport = {
      format: "2021",
      agency: "机关".repeat(80),
      year: 1899,
      stated: { headings: Array.from({ length: 60 }, (_, i) => `${i}、标题`), title: "题".repeat(400) },
    };
    const fitted = fitContract(report, "2021", ctx);
    expect(fitted.agency).toBeUndefined();
    expect(fitted.year).toBeUndefined();
    expect(fitted.stated?.title).toBeUndefined();
    expect(fitted.stated?.headings).toHaveLength(50);
    expect(ctx.problems.map((p) => p.code).sort()).toEqual(["contract.cut", "contract.dropped", "contract.dropped", "contract.dropped"]);
    expect(reportSchema("2021", "draft").safeParse({ agency: "甲", year: 2022, ...fitted }).success).toBe(true);
  });

  it("leaves valid reports untouched", () => {
    const ctx = newContext();
    const report: ImportedReport = { format: "2019", agency: "甲", year: 2020, tables: { proactive: { fees: { prev_items: 1, change: "减2" } } } };
    expect(fitContract(report, "2019", ctx)).toBe(report);
    expect(ctx.problems).toEqual([]);
  });
});
