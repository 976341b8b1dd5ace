import { describe, expect, it } from "vitest";
import { TEMPLATES } from "../../templates";
import { checkReport } from "../rules/check-report";
import type { Finding } from "../rules/types";
import { loadSeed } from "../test-support/seeds";
import { newReportContent } from "../report/new-report";
import { prepareReport } from "../report/prepare-report";
import { buildSampleReport } from "../report/sample-report";
import { sectionHeading } from "../template/cells";
import { adjacentSteps, cellInputId, isWizardStepId, stepOfFinding, stepPath, stepStatuses, WIZARD_STEPS } from "./wizard-steps";

const finding = (over: Partial<Finding>): Finding => ({ ruleId: "x", severity: "error", message: "", cells: [], ...over });

describe("WIZARD_STEPS", () => {
  it("has one step per part of the report, in order, each with a URL", () => {
    expect(WIZARD_STEPS.map((s) => s.id)).toEqual(["basic", "overview", "proactive", "requests", "reviews", "problems", "other", "check"]);
    expect(stepPath("r 1", "requests")).toBe("/workspace/reports/r%201/edit/requests");
    expect(isWizardStepId("reviews")).toBe(true);
    expect(isWizardStepId("admin")).toBe(false);
    expect(adjacentSteps("basic")).toMatchObject({ previous: undefined, next: { id: "overview" } });
    expect(adjacentSteps("check").next).toBeUndefined();
    expect(cellInputId({ table: "requests", row: "received", col: "total" })).toBe("cell-requests-received-total");
  });

  it.each(Object.values(TEMPLATES).map((t) => [t.version, t] as const))("titles each section step with the %s template's heading", (_, template) => {
    const sectionSteps = WIZARD_STEPS.filter((s) => s.section);
    expect(sectionSteps.map((s) => s.section)).toEqual(template.sections.map((s) => s.id));
    for (const step of sectionSteps) {
      const section = template.sections.find((s) => s.id === step.section)!;
      expect(step.title).toBe(sectionHeading(section));
      expect(step.table).toBe(section.content.kind === "table" ? section.content.table : undefined);
    }
  });

  it("lists the steps by their short labels", () => {
    expect(WIZARD_STEPS.map((s) => s.label)).toEqual([
      "基本信息",
      "一、总体情况",
      "二、主动公开",
      "三、收到和处理申请",
      "四、复议诉讼",
      "五、问题及改进",
      "六、其他事项",
      "检查与预览",
    ]);
  });
});

describe("stepOfFinding", () => {
  it.each([
    [finding({ ruleId: "requests.balance", cells: [{ table: "requests", row: "received", col: "natural_person" }] }), "requests"],
    [finding({ ruleId: "reviews.group-total", cells: [{ table: "reviews", row: "reconsideration", col: "total" }] }), "reviews"],
    [finding({ ruleId: "value.blank", cells: [{ table: "proactive", row: "fees", col: "amount" }] }), "proactive"],
    [finding({ ruleId: "section.missing", section: "other" }), "other"],
    [finding({ ruleId: "overview.topics-missing", section: "overview" }), "overview"],
    // A narrative number contradicting table 3 is fixed in the text where it was written.
    [
      finding({ ruleId: "narrative.contradicts-table", section: "problems", quote: "…", cells: [{ table: "requests", row: "received", col: "total" }] }),
      "problems",
    ],
    // The same in the preface (no section) is fixed on 基本信息.
    [finding({ ruleId: "narrative.contradicts-table", quote: "…", cells: [{ table: "requests", row: "received", col: "total" }] }), "basic"],
    [finding({ ruleId: "stated.heading-missing", section: "other" }), "basic"],
    [finding({ ruleId: "stated.date-late" }), "basic"],
    [finding({ ruleId: "format.version-mismatch" }), "basic"],
    [finding({ ruleId: "reference.unknown", quote: "{{x.y.z}}" }), "basic"],
  ] as const)("sends %j to %s", (f, step) => {
    expect(stepOfFinding(f)).toBe(step);
  });

  it("places every finding of the published seeds on a step", () => {
    const report = loadSeed("004_f8f28e4c849350e4");
    const steps = checkReport(report).map(stepOfFinding);
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) expect(isWizardStepId(step)).toBe(true);
  });
});

describe("stepStatuses", () => {
  it("counts errors and warnings per step and marks filled steps without errors done", () => {
    const input = buildSampleReport({ year: 2023 });
    (input.tables!.requests as Record<string, Record<string, unknown>>).received.natural_person = 999;
    const result = prepareReport(input);
    if (!result.ok) throw new Error("sample does not validate");
    const findings = checkReport(result.report);
    const statuses = stepStatuses(findings, result.report.input);
    expect(statuses.requests.errors).toBeGreaterThan(0);
    expect(statuses.requests.done).toBe(false);
    expect(statuses.reviews).toEqual({ errors: 0, warnings: 0, done: true });
    expect(statuses.basic.done).toBe(true);
    expect(statuses.check.errors).toBe(findings.filter((f) => f.severity === "error").length);
    expect(statuses.check.done).toBe(false);
  });

  it("marks nothing done on a new report", () => {
    const input = newReportContent({ agency: "示例市公安局", year: 2023 });
    const result = prepareReport(input);
    if (!result.ok) throw new Error("new report does not validate");
    const statuses = stepStatuses(checkReport(result.report), result.report.input);
    expect(Object.values(statuses).some((s) => s.done)).toBe(false);
    expect(statuses.other.errors).toBe(1);
  });
});
