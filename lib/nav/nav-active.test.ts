import { expect, it } from "vitest";
import { isNavActive } from "./nav-active";

it("marks a section for its pages, and a report's review page as 审核队列's", () => {
  expect(isNavActive("/workspace/reports", "/workspace/reports")).toBe(true);
  expect(isNavActive("/workspace/reports", "/workspace/reports/r1/edit/check")).toBe(true);
  expect(isNavActive("/workspace/reports", "/workspace/reports/r1/review")).toBe(false);
  expect(isNavActive("/workspace/review", "/workspace/reports/r1/review")).toBe(true);
  expect(isNavActive("/workspace/review", "/workspace/review")).toBe(true);
  expect(isNavActive("/workspace/review", "/workspace/reports")).toBe(false);
  expect(isNavActive("/workspace/admin/users", "/workspace/admin/agencies")).toBe(false);
  expect(isNavActive("/workspace/reports", "/workspace/reportsx")).toBe(false);
});
