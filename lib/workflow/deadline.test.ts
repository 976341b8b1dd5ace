import { describe, expect, it } from "vitest";
import { daysLate, daysUntilDeadline, deadlineIsoDate, deadlineDateText, deadlineRule, publicationDeadline, suggestAgencyKind } from "./deadline";

describe("statutory deadline (条例第四十九条)", () => {
  it("follows the agency's kind: 1月31日 for departments, 3月31日 for governments, end of the day in China time", () => {
    expect(publicationDeadline("DEPARTMENT", 2025).toISOString()).toBe("2026-01-31T15:59:59.000Z");
    expect(publicationDeadline("GOVERNMENT", 2025).toISOString()).toBe("2026-03-31T15:59:59.000Z");
    expect([deadlineIsoDate("GOVERNMENT", 2025), deadlineDateText("DEPARTMENT", 2025)]).toEqual(["2026-03-31", "2026年1月31日"]);
    expect(deadlineRule("DEPARTMENT")).toBe("条例第四十九条：县级以上人民政府部门 1月31日前");
    expect(deadlineRule("GOVERNMENT")).toBe("条例第四十九条：人民政府 3月31日前");
  });

  it("counts days left with today included, and days overdue from the day after (never −0)", () => {
    expect(daysUntilDeadline("DEPARTMENT", 2025, new Date("2026-01-21T02:00:00Z"))).toBe(11);
    expect(daysUntilDeadline("DEPARTMENT", 2025, new Date("2026-01-31T02:00:00Z"))).toBe(1);
    expect(daysUntilDeadline("DEPARTMENT", 2025, new Date("2026-02-01T02:00:00Z"))).toBe(-1);
    expect(daysUntilDeadline("GOVERNMENT", 2025, new Date("2026-02-01T02:00:00Z"))).toBe(59);
    expect(daysLate("DEPARTMENT", 2025, new Date("2026-02-03T02:00:00Z"))).toBe(3);
    expect(daysLate("GOVERNMENT", 2025, new Date("2026-02-03T02:00:00Z"))).toBe(0);
  });

  it("suggests a kind from the name only as a default", () => {
    expect(suggestAgencyKind("示例市人民政府")).toBe("GOVERNMENT");
    expect(suggestAgencyKind(" 示例市东区人民政府 ")).toBe("GOVERNMENT");
    expect(suggestAgencyKind("示例市人民政府办公室")).toBe("DEPARTMENT");
    expect(suggestAgencyKind("示例市公安局")).toBe("DEPARTMENT");
  });
});
