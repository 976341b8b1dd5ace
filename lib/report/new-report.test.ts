import { describe, expect, it } from "vitest";
import { initialReportDate, newReportContent } from "./new-report";

describe("a new report's date", () => {
  it("is today once the report year has ended, and none while it runs", () => {
    expect(initialReportDate(2025, "2026-01-08")).toBe("2026-01-08");
    // Any day of the year itself would be stated.date-early: the figures are not complete.
    expect(initialReportDate(2026, "2026-12-31")).toBeUndefined();
    expect(initialReportDate(2026, undefined)).toBeUndefined();
  });

  it("is carried into the content, where the clerk can change it", () => {
    expect(newReportContent({ agency: "示例市公安局", year: 2025, today: "2026-01-08" }).date).toBe("2026-01-08");
    expect(newReportContent({ agency: "示例市公安局", year: 2026, today: "2026-12-04" })).not.toHaveProperty("date");
  });
});
