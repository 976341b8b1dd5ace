import { describe, expect, it } from "vitest";
import { prepareReport, type PreparedReport } from "../report/prepare-report";
import { buildSampleReport } from "../report/sample-report";
import type { TReportInput } from "../report/schema";
import { checkReport } from "./check-report";
import { crossYearStatus } from "./cross-year";

function prepared(input: TReportInput): PreparedReport {
  const result = prepareReport(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.report;
}

type Rows = Record<string, Record<string, number>>;

/** This year's report and last year's, whose 结转下年度 does not match this year's 上年结转 (C6). */
function pair(lastAgency = "示例市公安局", lastYear = 2022) {
  const current = buildSampleReport({ year: 2023, withTotals: true, seed: 3 });
  const last = buildSampleReport({ agency: lastAgency, year: lastYear, withTotals: true, seed: 5 });
  const forward = (last.tables!.requests as unknown as Rows).carried_forward;
  forward.natural_person = Number(forward.natural_person) + 7;
  return { current: prepared(current), last: prepared(last) };
}

const crossYear = (report: PreparedReport, previous: PreparedReport) => checkReport(report, { previous }).filter((f) => f.ruleId.startsWith("crossyear."));

describe("the cross-year guard", () => {
  it("runs the cross-year rules on the same agency's report for the year before", () => {
    const { current, last } = pair();
    expect(crossYearStatus(current, last)).toEqual({ compared: true });
    expect(crossYear(current, last).map((f) => f.ruleId)).toContain("crossyear.carried-over");
  });

  it("sets aside another agency's report, naming both, and runs no cross-year rule", () => {
    const { current, last } = pair("示例县教育局");
    expect(crossYearStatus(current, last)).toEqual({
      compared: false,
      reason: "agency",
      message: "所给上年报告为「示例县教育局」2022 年度，本报告为「示例市公安局」2023 年度，不是同一机关，未检查跨年数据。",
    });
    expect(crossYear(current, last)).toEqual([]);
  });

  it("sets aside a report of another year than the one before", () => {
    for (const year of [2021, 2023, 2024]) {
      const { current, last } = pair("示例市公安局", year);
      const status = crossYearStatus(current, last);
      expect(status).toMatchObject({ compared: false, reason: "year" });
      expect(status.compared === false && status.message).toContain(`「示例市公安局」${year} 年度`);
      expect(crossYear(current, last)).toEqual([]);
    }
  });

  it("does not count white space in the agency's name, and says when there is no report of last year", () => {
    const { current, last } = pair("示例市 公安局");
    expect(crossYearStatus(current, last)).toEqual({ compared: true });
    expect(crossYearStatus(current, undefined)).toEqual({ compared: false, reason: "none", message: "未提供示例市公安局 2022 年度的报告，未检查跨年数据。" });
  });
});
