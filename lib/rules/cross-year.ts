import type { PreparedReport } from "../report/prepare-report";

/*
 * The cross-year guard (issue 12.4): rules that compare with last year's report (C6–C8, the
 * narrative's 同比) run only on the same agency's report for exactly the previous year. Any
 * other report given as last year's — another agency's, the wrong year — would turn every
 * carry-over into a false error, so it is set aside, and the output says why.
 */

export type CrossYearStatus =
  | { compared: true }
  | {
      compared: false;
      /** none: no report of last year was given (or found); agency / year: one was, but it is not last year's. */
      reason: "none" | "agency" | "year";
      /** Why, in Chinese, naming both reports. */
      message: string;
    };

/** An agency name as compared: white space (including full-width) does not count. */
function agencyKey(name: string): string {
  return name.replace(/[\s\u3000]+/g, "");
}

/** Whether `previous` is the same agency's report for the year before `report`'s, and if not, why. */
export function crossYearStatus(report: PreparedReport, previous: PreparedReport | undefined): CrossYearStatus {
  const { agency, year } = report.input;
  if (!previous) return { compared: false, reason: "none", message: `未提供${agency} ${year - 1} 年度的报告，未检查跨年数据。` };
  const before = previous.input;
  const named = `所给上年报告为「${before.agency}」${before.year} 年度，本报告为「${agency}」${year} 年度`;
  if (agencyKey(before.agency) !== agencyKey(agency)) {
    return { compared: false, reason: "agency", message: `${named}，不是同一机关，未检查跨年数据。` };
  }
  if (before.year !== year - 1) {
    return { compared: false, reason: "year", message: `${named}，不是上一年度，未检查跨年数据。` };
  }
  return { compared: true };
}

/** Last year's report when the cross-year rules may use it, else undefined. */
export function usablePrevious(report: PreparedReport, previous: PreparedReport | undefined): PreparedReport | undefined {
  return crossYearStatus(report, previous).compared ? previous : undefined;
}
