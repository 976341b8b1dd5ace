import { describe, expect, it } from "vitest";
import { resolveText } from "../report/narrative-text";
import { checkReport } from "../rules/check-report";
import { loadSeedJson } from "../test-support/seeds";
import { REFERENCE_PATTERN } from "../report/cell-ref";
import { prepareReport } from "../report/prepare-report";
import { buildSampleReport } from "../report/sample-report";
import type { TReportInput } from "../report/schema";
import { summarySentence } from "./summary-sentence";
import { referenceValue } from "../report/values";

function withSentence(report: TReportInput, text: string): TReportInput {
  const overview = [...(report.sections?.overview ?? [])];
  overview[1] = { title: overview[1]?.title ?? "（二）依申请公开", text };
  return { ...report, sections: { ...report.sections, overview } };
}

function prepared(input: unknown) {
  const result = prepareReport(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.report;
}

const CASES = [
  ["2019", buildSampleReport({ year: 2020, seed: 7 })],
  ["2021", buildSampleReport({ year: 2023, seed: 7 })],
  ["2019 (seed 004, 宿迁市公安局)", loadSeedJson("004_f8f28e4c849350e4") as TReportInput],
] as const;

describe("summarySentence", () => {
  it.each(CASES)("binds every number to a cell that exists in the %s format", (_, input) => {
    const report = prepared(input);
    const sentence = summarySentence(report.format);
    const references = [...sentence.matchAll(REFERENCE_PATTERN)].map((m) => m[1]);
    expect(references).toContain("requests.received.total");
    expect(references).toContain("requests.other_all.total");
    expect(references).toContain("requests.carried_forward.total");
    for (const reference of references) expect(referenceValue(report, reference), reference).not.toBeUndefined();
  });

  it.each(CASES)("gives the rule engine nothing to object to in the %s format", (_, input) => {
    const report = prepared(withSentence(input, summarySentence(prepared(input).format)));
    const findings = checkReport(report).filter((f) => f.ruleId.startsWith("narrative.") || f.ruleId.startsWith("reference."));
    expect(findings).toEqual([]);
  });

  it.each(CASES)("is read by the narrative rules: a wrong literal number in its place is caught (%s)", (_, input) => {
    const sentence = summarySentence(prepared(input).format).replace("{{requests.received.total}}", "99999");
    const findings = checkReport(prepared(withSentence(input, sentence)));
    expect(findings.map((f) => f.ruleId)).toContain("narrative.contradicts-table");
  });

  it("reads naturally once resolved", () => {
    const report = prepared(CASES[2][1]);
    expect(resolveText(report, summarySentence("2019"))).toBe(
      "本年共收到政府信息公开申请23件，上年结转0件。本年度办理结果：予以公开1件，部分公开1件，不予公开14件，无法提供3件，不予处理4件，其他处理0件；结转下年度继续办理0件。本年因政府信息公开工作被申请行政复议0件，未经复议直接被提起行政诉讼0件，复议后被提起行政诉讼0件。",
    );
  });

  it("uses one wording for both formats: 其他处理 is the 2019 row and the 2021 group alike", () => {
    expect(summarySentence("2019")).toBe(summarySentence("2021"));
  });
});
