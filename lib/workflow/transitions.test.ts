import { describe, expect, it } from "vitest";
import { availableTransitions, canStartCorrection, correctionPath, requiredText, submissionProblem } from "./transitions";

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
});

describe("where 发起更正 is offered", () => {
  const editor = { role: "EDITOR" as const, agencyId: "police" };
  it("to the report's own editor, on a published report only", () => {
    expect(canStartCorrection(editor, { agencyId: "police", status: "PUBLISHED" })).toBe(true);
    for (const status of ["DRAFT", "SUBMITTED", "RETURNED", "APPROVED"] as const) expect(canStartCorrection(editor, { agencyId: "police", status })).toBe(false);
    expect(canStartCorrection(editor, { agencyId: "education", status: "PUBLISHED" })).toBe(false);
    expect(canStartCorrection({ role: "REVIEWER", agencyId: "police" }, { agencyId: "police", status: "PUBLISHED" })).toBe(false);
    expect(correctionPath("r-1")).toBe("/workspace/reports/r-1/edit/check#correction-title");
  });
});
