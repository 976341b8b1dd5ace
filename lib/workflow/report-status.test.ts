import { describe, expect, it } from "vitest";
import { ROLES } from "../auth/roles";
import { EDITABLE_STATUSES, isProgressStatus, isReportStatus, PROGRESS_STATUSES, progressStatusLabel, REPORT_STATUS, REPORT_STATUSES, statusLabel, statusTone } from "./report-status";
import { availableTransitions, TRANSITIONS } from "./transitions";

describe("statusTone", () => {
  it("marks a returned report for attention", () => {
    expect(statusTone("RETURNED")).toBe("warning");
    expect(statusTone("DRAFT")).toBe("neutral");
    expect(statusTone("PUBLISHED")).toBe("success");
  });
});

describe("report statuses", () => {
  it("have the workflow's Chinese names", () => {
    expect(REPORT_STATUSES.map(statusLabel)).toEqual(["草稿", "待审核", "退回修改", "审核通过", "已发布"]);
    expect(isReportStatus("APPROVED")).toBe(true);
    expect(isReportStatus("approved")).toBe(false);
  });

  it("with 未开始 for an agency without a report, name an agency's progress (oversight)", () => {
    expect(PROGRESS_STATUSES.map(progressStatusLabel)).toEqual(["未开始", "草稿", "待审核", "退回修改", "审核通过", "已发布"]);
    expect([isProgressStatus("NOT_STARTED"), isReportStatus("NOT_STARTED")]).toEqual([true, false]);
  });

  it("let the editor change content only in 草稿 and 退回修改", () => {
    expect(EDITABLE_STATUSES).toEqual(["DRAFT", "RETURNED"]);
  });

  it("the editable statuses are exactly the ones the editor submits from", () => {
    expect([...TRANSITIONS.submit.from].sort()).toEqual([...EDITABLE_STATUSES].sort());
  });

  it("await a reviewer exactly where a reviewer has a transition", () => {
    for (const status of REPORT_STATUSES) {
      expect(REPORT_STATUS[status].awaitsReviewer, status).toBe(availableTransitions(status, "REVIEWER").length > 0);
    }
  });

  it("every status can be reached or left by some role", () => {
    for (const status of REPORT_STATUSES) {
      const leaves = ROLES.some((role) => availableTransitions(status, role).length > 0);
      const reached = Object.values(TRANSITIONS).some((t) => t.to === status);
      expect(leaves || reached, status).toBe(true);
    }
  });
});
