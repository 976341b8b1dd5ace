import { describe, expect, it } from "vitest";
import { notificationHref, readOnlyMessage, unreadBadgeText } from "./workflow-messages";

describe("readOnlyMessage", () => {
  it("tells the editor why the report is locked and what comes next", () => {
    expect(readOnlyMessage("SUBMITTED", true)).toMatch(/已提交审核.*退回后可以继续修改/);
    expect(readOnlyMessage("APPROVED", true)).toMatch(/审核通过.*等待发布/);
    expect(readOnlyMessage("PUBLISHED", true)).toMatch(/发起更正/);
  });

  it("tells anyone else that only the agency's editors may change it", () => {
    expect(readOnlyMessage("DRAFT", false)).toMatch(/只有本机关的填报人可以修改/);
    expect(readOnlyMessage("SUBMITTED", false)).toMatch(/只有本机关的填报人可以修改/);
  });
});

describe("notificationHref", () => {
  it("sends reviewers to the review page and editors to 检查与预览", () => {
    expect(notificationHref("REVIEWER", "r1")).toBe("/workspace/reports/r1/review");
    expect(notificationHref("EDITOR", "r1")).toBe("/workspace/reports/r1/edit/check");
    expect(notificationHref("ADMIN", "a/b")).toBe("/workspace/reports/a%2Fb/preview");
  });
});

describe("unreadBadgeText", () => {
  it("shows nothing for zero and caps at 99+", () => {
    expect(unreadBadgeText(0)).toBeNull();
    expect(unreadBadgeText(7)).toBe("7");
    expect(unreadBadgeText(120)).toBe("99+");
  });
});
