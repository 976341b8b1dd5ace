import { describe, expect, it } from "vitest";
import { availableTransitions, daysUntilDeadline, publicationDeadline, requiredText, submissionProblem } from "./transitions";

describe("workflow transitions", () => {
  it("lets editors submit drafts and returned reports, and reviewers return, approve and publish", () => {
    expect(availableTransitions("DRAFT", "EDITOR")).toEqual(["submit"]);
    expect(availableTransitions("RETURNED", "EDITOR")).toEqual(["submit"]);
    expect(availableTransitions("SUBMITTED", "EDITOR")).toEqual([]);
    expect(availableTransitions("SUBMITTED", "REVIEWER")).toEqual(["return", "approve"]);
    expect(availableTransitions("APPROVED", "REVIEWER")).toEqual(["publish"]);
    expect(availableTransitions("APPROVED", "EDITOR")).toEqual([]);
    expect(availableTransitions("PUBLISHED", "EDITOR")).toEqual(["startCorrection"]);
    expect(availableTransitions("SUBMITTED", "ADMIN")).toEqual([]);
  });

  it("blocks submission on errors and asks for a reason when there are warnings", () => {
    expect(submissionProblem({ errors: 2, warnings: 0 }, "理由")).toContain("2 个错误");
    expect(submissionProblem({ errors: 0, warnings: 3 }, " ")).toContain("3 个警告");
    expect(submissionProblem({ errors: 0, warnings: 3 }, "空白单元格均为本年未发生的事项")).toBeNull();
    expect(submissionProblem({ errors: 0, warnings: 0 }, undefined)).toBeNull();
  });

  it("requires a reason text of reasonable length", () => {
    expect(requiredText("", "退回理由")).toContain("请填写退回理由");
    expect(requiredText("表三总计有误", "退回理由")).toBeNull();
  });

  it("knows the statutory deadlines: 1月31日 for departments, 3月31日 for governments", () => {
    expect(publicationDeadline("示例市公安局", 2025).toISOString()).toBe("2026-01-31T15:59:59.000Z");
    expect(publicationDeadline("示例市人民政府", 2025).toISOString()).toBe("2026-03-31T15:59:59.000Z");
    expect(daysUntilDeadline("示例市公安局", 2025, new Date("2026-01-21T02:00:00Z"))).toBe(11);
    expect(daysUntilDeadline("示例市公安局", 2025, new Date("2026-02-02T02:00:00Z"))).toBeLessThan(0);
  });
});
