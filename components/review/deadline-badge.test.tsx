import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DeadlineBadge, deadlineText } from "./deadline-badge";

describe("DeadlineBadge", () => {
  it("says how many days are left, today, or how long overdue", () => {
    expect([deadlineText(30), deadlineText(0), deadlineText(-3)]).toEqual(["剩 30 天", "今天截止", "已逾期 3 天"]);
  });

  it("marks ≤ 7 days and overdue as urgent in words as well as colour", () => {
    expect(renderToStaticMarkup(<DeadlineBadge daysLeft={8} />)).not.toMatch(/紧急|逾期/);
    expect(renderToStaticMarkup(<DeadlineBadge daysLeft={7} />)).toContain("紧急");
    expect(renderToStaticMarkup(<DeadlineBadge daysLeft={-2} />)).toContain("逾期");
  });
});
