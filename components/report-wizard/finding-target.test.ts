import { describe, expect, it } from "vitest";
import { newReportContent } from "@/lib/report/new-report";
import type { TReportInput } from "@/lib/report/schema";
import type { Finding } from "@/lib/rules/types";
import { BASIC_TARGETS, findingTarget } from "./finding-target";

const finding = (over: Partial<Finding>): Finding => ({ ruleId: "x", severity: "error", message: "", cells: [], ...over });

function draft(): TReportInput {
  const input = newReportContent({ agency: "示例市公安局", year: 2023 });
  input.sections!.overview![1].text = "本年共收到申请 30 件。其他内容。";
  input.sections!.problems = "一是人手不足。";
  return input;
}

describe("findingTarget", () => {
  it("focuses the first editable cell of a balance finding, not the computed total", () => {
    const target = findingTarget(
      finding({
        ruleId: "requests.balance",
        cells: [
          { table: "requests", row: "total_processed", col: "natural_person" },
          { table: "requests", row: "received", col: "natural_person" },
        ],
      }),
      draft(),
      "2021",
    );
    expect(target).toEqual({ step: "requests", id: "cell-requests-received-natural_person" });
  });

  it("falls back to the total when a finding names only totals", () => {
    const target = findingTarget(finding({ cells: [{ table: "reviews", row: "reconsideration", col: "total" }] }), draft(), "2021");
    expect(target).toEqual({ step: "reviews", id: "cell-reviews-reconsideration-total" });
  });

  it("opens the text field holding a quoted sentence and selects it", () => {
    const target = findingTarget(
      finding({ ruleId: "narrative.contradicts-table", section: "overview", quote: "本年共收到申请 30 件。", cells: [{ table: "requests", row: "received", col: "total" }] }),
      draft(),
      "2021",
    );
    expect(target).toEqual({ step: "overview", id: "field-sections-overview-1-text", select: "本年共收到申请 30 件。" });
  });

  it("sends section and date findings to their fields", () => {
    expect(findingTarget(finding({ ruleId: "section.missing", section: "other" }), draft(), "2021")).toEqual({ step: "other", id: "field-sections-other" });
    expect(findingTarget(finding({ ruleId: "stated.date-late" }), draft(), "2021")).toEqual({ step: "basic", id: BASIC_TARGETS.date });
  });

  it("points preface findings at the preface choice while the standard preface is used", () => {
    const standard = findingTarget(finding({ ruleId: "stated.preface-parts", quote: "…" }), draft(), "2021");
    expect(standard).toEqual({ step: "basic", id: BASIC_TARGETS.prefaceChoice });
    const custom = { ...draft(), preface: "本报告……《示例市 2020 年报告》……" };
    expect(findingTarget(finding({ ruleId: "stated.preface-title", quote: "《示例市 2020 年报告》" }), custom, "2021")).toEqual({
      step: "basic",
      id: BASIC_TARGETS.preface,
      select: "《示例市 2020 年报告》",
    });
  });
});
