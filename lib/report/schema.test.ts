import { describe, expect, it } from "vitest";
import { describeInputIssue } from "./describe-input-issue";
import { prepareReport } from "./prepare-report";
import { CELL_VALUE_MAX } from "./schema";

/** A 2019-format report (it has count, signed and money cells) with one cell set. */
function withCell(path: string, value: unknown) {
  const [table, row, col] = path.split(".");
  return { agency: "示例市公安局", year: 2020, tables: { [table]: { [row]: { [col]: value } } } };
}

function issuesOf(path: string, value: unknown, mode: "draft" | "strict") {
  const result = prepareReport(withCell(path, value), mode);
  return result.ok ? [] : result.issues;
}

const COUNT = "requests.received.natural_person";
const SIGNED = "proactive.other_services.change";
const MONEY = "proactive.procurement.amount";

describe("the bound of a cell (10^9; 10^9 万元 for amounts)", () => {
  it.each(["draft", "strict"] as const)("rejects counts above 10^9 and unsafe integers with the cell's JSON path, one issue each (%s)", (mode) => {
    for (const value of [1_000_000_001, 1e20, 9007199254740993, Number.MAX_VALUE]) {
      expect(issuesOf(COUNT, value, mode), String(value)).toEqual([{ path: `tables.${COUNT}`, message: "数值过大：不能大于 1000000000（10 亿）。" }]);
    }
    expect(issuesOf(SIGNED, -1_000_000_001, mode)).toEqual([{ path: `tables.${SIGNED}`, message: "数值过小：不能小于 -1000000000（负 10 亿）。" }]);
    expect(issuesOf(SIGNED, 1e20, mode)).toEqual([{ path: `tables.${SIGNED}`, message: "数值过大：不能大于 1000000000（10 亿）。" }]);
    expect(issuesOf(MONEY, 1e20, mode)).toEqual([{ path: `tables.${MONEY}`, message: "金额过大：不能大于 1000000000 万元。" }]);
    expect(issuesOf(MONEY, 1_000_000_000.5, mode)).toEqual([{ path: `tables.${MONEY}`, message: "金额过大：不能大于 1000000000 万元。" }]);
  });

  it.each(["draft", "strict"] as const)("accepts values up to the bound, amounts with their decimals (%s)", (mode) => {
    expect(issuesOf(COUNT, CELL_VALUE_MAX, mode)).toEqual([]);
    expect(issuesOf(COUNT, 0, mode)).toEqual([]);
    expect(issuesOf(SIGNED, -CELL_VALUE_MAX, mode)).toEqual([]);
    expect(issuesOf(MONEY, 999_999_999.9999, mode)).toEqual([]);
    expect(issuesOf(MONEY, 3414.41, mode)).toEqual([]);
    expect(issuesOf(MONEY, "3414.4125", mode)).toEqual([]);
    expect(issuesOf(MONEY, CELL_VALUE_MAX, mode)).toEqual([]);
  });

  it("holds cells written as text to the bound by the value they stand for (draft)", () => {
    expect(issuesOf(COUNT, "1000000001", "draft")).toEqual([{ path: `tables.${COUNT}`, message: "数值过大：不能大于 1000000000（10 亿）。" }]);
    expect(issuesOf(COUNT, "１，０００，０００，００１件", "draft")).toEqual([{ path: `tables.${COUNT}`, message: "数值过大：不能大于 1000000000（10 亿）。" }]);
    expect(issuesOf(SIGNED, "减1000000001", "draft")).toEqual([{ path: `tables.${SIGNED}`, message: "数值过小：不能小于 -1000000000（负 10 亿）。" }]);
    expect(issuesOf(MONEY, "100000000000000元", "draft")).toEqual([{ path: `tables.${MONEY}`, message: "金额过大：不能大于 1000000000 万元。" }]);
    // 10 万亿元 is 10^9 万元: at the bound. Text the rules read or report stays theirs.
    expect(issuesOf(MONEY, "10000000000000元", "draft")).toEqual([]);
    expect(issuesOf(MONEY, "2791.3万元", "draft")).toEqual([]);
    expect(issuesOf(COUNT, "减2", "draft")).toEqual([]);
    expect(issuesOf(COUNT, "很多", "draft")).toEqual([]);
    // Canonical amounts as strings are held to it too.
    expect(issuesOf(MONEY, "1000000001", "strict")).toEqual([{ path: `tables.${MONEY}`, message: "金额过大：不能大于 1000000000 万元。" }]);
  });

  it("shows the bound's Chinese message as it is (the app's wording of input issues)", () => {
    const [issue] = issuesOf(MONEY, 1e20, "draft");
    expect(describeInputIssue(issue, "2019")).toEqual({
      path: `tables.${MONEY}`,
      location: expect.stringContaining("采购总金额"),
      message: "金额过大：不能大于 1000000000 万元。",
    });
    const [count] = issuesOf(COUNT, 9007199254740993, "draft");
    expect(describeInputIssue(count, "2019").message).toBe("数值过大：不能大于 1000000000（10 亿）。");
  });

  it("names a text cell's real fault instead of its type when a number would also fit (draft)", () => {
    expect(issuesOf(COUNT, "x".repeat(61), "draft")).toEqual([{ path: `tables.${COUNT}`, message: "Too big: expected string to have <=60 characters" }]);
    expect(issuesOf(COUNT, true, "draft")).toEqual([{ path: `tables.${COUNT}`, message: "Invalid input: expected number, received boolean" }]);
  });
});
